// KV-cache and state sizes per layer group, from a model's architecture facts. Pure arithmetic.
import type { Architecture, AttentionGroup, CacheDtype, Indexer } from '../catalog/schema.js';
import { formatBytes, formatInt, formatKiB } from '../format.js';

/** Bytes per element of the KV cache or recurrent state (fp4: two elements per byte). */
export const DTYPE_BYTES = { fp32: 4, bf16: 2, fp16: 2, fp8: 1, fp4: 0.5 } as const;
export type KvDtype = keyof typeof DTYPE_BYTES;

/** The layer groups that hold memory: MTP layers only once `withMtp` has switched them on. */
export function layerGroups(arch: Architecture): AttentionGroup[] {
  return arch.attention.filter((g) => !g.mtp);
}

/**
 * The architecture as speculative decoding runs it: its multi-token-prediction layers keep KV too.
 * @example kvGrowthPerToken(withMtp(deepseekV3), 2) // 62 MLA layers instead of 61
 */
export function withMtp(arch: Architecture): Architecture {
  return { ...arch, attention: arch.attention.map((g) => (g.mtp ? { ...g, mtp: false } : g)) };
}

/**
 * KV heads one GPU keeps under tensor parallelism over `tp` GPUs. vLLM splits the KV heads when
 * there are at least as many as GPUs, and otherwise gives every GPU one replicated head
 * (QKVParallelLinear: `if tp_size >= total_num_kv_heads: num_kv_heads = 1`, vllm/model_executor/layers/linear.py).
 * @example kvHeadsPerGpu(8, 2) // 4;  kvHeadsPerGpu(2, 8) // 1 (replicated 4×)
 */
export function kvHeadsPerGpu(heads: number, tp: number): number {
  return heads >= tp ? Math.ceil(heads / tp) : 1;
}

/** Bytes of one indexer key (DSA, CSA): its elements in the indexer's own dtype plus its scales. */
export function indexerBytes(ix: Indexer | undefined): number {
  return ix ? ix.head_dim * DTYPE_BYTES[ix.dtype] + (ix.scale_bytes ?? 0) : 0;
}

/**
 * Bytes of one cached KV entry in one layer of this group on one GPU (a token, or for `compressed`
 * one compressed block), indexer keys excluded. MLA's latent and DeepSeek V4's single shared KV
 * head are one head (vLLM: `num_kv_heads=1, head_size=kv_lora_rank + qk_rope_head_dim`,
 * models/deepseek_v2.py), so every GPU keeps all of it.
 */
function kvEntryBytes(arch: Architecture, group: AttentionGroup, bytes: number, tp: number): number {
  switch (group.kind) {
    case 'full':
    case 'sliding':
    case 'chunked':
    case 'block-sparse':
    case 'compressed':
    {
      // K and V: KV heads × (key dim + value dim), the value dim the key dim unless stated (1 × when keys double as values).
      const keyDim = group.head_dim ?? arch.head_dim;
      const dims = group.kv_shared ? keyDim : keyDim + (group.v_head_dim ?? keyDim);
      return kvHeadsPerGpu(group.kv_heads ?? arch.kv_heads, tp) * dims * bytes;
    }
    case 'mla':
      // One compressed latent plus the decoupled RoPE key, shared by all heads.
      return (group.kv_lora_rank + group.qk_rope_head_dim) * bytes;
    case 'gated-deltanet':
    case 'kda':
    case 'mamba2':
    case 'ffn':
    case 'cross':
      return 0; // constant state per sequence / KV per image, not per text token
  }
}

/**
 * The layer whose cache this group reads instead of keeping its own (cross-layer KV sharing), or
 * undefined when the group keeps its own.
 * @example sharedFrom({ kind: 'full', layers: 4, kv_from: 19 }) // 19
 */
export function sharedFrom(group: AttentionGroup): number | undefined {
  return 'kv_from' in group ? group.kv_from : undefined;
}

/**
 * KV bytes each further token adds in one layer of this group on one GPU, once any window is
 * full: the entry and its indexer key, spread over `ratio` tokens for sequence-compressed layers;
 * nothing for layers that read another layer's cache.
 */
