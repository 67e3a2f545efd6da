// Flag parsing for commands: node:util parseArgs, with errors turned into UsageError.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` strictly; an unknown flag or a missing value is a UsageError that names the command.
 * @example parse('compare', ['qwen', '--format', 'md'], { format: { type: 'string' } })
 */
export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.replace(/\. To specify .*$/s, '')}. Run "versus ${command} --help" for usage.`);
  }
}

/** Checks that a flag's value is one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return found;
}

const DECIMAL: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

/**
 * A count of people or things with decimal suffixes: 1.2b = 1,200,000,000; 700m; 50k.
 * @example parseQuantity('mau', '1.2b') // 1200000000
 */
export function parseQuantity(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmb]?)$/i.exec(value.trim().replace(/[_,]/g, ''));
  const n = match ? Math.round(Number(match[1]) * (DECIMAL[(match[2] ?? '').toLowerCase()] ?? 1)) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${flag} must be a number such as 1.2b, 700m, 50k or 1000000 (got "${value}").`);
  return n;
}

/** "a,b, c" → ['a', 'b', 'c']. */
export function list(value: string | undefined): string[] {
  return value?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
}
