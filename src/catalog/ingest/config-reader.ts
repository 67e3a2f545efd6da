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
  private readonly used = new Set<string>();

  constructor(readonly root: Json) {
    const text = root.text_config;
    this.section = isObject(text) ? text : root;
    this.prefix = isObject(text) ? '$.text_config' : '$';
    if (isObject(text)) this.used.add('$.text_config');
  }

  /** The JSON path of a key: in the text section, else at the root (some wrappers keep a key there). */
  pathOf(key: string): string | undefined {
    if (key in this.section) return `${this.prefix}.${key}`;
    if (key in this.root) return `$.${key}`;
    return undefined;
  }

  /** A raw value, marked as read; undefined when absent. */
  raw(key: string): unknown {
    const path = this.pathOf(key);
    if (path === undefined) return undefined;
    this.used.add(path);
    return key in this.section ? this.section[key] : this.root[key];
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
    const keys = [
      ...Object.keys(this.section).map((k) => `${this.prefix}.${k}`),
      ...(this.prefix === '$' ? [] : Object.keys(this.root).map((k) => `$.${k}`)),
    ];
    return keys.filter((path) => !this.used.has(path) && !ignored.has(path.slice(path.lastIndexOf('.') + 1)));
  }
}
