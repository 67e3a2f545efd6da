// A model's architecture as its layer groups: what memory and speed are computed from.
import { z } from 'zod';
import { PosInt, Text } from './schema-base.js';

/**
 * What every layer group has. `mtp`: multi-token-prediction layers (config
 * num_nextn_predict_layers), outside the layer count, cached only when speculative decoding uses
 * them (`fit --mtp`). `parallel`: these layers run beside another group in the same decoder layers
 * (Falcon-H1's Mamba-2 heads beside its attention), so they do not add to the layer count.
 */
const layerGroup = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({
    kind: z.literal(kind),
    layers: PosInt,
    mtp: z.boolean().optional(),
    parallel: z.boolean().optional(),
    note: Text.optional(),
    ...shape,
  });

/**
 * Cross-layer KV sharing: the layer (0-based, as configs count) whose cache these layers read
 * instead of keeping their own (Gemma 3n / Gemma 4 `num_kv_shared_layers`, DeepSeek V4.1
 * `kv_source_layer_ids`). They add no KV per token and no state; a sequence-compressed layer still
 * keeps its own uncompressed window.
 */
const kvFrom = { kv_from: z.int().min(0).optional() };

/** Storage types of caches and states; fp4 = 4 bits per element. */
export const CacheDtype = z.enum(['fp32', 'bf16', 'fp16', 'fp8', 'fp4']);

/** Per-layer attention kind; the groups' `layers` add up to the model's layer count. */
// kv_shared: keys double as values (one cached tensor per KV head instead of two), e.g. Gemma 4 global layers.
// v_head_dim: values narrower than keys (MiMo-V2: keys 192, values 128); absent = head_dim.
const kvShape = { kv_heads: PosInt.optional(), head_dim: PosInt.optional(), v_head_dim: PosInt.optional(), kv_shared: z.boolean().optional(), ...kvFrom };

/**
 * A sparse-attention indexer's key cache (DeepSeek V3.2 / GLM-5 DSA, DeepSeek V4 CSA): one key of
 * `head_dim` elements per cached token in its own `dtype`, plus `scale_bytes` of quantization
 * scales per key. Only layers that run their own indexer keep one (GLM-5 IndexShare reuses another
 * layer's selection).
 */
export const Indexer = z.strictObject({
  head_dim: PosInt,
  dtype: CacheDtype,
  scale_bytes: z.number().min(0).optional(),
  heads: PosInt.optional(),
  top_k: PosInt.optional(),
});

/** Recurrent-state dtype as the config states it (mamba_ssm_dtype, mamba_ssm_cache_dtype); absent = the model dtype. */
const stateDtype = z.enum(['fp32', 'bf16', 'fp16']).optional();

export const AttentionGroup = z.discriminatedUnion('kind', [
  layerGroup('full', kvShape),
  // sinks: learned per-head sink logits (gpt-oss); they add no cached tokens.
  layerGroup('sliding', { window: PosInt, sinks: z.boolean().optional(), ...kvShape }),
  layerGroup('chunked', { chunk: PosInt, ...kvShape }),
  layerGroup('mla', {
    kv_lora_rank: PosInt,
    qk_rope_head_dim: PosInt,
    qk_nope_head_dim: PosInt,
    v_head_dim: PosInt,
    q_lora_rank: PosInt.nullable(),
    // The layers that keep an indexer key cache (DSA); layers sharing another's selection have none.
    indexer: Indexer.optional(),
    ...kvFrom,
  }),
  // Sequence-compressed KV (DeepSeek V4 CSA/HCA): one entry per `ratio` tokens, plus the last
  // `window` tokens uncompressed, plus the compressor's constant per-sequence buffer.
  layerGroup('compressed', {
    ratio: PosInt,
    window: PosInt,
    ...kvShape,
    indexer: Indexer.optional(),
    // Tokens' worth of uncompressed entries the compressor holds until a block is full (per layer, per sequence).
    buffer_tokens: z.int().min(0).optional(),
    // DeepSeek V4's Compressor: fp32 kv_state and score_state of (coff × ratio) rows × (coff × head_dim),
    // coff = 2 when blocks overlap (ratio 4), else 1. `indexer_compressor`: the indexer, if any, runs its
    // own of index head_dim (V4; absent = true); false when its keys are projected from this
    // compressor's latent (V4.1). Absent compressor: no buffers (V4.1's ratio 1 is a plain projection).
    compressor: z.strictObject({ overlap: z.boolean(), indexer_compressor: z.boolean().optional() }).optional(),
  }),
  // Block-sparse attention over a full KV cache (MiniMax MSA): saves compute, not memory.
  layerGroup('block-sparse', { block: PosInt, top_k: PosInt.optional(), ...kvShape }),
  layerGroup('gated-deltanet', {
    key_heads: PosInt,
    value_heads: PosInt,
    key_head_dim: PosInt,
    value_head_dim: PosInt,
    conv_kernel: PosInt,
    // config.json mamba_ssm_dtype; absent = the model dtype (vLLM's "auto").
    recurrent_dtype: stateDtype,
  }),
  // Kimi Delta Attention (Kimi Linear, K3): per head a head_dim × head_dim state, short convs on q, k, v.
  layerGroup('kda', { heads: PosInt, head_dim: PosInt, conv_kernel: PosInt, recurrent_dtype: stateDtype }),
  // Mamba-2 (Nemotron-H, Granite 4.0-H, Falcon-H1): per head head_dim × state_size, conv over x, B, C.
  layerGroup('mamba2', {
    heads: PosInt,
    head_dim: PosInt,
    state_size: PosInt,
    groups: PosInt,
    conv_kernel: PosInt,
    recurrent_dtype: stateDtype,
  }),
  // Layers with no token mixer, only an MLP or MoE block (Nemotron-H's "-"/"E" layers): no KV, no state.
  layerGroup('ffn', {}),
  // Cross-attention to image tokens (Llama 3.2 Vision): KV per image, not per text token.
  layerGroup('cross', { kv_heads: PosInt.optional(), head_dim: PosInt.optional() }),
]);

export const Moe = z.strictObject({
  experts: PosInt,
  experts_per_token: PosInt,
  shared_experts: z.int().min(0),
  moe_layers: PosInt.optional(),
  expert_intermediate: PosInt.optional(),
});

/** The config.json-level numbers that memory and speed depend on (text decoder). */
export const Architecture = z.strictObject({
  layers: PosInt,
  hidden: PosInt,
  heads: PosInt,
  kv_heads: PosInt,
  head_dim: PosInt,
  intermediate: PosInt.optional(),
  vocab: PosInt,
  tied_embeddings: z.boolean(),
  attention: z.array(AttentionGroup).min(1),
  moe: Moe.optional(),
});

export type AttentionGroup = z.infer<typeof AttentionGroup>;
export type Indexer = z.infer<typeof Indexer>;
export type CacheDtype = z.infer<typeof CacheDtype>;
export type Architecture = z.infer<typeof Architecture>;
export type Moe = z.infer<typeof Moe>;
