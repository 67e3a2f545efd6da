// Hostile input to the CLI: odd numbers for fit, hostile configs for ingest, broken suite and data files, text that is
// not text, files that never end. Every run exits 0, 1 or 2; a failure is one line naming what was wrong (a data file:
// its file, path and line), with no stack trace, and leaves the working folder as it was.
import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { brokenCopy, run } from '../helpers.js';

const LEAK = /\n\s+at [\w.$<>]+ \(|node:internal|node_modules|\.[jt]s:\d+:\d+|Maximum call stack|bad_alloc|Unexpected token/;
/** One line: `error[E_CODE]: …` or `error: …`, and nothing after it. */
const ONE_LINE = /^error(\[E_[A-Z_]+\])?: [^\n]+\n$/;

/** A fresh working folder; `snapshot` lists everything in it with its bytes. */
function workdir(): { cwd: string; snapshot: () => string } {
  const cwd = mkdtempSync(join(tmpdir(), 'versus-hostile-'));
  // Names and sizes (lstat: a link is itself, a loop is no error here).
  const snapshot = () => JSON.stringify(readdirSync(cwd, { recursive: true }).map(String).sort().map((f) => [f, lstatSync(join(cwd, f)).size]));
  return { cwd, snapshot };
}

/** What is wrong with a failed run (empty when it failed cleanly). */
function failure(r: { code: number; stdout: string; stderr: string }): string[] {
  const found: string[] = [];
  if (![1, 2].includes(r.code)) found.push(`exit ${r.code}`);
  if (!ONE_LINE.test(r.stderr)) found.push(`not one error line: ${JSON.stringify(r.stderr.slice(0, 400))}`);
  if (LEAK.test(r.stderr)) found.push(`leak: ${LEAK.exec(r.stderr)?.[0]}`);
  if (r.stdout !== '') found.push('output on failure');
  return found;
}

/** Runs the built CLI (bin/versus.cjs) as a user does: a crash of the process shows here, not only a thrown error. */
function spawnCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The cache folder (prices --refresh) is inside the working folder, so the snapshot sees anything written there.
    const env = { ...process.env, XDG_CACHE_HOME: join(cwd, 'cache') };
    execFile(process.execPath, [join(ROOT, 'bin', 'versus.cjs'), ...args], { cwd, env, timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Numbers fuzzers type: zero, negatives, overflow, not-a-number, doubled units, hex, fractions, padding, huge counts. */
const NUMBERS = ['0', '-1', '1', '2', '8', '1e309', '1e3', 'NaN', 'Infinity', '128k', '128kk', '4k', '1.5', '0.5', '1.5k', '0.1k', ' 4096', '0x10', '9'.repeat(30), '65536', '1025', '00008', '', '+2'];
const FIT_FLAGS = ['--context', '--gpus', '--concurrency', '--ngl', '--batched-tokens', '--max-seqs', '--ubatch', '--utilization', '--memory', '--bandwidth', '--flash-attn', '--engine', '--kv', '--precision'];

/** The whole number of tokens a --context value names, derived by hand (k, m binary), or NaN when it names none. */
function tokensOf(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : 1) : NaN;
  return Number.isInteger(n) && n > 0 ? n : NaN;
}

describe('versus fit with odd numbers', () => {
  const flags = fc.array(fc.tuple(fc.constantFrom(...FIT_FLAGS), fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom('vllm', 'llama.cpp', 'on', 'off', 'fp8', 'q4_0', 'bf16', 'q4-k-m', '<x>'))), { minLength: 1, maxLength: 3 });

  it('runs what it can compute exactly as asked, and refuses the rest in one line (exit 2)', async () => {
    await fc.assert(fc.asyncProperty(flags, async (pairs) => {
      const args = ['fit', 'qwen3.5-27b', '--gpu', 'h100', '--json', ...pairs.flatMap(([f, v]) => [`${f}=${v}`])];
      const r = await run(args);
      const label = JSON.stringify(args);
      if (r.code !== 0) {
        expect(failure(r), label).toEqual([]);
        expect(r.code, label).toBe(2); // every refusal here is about the input
        return;
      }
      // Whatever ran, ran with the numbers given: read the last of each flag by hand.
      const last = (flag: string) => pairs.filter(([f]) => f === flag).at(-1)?.[1];
      const report = JSON.parse(r.stdout) as { context: number; concurrency: number; gpu: { count: number }; options: { gpuLayers?: number } };
      const context = last('--context');
      if (context !== undefined) expect(report.context, label).toBe(tokensOf(context));
      const gpus = last('--gpus');
      if (gpus !== undefined) expect(report.gpu.count, label).toBe(Number(gpus));
      const ngl = last('--ngl');
      if (ngl !== undefined) expect(report.options.gpuLayers, label).toBe(Number(ngl));
    }), { numRuns: 300, seed: 20261207 });
  }, 120_000);

  it.each([
    ['--context', '1.5', '--context must be a positive number of tokens'], ['--context', '0.1k', '--context must be a positive number of tokens'],
    ['--gpus', '99999999999999999999', '--gpus must be a whole number from 1 to 1024'], ['--ngl', '10001', '--ngl must be a whole number from 0 to 10000'],
  ])('%s %s is refused: %s', async (flag, value, message) => {
    const r = await run(['fit', 'qwen3.5-27b', '--gpu', 'h100', flag, value]);
    expect(failure(r)).toEqual([]);
    expect(r.stderr).toContain(message);
  });
});

describe('versus ingest on hostile configs', () => {
  const odd = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(-4096, 0, 1e308, 2 ** 53 + 2, 1.5, 'Infinity', 'NaN', '', '32', null, true, [], {}, [1, 2]), fc.string({ maxLength: 6 }));
  const config = fc.record({
    num_hidden_layers: odd, hidden_size: odd, num_attention_heads: odd, num_key_value_heads: odd, head_dim: odd, vocab_size: odd, max_position_embeddings: odd,
    intermediate_size: odd, tie_word_embeddings: odd, layer_types: fc.oneof(odd, fc.array(fc.constantFrom('full_attention', 'sliding_attention', 'linear_attention', 'x'), { maxLength: 6 })),
    num_experts: odd, num_experts_per_tok: odd, sliding_window: odd, text_config: fc.oneof(fc.constant(undefined), fc.constant({ num_hidden_layers: -1 }), fc.constant('x')),
  }, { requiredKeys: [] });
  const args = ['--url', 'https://example.org/x/config.json', '--id', 'fuzz-x', '--license', 'apache-2.0', '--generation', 'qwen3.5', '--json'];

  /** Every number under `value` keys (what the draft asserts), wherever they sit. */
  const valueNumbers = (v: unknown, inValue = false): unknown[] => {
    if (typeof v === 'number') return inValue ? [v] : [];
    if (v === null || typeof v !== 'object') return inValue && typeof v !== 'string' && typeof v !== 'boolean' ? [v] : [];
    return Object.entries(v).flatMap(([k, x]) => valueNumbers(x, inValue || k === 'value'));
  };

  it('drafts an entry in which every number is finite and not negative, or says why it cannot (generated configs)', async () => {
    await fc.assert(fc.asyncProperty(config, async (c) => {
      const { cwd, snapshot } = workdir();
      mkdirSync(join(cwd, 'm'));
      writeFileSync(join(cwd, 'm', 'config.json'), JSON.stringify(c));
      const before = snapshot();
      const r = await run(['ingest', 'm', ...args], { cwd });
      const label = JSON.stringify(c);
      expect(snapshot(), label).toBe(before);
      if (r.code !== 0) return expect(failure(r), label).toEqual([]);
      const { model } = JSON.parse(r.stdout) as { model: { architecture: unknown; context: { native: unknown } } };
      // Every number the draft took from the config is finite and not negative; the rest is an explicit unknown.
      for (const n of valueNumbers([model.architecture, model.context.native])) expect(typeof n === 'number' && Number.isFinite(n) && n >= 0, `${String(n)} in ${label}`).toBe(true);
      const native = model.context.native as { value?: number; unknown?: string };
      const asked = (c as { max_position_embeddings?: unknown }).max_position_embeddings;
      if (Number.isSafeInteger(asked) && (asked as number) > 0) expect(native.value, label).toBe(asked);
      else expect(native.unknown, label).toMatch(/max_position_embeddings/);
    }), { numRuns: 150, seed: 20261208 });
  }, 120_000);
});

