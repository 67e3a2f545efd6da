// A config.json's layers, read from the config's own per-layer lists, as the catalog's layer groups.
import type { AttentionGroup, Indexer } from '../schema.js';
import { compressedLayer, kvSharing, sharedCompressedLayers } from './compressed-layers.js';
import type { ConfigReader } from './config-reader.js';
import { gatedDeltaNet, mamba2, parallelState } from './recurrent-layers.js';

/** A layer group before it is counted: its kind and shape. */
export type LayerSpec = AttentionGroup extends infer G ? (G extends AttentionGroup ? Omit<G, 'layers'> : never) : never;

/** vLLM keeps DSA indexer keys as fp8 plus one fp32 scale per 128 elements (DeepseekV32IndexerCache, vllm/model_executor/models/deepseek_v2.py). */
const INDEXER_STORAGE = 'vLLM stores indexer keys as fp8 with a 4-byte scale per 128 elements (DeepseekV32IndexerCache)';

/**
 * The layer groups of a config, or undefined with the reader's problems saying why. Each layer's
 * kind comes from the config's own list (`layer_types`, `hybrid_override_pattern`,
 * `linear_attn_config.kda_layers`, `full_attention_interval`); counts are per kind, in no order.
 * @example layerGroups(reader, 24) // [{ kind: 'gated-deltanet', layers: 18, … }, { kind: 'full', layers: 6 }]
 */
export function layerGroups(r: ConfigReader, layers: number): AttentionGroup[] | undefined {
  const kinds = perLayer(r, layers);
  if (kinds === undefined) return undefined;
  if (kinds.length !== layers) {
    r.problems.push(`the config's layer list has ${kinds.length} entries but num_hidden_layers is ${layers}`);
    return undefined;
  }
  const shared = kvSharing(r, kinds, layers);
  if (shared === undefined) return undefined;
  const groups = count(shared);
  const parallel = parallelState(r, layers);
  const mtp = mtpGroup(r, kinds, layers);
  return [...groups, ...(parallel ? [parallel] : []), ...(mtp ? [mtp] : [])];
}

/** One spec per layer, from whichever per-layer list the config has. */
function perLayer(r: ConfigReader, layers: number): (LayerSpec | undefined)[] | undefined {
  const types = r.raw('layer_types');
  if (Array.isArray(types)) return types.map((t, i) => fromLayerType(r, String(t), i));
  const pattern = r.raw('hybrid_override_pattern');
  if (typeof pattern === 'string') return [...pattern].map((c, i) => fromPatternChar(r, c, i));
  const blocks = r.raw('layers_block_type');
  if (Array.isArray(blocks)) return blocks.map((b, i) => fromBlockType(r, String(b), i));
  const linear = r.object('linear_attn_config');
  if (linear && Array.isArray(linear.kda_layers)) return kdaLayers(r, linear, layers);
  // Gemma 3 configs from before layer_types: every sliding_window_pattern-th layer is global
  // (transformers Gemma3TextConfig: "sliding_attention" if (i + 1) % sliding_window_pattern else "full_attention").
  const swPattern = r.raw('sliding_window_pattern');
  if (Number.isInteger(swPattern) && (swPattern as number) > 0 && r.has('sliding_window')) {
    const window = r.int('sliding_window', 'attention.sliding.window');
    if (window === undefined) return undefined;
    r.take('attention', `${r.pathOf('sliding_window_pattern')}: every ${swPattern as number}th layer is global, the others slide over ${window} tokens`, swPattern);
    return Array.from({ length: layers }, (_, i) => ((i + 1) % (swPattern as number) === 0 ? attention(r, i) : { kind: 'sliding', window }));
  }
  const interval = r.raw('full_attention_interval');
  if (Number.isInteger(interval) && r.has('linear_num_value_heads')) {
    r.take('attention', `${r.pathOf('full_attention_interval')}: every ${interval as number}th layer is full attention, the rest Gated DeltaNet`, interval);
    return Array.from({ length: layers }, (_, i) => ((i + 1) % (interval as number) === 0 ? attention(r, i) : gatedDeltaNet(r)));
  }
  const ratios = r.raw('compress_ratios');
  if (Array.isArray(ratios) && r.has('kv_source_layer_ids')) return sharedCompressedLayers(r, ratios.slice(0, layers));
  if (Array.isArray(ratios)) return ratios.slice(0, layers).map((x, i) => compressedLayer(r, x, i));
  const minimax = r.raw('attn_type_list');
  if (Array.isArray(minimax)) return minimax.map((x, i) => fromAttnType(r, x, i));
  // MiMo-V2 before the chunked check: its config also carries attention_chunk_size.
  const hybrid = r.raw('hybrid_layer_pattern');
  if (Array.isArray(hybrid)) return hybrid.map((x, i) => mimoLayer(r, x, i));
  const sparse = r.object('sparse_attention_config');
  if (sparse && Array.isArray(sparse.sparse_attention_freq)) return blockSparseLayers(r, sparse);
  if (r.has('attention_chunk_size')) return chunkedLayers(r, layers);
  return uniformLayers(r, layers);
}

