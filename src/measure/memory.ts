// KV-cache and state sizes per layer group, from a model's architecture facts. Pure arithmetic.
import type { Architecture, AttentionGroup } from '../catalog/schema.js';

/** Bytes per element of the KV cache or recurrent state. */
export const DTYPE_BYTES = { bf16: 2, fp16: 2, fp8: 1, fp32: 4 } as const;
export type KvDtype = keyof typeof DTYPE_BYTES;

/** KV bytes one token adds in one layer of this group, before any window cap. */
export function kvBytesPerTokenPerLayer(arch: Architecture, group: AttentionGroup, bytes: number): number {
  switch (group.kind) {
    case 'full':
    case 'sliding':
    case 'chunked':
      // K and V: 2 × KV heads × head dim (1 × when keys double as values).
      return (group.kv_shared ? 1 : 2) * (group.kv_heads ?? arch.kv_heads) * (group.head_dim ?? arch.head_dim) * bytes;
    case 'mla':
      // One compressed latent plus the decoupled RoPE key, shared by all heads.
      return (group.kv_lora_rank + group.qk_rope_head_dim) * bytes;
    case 'gated-deltanet':
    case 'cross':
      return 0; // constant state per sequence / KV per image, not per text token
  }
}

/** How many tokens a group keeps in its cache at a given context length. */
export function cachedTokens(group: AttentionGroup, context: number): number {
  if (group.kind === 'sliding') return Math.min(context, group.window);
  if (group.kind === 'chunked') return Math.min(context, group.chunk);
  return context;
}

/**
 * KV cache of one sequence at `context` tokens, summed over layer groups.
 * @example kvCacheBytes(llama31_8b, 131072, 2) // 32 layers × 2 × 8 × 128 × 2 B × 131072 = 16 GiB
 */
export function kvCacheBytes(arch: Architecture, context: number, bytes: number): number {
  return arch.attention.reduce(
    (sum, g) => sum + g.layers * kvBytesPerTokenPerLayer(arch, g, bytes) * cachedTokens(g, context),
    0,
  );
}

/** The KV bytes each further token adds once every window is full: only unbounded layers grow. */
export function kvGrowthPerToken(arch: Architecture, bytes: number): number {
  return arch.attention
    .filter((g) => g.kind === 'full' || g.kind === 'mla')
    .reduce((sum, g) => sum + g.layers * kvBytesPerTokenPerLayer(arch, g, bytes), 0);
}

/** Layers whose cache grows with context, and the total: "16 of 64". */
export function growingLayers(arch: Architecture): { growing: number; total: number } {
  const growing = arch.attention.filter((g) => g.kind === 'full' || g.kind === 'mla').reduce((n, g) => n + g.layers, 0);
  return { growing, total: arch.layers };
}

/**
 * Constant recurrent + convolution state of linear-attention layers for one sequence.
 * Gated DeltaNet keeps a key_dim × value_dim matrix per value head, plus a causal-conv window.
 */
export function linearStateBytes(arch: Architecture, bytes: number): number {
  return arch.attention.reduce((sum, g) => {
    if (g.kind !== 'gated-deltanet') return sum;
    const recurrent = g.value_heads * g.key_head_dim * g.value_head_dim;
    const convChannels = 2 * g.key_heads * g.key_head_dim + g.value_heads * g.value_head_dim;
    const conv = (g.conv_kernel - 1) * convChannels;
    return sum + g.layers * (recurrent + conv) * bytes;
  }, 0);
}

/** What one attention-kind mix looks like in words: "48 gated-deltanet + 16 full". */
export function describeAttention(arch: Architecture): string {
  return arch.attention
    .map((g) => {
      const detail = g.kind === 'sliding' ? ` (window ${g.window})` : g.kind === 'chunked' ? ` (chunk ${g.chunk})` : '';
      return `${g.layers} ${LABEL[g.kind]}${detail}`;
    })
    .join(' + ');
}

const LABEL: Record<AttentionGroup['kind'], string> = {
  full: 'full-attention',
  sliding: 'sliding-window',
  chunked: 'chunked-attention',
  mla: 'MLA',
  'gated-deltanet': 'Gated DeltaNet',
  cross: 'cross-attention',
};
