// Catalog tokenizer ids → the implementation that runs each one, and the names users may call them by.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError } from '../../errors.js';
import { suggest } from '../../catalog/suggest.js';
import type { TokenizerFiles } from './files.js';
import { formTokenizer } from './forms.js';
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
  /** The tokenizer as the sweep runs it (`versus tokens --measure`): the vendor's own format, parsed in full. */
  load(files: TokenizerFiles): Promise<Tokenizer>;
  /**
   * The compact form of the same tokenizer (same ids; see forms.ts), from the cache or built from the files, and
   * what it was made from. `versus tokens --text`, the server's counter and the static site's browser run it.
   */
  compact(files: TokenizerFiles): Promise<CompactForm>;
}

export interface CompactForm {
  readonly bytes: Uint8Array;
  /** What it was made from, for the implementation note: `llama3/tokenizer.model`. */
  readonly of: string;
}

/** Short content hash for cache keys and fingerprints. */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * A content hash of tokenizer-folder files (reading them reports a missing one by name). For one
 * file it is the first 16 hex digits of the file's sha256.
 */
const filesSource = (kind: string, label: string, rels: readonly string[]) => (f: TokenizerFiles) =>
  `${kind}:${(rels.length === 1 ? checkedSha256(f, rels[0]!) ?? rememberedSha256(f, rels[0]!, label) : undefined) ?? sha256(rels.map((rel) => f.read(rel, label)).join('\u0000'))}`;

/**
 * For a file in the user's folder (--tokenizer-dir), its hash as remembered beside the compact forms under
 * its path, size and modification time, so a 33 MB tokenizer.json is hashed once, not on every run; an
 * edited file has a new stamp and is hashed again. Undefined when there is nowhere to remember it.
 */
export function rememberedSha256(f: TokenizerFiles, rel: string, label: string): string | undefined {
  if (f.origin !== 'folder' || f.compact === undefined) return undefined;
  const memo = join(f.compact, `${sha256(`source\u0000${f.stamp(rel, label)}`)}.sha256`);
  try {
    const known = readFileSync(memo, 'utf8');
    if (/^[0-9a-f]{16}$/.test(known)) return known;
  } catch {
    // not remembered yet
  }
  const hash = sha256(f.read(rel, label));
  try {
    mkdirSync(f.compact, { recursive: true });
    writeFileSync(memo, hash);
  } catch {
    // a read-only cache only costs the hash next time
  }
  return hash;
}

