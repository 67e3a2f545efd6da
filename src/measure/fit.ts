// Does a model fit a GPU set: memory per GPU under tensor parallelism, largest context, fewest GPUs.
import type { Architecture } from '../catalog/schema.js';
import type { ModelFacts } from './facts.js';
import { DTYPE_BYTES, kvCacheBytes, linearStateBytes } from './memory.js';
import { vocabWeightBytes, weightBytes, type WeightFormat } from './weights.js';

/** One accelerator, in bytes, bytes per second and FLOP/s. */
export interface GpuSpec {
  readonly id: string;
  readonly name: string;
  readonly memoryBytes: number;
  readonly bandwidth: number;
  readonly bf16Flops?: number;
  readonly fp8Flops?: number;
}

/** An engine's memory rules: the fraction of memory it may use and what it keeps per GPU besides weights, KV and state. */
export interface EngineRules {
  readonly name: string;
  readonly reservation: number;
  /** What the reservation is a fraction of: the device (vLLM, SGLang) or what is free once weights and runtime are in (TensorRT-LLM). */
  readonly reservationOf?: 'device' | 'free-after-weights';
  /** The fixed part of what the engine keeps per GPU: CUDA context, library workspaces (non-torch memory). */
  readonly allowanceBytes: number;
  /** Per GPU when the model is split over several (communication buffers come on top). */
  readonly allowanceTpBytes: number;
  /** Activation peak per FFN column per GPU: profiled tokens × bytes per FFN value (0 when the engine has none). */
  readonly activationBytesPerFfnColumn?: number;
  /** The batch the engine profiles: tokens (vLLM max_num_batched_tokens) and sequences it samples for (max_num_seqs). */
  readonly profile?: { readonly tokens: number; readonly seqs: number };
  /** The sampler's peak per vocabulary entry on every GPU: sequences × bytes per logit (0 when the engine has none). */
  readonly samplerBytesPerVocab?: number;
  /** A compute buffer sized from the graph (llama.cpp) instead of a profiled activation peak. */
  readonly computeBuffer?: { readonly ubatch: number; readonly bytesPerValue: number; readonly flashAttention: boolean };
  /** The engine can keep layers in system RAM (llama.cpp -ngl). */
  readonly layerOffload?: boolean;
  /** The KV cache is allocated in blocks of this many tokens. */
  readonly kvBlockTokens?: number;
  /** How the allowance was measured, from the catalog. */
  readonly basis?: string;
  /** Which rules the user set instead of taking the engine's. */
  readonly overridden?: readonly ('reservation' | 'allowance')[];
}

/** Everything a fit decision depends on. */
export interface FitInput {
  readonly facts: ModelFacts;
  readonly format: WeightFormat;
  readonly gpu: GpuSpec;
  readonly gpus: number;
  readonly engine: EngineRules;
  readonly context: number;
  readonly concurrency: number;
  /** Bytes per KV-cache element: 2 for bf16, 1 for fp8. */
  readonly kvBytes: number;
  /** Layers kept on the GPU (llama.cpp -ngl): 0 … layers + 1 (the output layer); undefined = everything on the GPU. */
  readonly gpuLayers?: number;
}

/** What stays in system RAM when only some layers are on the GPU (llama.cpp -ngl). */
export interface HostSplit {
  readonly gpuLayers: number;
  readonly layers: number;
  /** The output matrix is on the GPU (-ngl above the layer count). */
  readonly outputOnGpu: boolean;
  /** Weight bytes in system RAM. */
  readonly weights: number;
  /** Bytes the GPU holds besides its layers: a copy of a tied embedding used as the output matrix. */
  readonly gpuCopy: number;
  readonly kv: number;
  readonly state: number;
  readonly total: number;
}

/** Memory on one GPU, by what it holds. */
export interface MemorySplit {
  readonly weights: number;
  readonly kv: number;
  readonly state: number;
  /** Everything the engine keeps besides weights, KV and state: its fixed part plus the activation peak. */
  readonly allowance: number;
  readonly activation: number;
  readonly total: number;
}

