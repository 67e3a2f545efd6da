// Speed bounds from bandwidth and FLOPs: ceilings no engine can beat, not benchmark predictions.
import type { FitInput } from './fit.js';
import { DTYPE_BYTES, kvCacheBytes, linearStateBytes } from './memory.js';
import { activeWeightBytes } from './weights.js';

/** A decode step: every sequence in the batch produces one token. */
export interface DecodeBound {
  /** Bytes one GPU reads per step: its share of the active weights + each sequence's KV and state. */
  readonly bytesPerStepPerGpu: number;
  /** Upper bound on tokens/s for one sequence. */
  readonly tokensPerSecond: number;
  /** Upper bound on tokens/s for the whole batch (× concurrency). */
  readonly aggregateTokensPerSecond: number;
}

/**
 * Decode ceiling = GPU bandwidth ÷ bytes each GPU reads per step. Bytes read: active weights at the
 * precision (read once per step, shared by the batch: the most optimistic case for a mixture of
 * experts, whose batch may touch more experts) + every sequence's KV at this context + its recurrent
 * state. Writes, communication and kernel efficiency are ignored, so real speed is lower.
 * @example decodeBound(input).tokensPerSecond // 3.35e12 / 16.5e9 ≈ 203 for Llama 3.1 8B bf16 on H100 at 32K
 */
export function decodeBound(input: FitInput): DecodeBound {
  const { facts, gpus, concurrency } = input;
  const weights = activeWeightBytes(facts.active, facts.arch, input.format) / gpus;
  const perSequence = kvCacheBytes(facts.arch, input.context, input.kvBytes, gpus) + linearStateBytes(facts.arch, DTYPE_BYTES.bf16, gpus);
  const bytesPerStepPerGpu = weights + concurrency * perSequence;
  const steps = input.gpu.bandwidth / bytesPerStepPerGpu;
  return { bytesPerStepPerGpu, tokensPerSecond: steps, aggregateTokensPerSecond: steps * concurrency };
}

export interface PrefillBound {
  /** 2 × active params: one multiply-add per active weight per token. */
  readonly flopsPerToken: number;
  /** Which dense tensor rate the bound uses. */
  readonly rate: 'bf16' | 'fp8';
  readonly tokensPerSecond: number;
  /** Lower bound on the time to read a prompt of the whole context. */
  readonly secondsForContext: number;
}

/**
 * Prefill bound = GPUs × dense TFLOPS ÷ (2 × active params) tokens/s. FP8 weights use the FP8 rate
 * when the GPU has one; every other precision computes in BF16 (weight-only formats dequantize).
 * Attention FLOPs, which grow with context, are left out, so long prompts are slower still.
 * Undefined when the GPU's dense rate is not published.
 * @example prefillBound(input)?.tokensPerSecond // 989e12 / (2 × 8e9) ≈ 61,800 for Llama 3.1 8B on H100
 */
export function prefillBound(input: FitInput): PrefillBound | undefined {
  const useFp8 = input.format.id === 'fp8' && input.gpu.fp8Flops !== undefined;
  const perGpu = useFp8 ? input.gpu.fp8Flops : input.gpu.bf16Flops;
  if (perGpu === undefined) return undefined;
  const flopsPerToken = 2 * input.facts.active;
  const tokensPerSecond = (perGpu * input.gpus) / flopsPerToken;
  return { flopsPerToken, rate: useFp8 ? 'fp8' : 'bf16', tokensPerSecond, secondsForContext: input.context / tokensPerSecond };
}
