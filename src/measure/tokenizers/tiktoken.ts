// Tokenizers shipped as tiktoken rank files (Llama 3, Llama 4, Mistral Tekken, OpenAI's o200k), run with tiktoken's algorithm.
import { CHAR_TO_BYTE } from './bytelevel.js';
import { corruptFile, type TokenizerFiles } from './files.js';
import { compactRanks } from './compact.js';
import { TEKKEN_SPECIAL_TOKENS } from './patterns.js';

export { LLAMA3_PATTERN, LLAMA4_PATTERN, TEKKEN_PATTERN, TEKKEN_SPECIAL_TOKENS, metaChunks } from './patterns.js';

export const TIKTOKEN_FILES = {
  llama3: 'llama3/tokenizer.model',
  llama4: 'llama4/tokenizer.model',
  tekken: 'mistral/mistral_v3_tekken.tiktoken',
  o200k: 'openai/o200k_base.tiktoken',
} as const;

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
 * The compact table of a tiktoken rank file (see RanksTable), kept in the cache on first use so nothing is parsed on
 * later runs; forms.ts runs tiktoken's algorithm on it in JavaScript (the CLI, the server and the static site's
 * browser alike). Tests check its ids against the Rust `tokenizers` library on every language sample, and pinned ids
 * from the vendors' own tests.
 */
function ranksForm(files: TokenizerFiles, id: string, what: string, file: string, ranks: (text: string, path: string) => string): Uint8Array {
  const path = files.path(file) ?? file;
  return compactRanks(files.compact, `${id}\u0000${files.stamp(file, what)}`, () => ranks(files.read(file, what), path), path);
}

/** Llama 3 (3.1, 3.2, 3.3) from Meta's tokenizer.model; Meta's pattern and chunking are in forms.ts; ids = ranks. */
export const llama3Form = (files: TokenizerFiles) => ranksForm(files, 'llama3', 'Llama 3', TIKTOKEN_FILES.llama3, (t) => t);
/** Llama 4 from Meta's tokenizer.model (Meta's O200K-style pattern and chunking); ids = ranks. */
export const llama4Form = (files: TokenizerFiles) => ranksForm(files, 'llama4', 'Llama 4', TIKTOKEN_FILES.llama4, (t) => t);
/** Mistral Tekken: ranks from the exported vocabulary, tekken.json's pattern; ids = rank + 1,000, as mistral-common does. */
export const tekkenForm = (files: TokenizerFiles) => ranksForm(files, 'mistral-tekken', 'Mistral Tekken', TIKTOKEN_FILES.tekken, byteLevelToRanks);

/**
 * gpt-oss's o200k_harmony: OpenAI's o200k_base ranks and split pattern (the same pattern as Meta's
 * O200K_PATTERN), plus special tokens up to id 201087 (openai/gpt-oss gpt_oss/tokenizer.py builds it
 * from `get_encoding("o200k_base")`). Counting ordinary text never produces a special token, so
 * o200k_base's file counts exactly what gpt-oss's tokenizer counts, with the same ids.
 */
export const o200kForm = (files: TokenizerFiles) => ranksForm(files, 'o200k-harmony', 'gpt-oss (o200k_harmony)', TIKTOKEN_FILES.o200k, (t) => t);