export interface FitResult {
  readonly perGpu: MemorySplit;
  /** memory × reservation, rounded down to a whole byte. */
  readonly usablePerGpu: number;
  readonly fits: boolean;
  /** usable − total; negative when it does not fit. */
  readonly headroomPerGpu: number;
  /** What the engine gives the KV cache on one GPU: usable − weights − allowance (vLLM's "Available KV cache memory"). */
  readonly kvRoomPerGpu: number;
  /** With -ngl below the layer count: what stays in system RAM (not counted against the GPU). */
  readonly host?: HostSplit;
}

/** The model dtype: conv state and 16-bit matrices are bf16. */
const MODEL_DTYPE_BYTES = DTYPE_BYTES.bf16;

/**
 * Usable bytes on one GPU: what the engine may take of it. TensorRT-LLM's fraction applies to the
 * memory left once weights and runtime are in (`kv_cache_free_gpu_memory_fraction`), so `taken` counts whole.
 */
export function usableBytes(gpu: GpuSpec, engine: EngineRules, taken = 0): number {
  if (engine.reservationOf === 'free-after-weights') return taken + Math.floor(Math.max(0, gpu.memoryBytes - taken) * engine.reservation);
  return Math.floor(gpu.memoryBytes * engine.reservation);
}

/**
 * The FFN width one token's activations span: the dense intermediate size, or for a mixture of experts
 * the experts it is routed to (and the shared ones) × the expert width, whichever is larger.
 * @example ffnWidth(llama31_8b) // 14336
 */
export function ffnWidth(arch: Architecture): number {
  const moe = arch.moe?.expert_intermediate ? (arch.moe.experts_per_token + arch.moe.shared_experts) * arch.moe.expert_intermediate : 0;
  // Without a dense intermediate size a MoE model's FFN is its experts; a dense model's defaults to 4 × hidden.
  return Math.max(arch.intermediate ?? (moe > 0 ? 0 : 4 * arch.hidden), moe);
}

/**
 * The engine's activation peak on one of `gpus` GPUs. vLLM profiles one forward pass (its FFN is split
 * over the GPUs) and then the sampler (the full-vocabulary logits on every GPU); the peak is the larger.
 * llama.cpp sizes a compute buffer from its graph instead (computeBufferBytes).
 * @example activationBytes(llama31_8b, vllmOnH100, 1) // max(8192 × 14336 × 11.5, 1024 × 128256 × 32)
 */
export function activationBytes(arch: Architecture, engine: EngineRules, gpus: number, context = 0): number {
  if (engine.computeBuffer) return computeBufferBytes(arch, context, engine.computeBuffer);
  const forward = ((engine.activationBytesPerFfnColumn ?? 0) * ffnWidth(arch)) / gpus;
  const sampler = (engine.samplerBytesPerVocab ?? 0) * arch.vocab;
  return Math.round(Math.max(forward, sampler));
}

/**
 * llama.cpp's compute buffer on the GPU: the larger of the output path, ubatch × (vocab + hidden)
 * float32 values (the logits and the final norm), and, without flash attention, one layer's attention
 * scores, ubatch × context × heads float32 values, plus the float32 mask, ubatch × context.
 * @example computeBufferBytes(llama3_8b, 512, { ubatch: 512, bytesPerValue: 4, flashAttention: false }) // 512 × (128256 + 4096) × 4 = 258.5 MiB
 */
export function computeBufferBytes(arch: Architecture, context: number, cb: NonNullable<EngineRules['computeBuffer']>): number {
  const output = cb.ubatch * (arch.vocab + arch.hidden) * cb.bytesPerValue;
  const attention = cb.flashAttention ? 0 : cb.ubatch * context * (arch.heads + 1) * cb.bytesPerValue;
  return Math.max(output, attention);
}

/**
 * Memory per GPU: weights split evenly over the GPUs; KV heads split (or replicated when fewer than
 * GPUs); linear-attention state split by heads; the engine allowance counted on every GPU.
 * @example fitMemory({ ...input, context: 131072 }).fits
 */