describe('versus eval on broken suite files', () => {
  const SUITE = 'suite: mine\ndescription: a suite\ntasks:\n  - id: a\n    prompt: What is 2 + 2?\n    graders:\n      - kind: numeric\n        expected: 4\n';
  // Each breaks the suite at a known line and path (counted by hand in SUITE above).
  const cases: [string, string, RegExp][] = [
    ['a wrong type', SUITE.replace('tasks:\n', 'tasks: 5\n').replace(/ {2}- id[\s\S]*/, ''), /^error\[E_SUITE\]: s\.yaml:3 {2}tasks: /],
    ['a duplicate key', SUITE.replace('    prompt:', '    id: b\n    prompt:'), /^error\[E_SUITE\]: s\.yaml:5 {2}tasks\[0\]\.id: the key "id" appears twice in one mapping; keep one\n$/],
    ['a grader of no kind', SUITE.replace('kind: numeric', 'type: numeric'), /^error\[E_SUITE\]: s\.yaml:7 {2}tasks\[0\]\.graders\[0\]\.kind: /],
    ['a number as the prompt', SUITE.replace('What is 2 + 2?', '[1, 2]'), /^error\[E_SUITE\]: s\.yaml:5 {2}tasks\[0\]\.prompt: /],
    ['an unknown key', SUITE.replace('    prompt:', '    promt: x\n    prompt:'), /^error\[E_SUITE\]: s\.yaml:5 {2}tasks\[0\]\.promt: unknown key "promt"/],
    ['an alias bomb', `x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n${Array.from({ length: 6 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(', ')}]`).join('\n')}\n${SUITE}`, /^error\[E_SUITE\]: s\.yaml:2 {2}\(file\): aliases expand to more than 10000 nodes/],
  ];

  it.each(cases)('%s is one line naming the file, the path and the line; no run starts, no database is written', async (_, text, message) => {
    const { cwd, snapshot } = workdir();
    writeFileSync(join(cwd, 's.yaml'), text);
    const before = snapshot();
    const r = await run(['eval', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--suite', 's.yaml'], { cwd });
    expect(failure(r)).toEqual([]);
    expect(r.stderr).toMatch(message);
    expect(snapshot()).toBe(before);
  });

  it('a suite that is not UTF-8 names the line of the first bad byte', async () => {
    const { cwd } = workdir();
    writeFileSync(join(cwd, 's.yaml'), Buffer.concat([Buffer.from('suite: mine\ntasks:\n  - id: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    const r = await run(['eval', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--suite', 's.yaml'], { cwd });
    expect(failure(r)).toEqual([]);
    // "suite: mine\n" is 12 bytes, "tasks:\n" 7, "  - id: " 8: the 0xff is at offset 27, on line 3.
    expect(r.stderr).toBe('error[E_SUITE]: s.yaml:3  (file): the file is not valid UTF-8 (byte 0xff at offset 27); save it as UTF-8\n');
  });
});

describe('malformed catalog files', () => {
  // Generated: a value of the wrong type, or a repeated key, somewhere in a model of the fixture catalog.
  const KEYS = ['name', 'generation', 'released', 'params', 'context', 'modalities', 'languages', 'license', 'tokenizer'];
  const alpha = readFileSync(join(ROOT, 'test', 'fixtures', 'catalog', 'families', 'alpha.yaml'), 'utf8');
  // The first model's block (alpha2-8b, models[0]): each of KEYS is one line in it.
  const first = alpha.slice(alpha.indexOf('  - id: alpha2-8b'), alpha.indexOf('\n  - id:', alpha.indexOf('  - id: alpha2-8b')));
  // Wrong for every one of KEYS (a name may be any string, so no strings here).
  const bad = fc.constantFrom('[1, 2]', '{ x: 1 }', '-5', '.inf', 'null', 'true', '[]');

  it('name the file, the path and the line of the mistake (generated mistakes)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...KEYS), bad, fc.boolean(), async (key, value, repeat) => {
      const find = new RegExp(`\\n {4}${key}: [^\\n]*\\n`).exec(first)![0];
      const replacement = repeat ? `${find}    ${key}: ${value}\n` : `\n    ${key}: ${value}\n`;
      const { dir, line } = brokenCopy({ file: 'families/alpha.yaml', find, replacement });
      const r = await run(['validate', '--data', dir]);
      const label = `${key}: ${value}${repeat ? ' (repeated)' : ''}`;
      expect(r.code, label).toBe(1);
      // The patch starts with the newline before the key: the key's own line is `line + 1`, a repeated one `line + 2`.
      const at = line + (repeat ? 2 : 1);
      const where = new RegExp(`families/alpha\\.yaml:${at} {2}models\\[0\\]\\.${key}(\\.[\\w.\\[\\]]+)?: `);
      expect(r.stderr, label).toMatch(where);
      expect(r.stderr, label).not.toMatch(LEAK);
      expect(r.stderr, label).toContain('Nothing was changed.');
    }), { numRuns: 80, seed: 20261209 });
  }, 120_000);
});

describe('text that is not text, and files that never end (the built CLI)', () => {
  it('versus tokens --text with a lone surrogate, or 10 MB of text, is refused before any tokenizer loads', async () => {
    for (const [text, message] of [['a\ud800b', '--text has a lone surrogate (U+D800) at character 2'], ['\udfff', '--text has a lone surrogate (U+DFFF) at character 1'], ['x'.repeat(10_000_000), '--text has 10,000,000 characters']] as const) {
      const r = await run(['tokens', '--text', text]);
      expect(failure(r), message).toEqual([]);
      expect(r.stderr).toContain(message);
    }
  });

  it('files that are devices, loops, folders, not UTF-8 or too large: one line each, exit 1 or 2, nothing written', async () => {
    const { cwd, snapshot } = workdir();
    writeFileSync(join(cwd, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1: 0xe9 is no UTF-8 start byte here
    mkdirSync(join(cwd, 'empty'));
    symlinkSync('loop-b', join(cwd, 'loop-a'));
    symlinkSync('loop-a', join(cwd, 'loop-b'));
    mkdirSync(join(cwd, 'zero'));
    symlinkSync('/dev/zero', join(cwd, 'zero', 'config.json'));
    writeFileSync(join(cwd, 'notes.txt'), 'not a database\n');
    writeFileSync(join(cwd, 'empty.db'), '');
    mkdirSync(join(cwd, 'tok', 'llama3'), { recursive: true });
    symlinkSync('/dev/zero', join(cwd, 'tok', 'llama3', 'tokenizer.model'));
    mkdirSync(join(cwd, 'utf16'));
    writeFileSync(join(cwd, 'utf16', 'config.json'), Buffer.from('\ufeff{"a": 1}', 'utf16le'));
    mkdirSync(join(cwd, 'deep'));
    writeFileSync(join(cwd, 'deep', 'config.json'), `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    mkdirSync(join(cwd, 'huge'));
    writeFileSync(join(cwd, 'huge', 'config.json'), JSON.stringify({ num_hidden_layers: 4, layer_types: Array(300_000).fill('full_attention') }));
    const before = snapshot();
    const cases: [string[], RegExp][] = [
      [['tokens', '--file', '/dev/zero'], /^error\[E_USAGE\]: --file \/dev\/zero has more than 1,048,576 bytes/],
      [['tokens', '--file', 'latin1.txt'], /^error\[E_USAGE\]: --file latin1\.txt: line 1: the file is not valid UTF-8 \(byte 0xe9 at offset 3\)/],
      [['tokens', '--file', 'loop-a'], /^error\[E_IO\]: cannot read --file loop-a: too many symbolic links/],
      [['audit', '/dev/zero'], /^error\[E_USAGE\]: \/dev\/zero is larger than/],
      [['ingest', 'zero', '--url', 'https://example.org/c.json'], /^error\[E_CONFIG\]: .*config\.json is larger than 4,000,000 bytes/],
      [['ingest', 'loop-a'], /^error\[E_IO\]: cannot read .*loop-a: too many symbolic links/],
      // UTF-16 starts with the bytes FF FE: not UTF-8 at offset 0.
      [['ingest', 'utf16', '--url', 'https://example.org/c.json'], /^error\[E_CONFIG\]: .*config\.json: line 1: the file is not valid UTF-8 \(byte 0xff at offset 0\)/],
      [['ingest', 'deep', '--url', 'https://example.org/c.json'], /^error\[E_CONFIG\]: .*config\.json is not a JSON object\.\n$/],
      // 300,000 × 17 bytes ("full_attention", and a comma) is 5.1 MB.
      [['ingest', 'huge', '--url', 'https://example.org/c.json'], /^error\[E_CONFIG\]: .*config\.json is larger than 4,000,000 bytes/],
      [['ingest', 'empty'], /^error\[E_IO\]: cannot read .*config\.json: no such file or folder \(ENOENT\)/],
      [['ingest', 'hf:../../x@main'], /^error\[E_USAGE\]: "hf:\.\.\/\.\.\/x@main" is not a Hugging Face reference/],
      [['ingest', 'hf:org/name@../../x'], /^error\[E_USAGE\]: "\.\.\/\.\.\/x" is not a revision/],
      [['ingest', 'hf:org/name@refs//x'], /^error\[E_USAGE\]: "refs\/\/x" is not a revision/],
      [['eval', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--suite', '/dev/zero.yaml'], /^error\[E_SUITE\]: Cannot read suite file \/dev\/zero\.yaml \(ENOENT\)/],
      [['validate', '--data', 'loop-a'], /^error\[E_IO\]: cannot use .*loop-a: too many symbolic links/],
      // Reading runs never creates, converts or migrates a file (an empty file became a 16 KB database before).
      [['compare', 'qwen', 'llama', '--runs', 'notes.txt'], /^error\[E_RUNS\]: .*notes\.txt is not a versus results database \(file is not a database\)/],
      [['compare', 'qwen', 'llama', '--runs', 'empty.db'], /^error\[E_RUNS\]: .*empty\.db is not a versus results database \(no such table: run\)/],
      [['serve', '--runs', 'empty.db', '--port', 'not-a-port'], /^error\[E_RUNS\]: .*empty\.db is not a versus results database/],
      [['eval', 'report', '--db', 'nodir/new.db'], /^error\[E_RUNS\]: No results database .*nodir\/new\.db/],
      [['eval', 'report', '--db', 'empty'], /^error\[E_RUNS\]: Cannot read the results database .*empty: /],
      // "http://[::1" passed a prefix check: a run of failed requests was stored.
      [['eval', '--endpoint', 'http://[::1', '--model', 'm', '--db', 'runs.db'], /^error\[E_USAGE\]: --endpoint must be an http\(s\) URL \(got "http:\/\/\[::1"\)\.\n$/],
      [['audit', 'notes.txt', '--endpoint', 'http://%zz', '--model', 'm'], /^error\[E_USAGE\]: --endpoint must be an http\(s\) URL/],
      // Hashing /dev/zero as a model never returned.
      [['eval', '--local', '/dev/zero', '--db', 'runs.db'], /^error\[E_LOCAL\]: \/dev\/zero is not a file; give a GGUF model file\.\n$/],
      [['tokens', '--tokenizer-dir', 'tok', '--text', 'hi', '--tokenizer', 'llama3'], /^error\[E_TOKENIZER_FILE\]: Tokenizer file .*tok\/llama3\/tokenizer\.model is corrupt: it is larger than 134,217,728 bytes/],
      [['tokens', '--results', '/dev/zero'], /^error\[E_MEASURED\]: \/dev\/zero is larger than 16,777,216 bytes/],
      [['prices', '--refresh', '--from', '/dev/zero'], /^error\[E_PRICES\]: Could not read prices from \/dev\/zero: the file is larger than 67,108,864 bytes\./],
      // The parser's message quoted the file, over two lines.
      [['prices', '--refresh', '--from', 'notes.txt'], /^error\[E_PRICES\]: Could not read prices from notes\.txt: it is not JSON\./],
      [['prices', '--refresh', '--from', 'loop-a'], /^error\[E_PRICES\]: Could not read prices from loop-a: too many symbolic links/],
    ];
    for (const [args, message] of cases) {
      const r = await spawnCli(args, cwd);
      expect(failure(r), args.join(' ')).toEqual([]);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    // A use-case file is a data file: its problems are listed as the catalog's are (file, path, line), then "Nothing was changed".
    const useCases = await spawnCli(['recommend', '--file', '/dev/zero'], cwd);
    expect(useCases.code).toBe(1);
    expect(useCases.stderr).toMatch(/^error\[E_CATALOG\]: The catalog has 1 problem:\n {2}\/dev\/zero {2}\(file\): the file is larger than 1048576 bytes; a data file is at most that\n/);
    expect(useCases.stderr).not.toMatch(LEAK);
    expect(snapshot()).toBe(before);
  }, 120_000);
});