export function kvBytesPerTokenPerLayer(arch: Architecture, group: AttentionGroup, bytes: number, tp = 1): number {
  if (sharedFrom(group) !== undefined) return 0;
  const entry = kvEntryBytes(arch, group, bytes, tp);
  if (group.kind === 'compressed') return (entry + indexerBytes(group.indexer)) / group.ratio;
  if (group.kind === 'mla') return entry + indexerBytes(group.indexer);
  return entry;
}

/**
 * The window a group stops growing at, or undefined when it grows with the context. A compressed
 * layer reading another layer's compressed KV keeps only its own uncompressed window.
 */
export function kvCap(group: AttentionGroup): number | undefined {
  if (group.kind === 'compressed' && group.kv_from !== undefined) return group.window;
  return group.kind === 'sliding' ? group.window : group.kind === 'chunked' ? group.chunk : undefined;
}

/** How many tokens a group keeps in its cache at a given context length. */
export function cachedTokens(group: AttentionGroup, context: number): number {
  const cap = kvCap(group);
  return cap === undefined ? context : Math.min(context, cap);
}

/**
 * KV bytes of one layer of this group for one sequence at `context` tokens (on one of `tp` GPUs).
 * A compressed layer keeps ⌊context ÷ ratio⌋ finished blocks (each with its indexer key), the last
 * `window` tokens uncompressed, and the compressor's buffer of not-yet-finished tokens; one that
 * reads another layer's compressed KV keeps only its window. Other sharing layers keep nothing.
 */
export function layerKvBytes(arch: Architecture, group: AttentionGroup, context: number, bytes: number, tp = 1): number {
  if (group.kind !== 'compressed') return kvBytesPerTokenPerLayer(arch, group, bytes, tp) * cachedTokens(group, context);
  const entry = kvEntryBytes(arch, group, bytes, tp);
  if (group.kv_from !== undefined) return Math.min(context, group.window) * entry;
  const blocks = Math.floor(context / group.ratio);
  return blocks * (entry + indexerBytes(group.indexer)) + (Math.min(context, group.window) + (group.buffer_tokens ?? 0)) * entry;
}

/**
 * KV cache of one sequence at `context` tokens, summed over layer groups (on one of `tp` GPUs).
 * @example kvCacheBytes(llama31_8b, 131072, 2) // 32 layers × 2 × 8 × 128 × 2 B × 131072 = 16 GiB
 */
export function kvCacheBytes(arch: Architecture, context: number, bytes: number, tp = 1): number {
  return layerGroups(arch).reduce((sum, g) => sum + g.layers * layerKvBytes(arch, g, context, bytes, tp), 0);
}

/** Whether a group's cache grows with every token however long the context gets (its own cache, not one it reads). */
export function grows(group: AttentionGroup): boolean {
  if (sharedFrom(group) !== undefined) return false;
  return group.kind === 'full' || group.kind === 'mla' || group.kind === 'block-sparse' || group.kind === 'compressed';
}

/** The KV bytes each further token adds once every window is full: only unbounded layers grow. */
export function kvGrowthPerToken(arch: Architecture, bytes: number, tp = 1): number {
  return layerGroups(arch).filter(grows).reduce((sum, g) => sum + g.layers * kvBytesPerTokenPerLayer(arch, g, bytes, tp), 0);
}

/** Layers whose cache grows with context, and the total (parallel groups share their layers): "16 of 64". */
export function growingLayers(arch: Architecture): { growing: number; total: number } {
  const own = layerGroups(arch).filter((g) => !g.parallel);
  const count = (gs: AttentionGroup[]) => gs.reduce((n, g) => n + g.layers, 0);
  return { growing: count(own.filter(grows)), total: count(own) };
}

/** A recurrent state's bytes per element: the config's dtype, else the model dtype (vLLM's "auto"). */
const stateElementBytes = (dtype: CacheDtype | undefined, modelBytes: number) => (dtype ? DTYPE_BYTES[dtype] : modelBytes);

