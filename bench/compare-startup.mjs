// Bench: wall time of `versus compare qwen llama --format md` against a bare `node -e 0`, in one run.
// Target (issue 2): at most 2× the bare node start. Usage: node bench/compare-startup.mjs [runs]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 30);
const bin = fileURLToPath(new URL('../bin/versus.cjs', import.meta.url));
const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'versus compare qwen llama --format md': [process.execPath, [bin, 'compare', 'qwen', 'llama', '--format', 'md']],
};

function time([cmd, args]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs + 3; i++) {
  // Interleave the cases so machine noise hits both alike; the first 3 rounds warm the file cache.
  for (const [name, c] of Object.entries(cases)) {
    const ms = time(c);
    if (i >= 3) samples[name].push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [base, target] = Object.keys(cases).map((k) => median(samples[k]));
for (const [name, xs] of Object.entries(samples)) console.log(`${name.padEnd(40)} median ${median(xs).toFixed(1)} ms over ${xs.length} runs`);
console.log(`ratio: ${(target / base).toFixed(2)}× bare node (target ≤ 2.00×)`);
