// Fit decisions at the byte boundary, the largest context, the fewest GPUs, and the speed bounds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { modelFacts } from '../../src/measure/facts.js';
import { computeBufferBytes, fitMemory, largestContext, minGpus, tpProblem, type FitInput } from '../../src/measure/fit.js';
import { fitInput, fitReport } from '../../src/measure/fit-report.js';
import { run } from '../helpers.js';
import { checkFitClaim } from '../../src/measure/fit-summary.js';
import { decodeBound, prefillBound } from '../../src/measure/speed.js';
import { weightFormat } from '../../src/measure/weights.js';
import { shippedCatalog } from '../helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

/** Llama 3.1 8B in bf16 on a made-up GPU with no reservation and no allowance, so need = weights + KV exactly. */
function bare(memoryBytes: number, context: number): FitInput {
  return {
    facts: modelFacts(catalog.model.get('llama-3.1-8b')!),
    format: weightFormat(catalog.precision.get('bf16')!),
    gpu: { id: 'test', name: 'Test GPU', memoryBytes, bandwidth: 1e12 },
    gpus: 1,
    engine: { name: 'test', reservation: 1, allowanceBytes: 0, allowanceTpBytes: 0 },
    context,
    concurrency: 1,
    kvBytes: 2,
  };
}

// weights 8e9 × 2 = 16e9 B; KV 131,072 B/token × 1,024 tokens = 134,217,728 B; need 16,134,217,728 B.
const NEED_AT_1K = 16_134_217_728;

describe('fit at the boundary', () => {
  it('fits with exactly 16,134,217,728 B (16e9 weights + 131,072 × 1,024 KV), not with one byte less', () => {
    expect(fitMemory(bare(NEED_AT_1K, 1024))).toMatchObject({ fits: true, headroomPerGpu: 0 });
    expect(fitMemory(bare(NEED_AT_1K - 1, 1024))).toMatchObject({ fits: false, headroomPerGpu: -1 });
  });

  it('largest context on that GPU is 1,024 tokens; 131,071 more bytes do not buy a token, 131,072 buy one', () => {
    expect(largestContext(bare(NEED_AT_1K, 1024), 131_072)).toBe(1024);
    expect(largestContext(bare(NEED_AT_1K + 131_071, 1024), 131_072)).toBe(1024);
    expect(largestContext(bare(NEED_AT_1K + 131_072, 1024), 131_072)).toBe(1025);
  });

  it('largest context is 0 when the weights alone do not fit, and the limit when everything fits', () => {
    expect(largestContext(bare(16e9, 1), 131_072)).toBe(0); // 16e9 + 131,072 × 1 > 16e9
    expect(largestContext(bare(1e12, 1), 131_072)).toBe(131_072);
  });

  it('concurrency multiplies the KV cache: 4 sequences × 1,024 tokens need 16e9 + 4 × 134,217,728 B', () => {
    const input = { ...bare(16e9 + 4 * 134_217_728, 1024), concurrency: 4 };
    expect(fitMemory(input).fits).toBe(true);
    expect(fitMemory({ ...input, gpu: { ...input.gpu, memoryBytes: input.gpu.memoryBytes - 1 } }).fits).toBe(false);
  });

  it('usable memory is the reported memory × reservation rounded down: 79.22 GiB × 0.9 on an H100, not 80e9 × 0.9', () => {
    const h100 = catalog.gpu.get('h100-sxm')!;
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, h100, { context: 1024 });
    // 79.22 × 2^30 = 85,061,827,297 B (rounded); × 0.9 = 76,555,644,567.3 → 76,555,644,567
    expect(fitMemory(input).usablePerGpu).toBe(76_555_644_567);
    // need = 16e9 + 134,217,728 KV + 1.79 GiB non-torch (1,921,997,865 B) + activation: on an H100 vLLM profiles
    // 8,192 tokens and 1,024 sequences; the larger of 8,192 × 11.5 B × 14,336 = 1,350,565,888 B (forward pass)
    // and 1,024 × 128,256 logits × 32 B = 4,202,692,608 B (sampler)
    expect(fitMemory(input).perGpu.total).toBe(16e9 + 134_217_728 + 1_921_997_865 + 4_202_692_608);
    // vLLM's "available KV cache memory": usable − weights − allowance
    expect(fitMemory(input).kvRoomPerGpu).toBe(76_555_644_567 - 16e9 - 1_921_997_865 - 4_202_692_608);
    // with the 256 sequences of an RTX-class default the forward pass is the larger: 256 × 128,256 × 32 = 1,050,673,152 B
    expect(fitMemory({ ...input, engine: { ...input.engine, samplerBytesPerVocab: 256 * 32 } }).perGpu.activation).toBe(1_350_565_888);
  });

  it('TensorRT-LLM takes its 0.9 of what is free after weights and runtime, not of the whole device', () => {
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('h100-sxm')!, { context: 1024, runtime: 'trtllm' });
    // allowance 0: usable = 16e9 + floor((85,061,827,297 − 16e9) × 0.9) = 16e9 + 62,155,644,567
    expect(fitMemory(input).usablePerGpu).toBe(16e9 + 62_155_644_567);
  });
});

