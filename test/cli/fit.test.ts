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

  it('a device outside the catalog: --memory 24GiB --bandwidth 936GB/s is 24 × 2^30 B at 936e9 B/s, and the answer reproduces with the same flags', async () => {
    const r = await json(['fit', 'llama-3.1-8b', '--memory', '24GiB', '--bandwidth', '936GB/s', '--context', '8k', '--json']);
    expect(r.gpu).toMatchObject({ id: 'custom', memoryBytes: 24 * 2 ** 30, bandwidth: 936e9 });
    expect(r.prefill).toBeNull(); // no TFLOPS given
    const text = (await run(['fit', 'llama-3.1-8b', '--memory', '24GiB', '--bandwidth', '936GB/s', '--context', '8k'])).stdout;
    expect(text).toContain('Reproduce: versus fit llama-3.1-8b --memory 24GiB --bandwidth 936GB/s --context 8192');
  });

  it('--engine llama.cpp takes q8_0 KV at 34 bytes per 32 values: Llama 3.1 8B at 8,192 tokens = 32 × 2 × 8 × 128 × 8,192 × 1.0625 B', async () => {
    const r = await json(['fit', 'llama-3.1-8b', '--gpu', '4090', '--engine', 'llama.cpp', '--kv', 'q8_0', '--context', '8k', '--json']);
    expect(r.kv.atContext).toBe(32 * 2 * 8 * 128 * 8192 * 1.0625);
    expect(r.engine.name).toBe('llama.cpp');
  });

  it('the fp8 checkpoint Meta publishes for Llama 3.1 405B keeps attention in bf16: 124 × 3 × 16,384 × 53,248 FP8 values + the rest at 2 B', async () => {
    const r = await json(['fit', 'llama-3.1-405b', '--gpu', 'h100', '--gpus', '8', '--precision', 'fp8', '--context', '8k', '--json']);
    const fp8 = 124 * 3 * 16_384 * 53_248;
    expect(r.weightsTotal).toBe(fp8 + (405e9 - fp8) * 2);
    expect(r.precision.checkpoint).toBe('meta-llama/Llama-3.1-405B-Instruct-FP8');
  });
});

describe('versus gpus', () => {
  it('lists every device with the memory fit uses: the H100 at the 79.22 GiB it reports, the M4 Max at its 115.4 GB working set', async () => {
    const { code, stdout } = await run(['gpus', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; fitBytes: number; reportedGib: { value: number; source: string } | null; engine: string }[];
    const h100 = rows.find((g) => g.id === 'h100-sxm')!;
    expect(h100.reportedGib).toEqual({ value: 79.22, source: 'gpu-vllm-pr-10511-profile' });
    expect(h100.fitBytes).toBe(Math.round(79.22 * 2 ** 30));
    expect(rows.find((g) => g.id === 'apple-m4-max')).toMatchObject({ fitBytes: 115.4e9, engine: 'llama.cpp' });
    const text = (await run(['gpus'])).stdout;
    expect(text).toContain('https://github.com/vllm-project/vllm/pull/10511');
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
    ['--memory without --bandwidth', ['fit', 'llama-3.1-8b', '--memory', '24GiB'], '--memory and --bandwidth go together'],
    ['a memory size without a unit it knows', ['fit', 'llama-3.1-8b', '--memory', '24 bananas', '--bandwidth', '1TB/s'], '--memory must be a size such as 24GiB'],
    ['an unknown engine', ['fit', 'llama-3.1-8b', '--engine', 'vlm'], 'error[E_NOT_FOUND]: Unknown engine "vlm". Did you mean: vllm'],
    ['a llama.cpp KV type with vLLM', ['fit', 'llama-3.1-8b', '--kv', 'q8_0'], 'vLLM has no "q8_0" KV cache'],
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
