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
