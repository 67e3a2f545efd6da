// Tokenizers shipped as tiktoken rank files (Llama 3, Llama 4, Mistral Tekken, OpenAI's o200k), run with tiktoken's algorithm.
import { CHAR_TO_BYTE } from './bytelevel.js';
import { corruptFile, type TokenizerFiles } from './files.js';
import { toJsRegExp } from './pattern.js';
import { compactTable, ranksBpe } from './ranks-bpe.js';
import type { Tokenizer } from './types.js';

/**
 * Split patterns from Meta's reference tokenizers, meta-llama/llama-models at commit a946b747:
 * `pat_str` in models/llama3/tokenizer.py and `O200K_PATTERN` in models/llama4/tokenizer.py.
 */
export const LLAMA3_PATTERN = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
export const LLAMA4_PATTERN = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/**
 * Mistral Tekken's split pattern (`config.pattern` of tekken.json, v7, as copied in
 * github.com/josegarciav/open_whisper at a78e1c00) and its 1,000 special ids before the ranks.
 */
export const TEKKEN_PATTERN = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
export const TEKKEN_SPECIAL_TOKENS = 1000;

export const TIKTOKEN_FILES = {
  llama3: 'llama3/tokenizer.model',
  llama4: 'llama4/tokenizer.model',
  tekken: 'mistral/mistral_v3_tekken.tiktoken',
  o200k: 'openai/o200k_base.tiktoken',
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

/**
 * Tekken ranks from a vocabulary exported as "base64(token) id" lines with every token spelled in
 * GPT-2's byte-level alphabet (ids 0–999 are the special tokens): each id from 1,000 on becomes the
 * token's bytes with rank id − 1,000. Checks that ids run 0, 1, 2, … and every character maps to a byte.
 * @example byteLevelToRanks('PHVuaz4= 0\n…\nxIA= 1000\n', path) // 'AA== 0\n'
 */
export function byteLevelToRanks(text: string, path: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([A-Za-z0-9+/]+={0,2}) (\d+)$/.exec(line);
    if (!m) throw corruptFile(path, `line ${i + 1} is not "base64 id"`);
    if (Number(m[2]) !== i) throw corruptFile(path, `line ${i + 1} has id ${m[2]}, expected ${i}`);
    if (i < TEKKEN_SPECIAL_TOKENS) return;
    const chars = [...Buffer.from(m[1]!, 'base64').toString('utf8')];
    const bytes = chars.map((c) => CHAR_TO_BYTE.get(c));
    if (bytes.some((b) => b === undefined)) throw corruptFile(path, `line ${i + 1}: the token is not in the byte-level alphabet`);
    out.push(`${Buffer.from(bytes as number[]).toString('base64')} ${i - TEKKEN_SPECIAL_TOKENS}`);
  });
  return `${out.join('\n')}\n`;
}

/**
 * A tiktoken rank file run with tiktoken's algorithm in JavaScript over a compact table of its ranks,
 * kept in the cache on first use (see ranks-bpe.ts), so nothing is parsed on later runs. Tests check
 * its ids against the Rust \`tokenizers\` library on every language sample, and pinned ids from the
 * vendors' own tests.
 */
function rankFile(files: TokenizerFiles, id: string, what: string, file: string, ranks: (text: string, path: string) => string, pattern: string, offset: number, chunk: (s: string) => string[]): Tokenizer {
  const path = files.path(file) ?? file;
  const table = compactTable(files.compact, `${id}\u0000${files.stamp(file, what)}`, () => ranks(files.read(file, what), path), path);
  const implementation = `versus byte-pair encoder (tiktoken's algorithm) on a compact table of ${file} (${table.size} ranks)`;
  return ranksBpe({ id, table, split: toJsRegExp(pattern), offset, chunk, implementation });
}

/** Llama 3 (3.1, 3.2, 3.3) from Meta's tokenizer.model with Meta's pattern and chunking; ids = ranks. */
export const loadLlama3 = (files: TokenizerFiles) => rankFile(files, 'llama3', 'Llama 3', TIKTOKEN_FILES.llama3, (t) => t, LLAMA3_PATTERN, 0, metaChunks);
/** Llama 4 from Meta's tokenizer.model with Meta's O200K-style pattern and chunking; ids = ranks. */
export const loadLlama4 = (files: TokenizerFiles) => rankFile(files, 'llama4', 'Llama 4', TIKTOKEN_FILES.llama4, (t) => t, LLAMA4_PATTERN, 0, metaChunks);
/** Mistral Tekken: ranks from the exported vocabulary, tekken.json's pattern; ids = rank + 1,000, as mistral-common does. */
export const loadTekken = (files: TokenizerFiles) => rankFile(files, 'mistral-tekken', 'Mistral Tekken', TIKTOKEN_FILES.tekken, byteLevelToRanks, TEKKEN_PATTERN, TEKKEN_SPECIAL_TOKENS, (s) => [s]);

/**
 * gpt-oss's o200k_harmony: OpenAI's o200k_base ranks and split pattern (the same pattern as Meta's
 * O200K_PATTERN), plus special tokens up to id 201087 (openai/gpt-oss gpt_oss/tokenizer.py builds it
 * from \`get_encoding("o200k_base")\`). Counting ordinary text never produces a special token, so
 * o200k_base's file counts exactly what gpt-oss's tokenizer counts, with the same ids.
 */
export const loadO200kHarmony = (files: TokenizerFiles) => rankFile(files, 'o200k-harmony', 'gpt-oss (o200k_harmony)', TIKTOKEN_FILES.o200k, (t) => t, LLAMA4_PATTERN, 0, (s) => [s]);
