// Finds GPUs and precisions by the names people type: h100 → h100-sxm, 4090 → rtx-4090, Q4_K_M → q4-k-m.
import type { Catalog } from './catalog.js';
import type { Gpu, Precision } from './schema.js';
import { suggest } from './suggest.js';
import { NotFoundError } from '../errors.js';

/** Short names people type for the GPU they mean, where the catalog holds several variants. */
const GPU_ALIASES: Readonly<Record<string, string>> = { h100: 'h100-sxm', a100: 'a100-80gb' };

const bare = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A GPU by id, alias (h100 → h100-sxm) or unambiguous short form (4090, rtx4090 → rtx-4090).
 * @example resolveGpu(catalog, '4090').id // 'rtx-4090'
 */
export function resolveGpu(catalog: Catalog, wanted: string): Gpu {
  const id = wanted.toLowerCase();
  const direct = catalog.gpu.get(id) ?? catalog.gpu.get(GPU_ALIASES[bare(id)] ?? '');
  if (direct) return direct;
  const w = bare(id);
  const same = catalog.gpus.filter((g) => bare(g.id) === w);
  const partial = same.length > 0 ? same : catalog.gpus.filter((g) => w.length >= 2 && (bare(g.id).endsWith(w) || bare(g.id).startsWith(w)));
  if (partial.length === 1 && partial[0]) return partial[0];
  const near = partial.length > 1 ? partial.map((g) => g.id) : suggest(wanted, catalog.gpu.keys());
  throw new NotFoundError('GPU', wanted, near);
}

/**
 * A precision by id or by its GGUF spelling (Q4_K_M → q4-k-m).
 * @example resolvePrecision(catalog, 'Q4_K_M').id // 'q4-k-m'
 */
export function resolvePrecision(catalog: Catalog, wanted: string): Precision {
  const id = wanted.toLowerCase().replace(/_/g, '-');
  const found = catalog.precision.get(id);
  if (found) return found;
  throw new NotFoundError('precision', wanted, suggest(id, catalog.precision.keys()));
}
