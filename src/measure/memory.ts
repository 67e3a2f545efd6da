// KV-cache and state sizes per layer group, from a model's architecture facts. Pure arithmetic.
import type { Architecture, AttentionGroup } from '../catalog/schema.js';

/** Bytes per element of the KV cache or recurrent state. */
export const DTYPE_BYTES = { bf16: 2, fp16: 2, fp8: 1, fp32: 4 } as const;
export type KvDtype = keyof typeof DTYPE_BYTES;

/**
 * KV heads one GPU keeps under tensor parallelism over `tp` GPUs. vLLM splits the KV heads when
 * there are at least as many as GPUs, and otherwise gives every GPU one replicated head
 * (QKVParallelLinear: `if tp_size >= total_num_kv_heads: num_kv_heads = 1`, vllm/model_executor/layers/linear.py).
 * @example kvHeadsPerGpu(8, 2) // 4;  kvHeadsPerGpu(2, 8) // 1 (replicated 4×)
 */
export function kvHeadsPerGpu(heads: number, tp: number): number {
  return heads >= tp ? Math.ceil(heads / tp) : 1;
}

/**
 * KV bytes one token adds in one layer of this group on one GPU, before any window cap.
 * MLA's latent is a single head (vLLM: `num_kv_heads=1, head_size=kv_lora_rank + qk_rope_head_dim`,
 * models/deepseek_v2.py), so every GPU keeps all of it.
 */
export function kvBytesPerTokenPerLayer(arch: Architecture, group: AttentionGroup, bytes: number, tp = 1): number {
  switch (group.kind) {
    case 'full':
    case 'sliding':
    case 'chunked':
      // K and V: 2 × KV heads × head dim (1 × when keys double as values).
      return (group.kv_shared ? 1 : 2) * kvHeadsPerGpu(group.kv_heads ?? arch.kv_heads, tp) * (group.head_dim ?? arch.head_dim) * bytes;
    case 'mla':
      // One compressed latent plus the decoupled RoPE key, shared by all heads.
      return (group.kv_lora_rank + group.qk_rope_head_dim) * bytes;
    case 'gated-deltanet':
    case 'cross':
      return 0; // constant state per sequence / KV per image, not per text token
  }
}

/** The window a group stops growing at, or undefined when it grows with the context. */
export function kvCap(group: AttentionGroup): number | undefined {
  return group.kind === 'sliding' ? group.window : group.kind === 'chunked' ? group.chunk : undefined;
}

/** How many tokens a group keeps in its cache at a given context length. */
export function cachedTokens(group: AttentionGroup, context: number): number {
  const cap = kvCap(group);
  return cap === undefined ? context : Math.min(context, cap);
}

/**
 * KV cache of one sequence at `context` tokens, summed over layer groups (on one of `tp` GPUs).
 * @example kvCacheBytes(llama31_8b, 131072, 2) // 32 layers × 2 × 8 × 128 × 2 B × 131072 = 16 GiB
 */
export function kvCacheBytes(arch: Architecture, context: number, bytes: number, tp = 1): number {
  return arch.attention.reduce(
    (sum, g) => sum + g.layers * kvBytesPerTokenPerLayer(arch, g, bytes, tp) * cachedTokens(g, context),
    0,
  );
}

/** Whether a group's cache grows with every token however long the context gets. */
export function grows(group: AttentionGroup): boolean {
  return group.kind === 'full' || group.kind === 'mla';
}

/** The KV bytes each further token adds once every window is full: only unbounded layers grow. */
export function kvGrowthPerToken(arch: Architecture, bytes: number, tp = 1): number {
  return arch.attention.filter(grows).reduce((sum, g) => sum + g.layers * kvBytesPerTokenPerLayer(arch, g, bytes, tp), 0);
}

/** Layers whose cache grows with context, and the total: "16 of 64". */
export function growingLayers(arch: Architecture): { growing: number; total: number } {
  const growing = arch.attention.filter(grows).reduce((n, g) => n + g.layers, 0);
  return { growing, total: arch.layers };
}

/**
 * Constant recurrent + convolution state of linear-attention layers for one sequence (on one of
 * `tp` GPUs). Shapes as vLLM allocates them (MambaStateShapeCalculator.gated_delta_net_state_shape,
 * vllm/model_executor/layers/mamba/mamba_utils.py): recurrent (value_heads, value_dim, key_dim);
 * conv (conv_kernel − 1, 2 × key_heads × key_dim + value_heads × value_dim); both split over TP.
 * The conv state is in the model dtype (`bytes`); the recurrent state in the group's
 * `recurrent_dtype` (config.json mamba_ssm_dtype), else the model dtype (vLLM's "auto").
 * @example linearStateBytes(qwen35_27b, 2) // 48 layers × (48·128·128 + 3·(2·16·128 + 48·128)) × 2 B
 */
