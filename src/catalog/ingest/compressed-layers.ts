// DeepSeek V4's sequence-compressed layers and cross-layer KV sharing (V4.1's KV sources, Gemma's num_kv_shared_layers), read from a config.
import type { Indexer } from '../schema.js';
import type { ConfigReader } from './config-reader.js';
import type { LayerSpec } from './layers.js';

/** DeepSeek V4's CSA indexer keys: fp4, 0.5 B per element (aiconfigurator's deepseek_v4_indexer_cache_entry_bytes, https://github.com/ai-dynamo/aiconfigurator/blob/095f58a51c4ca8e61b66ec108d86f223f8d559ce/aic-core/src/aiconfigurator_core/sdk/common.py). */
const V4_INDEXER_STORAGE = 'DeepSeek V4 indexer keys are cached as fp4, index_head_dim × 0.5 B (aiconfigurator deepseek_v4_indexer_cache_entry_bytes)';

/**
 * DeepSeek V4: `compress_ratios[i]` is layer i's ratio; 0 = only the raw sliding window. Every layer
 * keeps the last `sliding_window` tokens uncompressed in one KV head whose entry serves as key and
 * value; a compressing layer adds one entry per `ratio` tokens and keeps fp32 compressor buffers;
 * ratio-4 layers (CSA) overlap their blocks and run an indexer over its own compressed keys
 * (`overlap = compress_ratio == 4`, `if self.compress_ratio == 4: self.indexer = Indexer(...)` in
 * DeepSeek's inference/model.py, read at
 * https://github.com/Nicooo-Wang/DeepSeek-V4-Pro-code/blob/0ec3a03c2fc34f29b2e72696ceaed9ae7a373aeb/inference/model.py).
 */
export function compressedLayer(r: ConfigReader, ratio: unknown, i: number): LayerSpec | undefined {
  const window = r.int('sliding_window', 'attention.compressed.window');
  const kvHeads = r.int('num_key_value_heads', 'attention.compressed.kv_heads');
  const headDim = r.int('head_dim', 'attention.compressed.head_dim');
  if (window === undefined || kvHeads === undefined || headDim === undefined) return undefined;
  const shape = { kv_heads: kvHeads, head_dim: headDim, kv_shared: true };
  r.take('attention.compressed.kv_shared', 'one cached entry per token serves as key and value (DeepSeek V4 inference/model.py: kv_cache of head_dim per token)', true);
  if (ratio === 0) return { kind: 'sliding', window, ...shape };
  if (!Number.isInteger(ratio) || (ratio as number) < 0) {
    r.problems.push(`${r.pathOf('compress_ratios')}[${i}] is ${JSON.stringify(ratio)}, not a whole compression ratio`);
    return undefined;
  }
  const csa = ratio === 4;
  r.take('attention.compressed.compressor.overlap', 'ratio 4 compresses overlapping blocks (DeepSeek V4 inference/model.py: overlap = compress_ratio == 4)', csa);
  if (!csa) return { kind: 'compressed', ratio: ratio as number, window, ...shape, compressor: { overlap: false } };
  const indexer = v4Indexer(r);
  return indexer ? { kind: 'compressed', ratio: 4, window, ...shape, compressor: { overlap: true }, indexer } : undefined;
}

/** Where DeepSeek V4.1's model.py was read: a copy of huggingface.co/deepseek-ai/DeepSeek-V4.1-Flash at dba1be0, inference/model.py, identical but for its imports. */
const V41_MODEL_PY = 'https://github.com/tenstorrent/tt-metal/blob/702412b85f1b8d93a8e87fe0584fa165766f38ce/models/demos/deepseek_v3_d_p/reference/deepseek_v41/model.py';

/**
 * DeepSeek V4.1: every layer keeps its own sliding window, and a layer with `compress_ratios[i] > 0`
 * also attends over compressed KV, but only the `kv_source_layer_ids` layers compress: each later
 * layer reads the compressed KV and index keys of the last source before it ("compress_ratio > 0 does
 * not mean the layer compresses its own KV: only kv_source_layers do, the rest read that same cache",
 * Attention in V4.1's inference/model.py). A source keeps fp32 compressor buffers of ratio × head_dim
 * (none at ratio 1, a plain projection), without overlap, and, when it is also an index source, index
 * keys projected from its compressed latent (Indexer.wk), so the indexer has no compressor of its own.
 * Index sources that are not KV sources score with their source's keys and keep no cache.
 */
