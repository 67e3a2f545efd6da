// Byte-level BPE from a merges list (Hugging Face semantics): NFC, split pattern, UTF-8 bytes, merges by rank.
// No Node.js API on the encoding side: the static site's browser script runs this same code.
import { BYTE_ORDER, BYTE_TO_CHAR } from './bytelevel.js';
import { mergeLowest } from './merge-heap.js';
import { hasMagic } from './patterns.js';

/** Ids fit in 18 bits (262,144), so a pair of ids packs into one exact double. */
const SHIFT = 2 ** 18;
const CACHE_LIMIT = 500_000;
/** Words longer than this many symbols merge through a heap (n log n) instead of rescanning every pair. */
export const HEAP_FROM = 64;

/** Pair of ids (left × 2^18 + right) → the merge's rank × 2^18 + the id of the token it makes. */
export interface PairLookup {
  get(key: number): number | undefined;
}

const MAGIC = 'versus-pairs-01\n';

/**
 * The merge pairs as a compact form that loads without parsing: MAGIC (16 bytes), u32 n, u32 0,
 * then n sorted keys and their n values as float64 (exact: both are below 2^36).
 */
export class SortedPairs implements PairLookup {
  private constructor(private readonly keys: Float64Array, private readonly values: Float64Array) {}

  /** (Node.js only.) */
  static pack(pairs: ReadonlyMap<number, number>): Uint8Array {
    const keys = Float64Array.from([...pairs.keys()].sort((a, b) => a - b));
    const out = Buffer.alloc(24 + 16 * keys.length);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(keys.length, 16);
    Buffer.from(keys.buffer).copy(out, 24);
    Buffer.from(Float64Array.from(keys, (k) => pairs.get(k)!).buffer).copy(out, 24 + 8 * keys.length);
    return out;
  }

  /** Reads a packed form; undefined for bytes that are not one. */
  static read(buf: Uint8Array): SortedPairs | undefined {
    if (buf.byteLength < 24 || !hasMagic(buf, MAGIC)) return undefined;
    const n = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(16, true);
    if (buf.byteLength !== 24 + 16 * n) return undefined;
    const aligned = buf.byteOffset % 8 === 0 ? buf : new Uint8Array(buf);
    return new SortedPairs(new Float64Array(aligned.buffer, aligned.byteOffset + 24, n), new Float64Array(aligned.buffer, aligned.byteOffset + 24 + 8 * n, n));
  }

  get(key: number): number | undefined {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid]!;
      if (k === key) return this.values[mid];
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

export interface MergesBpeOptions {
  /** merges.txt lines: "left right", both spelled in the byte-level alphabet; line i has rank i. Ignored with `pairs`. */
  readonly merges: readonly string[];
  /** The pairs already built (a SortedPairs from an earlier run's `packed()`), instead of building them from `merges`. */
  readonly pairs?: PairLookup;
  readonly split: RegExp;
  /** Instead of `split`: Hugging Face `Split` pre-tokenizers (behavior Isolated) applied in turn, each to the pieces of the one before. */
  readonly isolate?: readonly RegExp[];
  /** Token id of each byte (byte → id); default the GPT-2 byte order (`!` = 0). */
  readonly byteIds?: readonly number[];
  /** Instead of bytes: the first symbols of a piece (SentencePiece-style BPE over characters). */
  readonly symbols?: (piece: string) => number[];
  readonly normalize?: 'NFC' | ((text: string) => string);
  /** Called with the 0-based line of a malformed merge; must throw. */
  readonly onBadLine: (line: number, problem: string) => never;
}

/**
 * A byte-level BPE whose merge priority is the merge's line in merges.txt, as in Hugging Face
 * `tokenizers` (`ignore_merges: false`): only listed pairs merge, lowest rank first, leftmost
 * first among equal ranks. Ids: the 256 bytes in GPT-2 byte order (`!` = 0), then 256 + rank for
 * the token each merge makes — the model's own ids only while no vocabulary entry is skipped.
 */
export class MergesBpe {
  private readonly pairs: PairLookup;
  private readonly built = new Map<number, number>();
  private readonly byteId = new Int32Array(256);
  private readonly cache = new Map<string, number[]>();
  private readonly utf8 = new TextEncoder();
  constructor(private readonly options: MergesBpeOptions) {
    BYTE_ORDER.forEach((byte, id) => {
      this.byteId[byte] = options.byteIds?.[byte] ?? id;
    });
    this.pairs = options.pairs ?? this.build(options);
  }

  /** The pairs in their compact form, for a later `new MergesBpe({ pairs: SortedPairs.read(…) })`. */
  packed(): Uint8Array {
    return SortedPairs.pack(this.built);
  }

