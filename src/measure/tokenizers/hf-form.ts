// The compact form of a BPE tokenizer.json (settings + merge pairs) and the tokenizer it makes: versus's merges BPE.
// No Node.js API: the static site's browser script runs this same code.
import { MergesBpe, SortedPairs, type PairLookup } from './merges-bpe.js';
import { toJsRegExp } from './pattern.js';
import { hasMagic } from './patterns.js';
import type { Tokenizer } from './types.js';

export const HF_FORM_MAGIC = 'versus-hfbpe-01\n';

/** What versus keeps of a byte-level BPE tokenizer.json: all that encoding reads, the pairs as SortedPairs. */
export interface HfSettings {
  /** Added tokens, matched in the text before anything else: [content, id]. */
  added: [string, number][];
  nfc: boolean;
  /** The Split (Isolated) regexes, in order. */
  splits: string[];
  /** byte → id of its single-byte token (byte-level), or of its `<0xXX>` fallback token (metaspace). */
  byteIds: number[];
  /** Metaspace models (Gemma): spaces become "▁", the text is one word, each character is its own token if it has one, else its bytes. */
  chars?: Record<string, number>;
}

export interface HfForm extends HfSettings {
  pairs: PairLookup;
}

/**
 * Reads the form: MAGIC, u32 length of the settings JSON, u32 0, the JSON padded to 8 bytes, then the SortedPairs
 * form. Undefined for bytes that are not one.
 */
export function unpackHfForm(buf: Uint8Array): HfForm | undefined {
  if (buf.byteLength < 24 || !hasMagic(buf, HF_FORM_MAGIC)) return undefined;
  const length = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(16, true);
  const pairs = SortedPairs.read(buf.subarray(24 + Math.ceil(length / 8) * 8));
  if (!pairs) return undefined;
  return { ...(JSON.parse(new TextDecoder().decode(buf.subarray(24, 24 + length))) as HfSettings), pairs };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The tokenizer a form encodes: added tokens matched first, then versus's merges BPE on the rest; `implementation`
 * names what it was made from. Undefined for the placeholder form of a file versus's merges BPE cannot run.
 * @example hfFormTokenizer('qwen2', unpackHfForm(bytes)!, 'versus merges BPE on a compact form of qwen3/tokenizer.json')
 */
export function hfFormTokenizer(id: string, form: HfForm, implementation: string): Tokenizer | undefined {
  if (form.byteIds.length !== 256) return undefined;
  const { chars, byteIds } = form;
  const utf8 = new TextEncoder();
  const bpe = new MergesBpe({
    merges: [], pairs: form.pairs, split: /(?:)/gu, isolate: form.splits.map((r) => toJsRegExp(r)), byteIds,
    ...(chars
      ? {
        normalize: (s: string) => s.replaceAll(' ', '\u2581'),
        symbols: (piece: string) => [...piece].flatMap((c) => chars[c] ?? Array.from(utf8.encode(c), (b) => byteIds[b]!)),
      }
      : form.nfc ? { normalize: 'NFC' as const } : {}),
    onBadLine: () => {
      throw new Error('bad merges');
    },
  });
  const addedIds = new Map(form.added);
  const addedRe = form.added.length ? new RegExp([...addedIds.keys()].sort((a, b) => b.length - a.length).map(escape).join('|'), 'gu') : undefined;
  const encode = (text: string): number[] => {
    const out: number[] = [];
    const plain = (s: string) => {
      if (s) for (const t of bpe.encode(s)) out.push(t);
    };
    if (!addedRe) plain(text);
    else {
      let last = 0;
      for (const m of text.matchAll(addedRe)) {
        plain(text.slice(last, m.index));
        out.push(addedIds.get(m[0])!);
        last = m.index + m[0].length;
      }
      plain(text.slice(last));
    }
    return out;
  };
  return { id, fidelity: 'exact', implementation, encode, count: (text) => encode(text).length };
}
