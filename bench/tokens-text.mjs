// Bench: `versus tokens --text` on one sentence against bare `node -e 0`, in one run: wall time (median of
// RUNS) and peak RSS per case, as ratios to the baseline. Targets (issue 14): ≤ 4× the time, ≤ 250 MiB.
// The tokenizer files must be in the cache first (this script runs `versus tokens --text hi` once to fetch
// them); set VERSUS_CACHE_DIR to use another cache. Usage: node bench/tokens-text.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 5);
const SENTENCE = 'The quick brown fox jumps over the lazy dog, and the dog does not mind.';
const dir = mkdtempSync(join(tmpdir(), 'versus-bench-'));
// Loaded before the program: at exit, the process's peak resident set (KiB) goes to the file named by $BENCH_RSS.
const probe = join(dir, 'rss.cjs');
writeFileSync(probe, "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");

function once(args) {
  const rss = join(dir, 'rss.txt');
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, ...args], { cwd: root, env: { ...process.env, BENCH_RSS: rss }, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, kib: Number(readFileSync(rss, 'utf8')), stdout: r.stdout };
}

function measure(args) {
  const runs = Array.from({ length: RUNS }, () => once(args));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { ms, mib: Math.max(...runs.map((r) => r.kib)) / 1024, stdout: runs[0].stdout };
}

const versus = (...a) => [join(root, 'bin', 'versus.cjs'), ...a];
once(versus('tokens', '--text', 'hi')); // fills the cache (downloads on a first run), not timed

const base = measure(['-e', '0']);
const cases = [
  ['compare qwen llama', versus('compare', 'qwen', 'llama')],
  ...['llama3', 'llama4', 'mistral-tekken', 'o200k-harmony', 'qwen3.5', 'qwen2', 'deepseek-v3', 'gemma3'].map((id) => [`tokens --text … --tokenizer ${id}`, versus('tokens', '--text', SENTENCE, '--tokenizer', id)]),
  ['tokens --text … (every tokenizer)', versus('tokens', '--text', SENTENCE)],
];
console.log(`node ${process.version}, ${RUNS} runs each, median wall time; peak RSS is the largest of the runs`);
console.log(`${'case'.padEnd(44)} ${'ms'.padStart(7)} ${'× node -e 0'.padStart(12)} ${'peak MiB'.padStart(9)}  targets ≤ 4×, ≤ 250 MiB`);
console.log(`${'node -e 0 (baseline)'.padEnd(44)} ${base.ms.toFixed(0).padStart(7)} ${'1.00×'.padStart(12)} ${base.mib.toFixed(0).padStart(9)}`);
for (const [name, args] of cases) {
  const m = measure(args);
  const ratio = m.ms / base.ms;
  const ok = ratio <= 4 && m.mib <= 250 ? 'ok' : 'over';
  console.log(`${name.padEnd(44)} ${m.ms.toFixed(0).padStart(7)} ${`${ratio.toFixed(2)}×`.padStart(12)} ${m.mib.toFixed(0).padStart(9)}  ${ok}`);
}