  private build(options: MergesBpeOptions): Map<number, number> {
    const pairs = this.built;
    if (256 + options.merges.length > SHIFT) options.onBadLine(-1, `more than ${SHIFT - 256} merges`);
    const idOf = new Map<string, number>();
    let unreachable = 0;
    BYTE_ORDER.forEach((byte, id) => idOf.set(BYTE_TO_CHAR[byte]!, id));
    options.merges.forEach((line, rank) => {
      const space = line.indexOf(' ');
      const left = idOf.get(line.slice(0, space));
      const right = idOf.get(line.slice(space + 1));
      if (space <= 0 || line.indexOf(' ', space + 1) >= 0) options.onBadLine(rank, 'expected "left right"');
      // A side that no earlier merge makes can never appear, so the merge never fires (Qwen 3.5
      // removed the merges of some tokens but kept merges that use them). It still takes a rank.
      if (left === undefined || right === undefined) {
        unreachable++;
        return;
      }
      const merged = line.slice(0, space) + line.slice(space + 1);
      if (!idOf.has(merged)) idOf.set(merged, 256 + rank);
      const key = left * SHIFT + right;
      // Packed as rank, then the id of the token it makes: comparing packed values compares ranks.
      if (!pairs.has(key)) pairs.set(key, rank * SHIFT + idOf.get(merged)!);
    });
    if (unreachable > options.merges.length / 100) options.onBadLine(-1, `${unreachable} merges use a token no earlier merge makes`);
    return pairs;
  }

  /**
   * Token ids of `text`, no special tokens.
   * @example bpe.encode('Hola mundo') // [65717, 27429] with Qwen 3.5's merges
   */
  encode(text: string): number[] {
    const out: number[] = [];
    for (const piece of this.pieces(text)) for (const id of this.word(piece)) out.push(id);
    return out;
  }

  /** Number of tokens of `text`, no special tokens. */
  count(text: string): number {
    let n = 0;
    for (const piece of this.pieces(text)) n += this.word(piece).length;
    return n;
  }

  private *pieces(text: string): Generator<string> {
    const { normalize } = this.options;
    const normalized = normalize === 'NFC' ? text.normalize('NFC') : normalize ? normalize(text) : text;
    if (this.options.isolate) {
      yield* this.options.isolate.reduce((pieces, re) => pieces.flatMap((p) => isolated(p, re)), [normalized]);
      return;
    }
    const split = new RegExp(this.options.split);
    for (let m = split.exec(normalized); m !== null; m = split.exec(normalized)) {
      if (m[0] === '') split.lastIndex++;
      else yield m[0];
    }
  }

  private word(piece: string): number[] {
    const hit = this.cache.get(piece);
    if (hit) return hit;
    const ids = this.merge(piece);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  /** tiktoken-style loop: keep each adjacent pair's packed rank in an array; merge the lowest, update its neighbours. */
  private merge(piece: string): number[] {
    const ids = this.options.symbols ? this.options.symbols(piece) : Array.from(this.utf8.encode(piece), (b) => this.byteId[b]!);
    if (ids.length > HEAP_FROM) {
      const pair = (l: number, r: number) => this.rank(ids[l]!, ids[r]!);
      return mergeLowest(ids.length, pair, (l, r) => {
        ids[l] = pair(l, r) % SHIFT;
      }).map((i) => ids[i]!);
    }
    const ranks = ids.slice(0, -1).map((id, i) => this.rank(id, ids[i + 1]!));
    for (;;) {
      let best = Infinity;
      let at = -1;
      for (let i = 0; i < ranks.length; i++) if (ranks[i]! < best) [best, at] = [ranks[i]!, i];
      if (at < 0) return ids;
      ids.splice(at, 2, best % SHIFT);
      ranks.splice(at, 1);
      if (at > 0) ranks[at - 1] = this.rank(ids[at - 1]!, ids[at]!);
      if (at < ranks.length) ranks[at] = this.rank(ids[at]!, ids[at + 1]!);
    }
  }

  private rank(left: number, right: number): number {
    return this.pairs.get(left * SHIFT + right) ?? Infinity;
  }
}

/**
 * A Hugging Face `Split` with behavior Isolated: every match is a piece, and so is every stretch of
 * text between matches.
 * @example isolated('ab12c', /\p{N}{1,3}/gu) // ['ab', '12', 'c']
 */
export function isolated(text: string, re: RegExp): string[] {
  const out: string[] = [];
  const split = new RegExp(re);
  let last = 0;
  for (let m = split.exec(text); m !== null; m = split.exec(text)) {
    if (m[0] === '') {
      split.lastIndex++;
      continue;
    }
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