/**
 * Constant state of one layer of a linear-attention / state-space group for one sequence, on one of
 * `tp` GPUs; 0 for attention groups. Shapes as vLLM allocates them
 * (MambaStateShapeCalculator, vllm/model_executor/layers/mamba/mamba_utils.py), conv states in the
 * model dtype (`bytes`):
 * - Gated DeltaNet: recurrent (value_heads, value_dim, key_dim) in `recurrent_dtype`;
 *   conv (conv_kernel − 1, 2 × key_heads × key_dim + value_heads × value_dim).
 * - KDA: recurrent (heads, head_dim, head_dim), always fp32 (kda_state_dtype);
 *   conv (conv_kernel − 1, heads × head_dim) for each of q, k and v.
 * - Mamba-2: recurrent (heads, head_dim, state_size) in `recurrent_dtype`;
 *   conv (conv_kernel − 1, heads × head_dim + 2 × groups × state_size), groups replicated when fewer than GPUs.
 * - Sequence-compressed (DeepSeek V4): the compressor buffers (`compressorStateBytes`), held by the
 *   layer that compresses, not by layers reading its compressed KV.
 */
export function layerStateBytes(arch: Architecture, group: AttentionGroup, bytes: number, tp = 1): number {
  const split = (n: number) => Math.ceil(n / tp);
  switch (group.kind) {
    case 'gated-deltanet': {
      const recurrent = split(group.value_heads) * group.key_head_dim * group.value_head_dim * stateElementBytes(group.recurrent_dtype, bytes);
      const conv = (group.conv_kernel - 1) * split(2 * group.key_heads * group.key_head_dim + group.value_heads * group.value_head_dim) * bytes;
      return recurrent + conv;
    }
    case 'kda': {
      const recurrent = split(group.heads) * group.head_dim * group.head_dim * stateElementBytes(group.recurrent_dtype ?? 'fp32', bytes);
      const conv = 3 * (group.conv_kernel - 1) * split(group.heads * group.head_dim) * bytes;
      return recurrent + conv;
    }
    case 'mamba2': {
      const recurrent = split(group.heads) * group.head_dim * group.state_size * stateElementBytes(group.recurrent_dtype, bytes);
      const conv = (group.conv_kernel - 1) * (split(group.heads * group.head_dim) + 2 * kvHeadsPerGpu(group.groups, tp) * group.state_size) * bytes;
      return recurrent + conv;
    }
    case 'compressed':
      return group.kv_from === undefined ? compressorStateBytes(group, group.head_dim ?? arch.head_dim) : 0;
    default:
      return 0;
  }
}

/**
 * The compressor buffers of one sequence-compressed layer (DeepSeek V4): fp32 `kv_state` and
 * `score_state`, each (coff × ratio) rows of (coff × head_dim), coff = 2 when blocks overlap; the
 * indexer's own compressor the same with the indexer's head dim, unless the indexer projects its keys
 * from this compressor's latent (DeepSeek V4.1: `indexer_compressor: false`). The compressor's projections are
 * replicated, so every GPU keeps all of it (Compressor and Indexer in DeepSeek's inference/model.py,
 * https://github.com/Nicooo-Wang/DeepSeek-V4-Pro-code/blob/0ec3a03c2fc34f29b2e72696ceaed9ae7a373aeb/inference/model.py,
 * a copy of huggingface.co/deepseek-ai/DeepSeek-V4-Pro/blob/main/inference/model.py).
 * @example compressorStateBytes(csa, 512) // 2 × 8 × 1,024 × 4 + 2 × 8 × 256 × 4 = 81,920
 */
function compressorStateBytes(group: Extract<AttentionGroup, { kind: 'compressed' }>, headDim: number): number {
  if (!group.compressor) return 0;
  const coff = group.compressor.overlap ? 2 : 1;
  const buffers = (width: number) => 2 * coff * group.ratio * coff * width * DTYPE_BYTES.fp32;
  const indexerOwn = group.indexer !== undefined && group.compressor.indexer_compressor !== false;
  return buffers(headDim) + (indexerOwn ? buffers(group.indexer!.head_dim) : 0);
}

/**
 * Constant recurrent + convolution state of all linear-attention and state-space layers for one
 * sequence (on one of `tp` GPUs); see `layerStateBytes` for each kind's shapes.
 * @example linearStateBytes(qwen35_27b, 2) // 48 layers × (48·128·128 + 3·(2·16·128 + 48·128)) × 2 B
 */
