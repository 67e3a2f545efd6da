// Reads values out of a parsed config.json, remembering the JSON path of each one it takes.

/** One value taken from a file: the catalog field it fills and where it came from. */
export interface Taken {
  /** Catalog path, e.g. `architecture.layers`. */
  readonly field: string;
  /** JSON path in the file (`$.text_config.num_hidden_layers`), or how the value was derived from such paths. */
  readonly path: string;
  readonly value: unknown;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value of a config in another format, under the name transformers gives it. */
export interface ViewedValue {
  readonly value: unknown;
  /** Where it is in the file (a JSON path), or how it was derived from such paths. */
  readonly path: string;
  /** The file's JSON paths this value consumes. */
  readonly reads: readonly string[];
}

/**
 * A config written in another format (Mistral's params.json) seen under transformers' names, so the
 * same readers apply while every value keeps its own path in the file read.
 */
export interface ConfigView {
  readonly values: Readonly<Record<string, ViewedValue>>;
  /** Every JSON path of the file, for the list of what nothing read. */
  readonly fields: readonly string[];
  /** Paths read without giving a value (a null MLA rank of a model without MLA). */
  readonly consumed: readonly string[];
  /** What the format itself makes unreadable, before any field is read. */
  readonly problems: readonly string[];
}

/**
 * DeepSeek's own inference config (inference/config.json beside inference/model.py, V4 family:
 * it has `compress_ratios`) names the Hugging Face config's fields after model.py's ModelArgs.
 * The Hugging Face name each stands for, as DeepSeek V4.1's model.py uses it.
 */
const DEEPSEEK_INFERENCE_KEYS: Readonly<Record<string, string>> = {
  hidden_size: 'dim',
  num_hidden_layers: 'n_layers',
  num_attention_heads: 'n_heads',
  moe_intermediate_size: 'moe_inter_dim',
  num_experts_per_tok: 'n_activated_experts',
  sliding_window: 'window_size',
  qk_rope_head_dim: 'rope_head_dim',
  num_nextn_predict_layers: 'n_mtp_layers',
  kv_source_layer_ids: 'kv_source_layers',
  index_source_layer_ids: 'index_source_layers',
};

/** Where DeepSeek's model.py source was read (a vendored copy of huggingface.co/deepseek-ai/DeepSeek-V4.1-Flash at dba1be0, inference/model.py). */
const DEEPSEEK_V41_MODEL_PY = 'https://github.com/tenstorrent/tt-metal/blob/702412b85f1b8d93a8e87fe0584fa165766f38ce/models/demos/deepseek_v3_d_p/reference/deepseek_v41/model.py';

/** What DeepSeek's inference config leaves to model.py, with where model.py fixes it. */
const DEEPSEEK_INFERENCE_IMPLIED: Readonly<Record<string, { value: unknown; why: string }>> = {
  num_key_value_heads: { value: 1, why: `no num_key_value_heads in DeepSeek's inference config: its model.py caches one head_dim entry per token (wkv = Linear(dim, head_dim), ${DEEPSEEK_V41_MODEL_PY})` },
  tie_word_embeddings: { value: false, why: `no tie_word_embeddings in DeepSeek's inference config: its model.py builds a separate embed and head (ParallelEmbedding, ParallelHead, ${DEEPSEEK_V41_MODEL_PY})` },
};

/**
 * A config's text-model section (the root, or `text_config` for multimodal wrappers) with a record
 * of every key read, so what was not read can be reported.
 * @example new ConfigReader(json).int('num_hidden_layers', 'architecture.layers') // 24
 */
export class ConfigReader {
  readonly section: Json;
  readonly prefix: string;
  readonly taken: Taken[] = [];
  readonly problems: string[] = [];
  /** DeepSeek's inference config: read under its own field names, with what model.py fixes. */
  readonly deepseekInference: boolean;
  private readonly used = new Set<string>();

