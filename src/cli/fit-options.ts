// Parsing numeric flags: token counts like 128k, whole numbers, fractions. (GPU and precision names: catalog/resolve.ts.)
import { UsageError } from '../errors.js';
import { parseQuantity } from '../quantity.js';

/**
 * A token count: a plain number, or K / M in binary units as model cards use them (128K = 131,072).
 * @example parseTokens('context', '10m') // 10485760
 */
export function parseTokens(flag: string, value: string): number {
  const tokens = parseQuantity(value, 'tokens');
  if (tokens === undefined || tokens < 1) {
    throw new UsageError(`--${flag} must be a positive number of tokens such as 128k, 10m or 131072 (got "${value}").`);
  }
  return tokens;
}

/**
 * A whole number from `min` (default 1) to `max`; the message names the range the flag really takes.
 * @example parseCount('gpus', '8', 1024) // 8
 */
export function parseCount(flag: string, value: string, max: number, min = 1): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${value}").`);
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


const BYTE_UNITS: Readonly<Record<string, number>> = { '': 1e9, gb: 1e9, gib: 2 ** 30, mb: 1e6, mib: 2 ** 20, tb: 1e12, tib: 2 ** 40 };

/**
 * A memory size: 24GiB, 80GB, 512MiB (a bare number is GB).
 * @example parseBytes('memory', '24GiB') // 25769803776
 */
export function parseBytes(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const scale = m ? BYTE_UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  const n = m && scale !== undefined ? Math.round(Number(m[1]) * scale) : NaN;
  if (!(n > 0) || !Number.isSafeInteger(n)) throw new UsageError(`--${flag} must be a size such as 24GiB, 80GB or 512MiB (got "${value}").`);
  return n;
}

/**
 * A memory bandwidth: 936GB/s, 3.35TB/s (a bare number is GB/s).
 * @example parseBandwidth('bandwidth', '936GB/s') // 936e9
 */
export function parseBandwidth(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(gb\/s|tb\/s|)$/i.exec(value.trim());
  const n = m ? Number(m[1]) * ((m[2] ?? '').toLowerCase() === 'tb/s' ? 1e12 : 1e9) : NaN;
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a rate such as 936GB/s or 3.35TB/s (got "${value}").`);
  return n;
}