/** For a file in the download cache, the first 16 hex digits of the sha256 checked when it was downloaded (its stamp). */
function checkedSha256(f: TokenizerFiles, rel: string): string | undefined {
  if (f.origin !== 'cache') return undefined;
  try {
    const sha = readFileSync(`${f.path(rel)}.sha256`, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(sha) ? sha.slice(0, 16) : undefined;
  } catch {
    return undefined;
  }
}

/** A tokenizer read from one vendor file. */
function fromFile(id: string, label: string, aliases: string[], kind: string, rel: string, load: (f: TokenizerFiles) => Promise<Tokenizer>, form: (f: TokenizerFiles) => Promise<Uint8Array>): TokenizerSpec {
  return { id, label, aliases, files: [rel], source: filesSource(kind, label, [rel]), load, compact: async (f) => ({ bytes: await form(f), of: rel }) };
}

const tiktoken = () => import('./tiktoken.js');

/** A tiktoken rank file: its one form is the compact table (tiktoken.ts), which sweeps and `--text` both run (forms.ts). */
function ranksFile(id: string, label: string, aliases: string[], rel: string, form: (f: TokenizerFiles) => Promise<Uint8Array>): TokenizerSpec {
  const load = async (f: TokenizerFiles) => {
    const tok = formTokenizer(id, await form(f), rel);
    if (!tok) throw new Error(`the compact table of ${rel} could not be read`);
    return tok;
  };
  return fromFile(id, label, aliases, 'tiktoken', rel, load, form);
}
const hfJson = (id: 'qwen2' | 'deepseek-v3' | 'gemma3') => async (f: TokenizerFiles) => (await import('./hf-json.js')).loadHfJson(id, f);
const hfForm = (id: string, rel: string, label: string) => async (f: TokenizerFiles) => (await import('./hf-bpe.js')).hfForm(id, f, rel, label);

/** Every tokenizer versus can run. */
export const TOKENIZERS: readonly TokenizerSpec[] = [
  fromFile('qwen3.5', 'Qwen 3.5', ['qwen35', 'qwen-3.5'], 'merges-bpe', 'qwen3.5/merges.txt', async (f) => (await import('./qwen35.js')).loadQwen35(f), async (f) => (await import('./qwen35.js')).qwen35Form(f)),
  fromFile('qwen2', 'Qwen 2/2.5/3', ['qwen3', 'qwen2.5', 'qwen-3', 'qwen-2.5', 'qwen25'], 'hf-json', 'qwen3/tokenizer.json', hfJson('qwen2'), hfForm('qwen2', 'qwen3/tokenizer.json', 'Qwen3')),
  ranksFile('llama3', 'Llama 3.x', ['llama3.1', 'llama3.2', 'llama3.3', 'llama-3', 'llama-3.1', 'llama-3.2', 'llama-3.3', 'llama31'], 'llama3/tokenizer.model', async (f) => (await tiktoken()).llama3Form(f)),
  ranksFile('llama4', 'Llama 4', ['llama-4', 'llama4-scout', 'llama4-maverick'], 'llama4/tokenizer.model', async (f) => (await tiktoken()).llama4Form(f)),
  fromFile('gemma3', 'Gemma 3', ['gemma-3'], 'hf-json', 'gemma3/tokenizer.json', hfJson('gemma3'), hfForm('gemma3', 'gemma3/tokenizer.json', 'Gemma 3')),
  fromFile('deepseek-v3', 'DeepSeek-V3', ['deepseek3', 'deepseek-r1', 'deepseek-v3.1', 'deepseek-v3.2'], 'hf-json', 'deepseek_v3/tokenizer.json', hfJson('deepseek-v3'), hfForm('deepseek-v3', 'deepseek_v3/tokenizer.json', 'DeepSeek-V3')),
  ranksFile('mistral-tekken', 'Mistral Tekken', ['tekken', 'mistral-nemo'], 'mistral/mistral_v3_tekken.tiktoken', async (f) => (await tiktoken()).tekkenForm(f)),
  ranksFile('o200k-harmony', 'gpt-oss (o200k_harmony)', ['o200k_harmony', 'o200k', 'o200k_base', 'gpt-oss'], 'openai/o200k_base.tiktoken', async (f) => (await tiktoken()).o200kForm(f)),
];

/**
 * The tokenizer for counting a text (`versus tokens --text`, the server): its compact form run by versus's encoders
 * (forms.ts, the code the static site's browser runs too), or the full `load` for a file that form does not cover.
 * @example (await loadForText(findTokenizer('llama3')!, files)).count('Hello, world!') // 4
 */
export async function loadForText(spec: TokenizerSpec, files: TokenizerFiles): Promise<Tokenizer> {
  const { bytes, of } = await spec.compact(files);
  return formTokenizer(spec.id, bytes, of) ?? spec.load(files);
}

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
  throw new NotFoundError('tokenizer', name, suggest(name, TOKENIZERS.map((t) => t.id)));
}

const hasFile = (f: TokenizerFiles, rel: string) => {
  const path = f.path(rel);
  return path !== undefined && existsSync(path);
};

/** Whether the files a tokenizer needs are in the folder (npm-shipped ones are always available). */
export function isAvailable(spec: TokenizerSpec, files: TokenizerFiles): boolean {
  return spec.files.every((rel) => hasFile(files, rel));
}