describe('the issue examples', () => {
  it('Llama 4 Scout does not fit one H100 at 10M: 218e9 weights + 516,604,035,072 KV + 1,921,997,865 + 6,620,708,864 allowance > 76.6e9', () => {
    const r = fitReport(catalog, catalog.model.get('llama-4-scout-17b-16e')!, catalog.gpu.get('h100-sxm')!, { context: 10_485_760 });
    expect(r.memory.fits).toBe(false);
    expect(r.kv.atContext).toBe(516_604_035_072);
    // activation: the sampler's 1,024 × 202,048 logits × 32 B = 6,620,708,864 B, above the forward pass's
    // 8,192 × 11.5 B × FFN width (1 routed + 1 shared expert) × 8,192 = 1,543,503,872 B
    expect(r.memory.perGpu.total).toBe(218e9 + 516_604_035_072 + 1_921_997_865 + 6_620_708_864);
    expect(r.largestContext.tokens).toBe(0); // 218e9 of weights alone exceed 76.6e9
  });

  it('Llama 4 Scout in int4 on one H100: (109e9 − 2,068,971,520) × 4.15625 / 8 + 2,068,971,520 × 2 = 59,691,953,930 B of weights; largest context 144,714', () => {
    const r = fitReport(catalog, catalog.model.get('llama-4-scout-17b-16e')!, catalog.gpu.get('h100-sxm')!, { precision: 'int4', context: 8192 });
    // vocab matrices: 202,048 × 5,120 × 2 (untied) = 2,068,971,520 params, kept 16-bit
    expect(r.weightsTotal).toBeCloseTo(59_691_953_930, 0);
    // free = 76,555,644,567 − 59,691,953,930 − (1,921,997,865 + 6,620,708,864) = 8,320,983,908 B. The 36 chunked
    // layers hold 36 × 4,096 × 8,192 = 1,207,959,552 B; the 12 global layers grow 49,152 B/token:
    // floor((8,320,983,908 − 1,207,959,552) / 49,152) = 144,714 tokens.
    expect(r.largestContext.tokens).toBe(144_714);
  });

  it('Qwen3.5-397B-A17B on 8 × H200 fits its whole 262,144-token window with 30,720 B/token of KV', () => {
    const r = fitReport(catalog, catalog.model.get('qwen3.5-397b-a17b')!, catalog.gpu.get('h200')!, { gpus: 8 });
    expect(r.memory.fits).toBe(true);
    expect(r.kv.growthPerToken).toBe(30_720);
    expect(r.kv.allFullAttention.growthPerToken).toBe(122_880);
    // nearest dense full-attention model: Llama 3.1 405B, 126 × 2 × 8 × 128 × 2 = 516,096 B/token
    expect(r.kv.denseReference).toMatchObject({ id: 'llama-3.1-405b', growthPerToken: 516_096 });
    // per GPU: 397e9 × 2 / 8 = 99.25e9 weights; 15,360 × 262,144 = 4,026,531,840 KV
    expect(r.memory.perGpu.weights).toBe(99.25e9);
    expect(r.memory.perGpu.kv).toBe(4_026_531_840);
    expect(r.largestContext).toMatchObject({ tokens: 262_144, limitedBy: 'model-maximum' });
  });
});