export function linearStateBytes(arch: Architecture, bytes: number, tp = 1): number {
  return layerGroups(arch).reduce((sum, g) => sum + g.layers * layerStateBytes(arch, g, bytes, tp), 0);
}

/** One layer group's share of the KV cache at a context length, and its constant state. */
export interface KvPart {
  readonly kind: AttentionGroup['kind'];
  readonly layers: number;
  /** Whether the group's cache grows with every token (full, MLA, block-sparse, compressed). */
  readonly grows: boolean;
  /** Runs beside another group in the same layers (Falcon-H1's Mamba-2 heads). */
  readonly parallel?: true;
  /** Multi-token-prediction layers, counted because speculative decoding is on. */
  readonly mtp?: true;
  /** The layer whose cache these layers read (cross-layer KV sharing). */
  readonly kvFrom?: number;
  /** Bytes each further token adds per layer (on one GPU), once any window is full. */
  readonly perTokenPerLayer: number;
  /** Tokens kept: the context, or the window/chunk when smaller. */
  readonly tokens: number;
  readonly cap?: number;
  /** KV of all the group's layers for one sequence at this context. */
  readonly bytes: number;
  /** Constant state of all the group's layers for one sequence (linear attention, state-space). */
  readonly stateBytes: number;
  /** How the bytes come about: "2 × 8 KV heads × 128 × 2 B". */
  readonly formula: string;
}

/**
 * The KV cache at `context` and the constant state, group by group, so a reader sees which layers
 * grow, which are capped and which hold a fixed state.
 * @example kvParts(scout, 10_485_760, 2)[0] // { kind: 'chunked', layers: 36, tokens: 8192, cap: 8192, ... }
 */
export function kvParts(arch: Architecture, context: number, bytes: number, tp = 1): KvPart[] {
  return arch.attention.flatMap((g) => {
    if (g.mtp) return [];
    const cap = kvCap(g);
    return [{
      kind: g.kind, layers: g.layers, grows: grows(g),
      ...(g.parallel ? { parallel: true as const } : {}), ...(g.mtp === false ? { mtp: true as const } : {}),
      ...(sharedFrom(g) === undefined ? {} : { kvFrom: sharedFrom(g) }),
      perTokenPerLayer: kvBytesPerTokenPerLayer(arch, g, bytes, tp), tokens: cachedTokens(g, context), ...(cap === undefined ? {} : { cap }),
      bytes: g.layers * layerKvBytes(arch, g, context, bytes, tp), stateBytes: g.layers * layerStateBytes(arch, g, bytes, tp),
      formula: kvFormula(arch, g, bytes, tp),
    }];
  });
}

/**
 * What a layer group holds, in words: whether it grows with the context, is capped, or keeps a
 * constant state, with its arithmetic.
 * @example partSummary(parts[0]) // 'grows: 2 × 8 KV heads × 64 dims × 2 B = 2 KiB/token/layer × 131,072 tokens'
 */
export function partSummary(p: KvPart): string {
  if (p.kvFrom !== undefined) {
    const reads = `reads layer ${p.kvFrom}'s ${p.kind === 'compressed' ? 'compressed KV' : 'KV cache'} and stores none of it`;
    if (p.kind !== 'compressed') return `${reads}: no KV and no state of its own`;
    return `${reads}; keeps only its own window: ${p.formula} × ${formatInt(p.tokens)} tokens = ${formatBytes(p.bytes / p.layers)} per layer`;
  }
  if (p.kind === 'compressed') return `grows by ${formatKiB(p.perTokenPerLayer)}/token/layer: ${p.formula}${p.stateBytes > 0 ? `; compressor buffers ${formatBytes(p.stateBytes / p.layers)} per layer, constant` : ''}`;
  if (p.stateBytes > 0) return `constant per sequence: ${formatBytes(p.stateBytes / p.layers)} per layer (${p.formula.replace('no per-token cache; state ', '')})`;
  if (p.kind === 'cross' || p.kind === 'ffn') return p.formula;
  if (p.cap !== undefined && p.tokens === p.cap) return `capped at ${formatInt(p.cap)} tokens: ${p.formula} = ${formatKiB(p.perTokenPerLayer)}/token/layer × ${formatInt(p.tokens)} tokens`;
  return `${p.grows ? 'grows' : 'up to its window'}: ${p.formula} = ${formatKiB(p.perTokenPerLayer)}/token/layer × ${formatInt(p.tokens)} tokens`;
}

