// Hugging Face tokenizer.json built from merges.txt or tiktoken ranks, so the Rust `tokenizers` library can run them too.
import { BYTE_ORDER, BYTE_TO_CHAR, bytesToChars } from './bytelevel.js';

/**
 * A byte-level BPE tokenizer.json: optional NFC, the split pattern (Isolated), byte-level mapping,
 * and a BPE model with the given vocabulary and merges. Used by tests and the benchmark only.
 */
function byteLevelJson(pattern: string, nfc: boolean, vocab: ReadonlyMap<string, number>, merges: [string, string][], ignoreMerges: boolean): string {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  return JSON.stringify({
    version: '1.0', truncation: null, padding: null, added_tokens: [],
    normalizer: nfc ? { type: 'NFC' } : null,
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false }, byteLevel] },
    post_processor: null,
    decoder: byteLevel,
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: ignoreMerges, vocab: Object.fromEntries(vocab), merges },
  });
}

/**
 * tokenizer.json for a merges.txt (Qwen 3.5): bytes get ids in GPT-2 byte order, each merge's
 * token 256 + its line; merges whose sides no earlier merge makes are left out (they never fire).
 * @example mergesToHfJson(lines, pattern) // feed to Tokenizer.fromString
 */
export function mergesToHfJson(lines: readonly string[], pattern: string): string {
  const vocab = new Map(BYTE_ORDER.map((b, id) => [BYTE_TO_CHAR[b]!, id]));
  const merges: [string, string][] = [];
  lines.forEach((line, rank) => {
    const [left = '', right = ''] = line.split(' ');
    if (!vocab.has(left) || !vocab.has(right)) return;
    merges.push([left, right]);
    if (!vocab.has(left + right)) vocab.set(left + right, 256 + rank);
  });
  return byteLevelJson(pattern, true, vocab, merges, false);
}

/**
 * tokenizer.json for a tiktoken rank file, the way Hugging Face converts Llama 3 and tiktoken
 * vocabularies: every split of a token into two known tokens is a merge, ordered by the rank of
 * the token it makes; `ignore_merges` lets a whole pre-token that is in the vocabulary through.
 * Ids equal ranks.
 * @example tiktokenToHfJson(readFileSync('llama4/tokenizer.model', 'utf8'), LLAMA4_PATTERN)
 */
export function tiktokenToHfJson(ranks: string, pattern: string): string {
  const vocab = new Map<string, number>();
  for (const line of ranks.split('\n')) {
    const [b64, rank] = line.split(' ');
    if (b64 && rank) vocab.set(bytesToChars(Buffer.from(b64, 'base64')), Number(rank));
  }
  const merges: [string, string, number, number, number][] = [];
  for (const [token, rank] of vocab) {
    const chars = [...token];
    for (let i = 1; i < chars.length; i++) {
      const left = vocab.get(chars.slice(0, i).join(''));
      const right = vocab.get(chars.slice(i).join(''));
      if (left !== undefined && right !== undefined) merges.push([chars.slice(0, i).join(''), chars.slice(i).join(''), rank, left, right]);
    }
  }
  merges.sort((a, b) => a[2] - b[2] || a[3] - b[3] || a[4] - b[4]);
  return byteLevelJson(pattern, false, vocab, merges.map(([l, r]) => [l, r]), true);
}
