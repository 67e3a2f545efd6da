// Property-based test of every CLI command: generated hostile arguments never crash, never print a stack trace,
// and a run that fails leaves the working folder exactly as it was.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXTURE_DIR, run } from '../helpers.js';

const COMMANDS = ['build-site', 'compare', 'fit', 'license', 'models', 'recommend', 'serve', 'show', 'tokens', 'validate'];
const NOT_COMMANDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '-x', '--', 'comapre', '<script>x</script>', 'a'.repeat(300)];
const FLAGS = ['--out', '--data', '--format', '--text', '--file', '--lang', '--all', '--tokenizer', '--json', '--gpu', '--gpus', '--context', '--region', '--mau',
  '--family', '--use-case', '--generation', '--languages', '--port', '--host', '--results', '--weights', '--modalities', '--kv', '--precision', '--concurrency',
  '--memory', '--bandwidth', '--distribute', '--end-user', '--strict', '--help', '-h', '--bogus'];
const VALUES = ['', ' ', 'nodir/x.md', 'emptydir', 'afile', '/dev/full', 'alpha', 'beta', 'alpha2-8b', 'beta1-27b', 'qwen', 'llama', 'fx-80', 'h100', '-5', '0', '1e999', 'NaN',
  '__proto__', 'constructor', '<script>x</script>', '../afile', 'md', 'json', 'html', 'hin', 'ja,hi', 'EU', '128k', '24GiB', 'a=1', ',,,', '%00', '\u0000', '\u202e', 'x'.repeat(2000)];

const token = fc.oneof(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }));
const argv = fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: fc.constantFrom(...NOT_COMMANDS) }), fc.array(token, { maxLength: 6 }))
  .map(([command, args]) => {
    // Bounded work: serve is given a port it must refuse (it would otherwise run until Ctrl-C), and counting a
    // text is stopped at an unknown tokenizer (loading real tokenizers takes seconds; their limits have own tests).
    if (command === 'serve') return [command, ...args, '--port', 'not-a-port'];
    if (command === 'tokens' && args.some((a) => a === '--text' || a === '--file')) return [command, ...args, '--tokenizer', 'no-such-tokenizer'];
    if (command === 'build-site') return [command, '--data', FIXTURE_DIR, ...args];
    return [command, ...args];
  });

const STACK = /\n\s+at [\w.<>]+ \(|internal error|node_modules/;
const figures = { runs: 0, exit: {} as Record<number, number>, stackTraces: 0, writtenOnError: 0 };
afterAll(() => console.log(`CLI property figures: ${JSON.stringify(figures)}`));

/** A working folder with a file and an empty folder; returns a snapshot function of everything in it. */
function workdir(): { cwd: string; snapshot: () => string } {
  const cwd = mkdtempSync(join(tmpdir(), 'versus-cli-prop-'));
  writeFileSync(join(cwd, 'afile'), 'keep me');
  mkdirSync(join(cwd, 'emptydir'));
  const snapshot = () => JSON.stringify(readdirSync(cwd, { recursive: true }).map(String).sort().map((f) => [f, f === 'afile' ? readFileSync(join(cwd, f), 'utf8') : '']));
  return { cwd, snapshot };
}

beforeEach(() => {
  vi.stubEnv('VERSUS_TOKENIZER_DIR', '');
});

describe('generated CLI runs', () => {
  it('exit 0, 1 or 2 with a clear message; no stack trace; nothing written when a run fails', async () => {
    await fc.assert(fc.asyncProperty(argv, async (args) => {
      const { cwd, snapshot } = workdir();
      const before = snapshot();
      const r = await run(args, { cwd });
      figures.runs++;
      figures.exit[r.code] = (figures.exit[r.code] ?? 0) + 1;
      const label = JSON.stringify(args).slice(0, 300);
      expect([0, 1, 2], `${label}\n${r.stderr}`).toContain(r.code);
      if (STACK.test(r.stderr)) figures.stackTraces++;
      expect(r.stderr, label).not.toMatch(STACK);
      if (r.code !== 0) {
        if (snapshot() !== before) figures.writtenOnError++;
        expect(snapshot(), label).toBe(before);
        expect(r.stderr.trim().length, label).toBeGreaterThan(0);
      }
    }), { numRuns: 250, seed: 20261203 });
  }, 240_000);
});