/**
 * No per-layer list: every layer is the same attention layer. A window the config sets without naming
 * which layers use it is read only where the model's code applies it to every layer (transformers'
 * MistralAttention and MixtralAttention pass config.sliding_window to each layer); elsewhere (Gemma 2,
 * Cohere 2, Phi-3…) the code decides, so the architecture stays unknown rather than all full or all sliding.
 */
function uniformLayers(r: ConfigReader, layers: number): (LayerSpec | undefined)[] | undefined {
  const window = r.raw('sliding_window');
  if (typeof window === 'number' && r.raw('use_sliding_window') !== false && !r.has('kv_lora_rank')) {
    const type = r.raw('model_type');
    if (type !== 'mistral' && type !== 'mixtral') {
      r.problems.push(`${r.pathOf('sliding_window')} is ${window}, but the config names no per-layer pattern (layer_types or sliding_window_pattern): which layers slide is decided by the ${JSON.stringify(type ?? 'unnamed')} model code, so versus does not guess`);
      return undefined;
    }
    const w = r.int('sliding_window', 'attention.sliding.window');
    if (w === undefined) return undefined;
    r.take('attention', `${r.pathOf('sliding_window')}: model_type ${type} slides every layer over ${w} tokens`, w);
    return Array.from({ length: layers }, () => ({ kind: 'sliding', window: w }));
  }
  return Array.from({ length: layers }, (_, i) => attention(r, i));
}

function fromLayerType(r: ConfigReader, type: string, i: number): LayerSpec | undefined {
  switch (type) {
    case 'full_attention':
    case 'attention':
      return r.has('global_head_dim') ? gemmaGlobal(r) : attention(r, i);
    case 'sliding_attention': {
      const window = r.int('sliding_window', 'attention.sliding.window');
      return window === undefined ? undefined : { kind: 'sliding', window };
    }
    case 'chunked_attention': {
      const chunk = r.int('attention_chunk_size', 'attention.chunked.chunk');
      return chunk === undefined ? undefined : { kind: 'chunked', chunk };
    }
    case 'linear_attention':
      return gatedDeltaNet(r);
    case 'mamba':
      return mamba2(r);
    default:
      r.problems.push(`${r.pathOf('layer_types')}[${i}] is "${type}", a layer type versus does not know`);
      return undefined;
  }
}

/**
 * Gemma 4's global layers have their own shape: global_head_dim, num_global_key_value_heads, and
 * with attention_k_eq_v the keys double as values (one cached tensor per KV head).
 */
