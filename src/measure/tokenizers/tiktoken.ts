// Tokenizers shipped as tiktoken rank files (Llama 3, Llama 4, Mistral Tekken) or inside the `tiktoken` package (o200k), run by it.
import { Tiktoken, get_encoding } from 'tiktoken';
import { corruptFile, type TokenizerFiles } from './files.js';
import { tiktokenVersion } from './npm.js';
import type { Tokenizer } from './types.js';

/**
 * Split patterns from Meta's reference tokenizers, meta-llama/llama-models at commit a946b747:
 * `pat_str` in models/llama3/tokenizer.py and `O200K_PATTERN` in models/llama4/tokenizer.py.
 */
export const LLAMA3_PATTERN = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
export const LLAMA4_PATTERN = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

export const TIKTOKEN_FILES = {
  llama3: 'llama3/tokenizer.model',
  llama4: 'llama4/tokenizer.model',
  tekkenRanks: 'mistral/tekken_ranks.tiktoken',
  tekkenConfig: 'mistral/tekken_config.json',
} as const;

/** Meta's encode() cuts runs of more than 25,000 spaces or non-spaces (tiktoken issue 195) and 400,000-char chunks. */
const MAX_RUN = 25_000;
const MAX_CHUNK = 400_000;

/**
 * The pieces Meta's `Tokenizer.encode` hands to tiktoken: 400K-char chunks, each cut wherever a
 * run of white space or of non-white space would exceed 25K characters (Python `str.isspace`,
 * approximated by Unicode White_Space). UDHR texts never reach either limit.
 * @example metaChunks('ab cd', 2) // ['ab cd'] — no run is longer than 2
 */
export function metaChunks(s: string, maxRun = MAX_RUN): string[] {
  const out: string[] = [];
  for (let c = 0; c < s.length; c += MAX_CHUNK) {
    const chunk = s.slice(c, c + MAX_CHUNK);
    let start = 0;
    let run = 0;
    let space = chunk.length > 0 && /\s/u.test(chunk[0]!);
    for (let i = 0; i < chunk.length; i++) {
      const now = /\s/u.test(chunk[i]!);
      if (now !== space) {
        run = 1;
        space = now;
      } else if (++run > maxRun) {
        out.push(chunk.slice(start, i));
        start = i;
        run = 1;
      }
    }
    out.push(chunk.slice(start));
  }
  return out;
}

/** Checks a rank file line by line ("base64 rank", ranks 0..n-1 in order) and returns its line count. */
function checkRanks(text: string, path: string): number {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([A-Za-z0-9+/]+={0,2}) (\d+)$/.exec(line);
    if (!m) throw corruptFile(path, `line ${i + 1} is not "base64 rank"`);
    if (Number(m[2]) !== i) throw corruptFile(path, `line ${i + 1} has rank ${m[2]}, expected ${i}`);
  });
  if (lines.length < 256) throw corruptFile(path, `only ${lines.length} ranks`);
  return lines.length;
}

interface RanksTokenizer {
  id: string;
  what: string;
  file: string;
  pattern: string;
  /** Added to every rank: Tekken ids start after its 1,000 special tokens. */
  offset: number;
  chunk: (text: string) => string[];
  files: TokenizerFiles;
}

function fromRanks(t: RanksTokenizer): Tokenizer {
  const text = t.files.read(t.file, t.what);
  const path = t.files.path(t.file)!;
  const n = checkRanks(text, path);
  let enc: Tiktoken;
  try {
    enc = new Tiktoken(text, {}, t.pattern);
  } catch (error) {
    throw corruptFile(path, `tiktoken could not load it (${String(error)})`);
  }
  const encode = (s: string) => t.chunk(s).flatMap((c) => Array.from(enc.encode_ordinary(c), (r) => r + t.offset));
  return {
    id: t.id,
    fidelity: 'exact',
    implementation: `tiktoken (WASM) on ${t.file} (${n} ranks)`,
    encode,
    count: (s) => t.chunk(s).reduce((sum, c) => sum + enc.encode_ordinary(c).length, 0),
  };
}

/** Llama 3 (3.1, 3.2, 3.3) from Meta's tokenizer.model with Meta's pattern; ids = ranks. */
export function loadLlama3(files: TokenizerFiles): Tokenizer {
  return fromRanks({ id: 'llama3', what: 'Llama 3', file: TIKTOKEN_FILES.llama3, pattern: LLAMA3_PATTERN, offset: 0, chunk: metaChunks, files });
}

/** Llama 4 from Meta's tokenizer.model with Meta's O200K-style pattern; ids = ranks. */
export function loadLlama4(files: TokenizerFiles): Tokenizer {
  return fromRanks({ id: 'llama4', what: 'Llama 4', file: TIKTOKEN_FILES.llama4, pattern: LLAMA4_PATTERN, offset: 0, chunk: metaChunks, files });
}

/**
 * Mistral Tekken: the pattern and special-token count come from tekken_config.json (copied from a
 * real tekken.json); ids = rank + default_num_special_tokens (1,000), as mistral-common does.
 */
export function loadTekken(files: TokenizerFiles): Tokenizer {
  const configText = files.read(TIKTOKEN_FILES.tekkenConfig, 'Mistral Tekken');
  const configPath = files.path(TIKTOKEN_FILES.tekkenConfig)!;
  let config: { pattern?: unknown; default_num_special_tokens?: unknown };
  try {
    config = JSON.parse(configText) as typeof config;
  } catch (error) {
    throw corruptFile(configPath, `not JSON (${(error as Error).message})`);
  }
  if (typeof config.pattern !== 'string') throw corruptFile(configPath, 'no "pattern" string');
  if (!Number.isInteger(config.default_num_special_tokens)) throw corruptFile(configPath, 'no integer "default_num_special_tokens"');
  return fromRanks({
    id: 'mistral-tekken', what: 'Mistral Tekken', file: TIKTOKEN_FILES.tekkenRanks, pattern: config.pattern,
    offset: config.default_num_special_tokens as number, chunk: (s) => [s], files,
  });
}


/**
 * gpt-oss's o200k_harmony: OpenAI's o200k_base ranks and split pattern, plus special tokens up to id
 * 201087 (openai/gpt-oss gpt_oss/tokenizer.py builds it from `get_encoding("o200k_base")`). Counting
 * ordinary text never produces a special token, so o200k_base as bundled in the `tiktoken` npm
 * package counts exactly what gpt-oss's tokenizer counts, with the same ids.
 */
export function loadO200kHarmony(): Tokenizer {
  const enc = get_encoding('o200k_base');
  return {
    id: 'o200k-harmony',
    fidelity: 'exact',
    implementation: `${tiktokenVersion()} o200k_base (the ordinary-text part of o200k_harmony)`,
    encode: (s) => Array.from(enc.encode_ordinary(s)),
    count: (s) => enc.encode_ordinary(s).length,
  };
}
