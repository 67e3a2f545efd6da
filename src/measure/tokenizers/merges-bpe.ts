// Byte-level BPE from a merges list (Hugging Face semantics): NFC, split pattern, UTF-8 bytes, merges by rank.
import { BYTE_ORDER, BYTE_TO_CHAR } from './bytelevel.js';

/** Ids fit in 18 bits (262,144), so a pair of ids packs into one exact double. */
const SHIFT = 2 ** 18;
const CACHE_LIMIT = 500_000;

export interface MergesBpeOptions {
  /** merges.txt lines: "left right", both spelled in the byte-level alphabet; line i has rank i. */
  readonly merges: readonly string[];
  readonly split: RegExp;
  readonly normalize?: 'NFC';
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
  private readonly pairs = new Map<number, number>();
  private readonly byteId = new Int32Array(256);
  private readonly cache = new Map<string, number[]>();
  private readonly utf8 = new TextEncoder();
  constructor(private readonly options: MergesBpeOptions) {
    if (256 + options.merges.length > SHIFT) options.onBadLine(-1, `more than ${SHIFT - 256} merges`);
    const idOf = new Map<string, number>();
    let unreachable = 0;
    BYTE_ORDER.forEach((byte, id) => {
      this.byteId[byte] = id;
      idOf.set(BYTE_TO_CHAR[byte]!, id);
    });
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
      if (!this.pairs.has(key)) this.pairs.set(key, rank * SHIFT + idOf.get(merged)!);
    });
    if (unreachable > options.merges.length / 100) options.onBadLine(-1, `${unreachable} merges use a token no earlier merge makes`);
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
    const normalized = this.options.normalize === 'NFC' ? text.normalize('NFC') : text;
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
    const bytes = this.utf8.encode(piece);
    const ids = Array.from(bytes, (b) => this.byteId[b]!);
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
