// A tokenizer from its compact form: what `versus tokens --text`, the server's counter and the static site's browser
// script all run. No Node.js API: the browser bundle imports this file and the encoders it names.
import { hfFormTokenizer, unpackHfForm } from './hf-form.js';
import { MergesBpe, SortedPairs, type PairLookup } from './merges-bpe.js';
import { toJsRegExp } from './pattern.js';
import { LLAMA3_PATTERN, LLAMA4_PATTERN, metaChunks, QWEN35_PATTERN, TEKKEN_PATTERN, TEKKEN_SPECIAL_TOKENS } from './patterns.js';
import { ranksBpe, RanksTable } from './ranks-bpe.js';
import type { Tokenizer } from './types.js';

/** How each tokenizer's compact form is read: a tiktoken ranks table, Qwen 3.5's merge pairs, or a tokenizer.json form. */
type FormKind =
  | { readonly kind: 'ranks'; readonly pattern: string; readonly offset: number; readonly chunk: (text: string) => string[] }
  | { readonly kind: 'qwen35' }
  | { readonly kind: 'hf' };

const whole = (s: string) => [s];

const KINDS: Readonly<Record<string, FormKind>> = {
  'qwen3.5': { kind: 'qwen35' },
  qwen2: { kind: 'hf' },
  llama3: { kind: 'ranks', pattern: LLAMA3_PATTERN, offset: 0, chunk: metaChunks },
  llama4: { kind: 'ranks', pattern: LLAMA4_PATTERN, offset: 0, chunk: metaChunks },
  gemma3: { kind: 'hf' },
  'deepseek-v3': { kind: 'hf' },
  'mistral-tekken': { kind: 'ranks', pattern: TEKKEN_PATTERN, offset: TEKKEN_SPECIAL_TOKENS, chunk: whole },
  // gpt-oss's o200k_harmony: o200k_base's ranks and split pattern (Llama 4 took its pattern from o200k).
  'o200k-harmony': { kind: 'ranks', pattern: LLAMA4_PATTERN, offset: 0, chunk: whole },
};

/** The tokenizer ids that have a compact form. */
export const FORM_IDS: readonly string[] = Object.keys(KINDS);

/**
 * Qwen 3.5's byte-level BPE: its merges (or their pairs from a compact form), NFC, and its split regex.
 * Token counts are exact; ids from about 104,362 on are reconstructed (see qwen35.ts).
 */
export function qwen35Bpe(merges: readonly string[], pairs: PairLookup | undefined, onBadLine: (line: number, problem: string) => never): MergesBpe {
  return new MergesBpe({ merges, ...(pairs ? { pairs } : {}), split: toJsRegExp(QWEN35_PATTERN), normalize: 'NFC', onBadLine });
}

/**
 * The tokenizer that the compact form `bytes` of tokenizer `id` encodes; `of` names what the form was made from
 * (`llama3/tokenizer.model`), for the implementation note. Undefined when the bytes are not that tokenizer's form.
 * @example formTokenizer('llama3', bytes, 'llama3/tokenizer.model')?.count('Hello, world!') // 4
 */
export function formTokenizer(id: string, bytes: Uint8Array, of: string): Tokenizer | undefined {
  const kind = KINDS[id];
  if (kind?.kind === 'ranks') {
    const table = RanksTable.read(bytes);
    if (!table) return undefined;
    const implementation = `versus byte-pair encoder (tiktoken's algorithm) on a compact table of ${of} (${table.size} ranks)`;
    return ranksBpe({ id, table, split: toJsRegExp(kind.pattern), offset: kind.offset, chunk: kind.chunk, implementation });
  }
  if (kind?.kind === 'qwen35') {
    const pairs = SortedPairs.read(bytes);
    if (!pairs) return undefined;
    const bpe = qwen35Bpe([], pairs, () => {
      throw new Error('bad merges');
    });
    const implementation = `versus merges BPE on a compact form of ${of}, NFC and Qwen3.5's split regex`;
    return { id, fidelity: 'reconstructed-ids', implementation, encode: (text) => bpe.encode(text), count: (text) => bpe.count(text) };
  }
  const form = kind?.kind === 'hf' ? unpackHfForm(bytes) : undefined;
  return form && hfFormTokenizer(id, form, `versus merges BPE on a compact form of ${of}`);
}
