// Flag parsing for commands: node:util parseArgs, with errors turned into UsageError.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { parseQuantity } from '../quantity.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `args` strictly; an unknown flag or a missing value is a UsageError that names the command.
 * @example parse('compare', ['qwen', '--format', 'md'], { format: { type: 'string' } })
 */
export function parse<O extends Options>(command: string, args: string[], options: O) {
  // `--gpus -1`: node's parser reads -1 as an option; say what is wrong with the value instead.
  args.forEach((arg, i) => {
    const name = /^--([^=]+)$/.exec(arg)?.[1];
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      throw new UsageError(`--${name} cannot be negative (got "${next.slice(0, 40)}"). Run "versus ${command} --help" for usage.`);
    }
  });
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.replace(/\. To specify .*$/s, '')}. Run "versus ${command} --help" for usage.`);
  }
}

/**
 * A command that takes only flags: a stray argument is an error naming it.
 * @example noPositionals('recommend', ['h100'], '--gpu h100') // throws UsageError
 */
export function noPositionals(command: string, positionals: readonly string[], example: string): void {
  const [first] = positionals;
  if (first !== undefined) throw new UsageError(`${command} takes no arguments, only options (got "${first.slice(0, 60)}"); e.g. versus ${command} ${example}.`);
}

/** Checks that a flag's value is one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value);
  if (!found) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
  return found;
}

/**
 * A count of people or things with decimal suffixes: 1.2b = 1,200,000,000; 700m; 50k.
 * @example parseQuantity('mau', '1.2b') // 1200000000
 */
export function parseCountFlag(flag: string, value: string): number {
  const n = parseQuantity(value, 'count');
  if (n === undefined) throw new UsageError(`--${flag} must be a number such as 1.2b, 700m, 50k or 1000000 (got "${value}").`);
  return n;
}

/**
 * A yearly revenue in US dollars, with decimal suffixes and an optional leading "$" or "US$".
 * @example parseRevenueFlag('30m') // 30000000
 */
export function parseRevenueFlag(value: string): number {
  const n = parseQuantity(value.trim().replace(/^(US)?\$/i, ''), 'count');
  if (n === undefined) throw new UsageError(`--revenue must be a yearly amount in US dollars such as 30m, 1.5b or $250k (got "${value}").`);
  return n;
}

/** "a,b, c" → ['a', 'b', 'c']. */
export function list(value: string | undefined): string[] {
  return value?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
}

/**
 * An --endpoint: an http(s) URL that parses. "http://[::1" passed a prefix check before, and every request then failed.
 * @example endpointFlag('http://localhost:8000/v1') // 'http://localhost:8000/v1'
 */
export function endpointFlag(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new UsageError(`--endpoint must be an http(s) URL (got "${value.slice(0, 200)}").`);
  return value;
}
