// KV cache, state and weights of six architectures, against values derived by hand from their config facts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { modelFacts, MissingFactError } from '../../src/measure/facts.js';
import { allFullAttention, kvCacheBytes, kvGrowthPerToken, kvHeadsPerGpu, kvParts, linearStateBytes } from '../../src/measure/memory.js';
import { activeWeightBytes, weightBytes, weightFormat, type WeightFormat } from '../../src/measure/weights.js';
import { shippedCatalog } from '../helpers.js';

let catalog: Catalog;
const arch = (id: string): Architecture => modelFacts(catalog.model.get(id)!).arch;
const format = (id: string): WeightFormat => weightFormat(catalog.precision.get(id)!);
const K128 = 131_072;

beforeAll(async () => {
  catalog = await shippedCatalog();
});

describe('KV cache per token and at a context, by attention kind', () => {
  it('Llama 3.1 8B (dense GQA): 32 layers × 2 × 8 KV heads × 128 × 2 B = 131,072 B/token; × 131,072 tokens = 16 GiB', () => {
    expect(kvGrowthPerToken(arch('llama-3.1-8b'), 2)).toBe(131_072);
    expect(kvCacheBytes(arch('llama-3.1-8b'), K128, 2)).toBe(16 * 2 ** 30);
  });

  it('Llama 4 Scout at 10M (10 × 2^20): 36 chunked × 4,096 B × 8,192 (capped) + 12 global × 4,096 B × 10,485,760 = 516,604,035,072 B', () => {
    const scout = arch('llama-4-scout-17b-16e');
    expect(kvCacheBytes(scout, 10_485_760, 2)).toBe(36 * 4096 * 8192 + 12 * 4096 * 10_485_760);
    expect(kvCacheBytes(scout, 10_485_760, 2)).toBe(516_604_035_072);
    // Only the 12 global layers grow: 12 × 4,096 = 49,152 B/token.
    expect(kvGrowthPerToken(scout, 2)).toBe(49_152);
    const chunked = kvParts(scout, 10_485_760, 2).find((p) => p.kind === 'chunked');
    expect(chunked).toMatchObject({ layers: 36, tokens: 8192, cap: 8192, bytes: 1_207_959_552 });
  });

  it('Scout below the chunk: at 4,096 tokens all 48 layers hold 4,096 tokens: 48 × 4,096 B × 4,096 = 805,306,368 B', () => {
    expect(kvCacheBytes(arch('llama-4-scout-17b-16e'), 4096, 2)).toBe(805_306_368);
  });

  it('Qwen3.5-27B: only 16 full layers grow, 16 × 2 × 4 × 256 × 2 B = 65,536 B (64 KiB)/token; all-full would be 64 × 4,096 = 262,144', () => {
    const q = arch('qwen3.5-27b');
    expect(kvGrowthPerToken(q, 2)).toBe(65_536);
    expect(kvGrowthPerToken(allFullAttention(q), 2)).toBe(262_144);
  });

  it('Qwen3.5-27B Gated DeltaNet state, recurrent part in fp32 (mamba_ssm_dtype float32): 48 × (48·128·128 × 4 B + 3·(2·16·128 + 48·128) × 2 B) = 153,944,064 B per sequence', () => {
    // recurrent 786,432 elements × 4 B = 3,145,728 + conv 3 × 10,240 = 30,720 elements × 2 B = 61,440 → 3,207,168 B × 48 layers.
    expect(linearStateBytes(arch('qwen3.5-27b'), 2)).toBe(153_944_064);
  });

  it('Qwen3.5-397B-A17B: 15 × 2 × 2 × 256 × 2 B = 30,720 B/token, a quarter of the all-full 60 × 2,048 = 122,880', () => {
    const q = arch('qwen3.5-397b-a17b');
    expect(kvGrowthPerToken(q, 2)).toBe(30_720);
    expect(kvGrowthPerToken(allFullAttention(q), 2)).toBe(122_880);
    // state, recurrent part fp32: 45 × (64·128·128 × 4 B + 3·(2·16·128 + 64·128) × 2 B) = 45 × (4,194,304 + 73,728)
    expect(linearStateBytes(q, 2)).toBe(192_061_440);
  });

  it('Qwen3.5-397B over 8 GPUs: 2 KV heads < 8 GPUs → 1 replicated head each: 15 × 2 × 1 × 256 × 2 = 15,360 B/token/GPU', () => {
    expect(kvHeadsPerGpu(2, 8)).toBe(1);
    expect(kvGrowthPerToken(arch('qwen3.5-397b-a17b'), 2, 8)).toBe(15_360);
    // state per GPU: 45 × (8·128·128 × 4 B + 3·(12,288 / 8) × 2 B) = 45 × (524,288 + 9,216)
    expect(linearStateBytes(arch('qwen3.5-397b-a17b'), 2, 8)).toBe(24_007_680);
  });

  it('a bf16 recurrent state would halve the recurrent part: 45 × (1,048,576 × 2 + 36,864 × 2) = 97,689,600 B', () => {
    const q = arch('qwen3.5-397b-a17b');
    const bf16: Architecture = { ...q, attention: q.attention.map((g) => (g.kind === 'gated-deltanet' ? { ...g, recurrent_dtype: 'bf16' as const } : g)) };
    expect(linearStateBytes(bf16, 2)).toBe(97_689_600);
  });

  it('DeepSeek V3 (MLA): 61 layers × (512 + 64) × 2 B = 70,272 B/token, the same on each of 8 GPUs (one latent head, replicated)', () => {
    expect(kvGrowthPerToken(arch('deepseek-v3'), 2)).toBe(70_272);
    expect(kvGrowthPerToken(arch('deepseek-v3'), 2, 8)).toBe(70_272);
    expect(kvCacheBytes(arch('deepseek-v3'), K128, 2)).toBe(70_272 * K128);
  });

  it('Gemma 3 27B at 128K: 10 global × 8,192 B × 131,072 + 52 sliding × 8,192 B × 1,024 = 11,173,625,856 B; all-full 62 × 8,192 × 131,072', () => {
    const g = arch('gemma-3-27b');
    expect(kvCacheBytes(g, K128, 2)).toBe(11_173_625_856);
    expect(kvCacheBytes(allFullAttention(g), K128, 2)).toBe(66_571_993_088);
    expect(kvGrowthPerToken(g, 1)).toBe(40_960); // fp8 KV: 10 × 2 × 16 × 128 × 1 B
  });
});

