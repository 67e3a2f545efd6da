// Inputs of a token length (long-context haystacks, speed prompts): exact with the model's tokenizer, labelled
// estimates without it; needles at their depths; speed set against versus's bounds with --gpu.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { declarationText } from '../../../src/measure/corpus/udhr.js';
import { withNeedle } from '../../../src/measure/eval/suite-long-context.js';
import { findTokenizer } from '../../../src/measure/tokenizers/registry.js';
import { TokenizerFiles } from '../../../src/measure/tokenizers/files.js';
import type { Tokenizer } from '../../../src/measure/tokenizers/types.js';
import { run } from '../../helpers.js';
import { tokenizerDir } from '../tokens/reference.js';
import { startFake } from './fake-server.js';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});
async function fake() {
  const f = await startFake();
  closers.push(() => f.server.close());
  return f.url;
}
const db = () => join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');

interface Report {
  runs: {
    settings: Record<string, unknown>;
    reproduce: string;
    summary: { suite: string; concurrency: number; passed: number; tasks: number; tokens_per_s_p50: number | null; ttft_ms: { p50: number | null } }[];
    results: { task: string; prompt: string; pass: boolean }[];
    bounds?: { rows: { concurrency: number; decodeMeasured: number; decodeBound: number; decodeFraction: number; prefillMeasured: number; prefillBound: number; prefillFraction: number }[] };
  }[];
}

let llama3: Tokenizer;
beforeAll(async () => {
  // Meta's Llama 3 tokenizer.model from the reference files, as `versus eval` finds it through VERSUS_TOKENIZER_DIR.
  llama3 = await (findTokenizer('llama3')?.load(new TokenizerFiles(tokenizerDir())) ?? Promise.reject(new Error('no llama3')));
});
beforeEach(() => {
  vi.stubEnv('VERSUS_TOKENIZER_DIR', tokenizerDir());
});