function gemmaGlobal(r: ConfigReader): LayerSpec | undefined {
  const headDim = r.int('global_head_dim', 'attention.full.head_dim');
  const kvHeads = r.int('num_global_key_value_heads', 'attention.full.kv_heads');
  if (headDim === undefined || kvHeads === undefined) return undefined;
  const shared = r.raw('attention_k_eq_v') === true;
  if (shared) r.take('attention.full.kv_shared', r.pathOf('attention_k_eq_v') ?? 'attention_k_eq_v', true);
  return { kind: 'full', head_dim: headDim, kv_heads: kvHeads, ...(shared ? { kv_shared: true } : {}) };
}

/** Nemotron-H's pattern: M = Mamba-2, * = attention, - = MLP, E = mixture of experts. */
function fromPatternChar(r: ConfigReader, c: string, i: number): LayerSpec | undefined {
  if (c === 'M') return mamba2(r);
  if (c === '*') return attention(r, i);
  if (c === '-' || c === 'E') return { kind: 'ffn' };
  r.problems.push(`${r.pathOf('hybrid_override_pattern')}[${i}] is "${c}", not one of M * - E`);
  return undefined;
}

/**
 * Llama 4: layers with RoPE attend in chunks of \`attention_chunk_size\`, the NoPE layers over every
 * token (transformers Llama4TextAttention; vLLM Llama4Attention: chunked local attention unless the
 * layer is NoPE). \`no_rope_layers\` marks each layer 1 (RoPE) or 0 (NoPE); when it is empty or absent,
 * transformers' Llama4TextConfig makes every \`no_rope_layer_interval\`-th layer NoPE (default 4).
 */
function chunkedLayers(r: ConfigReader, layers: number): (LayerSpec | undefined)[] | undefined {
  const chunk = r.int('attention_chunk_size', 'attention.chunked.chunk');
  if (chunk === undefined) return undefined;
  const listed = r.raw('no_rope_layers');
  const path = r.pathOf('no_rope_layers');
  let rope: boolean[];
  if (Array.isArray(listed) && listed.length > 0) {
    if (listed.length < layers || listed.slice(0, layers).some((x) => x !== 0 && x !== 1)) {
      r.problems.push(`${path} should give 0 or 1 for each of the ${layers} layers`);
      return undefined;
    }
    rope = listed.slice(0, layers).map((x) => x === 1);
    r.take('attention.full.layers', `${path}: the layers marked 0 (NoPE) attend over every token`, rope.filter((x) => !x).length);
  } else {
    const given = r.raw('no_rope_layer_interval');
    if (given !== undefined && !(Number.isInteger(given) && (given as number) > 0)) {
      r.problems.push(`${r.pathOf('no_rope_layer_interval')} is ${JSON.stringify(given)}, not a positive whole number`);
      return undefined;
    }
    const interval = (given as number | undefined) ?? 4;
    const why = given === undefined ? "transformers' Llama4TextConfig default no_rope_layer_interval 4" : `${r.pathOf('no_rope_layer_interval')} ${interval}`;
    r.take('attention.full.layers', `${path ? `${path} is empty` : 'no no_rope_layers'}: every ${interval}th layer is NoPE (${why})`, Math.floor(layers / interval));
    rope = Array.from({ length: layers }, (_, i) => (i + 1) % interval !== 0);
  }
  return rope.map((hasRope, i) => (hasRope ? { kind: 'chunked', chunk } : attention(r, i)));
}

/** Nemotron 3.5 / 3 Ultra name each layer in \`layers_block_type\` (transformers turns a hybrid_override_pattern into the same list). */
function fromBlockType(r: ConfigReader, type: string, i: number): LayerSpec | undefined {
  if (type === 'mamba') return mamba2(r);
  if (type === 'attention') return attention(r, i);
  if (type === 'moe' || type === 'mlp') return { kind: 'ffn' };
  r.problems.push(`${r.pathOf('layers_block_type')}[${i}] is "${type}", not one of mamba, attention, moe, mlp`);
  return undefined;
}

