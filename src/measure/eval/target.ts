// Which catalog model an endpoint serves: named with --catalog-model, or found from the served id (catalog id or
// Hugging Face repo), so inputs can be sized with its tokenizer and speed set against its bounds.
import type { Catalog } from '../../catalog/catalog.js';
import { isKnown } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { suggest } from '../../catalog/suggest.js';
import { NotFoundError } from '../../errors.js';

/**
 * The catalog model `id` names: a catalog id, a repo ("meta-llama/Llama-3.1-8B-Instruct") or a repo's last part,
 * without regard to case; undefined when none does.
 * @example servedCatalogModel(catalog, 'meta-llama/Llama-3.1-8B-Instruct')?.id // 'llama-3.1-8b'
 */
export function servedCatalogModel(catalog: Catalog, id: string): Model | undefined {
  const want = id.trim().toLowerCase();
  const tail = want.split('/').at(-1) ?? want;
  return catalog.model.get(want)
    ?? catalog.models.find((m) => m.repo?.toLowerCase() === want)
    ?? catalog.models.find((m) => m.repo?.toLowerCase().split('/').at(-1) === tail);
}

/**
 * The model `--catalog-model` names (an unknown id is an error with the nearest ids), else the one the served ids map to.
 * @throws NotFoundError for an unknown --catalog-model
 */
export function targetModel(catalog: Catalog, named: string | undefined, served: readonly string[]): Model | undefined {
  if (named !== undefined) {
    const m = servedCatalogModel(catalog, named);
    if (!m) throw new NotFoundError('model', named, suggest(named.toLowerCase(), catalog.model.keys()));
    return m;
  }
  for (const id of served) {
    const m = servedCatalogModel(catalog, id);
    if (m) return m;
  }
  return undefined;
}

/** The model's catalog tokenizer id and native context window, each undefined when the catalog does not know it. */
export function modelLimits(m: Model | undefined): { tokenizer?: string; window?: number } {
  if (!m) return {};
  return { ...(isKnown(m.tokenizer) ? { tokenizer: m.tokenizer.value } : {}), ...(isKnown(m.context.native) ? { window: m.context.native.value } : {}) };
}
