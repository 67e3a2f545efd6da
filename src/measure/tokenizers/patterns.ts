// Split patterns and chunking of the tokenizers versus runs itself: plain data and code, used in Node and in the browser.

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

/**
 * The pre-tokenizer split regex of Qwen3.5 (`pretokenize_regex` in Qwen/Qwen3.5-0.8B's
 * tokenizer_config.json); the normalizer is NFC. Source: data/tokenizers.yaml, qwen3.5-0.8b-merges.
 */
export const QWEN35_PATTERN = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

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
 * Whether `buf` starts with the ASCII text `magic` (the first line of every compact form).
 * @example hasMagic(new TextEncoder().encode('versus-ranks-01\n…'), 'versus-ranks-01\n') // true
 */
export function hasMagic(buf: Uint8Array, magic: string): boolean {
  if (buf.byteLength < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic.charCodeAt(i)) return false;
  return true;
}