/**
 * The layers a config lists for \`num_hidden_layers\` when it has no such field: the length of its
 * own per-layer list (Nemotron 3 Ultra states only \`layers_block_type\`).
 */
export function listedLayerCount(r: ConfigReader): { count: number; path: string } | undefined {
  for (const key of ['layer_types', 'layers_block_type', 'hybrid_override_pattern']) {
    const v = r.raw(key);
    if ((Array.isArray(v) || typeof v === 'string') && v.length > 0) return { count: v.length, path: `length of ${r.pathOf(key)}` };
  }
  return undefined;
}

/**
 * Kimi Linear / K3: lists of KDA and full-attention layers. Moonshot's configs count from 1
 * (Kimi-K3: full_attn_layers 4 … 92, 93 of 93 layers); a list holding 0 counts from 0. Together the
 * two lists must name every layer exactly once, else the architecture stays unknown.
 */
function kdaLayers(r: ConfigReader, linear: Record<string, unknown>, layers: number): (LayerSpec | undefined)[] | undefined {
  const base = r.pathOf('linear_attn_config') ?? '$.linear_attn_config';
  const kdaList = (linear.kda_layers as unknown[]).map(Number);
  const fullList = Array.isArray(linear.full_attn_layers) ? (linear.full_attn_layers as unknown[]).map(Number) : [];
  const all = [...kdaList, ...fullList];
  const first = all.includes(0) ? 0 : 1;
  const wanted = Array.from({ length: layers }, (_, i) => i + first);
  if (all.length !== layers || new Set(all).size !== layers || !wanted.every((n) => all.includes(n))) {
    r.problems.push(`${base}.kda_layers and .full_attn_layers do not name each of the ${layers} layers exactly once (counting from ${first})`);
    return undefined;
  }
  const kda = new Set(kdaList);
  const heads = linear.num_heads;
  const headDim = linear.head_dim;
  const kernel = linear.short_conv_kernel_size;
  if (![heads, headDim, kernel].every((v) => Number.isInteger(v) && (v as number) > 0)) {
    r.problems.push(`${base} needs num_heads, head_dim and short_conv_kernel_size for its KDA layers`);
    return undefined;
  }
  r.take('attention.kda.heads', `${base}.num_heads`, heads);
  r.take('attention.kda.head_dim', `${base}.head_dim`, headDim);
  r.take('attention.kda.conv_kernel', `${base}.short_conv_kernel_size`, kernel);
  const spec: LayerSpec = { kind: 'kda', heads: heads as number, head_dim: headDim as number, conv_kernel: kernel as number };
  r.take('attention.kda.layers', `${base}.kda_layers (layers counted from ${first})`, kdaList.length);
  return Array.from({ length: layers }, (_, i) => (kda.has(i + first) ? spec : attention(r, i)));
}

/**
 * MiMo-V2: hybrid_layer_pattern[i] = 1 is a sliding-window layer shaped by the swa_* fields (with
 * learned sinks when add_swa_attention_sink_bias), 0 a full-attention layer; both cache keys of
 * head_dim and values of v_head_dim.
 */
function mimoLayer(r: ConfigReader, type: unknown, i: number): LayerSpec | undefined {
  const swa = type === 1;
  if (!swa && type !== 0) {
    r.problems.push(`${r.pathOf('hybrid_layer_pattern')}[${i}] is ${JSON.stringify(type)}, not 0 or 1`);
    return undefined;
  }
  const p = swa ? 'swa_' : '';
  const f = swa ? 'attention.sliding' : 'attention.full';
  const kvHeads = r.int(`${p}num_key_value_heads`, `${f}.kv_heads`);
  const headDim = r.int(`${p}head_dim`, `${f}.head_dim`);
  const valueDim = r.int(`${p}v_head_dim`, `${f}.v_head_dim`);
  if (kvHeads === undefined || headDim === undefined || valueDim === undefined) return undefined;
  const shape = { kv_heads: kvHeads, head_dim: headDim, ...(valueDim === headDim ? {} : { v_head_dim: valueDim }) };
  if (!swa) return { kind: 'full', ...shape };
  const window = r.int('sliding_window', 'attention.sliding.window');
  if (window === undefined) return undefined;
  const sinks = r.raw('add_swa_attention_sink_bias') === true;
  if (sinks) r.take('attention.sliding.sinks', r.pathOf('add_swa_attention_sink_bias') ?? 'add_swa_attention_sink_bias', true);
  return { kind: 'sliding', window, ...shape, ...(sinks ? { sinks: true } : {}) };
}