export function fitMemory(input: FitInput): FitResult {
  const { facts, format, gpus, concurrency } = input;
  const allWeights = weightBytes(facts.total, facts.arch, format) / gpus;
  const allKv = kvCacheBytes(facts.arch, input.context, input.kvBytes, gpus) * concurrency;
  const allState = linearStateBytes(facts.arch, MODEL_DTYPE_BYTES, gpus) * concurrency;
  const host = input.gpuLayers === undefined ? undefined : hostSplit(input, allWeights, allKv, allState);
  const [weights, kv, state] = host ? [allWeights - host.weights + host.gpuCopy, allKv - host.kv, allState - host.state] : [allWeights, allKv, allState];
  const activation = host?.gpuLayers === 0 ? 0 : activationBytes(facts.arch, input.engine, gpus, input.context);
  const allowance = (gpus === 1 ? input.engine.allowanceBytes : input.engine.allowanceTpBytes) + activation;
  const total = weights + kv + state + allowance;
  const usablePerGpu = usableBytes(input.gpu, input.engine, weights + allowance);
  return {
    perGpu: { weights, kv, state, allowance, activation, total }, usablePerGpu, fits: total <= usablePerGpu, headroomPerGpu: usablePerGpu - total,
    kvRoomPerGpu: usablePerGpu - weights - allowance,
    ...(host ? { host } : {}),
  };
}

/**
 * llama.cpp's -ngl N: the token embedding always stays in system RAM; N of the repeating layers go to
 * the GPU with their share of the weights, KV cache and state; N above the layer count moves the output
 * matrix too (a tied output is a copy of the embedding).
 * @example hostSplit({ ...input, gpuLayers: 20 }, w, kv, 0).weights // embedding + (layers − 20)/layers of the body + output
 */
export function hostSplit(input: FitInput, weights: number, kv: number, state: number): HostSplit {
  const { arch } = input.facts;
  const layers = arch.layers;
  const n = Math.max(0, Math.min(input.gpuLayers ?? layers + 1, layers + 1));
  const onGpu = Math.min(n, layers);
  const outputOnGpu = n > layers;
  const { embedding, head } = vocabWeightBytes(arch, input.format);
  const shares = input.gpus;
  const body = Math.max(0, weights - (embedding + head) / shares);
  const off = (layers - onGpu) / layers;
  const hostWeights = embedding / shares + body * off + (outputOnGpu ? 0 : head / shares);
  const gpuOutputCopy = outputOnGpu && head === 0 ? embedding / shares : 0; // tied: llama.cpp duplicates the matrix for the GPU
  return {
    gpuLayers: n, layers, outputOnGpu,
    weights: hostWeights, gpuCopy: gpuOutputCopy, kv: kv * off, state: state * off,
    total: hostWeights + kv * off + state * off,
  };
}

/**
 * The longest context (≤ `limit`) at which the model still fits, or 0 when not even one token does.
 * KV grows monotonically with context, so a binary search finds it.
 * @example largestContext(input, 262144) // 262144 when the native window fits
 */
export function largestContext(input: FitInput, limit: number): number {
  const fits = (context: number) => fitMemory({ ...input, context }).fits;
  if (!fits(1)) return 0;
  if (fits(limit)) return limit;
  let [lo, hi] = [1, limit]; // fits(lo) && !fits(hi)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Why tensor parallelism over `gpus` GPUs is impossible for this model, or undefined when it is fine.
 * vLLM refuses a split that does not divide the attention heads ("Total number of attention heads
 * (…) must be divisible by tensor parallel size (…)", ModelConfig.verify_with_parallel_config).
 */
export function tpProblem(arch: Architecture, gpus: number): string | undefined {
  if (gpus === 1 || arch.heads % gpus === 0) return undefined;
  const ok = Array.from({ length: arch.heads }, (_, i) => i + 1).filter((n) => arch.heads % n === 0 && n <= 64);
  return `tensor parallelism over ${gpus} GPUs needs the ${arch.heads} attention heads to split evenly; possible GPU counts: ${ok.join(', ')}`;
}

/**
 * The fewest GPUs (a valid tensor-parallel size up to `max`) on which the model fits, or undefined.
 * @example minGpus({ ...input, format: bf16 }, 64) // 4 for Llama 4 Scout on H100 at 32K
 */
export function minGpus(input: FitInput, max = 64): number | undefined {
  for (let gpus = 1; gpus <= max; gpus++) {
    if (tpProblem(input.facts.arch, gpus) === undefined && fitMemory({ ...input, gpus }).fits) return gpus;
  }
  return undefined;
}
