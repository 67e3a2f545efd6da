// Which catalog values cite each source: the sources page and the CSV export are built from this list.
import type { CatalogData } from './catalog.js';
import { sourceRefs } from './checks.js';
import { formatPath } from './load.js';

/** One catalog value and the source it cites (or a source checked for a value recorded as unknown). */
export interface Citing {
  /** The catalog section, e.g. "models", "licenses", "gpus". */
  readonly section: string;
  readonly id: string;
  readonly name: string;
  /** Where the value sits in its item, e.g. "params.total", "benchmarks[2]". */
  readonly path: string;
  /** The cited value; absent when the source was only checked for an unknown. */
  readonly value?: unknown;
  readonly unknown?: string;
  readonly note?: string;
  readonly source: string;
}

type Item = { readonly id: string; readonly name?: string };

/**
 * Every source reference in the catalog, in catalog order, with the value it backs.
 * @example citingValues(catalog).filter((c) => c.source === 'qwen3.5-27b-card')
 */
export function citingValues(data: CatalogData): Citing[] {
  const sections = Object.entries(data).filter((e): e is [string, Item[]] => Array.isArray(e[1]) && e[0] !== 'sources');
  return sections.flatMap(([section, items]) => items.flatMap((item) => citingItem(section, item)));
}

/**
 * The source references inside one catalog item.
 * @example citingItem('models', model).map((c) => c.source) // the ids of the sources the model cites
 */
export function citingItem(section: string, item: Item): Citing[] {
  return [...sourceRefs(item)].map(([path, source]): Citing => {
    const checked = path.at(-2) === 'checked';
    const at = path.slice(0, checked ? -2 : -1);
    const holder = objectAt(item, at);
    const base = { section, id: item.id, name: item.name ?? item.id, path: formatPath(at), source };
    if (checked) return { ...base, unknown: String(holder.unknown) };
    const { source: _s, note, ...rest } = holder;
    return { ...base, value: 'value' in holder ? holder.value : rest, ...(typeof note === 'string' ? { note } : {}) };
  });
}

/**
 * The citing values grouped by source id.
 * @example citedBy(catalog).get('qwen3.5-27b-card')?.length
 */
export function citedBy(data: CatalogData): Map<string, Citing[]> {
  const bySource = new Map<string, Citing[]>();
  for (const c of citingValues(data)) bySource.set(c.source, [...(bySource.get(c.source) ?? []), c]);
  return bySource;
}

const isObject = (v: unknown): v is Record<PropertyKey, unknown> => v !== null && typeof v === 'object';

/** The object at `path` inside `value` ({} if there is none). */
function objectAt(value: unknown, path: readonly PropertyKey[]): Record<PropertyKey, unknown> {
  const found = path.reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), value);
  return isObject(found) ? found : {};
}
