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

