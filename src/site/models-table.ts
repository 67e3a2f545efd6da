// The models table's rows and their selection (search, filters, sort). Pure: the server applies it to the GET form's
// values, and the browser applies the same function to the rows it reads back from the page.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, isKnown, modelsOf } from '../catalog/catalog.js';
import type { Maybe, Model } from '../catalog/schema.js';
import { UsageError } from '../errors.js';
import { formatInt } from '../format.js';
import { DTYPE_BYTES, kvGrowthPerToken } from '../measure/memory.js';
import { parseQuantity } from '../quantity.js';
import type { FormValues } from './form.js';

/** One model as the table shows it; a missing number is unknown in the catalog (or not computable from it). */
export interface ModelRow {
  readonly id: string;
  readonly name: string;
  /** Position in the catalog's listing (family, newest generation first): the default order and the tie-break. */
  readonly order: number;
  readonly family: string;
  readonly familyName: string;
  readonly generation: string;
  readonly license: string;
  readonly licenseName: string;
  /** Input modalities; undefined when the catalog does not know them. */
  readonly inputs?: readonly string[];
  readonly total?: number;
  readonly active?: number;
  readonly context?: number;
  /** KV cache added per token at bf16, in bytes, computed from the architecture. */
  readonly kv?: number;
}

export const SORT_KEYS = ['family', 'name', 'total', 'active', 'context', 'license', 'kv'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ModelsQuery {
  /** Words that must all appear in the model's name, id, family or licence. */
  readonly q: string;
  readonly families: readonly string[];
  readonly license: string;
  /** An input modality the model must take (image, audio, video). */
  readonly input: string;
  readonly minContext?: number;
  readonly maxParams?: number;
  readonly maxActive?: number;
  /** KiB of KV cache per token. */
  readonly maxKv?: number;
  readonly sort: SortKey;
  readonly dir: 'asc' | 'desc';
}

/** The query's parameter names, as the form and the URL carry them. */
export const MODELS_FIELDS = ['q', 'family', 'license', 'input', 'min-context', 'max-params', 'max-active', 'max-kv', 'sort', 'dir'] as const;

/**
 * Every model of the catalog as a row, in the catalog's listing order.
 * @example modelRows(catalog)[0].family // 'qwen'
 */
export function modelRows(catalog: Catalog): ModelRow[] {
  const models = catalog.families.flatMap((f) => generationsOf(catalog, f.id).flatMap((g) => modelsOf(catalog, g.id)));
  return models.map((m, order) => rowOf(catalog, m, order));
}

function rowOf(catalog: Catalog, m: Model, order: number): ModelRow {
  const generation = catalog.generation.get(m.generation);
  const family = catalog.family.get(generation?.family ?? '');
  const value = <T>(fact: Maybe<T> | undefined) => (isKnown(fact) ? fact.value : undefined);
  const arch = value(m.architecture);
  const inputs = value(m.modalities)?.input;
  return {
    id: m.id, name: m.name, order,
    family: family?.id ?? '', familyName: family?.name ?? '', generation: generation?.name ?? m.generation,
    license: m.license.value, licenseName: catalog.license.get(m.license.value)?.name ?? m.license.value,
    ...(inputs ? { inputs } : {}),
    ...opt('total', value(m.params.total)), ...opt('active', value(m.params.active)), ...opt('context', value(m.context.native)),
    ...opt('kv', arch ? kvGrowthPerToken(arch, DTYPE_BYTES.bf16) : undefined),
  };
}

const opt = <K extends string>(key: K, v: number | undefined) => (v === undefined ? {} : { [key]: v } as Record<K, number>);

const bad = (name: string, why: string) => new UsageError(`${name}: ${why}`);

/**
 * The table's query from form or URL values; a value that does not parse, or an unknown name, is a UsageError.
 * @example parseModelsQuery({ family: ['qwen'], sort: ['context'], dir: ['desc'] }).sort // 'context'
 */
export function parseModelsQuery(values: FormValues): ModelsQuery {
  const unknown = Object.keys(values).filter((k) => !(MODELS_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`unknown parameter ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}; the models table takes ${MODELS_FIELDS.join(', ')}.`);
  const one = (name: string) => (values[name]?.at(-1) ?? '').trim();
  const limited = (name: string, max: number) => {
    const v = one(name);
    if (v.length > max) throw bad(name, `at most ${max} characters`);
    return v.toLowerCase();
  };
  const quantity = (name: string, unit: 'tokens' | 'count', example: string) => {
    const v = one(name);
    if (v === '') return undefined;
    const n = v.length <= 40 ? parseQuantity(v, unit) : undefined;
    if (n === undefined || n <= 0) throw bad(name, `expected a number such as ${example} (got "${v.slice(0, 40)}")`);
    return n;
  };
  const kib = one('max-kv');
  // A decimal number as people write it: Number() would also take "0x10" (16), "1e3" or "0b11".
  const maxKv = kib === '' ? undefined : /^\d+(\.\d+)?$/.test(kib) ? Number(kib) : NaN;
  if (maxKv !== undefined && !(maxKv > 0 && Number.isFinite(maxKv))) throw bad('max-kv', `expected KiB per token such as 64 (got "${kib.slice(0, 40)}")`);
  const sort = one('sort') || 'family';
  if (!(SORT_KEYS as readonly string[]).includes(sort)) throw bad('sort', `one of ${SORT_KEYS.join(', ')}`);
  const dir = one('dir') || (sort === 'family' || sort === 'name' || sort === 'license' ? 'asc' : 'desc');
  if (dir !== 'asc' && dir !== 'desc') throw bad('dir', 'asc or desc');
  const families = (values.family ?? []).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (families.length > 50 || families.some((f) => f.length > 40)) throw bad('family', 'at most 50 family ids');
  const nums = { minContext: quantity('min-context', 'tokens', '128k'), maxParams: quantity('max-params', 'count', '32b'), maxActive: quantity('max-active', 'count', '10b'), maxKv };
  return {
    q: limited('q', 100), families, license: limited('license', 100), input: limited('input', 20),
    ...Object.fromEntries(Object.entries(nums).filter(([, v]) => v !== undefined)),
    sort: sort as SortKey, dir,
  };
}

/**
 * The rows that pass the query's filters, in its order. A filter on a value the catalog does not know excludes the
 * row (unknown is never a pass); unknown values sort last in either direction.
 * @example selectRows(modelRows(catalog), parseModelsQuery({ 'max-params': ['10b'] })).every((r) => r.total! <= 10e9) // true
 */
export function selectRows<R extends ModelRow>(rows: readonly R[], q: ModelsQuery): R[] {
  const words = q.q.split(/\s+/).filter(Boolean);
  const atMost = (v: number | undefined, max: number | undefined) => max === undefined || (v !== undefined && v <= max);
  const kept = rows.filter((r) => {
    const text = `${r.name} ${r.id} ${r.familyName} ${r.generation} ${r.licenseName}`.toLowerCase();
    return words.every((w) => text.includes(w))
      && (q.families.length === 0 || q.families.includes(r.family))
      && (q.license === '' || r.license === q.license)
      && (q.input === '' || (r.inputs?.includes(q.input) ?? false))
      && (q.minContext === undefined || (r.context !== undefined && r.context >= q.minContext))
      && atMost(r.total, q.maxParams) && atMost(r.active, q.maxActive) && atMost(r.kv, q.maxKv === undefined ? undefined : q.maxKv * 1024);
  });
  const sign = q.dir === 'asc' ? 1 : -1;
  return kept.sort((a, b) => compareBy(a, b, q.sort, sign) || a.order - b.order);
}

function compareBy(a: ModelRow, b: ModelRow, key: SortKey, sign: number): number {
  if (key === 'family') return sign * (a.order - b.order);
  if (key === 'name' || key === 'license') {
    const [x, y] = key === 'name' ? [a.name, b.name] : [a.licenseName, b.licenseName];
    return sign * x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' });
  }
  const [x, y] = [a[key], b[key]];
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return sign * (x - y);
}

/**
 * The query as URL parameters, leaving out what is at its default, with `change` applied (for the sort links).
 * @example modelsSearch(q, { sort: 'context', dir: 'desc' }) // '?sort=context&dir=desc'
 */
export function modelsSearch(q: ModelsQuery, change: Partial<Pick<ModelsQuery, 'sort' | 'dir'>> = {}): string {
  const s = { ...q, ...change };
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  for (const f of s.families) params.append('family', f);
  if (s.license) params.set('license', s.license);
  if (s.input) params.set('input', s.input);
  if (s.minContext !== undefined) params.set('min-context', String(s.minContext));
  if (s.maxParams !== undefined) params.set('max-params', String(s.maxParams));
  if (s.maxActive !== undefined) params.set('max-active', String(s.maxActive));
  if (s.maxKv !== undefined) params.set('max-kv', String(s.maxKv));
  if (s.sort !== 'family' || s.dir !== 'asc') {
    params.set('sort', s.sort);
    params.set('dir', s.dir);
  }
  const text = params.toString();
  return text ? `?${text}` : '?';
}

/**
 * What the count line says.
 * @example countText(12, 89) // 'Showing 12 of 89 models.'
 */
export function countText(shown: number, total: number): string {
  return shown === total ? `Showing all ${formatInt(total)} models.` : `Showing ${formatInt(shown)} of ${formatInt(total)} models.`;
}
