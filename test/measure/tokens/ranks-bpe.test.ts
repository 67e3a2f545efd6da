// The compact ranks table and tiktoken's byte-pair encoding over it, and the quick tokenizers `versus tokens --text` uses.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from '../../../src/measure/corpus/udhr.js';
import { TokenizerFiles } from '../../../src/measure/tokenizers/files.js';
import { mergeLowest } from '../../../src/measure/tokenizers/merge-heap.js';
import { SortedPairs } from '../../../src/measure/tokenizers/merges-bpe.js';
import { compactTable } from '../../../src/measure/tokenizers/compact.js';
import { RanksTable, bytePairEncode } from '../../../src/measure/tokenizers/ranks-bpe.js';
import { loadForText, resolveTokenizer } from '../../../src/measure/tokenizers/registry.js';
import { EDGE_TEXTS, SAMPLE, tokenizerDir } from './reference.js';

/** Ranks 0–255 are the single bytes 0x00–0xFF; then "ab" 256, "bc" 257, "abc" 258. */
const TINY = [...Array.from({ length: 256 }, (_, b) => `${Buffer.from([b]).toString('base64')} ${b}`), 'YWI= 256', 'YmM= 257', 'YWJj 258'].join('\n');
const bad = (line: number, problem: string): never => {
  throw new Error(`line ${line} ${problem}`);
};

describe('RanksTable and bytePairEncode', () => {
  const table = RanksTable.read(RanksTable.build(TINY, bad))!;
  const encode = (s: string) => {
    const out: number[] = [];
    bytePairEncode(table, Buffer.from(s), out);
    return out;
  };

  it('finds ranks by bytes, and -1 for bytes that are no token', () => {
    expect(table.size).toBe(259);
    expect(table.rank(Buffer.from('xabcx'), 1, 4)).toBe(258);
    expect(table.rank(Buffer.from('ab'), 0, 2)).toBe(256);
    expect(table.rank(Buffer.from('ca'), 0, 2)).toBe(-1);
    expect(table.rank(Buffer.from([0]), 0, 1)).toBe(0);
  });

  it('a whole piece that is a token is one token; otherwise the lowest-ranked pair merges first', () => {
    expect(encode('abc')).toEqual([258]);
    // "abcd": ab (256) before bc (257) → [ab, c, d]; then ab+c = abc (258) → [abc, d]; "abcd" is no token. "d" = 0x64.
    expect(encode('abcd')).toEqual([258, 100]);
    // "cab": ab merges → [c, ab]; "cab" is no token. "c" = 0x63.
    expect(encode('cab')).toEqual([99, 256]);
  });

  it('a malformed rank file is reported with its line', () => {
    expect(() => RanksTable.build('YQ== 0\nYg== 5\n', bad)).toThrow('line 2 has rank 5, expected 1');
    expect(() => RanksTable.build('YQ== 0\nnot base64!! 1\n', bad)).toThrow('line 2 is not "base64 rank"');
    expect(RanksTable.read(Buffer.from('something else entirely'))).toBeUndefined();
  });

  it('compactTable stores the table once and reuses it; a damaged stored table is rebuilt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-compact-'));
    let builds = 0;
    const text = () => {
      builds++;
      return TINY;
    };
    expect(compactTable(dir, 'k', text, 'tiny').rank(Buffer.from('bc'), 0, 2)).toBe(257);
    expect(compactTable(dir, 'k', text, 'tiny').size).toBe(259);
    expect(builds).toBe(1);
    const [stored] = readdirSync(dir);
    writeFileSync(join(dir, stored!), 'damaged');
    expect(compactTable(dir, 'k', text, 'tiny').size).toBe(259);
    expect(builds).toBe(2);
    expect(compactTable(undefined, 'k', text, 'tiny').size).toBe(259); // no folder: built in memory
  });
});

describe('mergeLowest', () => {
  it('merges the lowest-ranked adjacent pair first, leftmost among equals, until no pair has a rank', () => {
    // a b c d with ab = 2, bc = 1, cd = 3; then a+bc = 5, bc+d = 4; a+bcd has none: bc, then bcd → [a, bcd].
    const sym = ['a', 'b', 'c', 'd'];
    const ranks: Record<string, number> = { 'a b': 2, 'b c': 1, 'c d': 3, 'a bc': 5, 'bc d': 4 };
    const kept = mergeLowest(4, (l, r) => ranks[`${sym[l]} ${sym[r]}`] ?? Infinity, (l, r) => { sym[l] = sym[l]! + sym[r]!; });
    expect(kept.map((i) => sym[i])).toEqual(['a', 'bcd']);
    // x x x x with xx = 1 and xxxx = 2: the leftmost xx first, then the next xx, then xxxx.
    const xs = ['x', 'x', 'x', 'x'];
    const xr: Record<string, number> = { 'x x': 1, 'xx xx': 2 };
    expect(mergeLowest(4, (l, r) => xr[`${xs[l]} ${xs[r]}`] ?? Infinity, (l, r) => { xs[l] = xs[l]! + xs[r]!; }).map((i) => xs[i])).toEqual(['xxxx']);
    expect(mergeLowest(0, () => 1, () => undefined)).toEqual([]);
  });
});

describe('SortedPairs', () => {
  it('packs a pair map and finds each key by binary search', () => {
    const pairs = SortedPairs.read(SortedPairs.pack(new Map([[5, 7], [1, 3], [2 ** 35, 2 ** 35 + 1]])))!;
    expect([pairs.get(1), pairs.get(5), pairs.get(2 ** 35), pairs.get(2)]).toEqual([3, 7, 2 ** 35 + 1, undefined]);
    expect(SortedPairs.read(Buffer.from('versus-pairs-01\nshort'))).toBeUndefined();
  });
});

describe('the quick tokenizer.json forms give the same ids as the ones sweeps use', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await loadCorpus();
  });
  const files = () => new TokenizerFiles(tokenizerDir(), 'folder', mkdtempSync(join(tmpdir(), 'versus-compact-')));

  // The tiktoken rank files (Llama 3/4, Tekken, o200k) have one form only; tokenizers.test.ts checks it against Rust.
  it.each(['qwen3.5', 'qwen2', 'deepseek-v3', 'gemma3'])('%s on every sample language and on texts with spaces, digits, written-out special tokens and combining marks', async (id) => {
    const spec = resolveTokenizer(id);
    const f = files();
    const [quick, reference] = [await loadForText(spec, f), await spec.load(f)];
    expect(quick.implementation).toMatch(/^versus merges BPE on a compact form of /);
    expect(quick.implementation).not.toBe(reference.implementation);
    for (const code of SAMPLE) {
      const text = corpus.texts.find((t) => t.code === code)!.text;
      // A whole text and its first 1,000 characters (Gemma's whole text is one word: the heap merges it).
      for (const t of [text, text.slice(0, 1000)]) expect(quick.encode(t), `${id} ${code} ${t.length}`).toEqual(reference.encode(t));
    }
    for (const text of EDGE_TEXTS) expect(quick.encode(text), text).toEqual(reference.encode(text));
  }, 180_000);

  it('a corrupt rank file is an error naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-tok-'));
    const f = new TokenizerFiles(dir, 'folder', join(dir, 'compact'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'llama4'));
    writeFileSync(join(dir, 'llama4', 'tokenizer.model'), 'IQ== 0\nnot base64!! 1\n');
    await expect(resolveTokenizer('llama4').load(f)).rejects.toThrow(/llama4\/tokenizer\.model is corrupt: line 2 is not "base64 rank"/);
  });
});
