// The npm package that ships a tokenizer (tiktoken's o200k ranks), versioned without loading it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * `tiktoken@version`: what identifies the o200k ranks bundled with the `tiktoken` npm package in cache keys.
 * @example tiktokenVersion() // 'tiktoken@1.0.22'
 */
export function tiktokenVersion(): string {
  // Resolving (not loading) the main entry finds the package folder; its exports hide package.json.
  const dir = dirname(require.resolve('tiktoken'));
  return `tiktoken@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`;
}

/** The `tiktoken` package's o200k_base ranks file (encoders/o200k_base.json). */
export function o200kRanksPath(): string {
  return join(dirname(require.resolve('tiktoken')), 'encoders', 'o200k_base.json');
}