describe('checking a claimed fit', () => {
  it('"Scout fits one H100" holds only at 4-bit: Q4_K_M to 6,748 tokens, Q4_0 to 111,744, int4 to 144,714; nothing at 5 bits or more', () => {
    // allowance 1,921,997,865 + 6,620,708,864 (sampler) = 8,542,706,729 B.
    // Q4_K_M: 109e9 × 4.8944 / 8 = 66,686,200,000 B; free 76,555,644,567 − 66,686,200,000 − 8,542,706,729 = 1,326,737,838 B;
    // below 8,192 tokens all 48 layers grow (196,608 B/token) → 6,748.1. Q4_0: 109e9 × 4.5 / 8 = 61,312,500,000 B;
    // free 6,700,437,838 − 1,207,959,552 chunked → / 49,152 = 111,744.6.
    const checks = checkFitClaim(catalog, catalog.model.get('llama-4-scout-17b-16e')!, catalog.gpu.get('h100-sxm')!);
    expect(checks.filter((c) => c.largestContext > 0).map((c) => [c.precision, c.largestContext])).toEqual([['q4-k-m', 6_748], ['q4-0', 111_744], ['int4', 144_714]]);
    expect(checks[0]).toMatchObject({ precision: 'bf16', largestContext: 0, weightsBytes: 218e9 });
  });
});