/** MiniMax-Text-01 / M1 / M2: attn_type_list, 1 = softmax attention, 0 = lightning (linear) attention. */
function fromAttnType(r: ConfigReader, type: unknown, i: number): LayerSpec | undefined {
  if (type === 1) return attention(r, i);
  r.problems.push(type === 0
    ? `${r.pathOf('attn_type_list')}[${i}] is 0, a lightning-attention layer, which versus does not model`
    : `${r.pathOf('attn_type_list')}[${i}] is ${JSON.stringify(type)}, not 0 or 1`);
  return undefined;
}

/** MiniMax-M3 MSA: sparse_attention_freq[i] = 1 selects blocks of a full KV cache, 0 = full attention. */
function blockSparseLayers(r: ConfigReader, sparse: Record<string, unknown>): (LayerSpec | undefined)[] {
  const base = r.pathOf('sparse_attention_config') ?? '$.sparse_attention_config';
  const block = sparse.sparse_block_size;
  const topK = sparse.sparse_topk_blocks;
  return (sparse.sparse_attention_freq as unknown[]).map((x, i) => {
    if (x === 0) return attention(r, i);
    if (x !== 1) {
      r.problems.push(`${base}.sparse_attention_freq[${i}] is ${JSON.stringify(x)}, not 0 or 1`);
      return undefined;
    }
    if (!Number.isInteger(block) || (block as number) <= 0) {
      r.problems.push(`${base}.sparse_block_size is ${JSON.stringify(block)}, not a positive whole number`);
      return undefined;
    }
    r.take('attention.block-sparse.block', `${base}.sparse_block_size`, block);
    if (Number.isInteger(topK)) r.take('attention.block-sparse.top_k', `${base}.sparse_topk_blocks`, topK);
    return { kind: 'block-sparse', block: block as number, ...(Number.isInteger(topK) && (topK as number) > 0 ? { top_k: topK as number } : {}) };
  });
}

/** Layer `i` (0-based) attending over every token: MLA when the config has a KV latent, else GQA/MQA. */
function attention(r: ConfigReader, i: number): LayerSpec | undefined {
  if (!r.has('kv_lora_rank')) return { kind: 'full' };
  const kv = r.int('kv_lora_rank', 'attention.mla.kv_lora_rank');
  const rope = r.int('qk_rope_head_dim', 'attention.mla.qk_rope_head_dim');
  const nope = r.int('qk_nope_head_dim', 'attention.mla.qk_nope_head_dim');
  const v = r.int('v_head_dim', 'attention.mla.v_head_dim');
  const qRaw = r.raw('q_lora_rank');
  const q = qRaw === null || qRaw === undefined ? null : r.int('q_lora_rank', 'attention.mla.q_lora_rank');
  if (qRaw === undefined) r.take('attention.mla.q_lora_rank', 'absent: queries are not compressed', null);
  if ([kv, rope, nope, v].some((x) => x === undefined) || q === undefined) return undefined;
  const indexer = indexerAt(r, i);
  return { kind: 'mla', kv_lora_rank: kv!, qk_rope_head_dim: rope!, qk_nope_head_dim: nope!, v_head_dim: v!, q_lora_rank: q, ...(indexer ? { indexer } : {}) };
}