/** "2 × 8 KV heads (1 per GPU of 8) × 128 dims × 2 B" */
function headsFormula(arch: Architecture, g: { kv_heads?: number | undefined; head_dim?: number | undefined; v_head_dim?: number | undefined; kv_shared?: boolean | undefined }, bytes: number, tp: number): string {
  const heads = g.kv_heads ?? arch.kv_heads;
  const perGpu = tp > 1 ? ` (${kvHeadsPerGpu(heads, tp)} per GPU of ${tp})` : '';
  const keyDim = g.head_dim ?? arch.head_dim;
  if (!g.kv_shared && g.v_head_dim !== undefined && g.v_head_dim !== keyDim) return `${heads} KV heads${perGpu} × (${keyDim} key + ${g.v_head_dim} value dims) × ${bytes} B`;
  return `${g.kv_shared ? 1 : 2} × ${heads} KV heads${perGpu} × ${keyDim} dims × ${bytes} B`;
}

/** " + indexer key 128 × 1 B + 4 B scale" */
function indexerFormula(ix: Indexer | undefined): string {
  if (!ix) return '';
  return ` + indexer key ${ix.head_dim} × ${DTYPE_BYTES[ix.dtype]} B${ix.scale_bytes ? ` + ${ix.scale_bytes} B scale` : ''} (${ix.dtype})`;
}

/** The KV (or state) arithmetic of one layer of a group, in words. */
function kvFormula(arch: Architecture, g: AttentionGroup, bytes: number, tp: number): string {
  switch (g.kind) {
    case 'full':
    case 'sliding':
    case 'chunked':
      return headsFormula(arch, g, bytes, tp);
    case 'block-sparse':
      return `${headsFormula(arch, g, bytes, tp)} (every token kept; blocks of ${g.block} only select what is read)`;
    case 'compressed':
      if (g.kv_from !== undefined) return headsFormula(arch, g, bytes, tp);
      return `(${headsFormula(arch, g, bytes, tp)}${indexerFormula(g.indexer)}) per ${g.ratio === 1 ? 'token' : `${g.ratio} tokens`} + the last ${g.window} tokens uncompressed${g.buffer_tokens ? ` + ${g.buffer_tokens} buffered` : ''}`;
    case 'mla':
      return `(${g.kv_lora_rank} latent + ${g.qk_rope_head_dim} RoPE dims) × ${bytes} B${indexerFormula(g.indexer)}`;
    case 'gated-deltanet':
      return `no per-token cache; state ${g.value_heads} × ${g.value_head_dim} × ${g.key_head_dim} recurrent (${g.recurrent_dtype ?? 'model dtype'}) + ${g.conv_kernel - 1} × ${2 * g.key_heads * g.key_head_dim + g.value_heads * g.value_head_dim} conv per sequence`;
    case 'kda':
      return `no per-token cache; state ${g.heads} × ${g.head_dim} × ${g.head_dim} recurrent (${g.recurrent_dtype ?? 'fp32'}) + 3 × ${g.conv_kernel - 1} × ${g.heads * g.head_dim} conv per sequence`;
    case 'mamba2':
      return `no per-token cache; state ${g.heads} × ${g.head_dim} × ${g.state_size} recurrent (${g.recurrent_dtype ?? 'model dtype'}) + ${g.conv_kernel - 1} × ${g.heads * g.head_dim + 2 * g.groups * g.state_size} conv per sequence`;
    case 'ffn':
      return 'no attention or state: an MLP/MoE-only layer';
    case 'cross':
      return 'KV per image, not per text token (not counted)';
  }
}

