// tiktoken's byte-pair encoding over a compact ranks table: a sorted binary file that loads in milliseconds and is searched,
// not parsed. No Node.js API on the reading side: the static site's browser script runs this same code.
import { HEAP_FROM } from './merges-bpe.js';
import { mergeLowest } from './merge-heap.js';
import { hasMagic } from './patterns.js';
import type { Tokenizer } from './types.js';

/** 16 bytes, so the u32 arrays after it stay 4-byte aligned. */
const MAGIC = 'versus-ranks-01\n';
const HEADER = MAGIC.length + 8;

/**
 * Ranks of byte strings, as tiktoken's encoder map, kept as one buffer: MAGIC, u32 n, u32 blob
 * length, u32 offsets[n + 1], u32 ranks[n], then every token's bytes sorted bytewise. A lookup is
 * a binary search; nothing is built when it loads.
 */
export class RanksTable {
  private readonly offsets: Uint32Array;
  private readonly ranks: Uint32Array;
  private readonly blob: Uint8Array;
  readonly size: number;

  private constructor(buf: Uint8Array) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.size = view.getUint32(MAGIC.length, true);
    const blobLength = view.getUint32(MAGIC.length + 4, true);
    const aligned = buf.byteOffset % 4 === 0 ? buf : new Uint8Array(buf);
    this.offsets = new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER, this.size + 1);
    this.ranks = new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER + 4 * (this.size + 1), this.size);
    this.blob = aligned.subarray(HEADER + 8 * this.size + 4, HEADER + 8 * this.size + 4 + blobLength);
  }

  /** Reads a table written by `build`; undefined when the bytes are not one (then it is rebuilt). */
  static read(buf: Uint8Array): RanksTable | undefined {
    if (buf.byteLength < HEADER || !hasMagic(buf, MAGIC)) return undefined;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const n = view.getUint32(MAGIC.length, true);
    return buf.byteLength === HEADER + 8 * n + 4 + view.getUint32(MAGIC.length + 4, true) ? new RanksTable(buf) : undefined;
  }

  /**
   * (Node.js only.) The table for "base64 rank" lines with ranks 0, 1, 2, … (a tiktoken rank file); a malformed
   * line calls `bad` with its 1-based number, which must throw.
   */
  static build(ranksText: string, bad: (line: number, problem: string) => never): Uint8Array {
    const tokens: Buffer[] = [];
    let at = 0;
    for (let end = ranksText.indexOf('\n'); at < ranksText.length; end = ranksText.indexOf('\n', at)) {
      const line = ranksText.slice(at, end < 0 ? undefined : end);
      at = end < 0 ? ranksText.length : end + 1;
      if (line === '') continue;
      const m = /^([A-Za-z0-9+/]+={0,2}) (\d+)$/.exec(line);
      if (!m) bad(tokens.length + 1, 'is not "base64 rank"');
      if (Number(m![2]) !== tokens.length) bad(tokens.length + 1, `has rank ${m![2]}, expected ${tokens.length}`);
      tokens.push(Buffer.from(m![1]!, 'base64'));
    }
    if (tokens.length < 256) bad(0, `only ${tokens.length} ranks`);
    const order = tokens.map((_, i) => i).sort((a, b) => Buffer.compare(tokens[a]!, tokens[b]!));
    const blobLength = tokens.reduce((n, t) => n + t.length, 0);
    const out = Buffer.alloc(HEADER + 8 * tokens.length + 4 + blobLength);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(tokens.length, MAGIC.length);
    out.writeUInt32LE(blobLength, MAGIC.length + 4);
    let offset = 0;
    order.forEach((rank, i) => {
      out.writeUInt32LE(offset, HEADER + 4 * i);
      out.writeUInt32LE(rank, HEADER + 4 * (tokens.length + 1) + 4 * i);
      tokens[rank]!.copy(out, HEADER + 8 * tokens.length + 4 + offset);
      offset += tokens[rank]!.length;
    });
    out.writeUInt32LE(offset, HEADER + 4 * tokens.length);
    return out;
  }

  /** The rank of bytes[start, end), or -1 when no token has exactly those bytes. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    let lo = 0;
    let hi = this.size - 1;
    const len = end - start;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const from = this.offsets[mid]!;
      const tokenLength = this.offsets[mid + 1]! - from;
      let cmp = 0;
      const m = Math.min(len, tokenLength);
      for (let i = 0; i < m && cmp === 0; i++) cmp = this.blob[from + i]! - bytes[start + i]!;
      if (cmp === 0) cmp = tokenLength - len;
      if (cmp === 0) return this.ranks[mid]!;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/**
 * tiktoken's `byte_pair_encode` for one piece: the whole piece if it is a token, else start from
 * single bytes and keep merging the adjacent pair whose concatenation has the lowest rank (the
 * leftmost among equals) until no pair is a token.
 */
