// A byte-level BPE tokenizer as GPT-2 defined it: bytes shown as printable characters, a pre-tokenizer
// regex, merges learned from text. Trains the vocabulary of the generated test model and encodes with it.

/**
 * GPT-2's byte-to-character table: printable Latin-1 bytes stand for themselves, the other 68 bytes
 * map to U+0100 onwards, so every token is a printable string and no byte is lost.
 * @example byteChars()[0x20] // 'Ġ'
 */
export function byteChars(): string[] {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let next = 256;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(printable(b) ? b : next++));
  return out;
}

const BYTE_CHARS = byteChars();
const CHAR_BYTES = new Map(BYTE_CHARS.map((c, b) => [c, b]));

/**
 * GPT-2's pre-tokenizer (also llama.cpp's "gpt-2"): contractions, a letter run, a digit run or a
 * run of other symbols (each with one leading space), then whitespace.
 */
const PRE_TOKENIZER = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/**
 * The pieces BPE works on, each as byte characters.
 * @example pieces('Hi, you') // ['Hi', ',', 'Ġyou']
 */
export function pieces(text: string): string[] {
  return (text.match(PRE_TOKENIZER) ?? []).map(toByteChars);
}

/** A string's UTF-8 bytes as byte characters. */
export function toByteChars(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += BYTE_CHARS[b];
  return out;
}

/** Byte characters back to text. */
export function fromByteChars(s: string): string {
  return Buffer.from([...s].map((c) => CHAR_BYTES.get(c) ?? 0x3f)).toString('utf8');
}

/** A learned vocabulary: the merges in order of rank and the tokens (the 256 bytes, then each merge's result). */
export interface Bpe {
  readonly merges: readonly (readonly [string, string])[];
  readonly tokens: readonly string[];
}

/**
 * Learns `count` merges from some texts: at each step the most frequent adjacent pair, ties broken
 * by the pair's text, so the same texts always give the same merges.
 * @example train(['low lower lowest'], 2).merges // [['l', 'o'], ['lo', 'w']]
 */
export function train(texts: readonly string[], count: number): Bpe {
  const freq = new Map<string, number>();
  for (const t of texts) for (const p of pieces(t)) freq.set(p, (freq.get(p) ?? 0) + 1);
  const words = [...freq.entries()].map(([w, n]) => ({ symbols: [...w], n }));
  const pairCount = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const tally = (i: number, sign: 1 | -1) => {
    const { symbols, n } = words[i] as { symbols: string[]; n: number };
    for (let j = 0; j + 1 < symbols.length; j++) {
      const key = `${symbols[j]} ${symbols[j + 1]}`;
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * n);
      if (sign > 0) pairWords.set(key, (pairWords.get(key) ?? new Set()).add(i));
    }
  };
  words.forEach((_, i) => tally(i, 1));
  const merges: [string, string][] = [];
  const tokens = [...BYTE_CHARS];
  const known = new Set(tokens);
  const merged = new Set<string>();
  while (merges.length < count) {
    let best: string | undefined;
    let bestN = 0;
    for (const [key, n] of pairCount) if (n > bestN || (n === bestN && n > 0 && best !== undefined && key < best)) [best, bestN] = [key, n];
    if (best === undefined || bestN <= 0) break;
    const [a, b] = best.split(' ') as [string, string];
    // A pair can come back when a later merge makes its second symbol again; it keeps its first rank.
    if (!merged.has(best)) merges.push([a, b]);
    merged.add(best);
    if (!known.has(a + b)) {
      known.add(a + b);
      tokens.push(a + b);
    }
    for (const i of pairWords.get(best) ?? []) {
      const w = words[i] as { symbols: string[] };
      tally(i, -1);
      w.symbols = mergeAll(w.symbols, a, b);
      tally(i, 1);
    }
    pairWords.delete(best);
    pairCount.delete(best);
  }
  return { merges, tokens };
}

/** Every occurrence of the pair `a b`, left to right, joined into one symbol. */
function mergeAll(symbols: readonly string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let j = 0; j < symbols.length; j++) {
    if (symbols[j] === a && symbols[j + 1] === b) {
      out.push(a + b);
      j += 1;
    } else out.push(symbols[j] as string);
  }
  return out;
}

/**
 * An encoder for a vocabulary: each piece is split into bytes and the lowest-ranked adjacent pair is
 * merged until none is left (the leftmost first among equals), as GPT-2 and llama.cpp do.
 * @example bpeEncoder(bpe)('Hello world').length // tokens of the text
 */
export function bpeEncoder(bpe: Bpe): (text: string) => number[] {
  const rank = new Map<string, number>();
  bpe.merges.forEach(([a, b], i) => rank.has(`${a} ${b}`) || rank.set(`${a} ${b}`, i));
  const id = new Map(bpe.tokens.map((t, i) => [t, i]));
  return (text) => pieces(text).flatMap((piece) => {
    let symbols = [...piece];
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let j = 0; j + 1 < symbols.length; j++) {
        const r = rank.get(`${symbols[j]} ${symbols[j + 1]}`);
        if (r !== undefined && r < bestRank) [best, bestRank] = [j, r];
      }
      if (best < 0) break;
      symbols = mergeAll(symbols, symbols[best] as string, symbols[best + 1] as string);
    }
    return symbols.map((s) => id.get(s) ?? -1);
  });
}