/**
 * The same model with every layer that does not keep a growing full-size cache (sliding-window,
 * chunked, compressed, linear-attention, state-space, or reading another layer's cache) made one of its global attention layers: a
 * full-attention layer shaped like its full layers, or, in a model whose global layers are MLA
 * (Kimi K3: KDA + MLA), an MLA layer like those. This is what a calculator that ignores the
 * attention mix assumes. MLA, block-sparse (already full KV) and cross-attention layers are kept;
 * parallel state heads are dropped.
 * @example kvGrowthPerToken(allFullAttention(qwen35_397b), 2) // 60 × 2 × 2 × 256 × 2 B = 120 KiB
 */
export function allFullAttention(arch: Architecture): Architecture {
  const global = globalLayer(arch);
  const shape = global?.kind === 'full' ? { kv_heads: global.kv_heads ?? arch.kv_heads, head_dim: global.head_dim ?? arch.head_dim, ...(global.v_head_dim ? { v_head_dim: global.v_head_dim } : {}) } : { kv_heads: arch.kv_heads, head_dim: arch.head_dim };
  const attention = arch.attention.flatMap((g): AttentionGroup[] => {
    const base = { kind: 'full' as const, layers: g.layers, ...(g.mtp === undefined ? {} : { mtp: g.mtp }) };
    if (g.kind === 'sliding' || g.kind === 'chunked' || g.kind === 'compressed') return [{ ...base, kv_heads: g.kv_heads ?? arch.kv_heads, head_dim: g.head_dim ?? arch.head_dim, ...(g.v_head_dim ? { v_head_dim: g.v_head_dim } : {}), ...(g.kv_shared ? { kv_shared: true } : {}) }];
    if (g.kind === 'gated-deltanet' || g.kind === 'kda' || g.kind === 'mamba2') {
      if (g.parallel) return [];
      return [global?.kind === 'mla' ? { ...ownCache(global), layers: g.layers, ...(g.mtp === undefined ? {} : { mtp: g.mtp }) } : { ...base, ...shape }];
    }
    return [ownCache(g)];
  });
  return { ...arch, attention };
}

/** A group as if it kept its own cache rather than reading another layer's. */
function ownCache(g: AttentionGroup): AttentionGroup {
  if (sharedFrom(g) === undefined) return g;
  const { kv_from: _, ...own } = g as AttentionGroup & { kv_from?: number };
  return own as AttentionGroup;
}

/** The kind of layer that attends over every token in this model: its full-attention layers, else its MLA layers (those keeping their own cache first). */
export function globalLayer(arch: Architecture): AttentionGroup | undefined {
  const own = arch.attention.filter((g) => !g.mtp).sort((a, b) => Number(sharedFrom(a) !== undefined) - Number(sharedFrom(b) !== undefined));
  return own.find((g) => g.kind === 'full') ?? own.find((g) => g.kind === 'mla');
}

/** What one attention-kind mix looks like in words: "48 Gated DeltaNet + 16 full-attention". */
export function describeAttention(arch: Architecture): string {
  return layerGroups(arch)
    .map((g) => `${g.layers} ${ATTENTION_LABEL[g.kind]}${groupDetail(g)}`)
    .join(' + ');
}

function groupDetail(g: AttentionGroup): string {
  const parts = [
    g.kind === 'sliding' ? `window ${g.window}${g.sinks ? ', sinks' : ''}` : '',
    g.kind === 'chunked' ? `chunk ${g.chunk}` : '',
    g.kind === 'compressed' ? `KV ÷${g.ratio} + window ${g.window}` : '',
    (g.kind === 'mla' || g.kind === 'compressed') && g.indexer ? 'indexer' : '',
    g.kind === 'block-sparse' ? `blocks of ${g.block}` : '',
    g.parallel ? 'in parallel' : '',
    sharedFrom(g) === undefined ? '' : `reads layer ${sharedFrom(g)}'s KV`,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export const ATTENTION_LABEL: Record<AttentionGroup['kind'], string> = {
  full: 'full-attention',
  sliding: 'sliding-window',
  chunked: 'chunked-attention',
  mla: 'MLA',
  compressed: 'compressed-KV',
  'block-sparse': 'block-sparse',
  'gated-deltanet': 'Gated DeltaNet',
  kda: 'KDA',
  mamba2: 'Mamba-2',
  ffn: 'MLP/MoE-only',
  cross: 'cross-attention',
};