export function bytePairEncode(table: RanksTable, piece: Uint8Array, out: number[]): void {
  const whole = table.rank(piece, 0, piece.length);
  if (whole >= 0) {
    out.push(whole);
    return;
  }
  if (piece.length > HEAP_FROM) {
    const end = Int32Array.from({ length: piece.length }, (_, i) => i + 1);
    const pair = (l: number, r: number) => {
      const rank = table.rank(piece, l, end[r]!);
      return rank < 0 ? Infinity : rank;
    };
    for (const i of mergeLowest(piece.length, pair, (l, r) => { end[l] = end[r]!; })) {
      const r = table.rank(piece, i, end[i]!);
      if (r < 0) throw new Error(`byte ${piece[i]} is not a token`);
      out.push(r);
    }
    return;
  }
  const starts = Array.from({ length: piece.length + 1 }, (_, i) => i);
  const pairRank = (i: number) => (i + 2 < starts.length ? table.rank(piece, starts[i]!, starts[i + 2]!) : -1);
  const ranks = starts.slice(0, -2).map((_, i) => pairRank(i));
  for (;;) {
    let at = -1;
    let best = Infinity;
    for (let i = 0; i < ranks.length; i++) if (ranks[i]! >= 0 && ranks[i]! < best) [best, at] = [ranks[i]!, i];
    if (at < 0) break;
    starts.splice(at + 1, 1);
    ranks.splice(at, 1);
    if (at > 0) ranks[at - 1] = pairRank(at - 1);
    if (at < ranks.length) ranks[at] = pairRank(at);
  }
  for (let i = 0; i + 1 < starts.length; i++) {
    const r = table.rank(piece, starts[i]!, starts[i + 1]!);
    if (r < 0) throw new Error(`byte ${piece[starts[i]!]} is not a token`);
    out.push(r);
  }
}

export interface RanksBpeOptions {
  readonly id: string;
  readonly table: RanksTable;
  readonly split: RegExp;
  /** Added to every rank (Tekken's ids start after 1,000 special tokens). */
  readonly offset: number;
  readonly chunk: (text: string) => string[];
  readonly implementation: string;
}

/** A tokenizer that splits with `split` and byte-pair encodes each piece over `table`, as tiktoken's `encode_ordinary`. */
export function ranksBpe(o: RanksBpeOptions): Tokenizer {
  const utf8 = new TextEncoder();
  const encode = (text: string): number[] => {
    const out: number[] = [];
    for (const chunk of o.chunk(text)) {
      const split = new RegExp(o.split);
      for (let m = split.exec(chunk); m !== null; m = split.exec(chunk)) {
        if (m[0] === '') {
          split.lastIndex++;
          continue;
        }
        bytePairEncode(o.table, utf8.encode(m[0]), out);
      }
    }
    return o.offset === 0 ? out : out.map((r) => r + o.offset);
  };
  return { id: o.id, fidelity: 'exact', implementation: o.implementation, encode, count: (text) => encode(text).length };
}