export function sharedCompressedLayers(r: ConfigReader, ratios: unknown[]): (LayerSpec | undefined)[] | undefined {
  const sourcePath = r.pathOf('kv_source_layer_ids') ?? 'kv_source_layer_ids';
  const sources = layerIds(r, 'kv_source_layer_ids', ratios.length);
  const indexed = r.has('index_source_layer_ids') ? layerIds(r, 'index_source_layer_ids', ratios.length) : [];
  if (sources === undefined || indexed === undefined) return undefined;
  r.take('attention.compressed.kv_from', `${sourcePath}: only these layers compress their KV; each later layer with a ratio reads the last one's (Attention, ${V41_MODEL_PY})`, sources);
  if (indexed.length > 0) r.take('attention.compressed.indexer', `${r.pathOf('index_source_layer_ids')}: index keys only on the KV sources among these (Indexer.owns_k, ${V41_MODEL_PY})`, indexed.filter((i) => sources.includes(i)));
  return ratios.map((ratio, i) => {
    const base = compressedLayer(r, 0, i);
    if (base === undefined || ratio === 0) return base;
    if (!Number.isInteger(ratio) || (ratio as number) < 0) {
      r.problems.push(`${r.pathOf('compress_ratios')}[${i}] is ${JSON.stringify(ratio)}, not a whole compression ratio`);
      return undefined;
    }
    const { kind: _, ...shape } = base as Extract<LayerSpec, { kind: 'sliding' }>;
    const own = { kind: 'compressed' as const, ratio: ratio as number, ...shape };
    if (sources.includes(i)) {
      const indexer = indexed.includes(i) ? v4Indexer(r) : undefined;
      if (indexed.includes(i) && indexer === undefined) return undefined;
      if ((ratio as number) > 1) r.take('attention.compressed.compressor', `compress_ratios > 1 on a KV source: fp32 kv_state and score_state of ratio × head_dim, no overlap; ratio 1 keeps none (Compressor, ${V41_MODEL_PY})`, { overlap: false });
      const compressor = (ratio as number) > 1 ? { compressor: { overlap: false, ...(indexer ? { indexer_compressor: false } : {}) } } : {};
      return { ...own, ...compressor, ...(indexer ? { indexer } : {}) };
    }
    const from = sources.filter((s) => s < i).at(-1);
    if (from === undefined) {
      r.problems.push(`${r.pathOf('compress_ratios')}[${i}] is ${ratio as number}, but no layer of ${sourcePath} comes before layer ${i} to compress its KV`);
      return undefined;
    }
    if (ratios[from] !== ratio) {
      r.problems.push(`layer ${i} reads layer ${from}'s compressed KV at ratio ${ratio as number}, but ${r.pathOf('compress_ratios')}[${from}] is ${JSON.stringify(ratios[from])}`);
      return undefined;
    }
    return { ...own, kv_from: from };
  });
}

/** A list of distinct 0-based layer ids below `layers`, in order, or undefined with the problem. */
function layerIds(r: ConfigReader, key: string, layers: number): number[] | undefined {
  const list = r.raw(key);
  const ok = Array.isArray(list) && list.every((x, k) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < layers && (k === 0 || (x as number) > (list[k - 1] as number)));
  if (!ok) {
    r.problems.push(`${r.pathOf(key) ?? key} should list layer numbers from 0 to ${layers - 1} in increasing order`);
    return undefined;
  }
  return list as number[];
}

/**
 * Gemma 3n / Gemma 4: the last `num_kv_shared_layers` layers compute no keys or values; each reads
 * the cache of the last earlier layer of its own type (`kv_shared_layer_index`, Gemma4TextAttention in
 * https://github.com/huggingface/transformers/blob/c308a309e651a7e033f683353f3f75aa66d29502/src/transformers/models/gemma4/modeling_gemma4.py).
 * Sharing needs `first = layers − num_kv_shared_layers > 0` (transformers: `layer_idx >= first > 0`).
 */
export function kvSharing(r: ConfigReader, kinds: (LayerSpec | undefined)[], layers: number): (LayerSpec | undefined)[] | undefined {
  const n = r.raw('num_kv_shared_layers');
  if (n === undefined || n === null || n === 0) return kinds;
  const path = r.pathOf('num_kv_shared_layers') ?? 'num_kv_shared_layers';
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > layers) {
    r.problems.push(`${path} is ${JSON.stringify(n)}, not a whole number of layers from 0 to ${layers}`);
    return undefined;
  }
  const first = layers - (n as number);
  if (first === 0) return kinds;
  const types = r.raw('layer_types');
  if (!Array.isArray(types) || types.length !== layers) {
    r.problems.push(`${path} is ${n as number}, but the config has no layer_types of ${layers} entries to say which earlier layer each shared layer reads`);
    return undefined;
  }
  r.take('attention.kv_from', `${path}: layers ${first} to ${layers - 1} read the cache of the last layer before ${first} of their own layer_types entry (transformers Gemma4TextAttention.kv_shared_layer_index)`, n);
  return kinds.map((k, i) => {
    if (i < first) return k;
    const from = types.slice(0, first).lastIndexOf(types[i]);
    if (from < 0) {
      r.problems.push(`layer ${i} shares its KV (${path}), but no layer before ${first} is "${String(types[i])}" to share it from`);
      return undefined;
    }
    const source = kinds[from];
    if (source === undefined) return undefined;
    if (!['full', 'sliding', 'chunked', 'mla', 'block-sparse'].includes(source.kind)) {
      r.problems.push(`layer ${i} shares the KV of layer ${from}, a ${source.kind} layer, which keeps no KV cache to share`);
      return undefined;
    }
    return { ...source, kv_from: from } as LayerSpec;
  });
}

/** The CSA indexer: fp4 keys of index_head_dim per compressed entry, no separate scales. */
function v4Indexer(r: ConfigReader): Indexer | undefined {
  const headDim = r.int('index_head_dim', 'attention.compressed.indexer.head_dim');
  const heads = r.int('index_n_heads', 'attention.compressed.indexer.heads', false);
  const topK = r.int('index_topk', 'attention.compressed.indexer.top_k', false);
  if (headDim === undefined) return undefined;
  r.take('attention.compressed.indexer.dtype', V4_INDEXER_STORAGE, 'fp4');
  return { head_dim: headDim, dtype: 'fp4', ...(heads ? { heads } : {}), ...(topK ? { top_k: topK } : {}) };
}
