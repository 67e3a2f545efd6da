// config.json → the catalog's architecture block and native context, each value with its JSON path.
import { architectureProblems } from '../checks.js';
import { Architecture, type Moe } from '../schema.js';
import { ConfigReader, type Taken } from './config-reader.js';
import { layerGroups, listedLayerCount } from './layers.js';
import { isMistralParams, mistralParamsView } from './mistral-params.js';

/** What a config says about the model, and what it could not say. */
export interface ConfigReading {
  /** The architecture, or the reason it stays unknown. */
  readonly architecture: { readonly value: Architecture } | { readonly unknown: string };
  readonly context?: { readonly native: number; readonly note?: string };
  readonly taken: readonly Taken[];
  /** JSON paths of fields nothing mapped (ignored ones aside). */
  readonly unmapped: readonly string[];
}

/** Fields that do not bear on anything the catalog records (ids of special tokens, training and numerics settings). */
const IGNORED = new Set([
  'architectures', 'auto_map', 'model_type', 'transformers_version', 'torch_dtype', 'dtype', 'bos_token_id', 'eos_token_id',
  'pad_token_id', 'initializer_range', 'rms_norm_eps', 'layer_norm_eps', 'norm_eps', 'hidden_act', 'use_cache', 'attention_dropout',
  'attention_bias', 'mlp_bias', 'rope_theta', 'router_aux_loss_coef', 'output_router_logits', 'tokenizer_class', 'use_sliding_window',
]);

/**
 * Reads the architecture from a parsed config.json, or from a Mistral params.json under the names
 * its engine maps it to; never fills a missing value with a default the format does not state.
 * @example readConfig(JSON.parse(text)).architecture // { value: { layers: 24, … } }
 */
