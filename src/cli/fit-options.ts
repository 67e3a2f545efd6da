// Parsing `versus fit` flags: token counts like 128k, GPU aliases like h100 or 4090, precision names like Q4_K_M.
import type { Catalog } from '../catalog/catalog.js';
import type { Gpu, Precision } from '../catalog/schema.js';
import { suggest } from '../catalog/suggest.js';
import { NotFoundError, UsageError } from '../errors.js';

const UNIT: Record<string, number> = { '': 1, k: 1024, m: 1024 * 1024 };

/**
 * A token count: a plain number, or K / M in binary units as model cards use them (128K = 131,072).
 * @example parseTokens('context', '10m') // 10485760
 */
export function parseTokens(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(value.trim());
  const tokens = match ? Math.round(Number(match[1]) * (UNIT[(match[2] ?? '').toLowerCase()] ?? 1)) : NaN;
  if (!Number.isSafeInteger(tokens) || tokens < 1) {
    throw new UsageError(`--${flag} must be a positive number of tokens such as 128k, 10m or 131072 (got "${value}").`);
  }
  return tokens;
}

/**
 * A positive whole number no larger than `max`.
 * @example parseCount('gpus', '8', 1024) // 8
 */
export function parseCount(flag: string, value: string, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got "${value}").`);
  return n;
}

/**
 * A number in (min, max]: a fraction such as 0.95, or a size in GiB.
 * @example parseFraction('utilization', '0.95', 0, 1) // 0.95
 */
export function parseFraction(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n > min && n <= max)) throw new UsageError(`--${flag} must be a number above ${min} and at most ${max} (got "${value}").`);
  return n;
}

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
  const near = suggest(id, catalog.precision.keys());
  throw new NotFoundError('precision', wanted, near.length > 0 ? near : [...catalog.precision.keys()]);
}