export function linearStateBytes(arch: Architecture, bytes: number, tp = 1): number {
  return arch.attention.reduce((sum, g) => {
    if (g.kind !== 'gated-deltanet') return sum;
    const recurrentBytes = g.recurrent_dtype ? DTYPE_BYTES[g.recurrent_dtype] : bytes;
    const recurrent = Math.ceil(g.value_heads / tp) * g.key_head_dim * g.value_head_dim * recurrentBytes;
    const convChannels = 2 * g.key_heads * g.key_head_dim + g.value_heads * g.value_head_dim;
    const conv = (g.conv_kernel - 1) * Math.ceil(convChannels / tp) * bytes;
    return sum + g.layers * (recurrent + conv);
  }, 0);
}

/** One layer group's share of the KV cache at a context length. */
export interface KvPart {
  readonly kind: AttentionGroup['kind'];
  readonly layers: number;
  /** Bytes one token adds per layer (on one GPU). */
  readonly perTokenPerLayer: number;
  /** Tokens kept: the context, or the window/chunk when smaller. */
  readonly tokens: number;
  readonly cap?: number;
  readonly bytes: number;
  /** How perTokenPerLayer comes about: "2 × 8 KV heads × 128 × 2 B". */
  readonly formula: string;
}

/**
 * The KV cache at `context`, group by group, so a reader sees which layers grow and which are capped.
 * @example kvParts(scout, 10_485_760, 2)[0] // { kind: 'chunked', layers: 36, tokens: 8192, cap: 8192, ... }
 */
export function kvParts(arch: Architecture, context: number, bytes: number, tp = 1): KvPart[] {
  return arch.attention.map((g) => {
    const perTokenPerLayer = kvBytesPerTokenPerLayer(arch, g, bytes, tp);
    const tokens = cachedTokens(g, context);
    const cap = kvCap(g);
    return { kind: g.kind, layers: g.layers, perTokenPerLayer, tokens, ...(cap === undefined ? {} : { cap }), bytes: g.layers * perTokenPerLayer * tokens, formula: kvFormula(arch, g, bytes, tp) };
  });
}

/** The per-token, per-layer KV arithmetic of a group, in words. */
function kvFormula(arch: Architecture, g: AttentionGroup, bytes: number, tp: number): string {
  switch (g.kind) {
    case 'full':
    case 'sliding':
    case 'chunked': {
      const heads = g.kv_heads ?? arch.kv_heads;
      const perGpu = tp > 1 ? ` (${kvHeadsPerGpu(heads, tp)} per GPU of ${tp})` : '';
      return `${g.kv_shared ? 1 : 2} × ${heads} KV heads${perGpu} × ${g.head_dim ?? arch.head_dim} dims × ${bytes} B`;
    }
    case 'mla':
      return `(${g.kv_lora_rank} latent + ${g.qk_rope_head_dim} RoPE dims) × ${bytes} B`;
    case 'gated-deltanet':
      return 'no per-token cache: a constant recurrent + conv state per sequence';
    case 'cross':
      return 'KV per image, not per text token (not counted)';
  }
}

/**
 * The same model with every sliding-window, chunked and linear-attention layer made a full-attention
 * layer (shaped like its full layers): what a calculator that ignores the attention mix assumes.
 * MLA and cross-attention layers are kept as they are.
 * @example kvGrowthPerToken(allFullAttention(qwen35_397b), 2) // 60 × 2 × 2 × 256 × 2 B = 120 KiB
 */
export function allFullAttention(arch: Architecture): Architecture {
  const full = arch.attention.find((g) => g.kind === 'full');
  const shape = full?.kind === 'full' ? { kv_heads: full.kv_heads ?? arch.kv_heads, head_dim: full.head_dim ?? arch.head_dim } : { kv_heads: arch.kv_heads, head_dim: arch.head_dim };
  const attention = arch.attention.map((g): AttentionGroup => {
    if (g.kind === 'sliding' || g.kind === 'chunked') return { kind: 'full', layers: g.layers, kv_heads: g.kv_heads ?? arch.kv_heads, head_dim: g.head_dim ?? arch.head_dim, ...(g.kv_shared ? { kv_shared: true } : {}) };
    if (g.kind === 'gated-deltanet') return { kind: 'full', layers: g.layers, ...shape };
    return g;
  });
  return { ...arch, attention };
}

/** What one attention-kind mix looks like in words: "48 gated-deltanet + 16 full". */
export function describeAttention(arch: Architecture): string {
  return arch.attention
    .map((g) => {
      const detail = g.kind === 'sliding' ? ` (window ${g.window})` : g.kind === 'chunked' ? ` (chunk ${g.chunk})` : '';
      return `${g.layers} ${ATTENTION_LABEL[g.kind]}${detail}`;
    })
    .join(' + ');
}

export const ATTENTION_LABEL: Record<AttentionGroup['kind'], string> = {
  full: 'full-attention',
  sliding: 'sliding-window',
  chunked: 'chunked-attention',
  mla: 'MLA',
  'gated-deltanet': 'Gated DeltaNet',
  cross: 'cross-attention',
};
