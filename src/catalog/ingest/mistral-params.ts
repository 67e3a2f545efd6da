// Mistral's params.json (the checkpoint format of mistral-inference, which vLLM reads with --config-format mistral) under transformers' names.
import type { ConfigView, ViewedValue } from './config-reader.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The renames vLLM applies to a params.json (adapt_config_dict: _remap_general_mistral_args,
 * _remap_moe_args, _remap_mistral_sliding_window, _remap_mistral_yarn_args), read at
 * https://github.com/vllm-project/vllm/blob/01da88c5bef903224038ae4e57d653964740dc04/vllm/transformers_utils/configs/mistral.py.
 */
const ENGINE = "vLLM's adapt_config_dict";
const RENAMED: Readonly<Record<string, string>> = { dim: 'hidden_size', n_layers: 'num_hidden_layers', n_heads: 'num_attention_heads', n_kv_heads: 'num_key_value_heads', hidden_dim: 'intermediate_size' };
const SAME = ['head_dim', 'vocab_size', 'max_position_embeddings'] as const;
/** Read only when the model has latent attention: vLLM's test is bool(qk_nope_head_dim); the others are then null. */
const MLA = ['q_lora_rank', 'kv_lora_rank', 'qk_rope_head_dim', 'qk_nope_head_dim', 'v_head_dim'] as const;
const MOE: Readonly<Record<string, string>> = {
  num_experts: 'n_routed_experts', num_experts_per_tok: 'num_experts_per_tok', num_shared_experts: 'n_shared_experts',
  expert_hidden_dim: 'moe_intermediate_size', first_k_dense_replace: 'first_k_dense_replace',
};

/**
 * Whether a parsed file is a Mistral params.json: Mistral's own names (dim, n_layers, hidden_dim) and
 * none of transformers' (num_hidden_layers, text_config); DeepSeek's inference config, which also
 * says dim and n_layers, names its widths inter_dim and compress_ratios instead.
 * @example isMistralParams({ dim: 4096, n_layers: 32, hidden_dim: 14336 }) // true
 */
export function isMistralParams(json: Json): boolean {
  return ['dim', 'n_layers', 'hidden_dim'].every((k) => k in json) && !['num_hidden_layers', 'text_config', 'inter_dim', 'compress_ratios'].some((k) => k in json);
}

/**
 * A params.json seen under transformers' names, every value with its own JSON path: the renamed
 * widths, latent attention (only when qk_nope_head_dim is set), the `moe` block, one `sliding_window`
 * for every layer or a per-layer pattern of windows (null = full attention), the YaRN block, and
 * tied_embeddings, whose absence means untied.
 * @example mistralParamsView({ dim: 4096, n_layers: 32, sliding_window: 4096 }).values.layer_types.value // 32 × 'sliding_attention'
 */
export function mistralParamsView(json: Json): ConfigView {
  const values: Record<string, ViewedValue> = {};
  const consumed: string[] = [];
  const problems: string[] = [];
  const at = (key: string, as: string) => {
    if (key in json) values[as] = { value: json[key], path: `$.${key}`, reads: [`$.${key}`] };
  };
  for (const [key, as] of Object.entries(RENAMED)) at(key, as);
  for (const key of SAME) at(key, key);
  if (json.qk_nope_head_dim) for (const key of MLA) at(key, key);
  else consumed.push(...MLA.filter((k) => k in json && json[k] === null).map((k) => `$.${k}`));
  values.tie_word_embeddings = 'tied_embeddings' in json
    ? { value: json.tied_embeddings, path: '$.tied_embeddings', reads: ['$.tied_embeddings'] }
    : { value: false, path: `no tied_embeddings: untied, the format's default (${ENGINE})`, reads: [] };
  moe(json, values, consumed, problems);
  if (json.sliding_window === null) consumed.push('$.sliding_window'); // null: no layer slides
  else slidingWindows(json, values, problems);
  yarn(json, values);
  const fields = Object.keys(json).flatMap((k) => (k === 'moe' && isObject(json.moe) ? Object.keys(json.moe).map((m) => `$.moe.${m}`) : [`$.${k}`]));
  return { values, fields, consumed, problems };
}

/** The `moe` block; experts on every layer only (route_every_n 1), as versus counts them. */
function moe(json: Json, values: Record<string, ViewedValue>, consumed: string[], problems: string[]): void {
  if (!isObject(json.moe)) return;
  const block = json.moe;
  for (const [key, as] of Object.entries(MOE)) {
    if (key in block) values[as] = { value: block[key], path: `$.moe.${key}`, reads: [`$.moe.${key}`] };
  }
  if ('route_every_n' in block) {
    if (block.route_every_n === 1) consumed.push('$.moe.route_every_n');
    else problems.push(`$.moe.route_every_n is ${JSON.stringify(block.route_every_n)}: experts on only some layers, which versus does not read`);
  }
}

/**
 * `sliding_window`: one number slides every layer; a list is a pattern repeated over the layers
 * (null = full attention), as vLLM's _remap_mistral_sliding_window turns it into layer_types.
 */
function slidingWindows(json: Json, values: Record<string, ViewedValue>, problems: string[]): void {
  const window = json.sliding_window;
  const layers = json.n_layers;
  if (window === undefined || !Number.isInteger(layers)) return;
  const n = layers as number;
  if (!Array.isArray(window)) {
    values.sliding_window = { value: window, path: '$.sliding_window', reads: ['$.sliding_window'] };
    values.layer_types = { value: Array.from({ length: n }, () => 'sliding_attention'), path: `$.sliding_window (one window, every layer slides: ${ENGINE})`, reads: ['$.sliding_window'] };
    return;
  }
  const sizes = [...new Set(window.filter((w) => w !== null))];
  if (sizes.length > 1) problems.push(`$.sliding_window lists windows of ${sizes.join(' and ')} tokens; versus reads one window size per model`);
  if (window.length === 0 || n % window.length !== 0) problems.push(`$.sliding_window has ${window.length} entries, which do not repeat evenly over ${n} layers`);
  const pattern = window.map((w) => (w === null ? 'full_attention' : 'sliding_attention'));
  const types = Array.from({ length: n }, (_, i) => pattern[i % Math.max(pattern.length, 1)]);
  values.sliding_window = { value: sizes[0] ?? null, path: '$.sliding_window', reads: ['$.sliding_window'] };
  values.layer_types = { value: types, path: `$.sliding_window (a pattern of ${window.length} layers, null = full attention, repeated: ${ENGINE})`, reads: ['$.sliding_window'] };
}

/** The YaRN block, as transformers' rope_scaling, so the context note names it. */
function yarn(json: Json, values: Record<string, ViewedValue>): void {
  if (!isObject(json.yarn)) return;
  values.rope_scaling = { value: { rope_type: 'yarn', factor: json.yarn.factor, original_max_position_embeddings: json.yarn.original_max_position_embeddings }, path: '$.yarn', reads: ['$.yarn'] };
}