  constructor(readonly root: Json, private readonly view?: ConfigView) {
    const text = root.text_config;
    this.section = view ? Object.fromEntries(Object.entries(view.values).map(([k, v]) => [k, v.value])) : isObject(text) ? text : root;
    this.prefix = !view && isObject(text) ? '$.text_config' : '$';
    if (!view && isObject(text)) this.used.add('$.text_config');
    for (const path of view?.consumed ?? []) this.used.add(path);
    this.problems.push(...(view?.problems ?? []));
    this.deepseekInference = !view && ['dim', 'n_layers', 'compress_ratios'].every((k) => k in this.section) && !('hidden_size' in this.section);
  }

  /** The name a key has in this config (DeepSeek's inference config names fields its own way). */
  private nameOf(key: string): string {
    return this.deepseekInference ? (DEEPSEEK_INFERENCE_KEYS[key] ?? key) : key;
  }

  /** What model.py fixes for a key this config leaves out, when it is DeepSeek's inference config. */
  private implied(key: string): { value: unknown; why: string } | undefined {
    return this.deepseekInference && !(key in this.section) ? DEEPSEEK_INFERENCE_IMPLIED[key] : undefined;
  }

  /** The JSON path of a key: in the text section, else at the root (some wrappers keep a key there). */
  pathOf(key: string): string | undefined {
    if (this.view) return this.view.values[key]?.path;
    const name = this.nameOf(key);
    if (name in this.section) return `${this.prefix}.${name}`;
    if (name in this.root) return `$.${name}`;
    return this.implied(key)?.why;
  }

  /** A raw value, marked as read; undefined when absent. */
  raw(key: string): unknown {
    const path = this.pathOf(key);
    if (path === undefined) return undefined;
    if (this.view) {
      for (const read of this.view.values[key]?.reads ?? []) this.used.add(read);
      return this.section[key];
    }
    const name = this.nameOf(key);
    if (name in this.section) {
      this.used.add(path);
      return this.section[name];
    }
    if (name in this.root) {
      this.used.add(path);
      return this.root[name];
    }
    return this.implied(key)?.value;
  }

  has(key: string): boolean {
    return this.pathOf(key) !== undefined;
  }

  /** Records a value for a catalog field and returns it. */
  take<T>(field: string, path: string, value: T): T {
    // Per-layer readers take the same key once per layer; record it once.
    if (!this.taken.some((t) => t.field === field && t.path === path)) this.taken.push({ field, path, value });
    return value;
  }

  /** A positive integer for `field`, or undefined (with a problem when `required`). */
  int(key: string, field: string, required = true): number | undefined {
    const path = this.pathOf(key);
    const value = this.raw(key);
    if (value === undefined || value === null) {
      if (required) this.problems.push(`${key} is missing (needed for ${field})`);
      return undefined;
    }
    // Safe integers only: 1e308 or 2^53 + 2 is not a count JSON can carry exactly.
    if (!Number.isSafeInteger(value) || (value as number) <= 0) {
      this.problems.push(`${path} is ${JSON.stringify(value)}, not a positive whole number (needed for ${field})`);
      return undefined;
    }
    return this.take(field, path ?? key, value as number);
  }

  /** The first of several synonymous keys that is present (configs name the same thing differently). */
  intOf(keys: readonly string[], field: string, required = true): number | undefined {
    const key = keys.find((k) => this.has(k));
    if (key === undefined) {
      if (required) this.problems.push(`none of ${keys.join(', ')} is present (needed for ${field})`);
      return undefined;
    }
    return this.int(key, field, required);
  }

  /** A nested object (e.g. `linear_attn_config`), marked as read. */
  object(key: string): Json | undefined {
    const value = this.raw(key);
    return isObject(value) ? value : undefined;
  }

  /** Keys of the text section (and of the root, for wrappers) that nothing read. */
  unread(ignored: ReadonlySet<string>): string[] {
    const keys = this.view ? this.view.fields : [
      ...Object.keys(this.section).map((k) => `${this.prefix}.${k}`),
      ...(this.prefix === '$' ? [] : Object.keys(this.root).map((k) => `$.${k}`)),
    ];
    return keys.filter((path) => !this.used.has(path) && !ignored.has(path.slice(path.lastIndexOf('.') + 1)));
  }
}
