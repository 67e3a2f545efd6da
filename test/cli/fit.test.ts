// versus fit end to end: the two examples as JSON, the listing, aliases, and every bad flag.
import { describe, expect, it } from 'vitest';
import { parseTokens } from '../../src/cli/fit-options.js';
import type { FitReport } from '../../src/measure/fit-report.js';
import { run } from '../helpers.js';

const json = async (argv: string[]) => {
  const { code, stdout, stderr } = await run(argv);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as FitReport;
};

describe('versus fit <model>', () => {
  it('Scout on one H100 at 10m: 516,604,035,072 B of KV (36 chunked layers capped at 8,192, 12 global at 10,485,760) — does not fit', async () => {
    const r = await json(['fit', 'llama-4-scout-17b-16e', '--gpu', 'h100', '--context', '10m', '--json']);
    expect(r.gpu.id).toBe('h100-sxm');
    expect(r.context).toBe(10_485_760);
    expect(r.kv.atContext).toBe(516_604_035_072);
    expect(r.kv.parts.map((p) => [p.kind, p.layers, p.tokens])).toEqual([['chunked', 36, 8192], ['full', 12, 10_485_760]]);
    expect(r.memory.fits).toBe(false);
  });

  it('Qwen3.5-397B on 8 × H200: 30 KiB/token because 15 of 60 layers grow; all-full would be 120 KiB, Llama 3.1 405B 504 KiB', async () => {
    const r = await json(['fit', 'qwen3.5-397b-a17b', '--gpu', 'h200', '--gpus', '8', '--json']);
    expect(r.kv).toMatchObject({ growthPerToken: 30_720, growingLayers: 15, layers: 60, allFullAttention: { growthPerToken: 122_880 } });
    expect(r.kv.denseReference?.growthPerToken).toBe(516_096);
    const text = (await run(['fit', 'qwen3.5-397b-a17b', '--gpu', 'h200', '--gpus', '8'])).stdout;
    expect(text).toContain('KV cache: 30 KiB per token (bf16), because only 15 of 60 layers keep a growing cache');
    expect(text).toContain('If every layer were full attention: 120 KiB per token');
    expect(text).toContain('Reproduce: versus fit qwen3.5-397b-a17b --gpu h200 --gpus 8 --context 262144');
  });

  it('fp8 KV halves the cache: Llama 3.1 8B at 128k, 32 × 2 × 8 × 128 × 1 B × 131,072 = 8 GiB', async () => {
    const r = await json(['fit', 'llama-3.1-8b', '--gpu', '4090', '--kv', 'fp8', '--context', '128k', '--precision', 'Q4_K_M', '--json']);
    expect(r.kv.atContext).toBe(8 * 2 ** 30);
    expect(r.precision.id).toBe('q4-k-m');
    expect(r.gpu.id).toBe('rtx-4090');
  });
});

describe('versus fit --gpu … (no model)', () => {
  it('lists models that fit an RTX 4090 at 32k, each at its most precise fitting format; Scout fits at none', async () => {
    const { code, stdout } = await run(['fit', '--gpu', 'rtx4090', '--context', '32k']);
    expect(code).toBe(0);
    expect(stdout).toContain('Models that fit 1 × NVIDIA GeForce RTX 4090 at 32,768 tokens (32K)');
    // Llama 3.1 8B: bf16 needs 16e9 + 4,294,967,296 + 3,274,912,563 > 21.6e9 usable, Q8_0 needs 8.5e9 + … < 21.6e9
    expect(stdout).toMatch(/llama-3\.1-8b\s+GGUF Q8_0/);
    expect(stdout).toMatch(/Fit at no precision: .*llama-4-scout-17b-16e/);
  });
});

describe('bad input gets a clear error and exit 2', () => {
  const cases: [string, string[], string][] = [
    ['an unknown GPU, with suggestions', ['fit', 'llama-3.1-8b', '--gpu', 'h1000'], 'error[E_NOT_FOUND]: Unknown GPU "h1000". Did you mean:'],
    ['an ambiguous GPU, with the candidates', ['fit', 'llama-3.1-8b', '--gpu', 'h1'], 'Unknown GPU "h1". Did you mean: h100-sxm, h100-pcie?'],
    ['a negative context', ['fit', 'llama-3.1-8b', '--context=-5'], 'error[E_USAGE]: --context must be a positive number of tokens such as 128k, 10m or 131072 (got "-5").'],
    ['a zero context', ['fit', 'llama-3.1-8b', '--context', '0'], '--context must be a positive number of tokens'],
    ['an unknown precision', ['fit', 'llama-3.1-8b', '--precision', 'int3'], 'error[E_NOT_FOUND]: Unknown precision "int3". Did you mean: int4, int8'],
    ['an unknown KV dtype', ['fit', 'llama-3.1-8b', '--kv', 'fp4'], 'error[E_USAGE]: --kv must be one of bf16, fp8, q8_0, q4_0 (got "fp4").'],
    ['a GPU count that does not divide the heads', ['fit', 'llama-3.1-8b', '--gpus', '3'], 'error[E_USAGE]: llama-3.1-8b: tensor parallelism over 3 GPUs needs the 32 attention heads to split evenly'],
    ['zero GPUs', ['fit', 'llama-3.1-8b', '--gpus', '0'], 'error[E_USAGE]: --gpus must be a whole number from 1 to 1024 (got "0").'],
    ['a utilization above 1', ['fit', 'llama-3.1-8b', '--utilization', '1.5'], '--utilization must be a number above 0 and at most 1 (got "1.5").'],
    ['no model and no GPU', ['fit'], 'fit needs a model id, or --gpu to list every model that fits.'],
    ['an unknown model', ['fit', 'llama-3.1-8', '--gpu', 'h100'], 'error[E_NOT_FOUND]: Unknown model "llama-3.1-8". Did you mean: llama-3.1-8b'],
    ['a model without architecture facts', ['fit', 'mistral-large-3'], 'error[E_FACT]: mistral-large-3 has no architecture in the catalog: architecture is unknown ('],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    });
  }
});

describe('token counts', () => {
  it('reads K and M in binary units as model cards use them: 128k = 128 × 1,024, 10m = 10 × 1,048,576, 1.5k = 1,536', () => {
    expect(parseTokens('context', '128k')).toBe(131_072);
    expect(parseTokens('context', '10M')).toBe(10_485_760);
    expect(parseTokens('context', '1.5k')).toBe(1536);
    expect(parseTokens('context', '131072')).toBe(131_072);
    expect(() => parseTokens('context', '12 tokens')).toThrow('--context must be a positive number of tokens');
  });
});