export function readConfig(json: Record<string, unknown>): ConfigReading {
  const r = new ConfigReader(json, isMistralParams(json) ? mistralParamsView(json) : undefined);
  const layers = readLayers(r);
  const hidden = r.int('hidden_size', 'architecture.hidden');
  const heads = r.int('num_attention_heads', 'architecture.heads');
  const kvHeads = r.has('num_key_value_heads') ? r.int('num_key_value_heads', 'architecture.kv_heads') : heads === undefined ? undefined : r.take('architecture.kv_heads', `${r.pathOf('num_attention_heads')} (no num_key_value_heads: one KV head per query head)`, heads);
  const headDim = readHeadDim(r, hidden, heads);
  const vocab = r.int('vocab_size', 'architecture.vocab');
  const tied = readTied(r);
  const moe = readMoe(r, layers);
  const intermediate = readIntermediate(r, moe);
  const attention = layers === undefined ? undefined : layerGroups(r, layers);
  const context = readContext(r);
  const unmapped = r.unread(IGNORED);
  const values = [layers, hidden, heads, kvHeads, headDim, vocab, tied, attention];
  if (values.some((v) => v === undefined) || r.problems.length > 0) {
    return { architecture: { unknown: `config.json does not give the whole architecture: ${r.problems.join('; ')}` }, ...context, taken: r.taken, unmapped };
  }
  const candidate = { layers, hidden, heads, kv_heads: kvHeads, head_dim: headDim, ...(intermediate ? { intermediate } : {}), vocab, tied_embeddings: tied, attention, ...(moe ? { moe } : {}) };
  const parsed = Architecture.safeParse(candidate);
  if (!parsed.success) return { architecture: { unknown: `the values read do not form an architecture: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }, ...context, taken: r.taken, unmapped };
  const contradictions = architectureProblems(parsed.data);
  if (contradictions.length > 0) return { architecture: { unknown: `the config contradicts itself: ${contradictions.map(([, m]) => m).join('; ')}` }, ...context, taken: r.taken, unmapped };
  return { architecture: { value: parsed.data }, ...context, taken: r.taken, unmapped };
}

/** num_hidden_layers, or where a config has none, the length of its own per-layer list. */
function readLayers(r: ConfigReader): number | undefined {
  if (r.has('num_hidden_layers')) return r.int('num_hidden_layers', 'architecture.layers');
  const listed = listedLayerCount(r);
  if (listed) return r.take('architecture.layers', `${listed.path} (no num_hidden_layers)`, listed.count);
  return r.int('num_hidden_layers', 'architecture.layers');
}

/**
 * head_dim (Nemotron-H's older configs: attention_head_dim), or for MLA the query/key head dim
 * (nope + rope), or hidden ÷ heads as transformers defines it.
 */
function readHeadDim(r: ConfigReader, hidden: number | undefined, heads: number | undefined): number | undefined {
  // MLA first: there head_dim, where a config has it, is not the query/key head dim (GLM-5.x: 192 and 64).
  if (r.has('kv_lora_rank')) {
    const nope = r.raw('qk_nope_head_dim');
    const rope = r.raw('qk_rope_head_dim');
    if (Number.isInteger(nope) && Number.isInteger(rope)) {
      r.raw('head_dim');
      return r.take('architecture.head_dim', `${r.pathOf('qk_nope_head_dim')} + ${r.pathOf('qk_rope_head_dim')} (MLA query/key head dim)`, (nope as number) + (rope as number));
    }
  }
  const key = ['head_dim', 'attention_head_dim'].find((k) => r.has(k) && r.raw(k) !== null);
  if (key) return r.int(key, 'architecture.head_dim');
  if (hidden === undefined || heads === undefined || hidden % heads !== 0) {
    r.problems.push('head_dim is missing and hidden_size ÷ num_attention_heads is not whole');
    return undefined;
  }
  return r.take('architecture.head_dim', `${r.pathOf('hidden_size')} ÷ ${r.pathOf('num_attention_heads')} (no head_dim: transformers' default)`, hidden / heads);
}

function readTied(r: ConfigReader): boolean | undefined {
  const value = r.raw('tie_word_embeddings');
  if (typeof value !== 'boolean') {
    r.problems.push('tie_word_embeddings is not stated (its default differs between model classes)');
    return undefined;
  }
  return r.take('architecture.tied_embeddings', r.pathOf('tie_word_embeddings') ?? 'tie_word_embeddings', value);
}

/**
 * Granite's MoE configs (granitemoe, granitemoeshared, granitemoehybrid) give every layer a shared MLP of
 * shared_intermediate_size and, when num_local_experts > 0, routed experts of intermediate_size; there is
 * no moe_intermediate_size.
 */
const graniteShared = (r: ConfigReader) => r.has('shared_intermediate_size') && !r.has('moe_intermediate_size');

/** The dense FFN width: MiniMax-M3's dense_intermediate_size, Granite's shared MLP when it has no experts, else intermediate_size. */
function readIntermediate(r: ConfigReader, moe: Moe | undefined): number | undefined {
  // MiniMax-M3 names its dense layers' width dense_intermediate_size (intermediate_size is the experts').
  if (r.has('dense_intermediate_size')) return r.int('dense_intermediate_size', 'architecture.intermediate');
  if (graniteShared(r)) {
    // With experts, intermediate_size was read as their width; without, the shared MLP is the layer's FFN.
    if (moe) return undefined;
    r.raw('intermediate_size');
    const width = r.raw('shared_intermediate_size');
    return Number.isInteger(width) && (width as number) > 0
      ? r.take('architecture.intermediate', `${r.pathOf('shared_intermediate_size')} (no routed experts: the shared MLP is each layer's FFN)`, width as number)
      : undefined;
  }
  return r.int('intermediate_size', 'architecture.intermediate', false);
}

/** Experts under their several names; shared experts only where the config counts them. */
function readMoe(r: ConfigReader, layers: number | undefined): Moe | undefined {
  // num_local_experts 0 (Granite 4.0's dense models): no experts at all.
  if (['n_routed_experts', 'num_local_experts', 'num_experts'].some((k) => r.has(k) && r.raw(k) === 0)) return undefined;
  const experts = r.intOf(['n_routed_experts', 'num_local_experts', 'num_experts'], 'architecture.moe.experts', false);
  if (experts === undefined) return undefined;
  const perToken = r.intOf(['num_experts_per_tok', 'num_experts_per_token', 'experts_per_token', 'top_k_experts'], 'architecture.moe.experts_per_token');
  for (const alias of ['experts_per_token', 'num_experts_per_tok']) r.raw(alias); // gpt-oss states it twice
  const shared = readShared(r);
  const expertIntermediate = graniteShared(r)
    ? r.int('intermediate_size', 'architecture.moe.expert_intermediate', false)
    : r.int('moe_intermediate_size', 'architecture.moe.expert_intermediate', false);
  const dense = r.raw('first_k_dense_replace');
  const moeLayers = layers !== undefined && Number.isInteger(dense) && (dense as number) < layers
    ? r.take('architecture.moe.moe_layers', `${r.pathOf('num_hidden_layers')} − ${r.pathOf('first_k_dense_replace')}`, layers - (dense as number))
    : undefined;
  if (perToken === undefined || shared === undefined) return undefined;
  return { experts, experts_per_token: perToken, shared_experts: shared, ...(moeLayers ? { moe_layers: moeLayers } : {}), ...(expertIntermediate ? { expert_intermediate: expertIntermediate } : {}) };
}

function readShared(r: ConfigReader): number | undefined {
  const key = ['n_shared_experts', 'num_shared_experts'].find((k) => r.has(k));
  if (key) {
    const n = r.raw(key);
    if (Number.isInteger(n) && (n as number) >= 0) return r.take('architecture.moe.shared_experts', r.pathOf(key) ?? key, n as number);
    // DeepSeek-style MoE blocks build shared experts only `if config.n_shared_experts is not None`.
    if (n === null) return r.take('architecture.moe.shared_experts', `${r.pathOf(key) ?? key} is null: no shared experts`, 0);
  }
  const size = r.raw('shared_expert_intermediate_size');
  if (Number.isInteger(size)) return r.take('architecture.moe.shared_experts', `${r.pathOf('shared_expert_intermediate_size')} (${size as number} > 0: one shared expert, as transformers' Qwen MoE block builds it)`, (size as number) > 0 ? 1 : 0);
  const granite = graniteShared(r) ? r.raw('shared_intermediate_size') : undefined;
  if (Number.isInteger(granite)) return r.take('architecture.moe.shared_experts', `${r.pathOf('shared_intermediate_size')} (${granite as number} > 0: Granite's shared MLP beside the experts in every layer, counted as one shared expert)`, (granite as number) > 0 ? 1 : 0);
  if (r.raw('enable_moe_block') === true && r.has('intermediate_size')) return r.take('architecture.moe.shared_experts', `${r.pathOf('enable_moe_block')} (Gemma 4: a dense MLP of intermediate_size runs beside the experts in every layer)`, 1);
  if (!r.has('n_shared_experts') && !r.has('num_shared_experts')) return r.take('architecture.moe.shared_experts', 'no shared-expert field: none', 0);
  r.problems.push('the shared-expert count is not a whole number');
  return undefined;
}

/**
 * max_position_embeddings (or, where a config has none, its model_max_length: Kimi Linear's), with
 * the config's own rope scaling named.
 */
function readContext(r: ConfigReader): { context?: { native: number; note?: string } } {
  const native = r.intOf(['max_position_embeddings', 'model_max_length'], 'context.native', false);
  if (native === undefined) return {};
  const scaling = (r.object('rope_scaling') ?? r.object('rope_parameters')) as Record<string, unknown> | undefined;
  const type = scaling?.rope_type ?? scaling?.type;
  const note = type === 'yarn' && scaling ? `the config applies YaRN (factor ${String(scaling.factor)} over ${String(scaling.original_max_position_embeddings)} tokens)` : undefined;
  return { context: { native, ...(note ? { note } : {}) } };
}