describe('weights at a precision', () => {
  it('Llama 3.1 8B: bf16 8e9 × 2 = 16e9 B; Q4_K_M 8e9 × 4.8944 / 8 = 4,894,400,000 B', () => {
    expect(weightBytes(8e9, arch('llama-3.1-8b'), format('bf16'))).toBe(16e9);
    expect(weightBytes(8e9, arch('llama-3.1-8b'), format('q4-k-m'))).toBeCloseTo(4_894_400_000, 0);
  });

  it('Llama 3.1 8B int4: (8e9 − 2 × 128,256 × 4,096) × 4.15625 / 8 + 1,050,673,152 × 2 B (16-bit embeddings) = 5,711,738,768 B', () => {
    expect(weightBytes(8e9, arch('llama-3.1-8b'), format('int4'))).toBeCloseTo(5_711_738_768, 0);
  });

  it('Llama 4 Scout bf16 holds all 16 experts: 109e9 × 2 = 218e9 B', () => {
    expect(weightBytes(109e9, arch('llama-4-scout-17b-16e'), format('bf16'))).toBe(218e9);
  });

  it('DeepSeek V3 fp8: (671e9 − 1,853,358,080) × 1 + 1,853,358,080 × 2 (vocab 129,280 × 7,168 × 2 stays 16-bit) = 672,853,358,080 B', () => {
    expect(weightBytes(671e9, arch('deepseek-v3'), format('fp8'))).toBe(672_853_358_080);
  });

  it('Gemma 3 27B ties its embeddings, counted once: int4 (27e9 − 262,144 × 5,376) × 4.15625 / 8 + 1,409,286,144 × 2', () => {
    const v = 262_144 * 5376;
    expect(weightBytes(27e9, arch('gemma-3-27b'), format('int4'))).toBeCloseTo(((27e9 - v) * 4.15625) / 8 + v * 2, 0);
  });

  it('a decode step reads the output matrix but not the input embedding: Llama 3.1 8B bf16 (8e9 − 525,336,576) × 2 = 14,949,326,848 B', () => {
    expect(activeWeightBytes(8e9, arch('llama-3.1-8b'), format('bf16'))).toBe(14_949_326_848);
  });
});

describe('facts the computation needs', () => {
  it('names the missing fact when the architecture is unknown', () => {
    const unknown = catalog.models.find((m) => 'unknown' in m.architecture)!;
    expect(() => modelFacts(unknown)).toThrow(MissingFactError);
    expect(() => modelFacts(unknown)).toThrow(`${unknown.id} has no architecture in the catalog: architecture is unknown (`);
  });

  it('rejects embedding matrices larger than the whole model as inconsistent', () => {
    const m = catalog.model.get('llama-3.1-8b')!;
    const tiny = { ...m, params: { ...m.params, total: { value: 1e9, source: 'x' }, active: { value: 1e9, source: 'x' } } };
    expect(() => modelFacts(tiny)).toThrow('llama-3.1-8b has inconsistent facts: its embedding and output matrices (vocab 128256 × hidden 4096 × 2 = 1050673152) are not smaller than params.total (1000000000).');
  });
});