describe('long-context', () => {
  it('haystacks of exactly the asked length by the model\'s tokenizer, the needle at each depth, answers graded', async () => {
    const url = await fake();
    const r = await run(['eval', '--endpoint', url, '--model', 'meta-llama/Llama-3.1-8B-Instruct', '--suite', 'long-context', '--lengths', '1k,3000', '--depths', '0.1,0.9', '--db', db(), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('long-context inputs: exact: counted with the Llama 3.x tokenizer of llama-3.1-8b');
    const one = (JSON.parse(r.stdout) as Report).runs[0];
    expect(one?.summary).toMatchObject([{ suite: 'long-context', passed: 4, tasks: 4 }]);
    const results = one?.results ?? [];
    expect(results.map((x) => x.task)).toEqual(['lc-eng-1k-d10', 'lc-eng-1k-d90', 'lc-eng-3000-d10', 'lc-eng-3000-d90']);
    expect(results.map((x) => llama3.count(x.prompt))).toEqual([1024, 1024, 3000, 3000]);
    for (const x of results) {
      const at = x.prompt.indexOf('The access code for the archive room is') / x.prompt.length;
      const depth = Number(/d(\d+)$/.exec(x.task)?.[1]) / 100;
      expect(Math.abs(at - depth)).toBeLessThan(0.06);
      // The haystack is the English declaration, repeated as needed.
      expect(x.prompt).toContain('Whereas recognition of the inherent dignity');
    }
    expect(one?.reproduce).toContain('--lengths 1024,3000 --depths 0.1,0.9 --catalog-model llama-3.1-8b');
  });

  it('without a tokenizer the lengths are estimates, and the report says how they were made', async () => {
    const url = await fake();
    const file = db();
    const r = await run(['eval', '--endpoint', url, '--model', 'my-finetune', '--suite', 'long-context', '--languages', 'hi', '--lengths', '2k', '--depths', '0.5', '--db', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Input lengths \(long-context\): approximate: the served model maps to no catalog model with a known tokenizer \(give --catalog-model\); lengths estimated at \d+\.\d\d characters per token, the median of \d+ tokenizers measured on the UDHR in Hindi/);
    const one = (JSON.parse((await run(['eval', 'report', '--db', file, '--json'])).stdout) as Report).runs[0];
    expect(one?.results[0]?.task).toBe('lc-hin-2k-d50');
    expect(one?.results[0]?.pass).toBe(true);
    // Hindi haystack: most letters are Devanagari.
    expect((one?.results[0]?.prompt.match(/[\u0900-\u097F]/g) ?? []).length).toBeGreaterThan(2000);
  });

  it('refuses lengths beyond the model\'s window, and bad depths', async () => {
    const url = await fake();
    const big = await run(['eval', '--endpoint', url, '--model', 'x', '--catalog-model', 'llama-3.1-8b', '--suite', 'long-context', '--lengths', '4k,128k', '--db', db()]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain("--lengths 128k do not fit llama-3.1-8b's 131,072-token window");
    expect((await run(['eval', '--endpoint', url, '--model', 'x', '--suite', 'long-context', '--depths', '1.5', '--db', db()])).stderr).toContain('--depths are fractions from 0 to 1');
    expect((await run(['eval', '--endpoint', url, '--model', 'x', '--catalog-model', 'llama-3.1-8', '--suite', 'long-context', '--db', db()])).stderr).toContain('llama-3.1-8b');
  });

  it('puts the needle after a whole word at the depth', () => {
    expect(withNeedle('aaa bbb ccc ddd', 'N.', 0.5)).toBe('aaa bbb N. ccc ddd');
    expect(withNeedle('aaa bbb', 'N.', 1)).toBe('aaa bbb N.');
    expect(declarationText('eng').length).toBeGreaterThan(10_000);
  });
});

describe('speed inputs and bounds', () => {
  it('--input 1k gives prompts of exactly 1,024 tokens; --gpu sets decode and prefill against the bounds', async () => {
    const url = await fake();
    const r = await run(['eval', '--endpoint', url, '--model', 'x', '--catalog-model', 'llama-3.1-8b', '--suite', 'speed', '--input', '1k', '--output', '8', '--concurrency', '1,2', '--requests', '2', '--gpu', 'h100', '--db', db(), '--json']);
    expect(r.code).toBe(0);
    const one = (JSON.parse(r.stdout) as Report).runs[0];
    expect(new Set(one?.results.map((x) => llama3.count(x.prompt)))).toEqual(new Set([1024]));
    expect(one?.settings).toMatchObject({ input: 1024, output: 8, gpu: 'h100-sxm', gpus: 1, precision: 'bf16', catalogModel: 'llama-3.1-8b' });
    const rows = one?.bounds?.rows ?? [];
    expect(rows.map((x) => x.concurrency)).toEqual([1, 2]);
    for (const row of rows) {
      const level = one?.summary.find((s) => s.concurrency === row.concurrency);
      // By hand: H100 SXM 3.35 TB/s over the bytes read per step: bf16 weights of the 8.0e9 params the catalog gives,
      // less the input embedding (128,256 × 4,096, one row read per token), plus the KV of 1,032 tokens per sequence
      // (32 layers × 8 KV heads × 128 dims × K and V × 2 bytes = 131,072 bytes per token): ≈ 222 tokens/s at 1.
      const bytes = 2 * (8.0e9 - 128_256 * 4096) + row.concurrency * 131_072 * 1032;
      expect(row.decodeBound / (3.35e12 / bytes)).toBeCloseTo(1, 3);
      expect(row.decodeFraction).toBeCloseTo((level?.tokens_per_s_p50 ?? NaN) / row.decodeBound, 12);
      // Prefill: 989 dense BF16 TFLOPS ÷ (2 × 8.0e9 active params) = 61,812.5 tokens/s; measured = concurrency × 1,024 ÷ TTFT p50.
      expect(row.prefillBound).toBeCloseTo(61_812.5, 3);
      expect(row.prefillMeasured).toBeCloseTo((row.concurrency * 1024) / ((level?.ttft_ms.p50 ?? NaN) / 1000), 6);
    }
    const md = await run(['eval', 'report', '--db', JSON.parse(r.stdout).db as string]);
    expect(md.stdout).toContain("Speed against versus's bounds for llama-3.1-8b on 1 × h100-sxm at bf16");
    // The local server is no H100 running Llama 3.1 8B: its fake decode beats the ceiling, and the report says what that means.
    const above = rows.some((x) => x.decodeFraction > 1 || x.prefillFraction > 1);
    expect(md.stdout.includes('Above 100% of a bound: no engine can beat it')).toBe(above);
    expect(md.stdout).toContain('Input lengths (speed): exact: counted with the Llama 3.x tokenizer');
  });

  it('--gpu needs a catalog model and the speed suite', async () => {
    const url = await fake();
    expect((await run(['eval', '--endpoint', url, '--model', 'unknown-model', '--suite', 'speed', '--gpu', 'h100', '--db', db()])).stderr).toContain('--gpu needs the catalog model the endpoint serves');
    expect((await run(['eval', '--endpoint', url, '--model', 'x', '--suite', 'smoke', '--gpu', 'h100', '--db', db()])).stderr).toContain('add --suite speed');
    expect((await run(['eval', '--endpoint', url, '--model', 'x', '--catalog-model', 'llama-3.1-8b', '--suite', 'speed', '--gpu', 'h10O', '--db', db()])).code).toBe(2);
  });
});