/** DSA: layer `i`'s own indexer keys, unless `indexer_types` says it reuses another layer's selection. */
function indexerAt(r: ConfigReader, i: number): Indexer | undefined {
  if (!r.has('index_topk')) return undefined;
  const types = r.raw('indexer_types');
  if (Array.isArray(types)) {
    const type = types[i];
    if (type === 'shared') return undefined;
    if (type !== 'full') {
      r.problems.push(`${r.pathOf('indexer_types')}[${i}] is ${JSON.stringify(type)}, not "full" or "shared"`);
      return undefined;
    }
  }
  const headDim = r.int('index_head_dim', 'attention.mla.indexer.head_dim');
  const topK = r.int('index_topk', 'attention.mla.indexer.top_k');
  const heads = r.int('index_n_heads', 'attention.mla.indexer.heads', false);
  if (headDim === undefined) return undefined;
  r.take('attention.mla.indexer.dtype', INDEXER_STORAGE, 'fp8');
  return { head_dim: headDim, dtype: 'fp8', scale_bytes: Math.ceil(headDim / 128) * 4, ...(heads ? { heads } : {}), ...(topK ? { top_k: topK } : {}) };
}

/**
 * MTP layers (num_nextn_predict_layers, mtp_num_hidden_layers; 0 means none), shaped like the
 * model's attention layers. Nemotron-H's MTP block is itself a small hybrid
 * (`mtp_hybrid_override_pattern` "*E", `mtp_layers_block_type` [attention, moe]): only its
 * attention layers keep KV. DeepSeek V4 lists its MTP layers' ratios after the model's own
 * (compress_ratios has layers + n entries).
 */
function mtpGroup(r: ConfigReader, kinds: (LayerSpec | undefined)[], layers: number): AttentionGroup | undefined {
  const key = ['num_nextn_predict_layers', 'mtp_num_hidden_layers'].find((k) => r.has(k));
  if (key === undefined || r.raw(key) === 0) return undefined;
  const blocks = r.intOf([key], 'attention.mtp.blocks');
  if (blocks === undefined) return undefined;
  const ratios = r.raw('compress_ratios');
  const tail = Array.isArray(ratios) && ratios.length === layers + blocks ? count(ratios.slice(layers).map((x, i) => compressedLayer(r, x, layers + i))) : undefined;
  if (tail?.length === 1) return { ...tail[0]!, layers: blocks, mtp: true } as AttentionGroup;
  const inner = mtpAttentionLayers(r);
  if (inner === 0) return undefined;
  const n = blocks * (inner ?? 1);
  if (inner !== undefined) r.take('attention.mtp.layers', `${r.pathOf(key)} × attention layers in the MTP block`, n);
  const spec = kinds.find((k) => k?.kind === 'full' || k?.kind === 'mla');
  if (!spec) {
    r.problems.push('the config has MTP layers but no full-attention layer to shape them on');
    return undefined;
  }
  // An MTP block is one more decoder layer of the model's attention kind (with its indexer, if any).
  return { ...spec, layers: n, mtp: true } as AttentionGroup;
}

/** Attention layers inside one MTP block, where the config spells the block out; undefined when it does not. */
function mtpAttentionLayers(r: ConfigReader): number | undefined {
  const pattern = r.raw('mtp_hybrid_override_pattern');
  if (typeof pattern === 'string') return [...pattern].filter((c) => c === '*').length;
  const blocks = r.raw('mtp_layers_block_type');
  if (Array.isArray(blocks)) return blocks.filter((b) => b === 'attention').length;
  return undefined;
}

/** Identical specs counted into groups, in the order each first appears. */
function count(kinds: (LayerSpec | undefined)[]): AttentionGroup[] {
  const groups = new Map<string, AttentionGroup>();
  for (const k of kinds) {
    if (!k) continue;
    const key = JSON.stringify(k);
    const g = groups.get(key);
    groups.set(key, g ? { ...g, layers: g.layers + 1 } : ({ ...k, layers: 1 } as AttentionGroup));
  }
  return [...groups.values()];
}
