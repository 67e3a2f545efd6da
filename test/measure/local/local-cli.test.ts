// versus eval --local: a GGUF file measured in this process exactly as an endpoint is, stored with its engine and sha256.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bpeEncoder } from '../../../src/measure/local/bpe.js';
import { ensureTinyModel, tinyVocabulary } from '../../../src/measure/local/tiny-model.js';
import { run } from '../../helpers.js';

interface Stored {
  runs: { endpoint: string; requestedModel: string; reproduce: string; settings: { local: { sha256: string; engine: string; threads: number } }; summary: { suite: string; concurrency: number; tasks: number; errors: number }[]; results: { suite: string; prompt: string; promptTokens: number; completionTokens: number }[] }[];
}

describe('versus eval --local', () => {
  it('runs suites and the speed curve on a GGUF file, with inputs of exact length by its own tokenizer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-local-'));
    const file = ensureTinyModel({ VERSUS_CACHE_DIR: join(dir, 'cache') });
    const db = join(dir, 'runs.db');
    const r = await run(['eval', '--local', file.path, '--suite', 'smoke,speed', '--concurrency', '1,2', '--requests', '2', '--input', '40', '--output', '8', '--threads', '1', '--db', db, '--json']);
    expect(r.stderr).toContain('speed inputs: exact: counted with the model\'s own tokenizer (node-llama-cpp 3.21.1)');
    expect(r.code).toBe(0);
    const one = (JSON.parse(r.stdout) as Stored).runs[0];
    expect(one?.endpoint).toBe(`file://${file.path}`);
    expect(one?.requestedModel).toBe('versus tiny test model');
    expect(one?.settings.local).toEqual({ file: file.path.split('/').at(-1), sha256: file.sha256, engine: 'node-llama-cpp 3.21.1', threads: 1 });
    expect(one?.summary.map((s) => [s.suite, s.concurrency, s.tasks, s.errors])).toEqual([['smoke', 1, 3, 0], ['speed', 1, 2, 0], ['speed', 2, 2, 0]]);
    // Speed prompts are sized with the model's own tokenizer: at most 40 tokens by versus's own BPE encoder of the
    // same vocabulary, and the prompt tokens the server reported are those of the ChatML prompt around them.
    const encode = bpeEncoder(tinyVocabulary());
    const chatml = (p: string) => 1 + 1 + encode('user\n').length + encode(p).length + 1 + encode('\n').length + 1 + encode('assistant\n').length;
    const speed = one?.results.filter((x) => x.suite === 'speed') ?? [];
    expect(speed).toHaveLength(4);
    for (const x of speed) {
      expect(encode(x.prompt).length).toBeLessThanOrEqual(40);
      expect(encode(x.prompt).length).toBeGreaterThan(30);
      expect(x.promptTokens).toBe(chatml(x.prompt));
      expect(x.completionTokens).toBe(8);
    }
    expect(one?.reproduce).toBe(`versus eval --local ${file.path} --suite smoke,speed --seed 1 --concurrency 1,2 --input 40 --output 8 --threads 1`);
  }, 120_000);

  it('a missing file, a file that is not a model, or --local with --endpoint is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-local-'));
    const db = join(dir, 'runs.db');
    const missing = await run(['eval', '--local', join(dir, 'nope.gguf'), '--db', db]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('No model file at')]);
    writeFileSync(join(dir, 'bad.gguf'), 'not a model');
    const bad = await run(['eval', '--local', join(dir, 'bad.gguf'), '--db', db]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('is not a model llama.cpp can load')]);
    const both = await run(['eval', '--local', join(dir, 'bad.gguf'), '--endpoint', 'http://127.0.0.1:9/v1', '--db', db]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('not both')]);
  }, 60_000);
});