describe('engine profiles: vLLM profiling batch, llama.cpp compute buffer and -ngl, MLX', () => {
  it('vLLM profiles 8,192 tokens and 1,024 sequences on an H100, 2,048 and 256 on an RTX 3090', () => {
    const llama = catalog.model.get('llama-3.1-8b')!;
    expect(fitInput(catalog, llama, catalog.gpu.get('h100-sxm')!, { context: 1024 }).engine.profile).toEqual({ tokens: 8192, seqs: 1024 });
    const rtx = fitInput(catalog, llama, catalog.gpu.get('rtx-3090')!, { context: 1024 });
    expect(rtx.engine.profile).toEqual({ tokens: 2048, seqs: 256 });
    // the larger of 2,048 × 11.5 × 14,336 = 337,641,472 B and 256 × 128,256 × 32 = 1,050,673,152 B
    expect(fitMemory(rtx).perGpu.activation).toBe(1_050_673_152);
    // --batched-tokens 8192 --max-seqs 8: 8,192 × 11.5 × 14,336 = 1,350,565,888 B > 8 × 128,256 × 32
    const set = fitInput(catalog, llama, catalog.gpu.get('rtx-3090')!, { context: 1024, batchedTokens: 8192, maxSeqs: 8 });
    expect(fitMemory(set).perGpu.activation).toBe(1_350_565_888);
  });

  it('llama.cpp compute buffer: 512 × (128,256 + 4,096) × 4 B = 258.5 MiB for Llama 3.1 8B; without flash attention at 32K the scores win', () => {
    const arch = modelFacts(catalog.model.get('llama-3.1-8b')!).arch;
    expect(computeBufferBytes(arch, 2048, { ubatch: 512, bytesPerValue: 4, flashAttention: false })).toBe(258.5 * 2 ** 20);
    // 512 × 32,768 × (32 heads + 1) × 4 B = 2,214,592,512 B
    expect(computeBufferBytes(arch, 32_768, { ubatch: 512, bytesPerValue: 4, flashAttention: false })).toBe(2_214_592_512);
    expect(computeBufferBytes(arch, 32_768, { ubatch: 512, bytesPerValue: 4, flashAttention: true })).toBe(258.5 * 2 ** 20);
    const r = fitReport(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('rtx-3090')!, { runtime: 'llama.cpp', context: 32_768, flashAttention: false, ubatch: 256 });
    expect(r.memory.perGpu.activation).toBe(256 * 32_768 * 33 * 4);
  });

  it('-ngl 20 keeps 12 of 32 layers, the embedding and the output matrix of Llama 3.1 8B Q4_0 in system RAM', () => {
    const r = fitReport(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('rtx-3090')!, { runtime: 'llama.cpp', precision: 'q4-0', context: 8192, gpuLayers: 20 });
    // Q4_0 is 4.5 bits everywhere: 8e9 × 4.5 / 8 = 4.5e9 B; vocab matrices 128,256 × 4,096 × 4.5 / 8 = 295,501,824 B each;
    // body 4.5e9 − 2 × 295,501,824 = 3,908,996,352 B, 20/32 of it on the GPU = 2,443,122,720 B
    expect(r.memory.perGpu.weights).toBeCloseTo(2_443_122_720, 0);
    expect(r.memory.host!.weights).toBeCloseTo(2 * 295_501_824 + 3_908_996_352 * 12 / 32, 0);
    // KV 32 layers × 2 × 8 × 128 × 2 B × 8,192 = 1,073,741,824 B; 20/32 on the GPU
    expect(r.memory.perGpu.kv).toBe(671_088_640);
    expect(r.memory.host!.kv).toBe(402_653_184);
    // the GPU's KV room holds tokens at 20/32 of 131,072 B each = 81,920 B per token
    expect(r.kvCapacity.tokens).toBe(Math.floor(r.memory.kvRoomPerGpu / 81_920));
    // -ngl 33 (all 32 layers and the output) keeps only the embedding in RAM
    const all = fitReport(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('rtx-3090')!, { runtime: 'llama.cpp', precision: 'q4-0', context: 8192, gpuLayers: 33 });
    expect(all.memory.host).toMatchObject({ outputOnGpu: true, weights: 295_501_824, kv: 0 });
  });

  it('MLX 4-bit is 4 bits plus a 16-bit scale and bias per 64 weights, embeddings included, KV in whole 256-token steps', () => {
    const r = fitReport(catalog, catalog.model.get('qwen3-4b')!, catalog.gpu.get('apple-m4-max')!, { runtime: 'mlx', precision: 'mlx-4bit', context: 1000 });
    expect(r.precision.bitsPerWeight).toBe(4.5);
    expect(r.weightsTotal).toBe(4e9 * 4.5 / 8);
    expect(r.engine.kvBlockTokens).toBe(256);
  });

  it('an engine setting the engine does not have is a usage error naming the engine that has it', async () => {
    const ngl = await run(['fit', 'llama-3.1-8b', '--gpu', 'h100', '--ngl', '20']);
    expect(ngl.code).toBe(2);
    expect(ngl.stderr).toContain('vLLM has no --ngl');
    const fa = await run(['fit', 'llama-3.1-8b', '--gpu', 'h100', '--engine', 'llama.cpp', '--batched-tokens', '4096']);
    expect(fa.stderr).toContain('llama.cpp has no --batched-tokens');
    const ok = await run(['fit', 'llama-3.1-8b', '--gpu', 'rtx-3090', '--engine', 'llama.cpp', '--precision', 'q4-0', '--ngl', '20', '--context', '8k']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('system RAM');
    expect(ok.stdout).toContain('--ngl 20');
  });
});

describe('tensor parallelism and the fewest GPUs', () => {
  it('refuses a split that does not divide the attention heads: 32 heads over 3 GPUs', () => {
    const llama = modelFacts(catalog.model.get('llama-3.1-8b')!).arch;
    expect(tpProblem(llama, 3)).toContain('the 32 attention heads to split evenly; possible GPU counts: 1, 2, 4, 8, 16, 32');
    expect(tpProblem(llama, 4)).toBeUndefined();
  });

  it('Llama 4 Scout bf16 at 32K needs 4 H100: 2 GPUs hold 109e9 B of weights each (> 72e9), 3 do not divide 40 heads, 4 hold 54.5e9 + 0.7e9 KV + 5.2e9', () => {
    const input = fitInput(catalog, catalog.model.get('llama-4-scout-17b-16e')!, catalog.gpu.get('h100-sxm')!, { context: 32_768 });
    expect(minGpus(input)).toBe(4);
  });
});

describe('published speeds beside the bounds', () => {
  it('Qwen3-8B Q4_K_M on an RTX 5090: 221.7 tokens/s measured with llama.cpp is 58% of the decode bound at 128 tokens', () => {
    const r = fitReport(catalog, catalog.model.get('qwen3-8b')!, catalog.gpu.get('rtx-5090')!, { precision: 'q4-k-m', context: 32_768 });
    // bytes per step: (8.2e9 − 151,936 × 4,096 input embedding) × 4.8944 / 8 + 36 layers × 2 × 8 × 128 × 2 B × 128 tokens
    const bound = 1792e9 / ((8.2e9 - 151_936 * 4096) * 4.8944 / 8 + 36 * 2 * 8 * 128 * 2 * 128);
    expect(r.published).toHaveLength(1);
    expect(r.published[0]).toMatchObject({ engine: 'llama.cpp', kind: 'decode', tokensPerSecond: 221.7, context: 128 });
    expect(r.published[0]!.bound).toBeCloseTo(bound, 6);
    expect(r.published[0]!.ratio).toBeCloseTo(221.7 / bound, 9);
    expect(r.published[0]!.ratio).toBeCloseTo(0.5759, 3);
  });

  it('shows nothing for a GPU or precision no benchmark measured', () => {
    expect(fitReport(catalog, catalog.model.get('qwen3-8b')!, catalog.gpu.get('rtx-5090')!, { precision: 'bf16', context: 4096 }).published).toEqual([]);
    expect(fitReport(catalog, catalog.model.get('qwen3-8b')!, catalog.gpu.get('h100-sxm')!, { precision: 'q4-k-m', context: 4096 }).published).toEqual([]);
  });
});

describe('speed bounds', () => {
  it('decode ceiling, Llama 3.1 8B bf16 on one H100 at 32K: 3.35e12 / (14,949,326,848 + 131,072 × 32,768) = 174.08 tokens/s', () => {
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('h100-sxm')!, { context: 32_768 });
    expect(decodeBound(input).bytesPerStepPerGpu).toBe(14_949_326_848 + 4_294_967_296);
    expect(decodeBound(input).tokensPerSecond).toBeCloseTo(174.0776, 3);
    // 8 sequences share one weight read: 3.35e12 / (14,949,326,848 + 8 × 4,294,967,296) × 8
    expect(decodeBound({ ...input, concurrency: 8 }).aggregateTokensPerSecond).toBeCloseTo((3.35e12 / (14_949_326_848 + 8 * 4_294_967_296)) * 8, 6);
  });

  it('prefill bound, Llama 3.1 8B on one H100: 989e12 / (2 × 8e9) = 61,812.5 tokens/s; fp8 weights use the 1,979 TFLOPS fp8 rate', () => {
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('h100-sxm')!, { context: 32_768 });
    expect(prefillBound(input)?.tokensPerSecond).toBe(61_812.5);
    const fp8 = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('h100-sxm')!, { context: 32_768, precision: 'fp8' });
    expect(prefillBound(fp8)).toMatchObject({ rate: 'fp8', tokensPerSecond: 1979e12 / 16e9 });
  });

  it('no prefill bound where the GPU publishes no dense TFLOPS (Apple M4 Max)', () => {
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('apple-m4-max')!, { context: 8192 });
    expect(prefillBound(input)).toBeUndefined();
  });
});
