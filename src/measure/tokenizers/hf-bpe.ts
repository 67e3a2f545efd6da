// BPE tokenizer.json files (byte-level: Qwen3, DeepSeek-V3; characters with byte fallback: Gemma 3) as compact forms
// that versus's merges BPE runs (hf-form.ts): read once from the file, then kept in the cache.
import { BYTE_TO_CHAR } from './bytelevel.js';
import { storedBytes } from './compact.js';
import { corruptFile, type TokenizerFiles } from './files.js';
import { HF_FORM_MAGIC, unpackHfForm, type HfSettings as Settings } from './hf-form.js';
import { SortedPairs } from './merges-bpe.js';

const SHIFT = 2 ** 18;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The settings and merge pairs of a tokenizer.json, or why versus's merges BPE cannot run it (then
 * the caller uses @lenml/tokenizers): it takes NFC or no normalizer, Split (Isolated, regex)
 * pre-tokenizers ending in ByteLevel without its own regex, a BPE model without dropout, byte
 * fallback or ignore_merges, and added tokens without lstrip/rstrip/single_word.
 */
export function readTokenizerJson(json: unknown): { settings: Settings; pairs: Map<number, number> } | string {
  if (!isObject(json) || !isObject(json.model)) return 'no model';
  const { model, normalizer, pre_tokenizer: pre } = json;
  if (model.type !== 'BPE' || model.dropout != null || model.ignore_merges === true) return 'not a plain BPE model';
  if (!isObject(model.vocab) || !Array.isArray(model.merges)) return 'no vocab or merges';
  const vocab = model.vocab as Record<string, number>;
  const added: [string, number, boolean][] = [];
  for (const a of Array.isArray(json.added_tokens) ? json.added_tokens : []) {
    if (!isObject(a) || typeof a.content !== 'string' || typeof a.id !== 'number' || a.lstrip || a.rstrip || a.single_word) return 'an added token with lstrip, rstrip or single_word';
    added.push([a.content, a.id, a.normalized === true]);
  }
  const shape = model.byte_fallback === true ? metaspace(normalizer, pre, vocab) : byteLevel(normalizer, pre, vocab);
  if (typeof shape === 'string') return shape;
  // An added token matched on normalized text differs only where a normalizer changes the text.
  if ((shape.nfc || shape.chars) && added.some((a) => a[2])) return 'a normalized added token with a normalizer';
  const pairs = new Map<number, number>();
  for (const [rank, m] of (model.merges as unknown[]).entries()) {
    const [left, right] = typeof m === 'string' ? m.split(' ') : Array.isArray(m) ? (m as string[]) : [];
    const [l, r, merged] = [vocab[left ?? ''], vocab[right ?? ''], vocab[`${left}${right}`]];
    if (l === undefined || r === undefined || merged === undefined) return `merge ${rank + 1} names a token not in the vocabulary`;
    if (l >= SHIFT || r >= SHIFT || merged >= SHIFT) return 'ids beyond 2^18';
    // As in Hugging Face tokenizers, a pair listed twice keeps its last rank.
    pairs.set(l * SHIFT + r, rank * SHIFT + merged);
  }
  return { settings: { added: added.map(([content, id]) => [content, id]), ...shape }, pairs };
}

type Shape = Omit<Settings, 'added'> | string;

/** NFC or no normalizer, Split (Isolated, regex) pre-tokenizers, then ByteLevel without its own regex. */
function byteLevel(normalizer: unknown, pre: unknown, vocab: Record<string, number>): Shape {
  let nfc = false;
  if (isObject(normalizer) && normalizer.type === 'NFC') nfc = true;
  else if (!(normalizer == null || (isObject(normalizer) && normalizer.type === 'Sequence' && Array.isArray(normalizer.normalizers) && normalizer.normalizers.length === 0))) return 'a normalizer other than NFC';
  const steps = isObject(pre) && pre.type === 'Sequence' && Array.isArray(pre.pretokenizers) ? (pre.pretokenizers as unknown[]) : [];
  const last = steps.at(-1);
  if (!isObject(last) || last.type !== 'ByteLevel' || last.use_regex !== false || last.add_prefix_space !== false) return 'no final ByteLevel pre-tokenizer';
  const splits: string[] = [];
  for (const step of steps.slice(0, -1)) {
    if (!isObject(step) || step.type !== 'Split' || step.behavior !== 'Isolated' || step.invert !== false || !isObject(step.pattern) || typeof step.pattern.Regex !== 'string') return 'a pre-tokenizer other than Split (Isolated)';
    splits.push(step.pattern.Regex);
  }
  const byteIds = BYTE_TO_CHAR.map((c) => vocab[c] ?? -1);
  if (byteIds.some((id) => id < 0)) return 'a byte without its own token';
  return { nfc, splits, byteIds };
}

/** Gemma's shape: spaces replaced by "▁", a Split on " " (then a no-op), and byte fallback tokens <0x00>–<0xFF>. */
function metaspace(normalizer: unknown, pre: unknown, vocab: Record<string, number>): Shape {
  const replaces = isObject(normalizer) && normalizer.type === 'Replace' && isObject(normalizer.pattern) && normalizer.pattern.String === ' ' && normalizer.content === '\u2581';
  const splitsSpace = pre == null || (isObject(pre) && pre.type === 'Split' && isObject(pre.pattern) && pre.pattern.String === ' ' && pre.behavior === 'MergedWithPrevious' && pre.invert === false);
  if (!replaces || !splitsSpace) return 'not the metaspace shape versus runs';
  const byteIds = Array.from({ length: 256 }, (_, b) => vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`] ?? -1);
  if (byteIds.some((id) => id < 0)) return 'a byte without its fallback token';
  const chars: Record<string, number> = {};
  for (const [token, id] of Object.entries(vocab)) if ([...token].length === 1) chars[token] = id;
  return { nfc: false, splits: [], byteIds, chars };
}

/** MAGIC, u32 length of the settings JSON, u32 0, the JSON padded to 8 bytes, then the SortedPairs form. */
function pack(settings: Settings, pairs: Map<number, number>): Uint8Array {
  const json = Buffer.from(JSON.stringify(settings));
  const padded = Math.ceil(json.length / 8) * 8;
  const head = Buffer.alloc(24 + padded);
  head.write(HF_FORM_MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 16);
  json.copy(head, 24);
  return Buffer.concat([head, SortedPairs.pack(pairs)]);
}

/**
 * The compact form of a tokenizer.json (settings and merge pairs, see hf-form.ts) that `versus tokens --text`, the
 * server and the static site's browser read: from the cache when an earlier run stored it, else built from the file.
 * A file that versus's merges BPE cannot run gets a placeholder form (no byte ids), for which hfFormTokenizer gives
 * undefined and callers fall back to @lenml/tokenizers.
 */
export function hfForm(id: string, files: TokenizerFiles, rel: string, label: string): Uint8Array {
  const path = files.path(rel) ?? rel;
  return storedBytes(files.compact, `hfbpe\u0000${id}\u0000${files.stamp(rel, label)}`, () => {
    let json: unknown;
    try {
      json = JSON.parse(files.read(rel, label));
    } catch (error) {
      if ((error as { code?: string }).code === 'E_TOKENIZER_FILE') throw error;
      throw corruptFile(path, `not JSON (${(error as Error).message})`);
    }
    const read = readTokenizerJson(json);
    return typeof read === 'string' ? pack({ added: [], nfc: false, splits: [], byteIds: [] }, new Map()) : pack(read.settings, read.pairs);
  }, (buf) => unpackHfForm(buf) !== undefined);
}
