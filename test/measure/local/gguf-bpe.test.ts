// The GGUF writer and the byte-level BPE, checked by hand and against node-llama-cpp's own GGUF reader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { bpeEncoder, byteChars, fromByteChars, pieces, toByteChars, train } from '../../../src/measure/local/bpe.js';
import { toHalf, writeGguf } from '../../../src/measure/local/gguf.js';
import { cacheDir } from '../../../src/measure/local/tiny-model.js';

describe('half precision', () => {
  it('rounds to the nearest even half, keeps subnormals, overflows to infinity', () => {
    // By hand from IEEE 754 binary16: sign 1 bit, exponent 5 bits (bias 15), fraction 10 bits.
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0.5)).toBe(0x3800);
    expect(toHalf(65504)).toBe(0x7bff); // the largest half
    expect(toHalf(65520)).toBe(0x7c00); // halfway to 2^16 rounds up to infinity
    expect(toHalf(2 ** -24)).toBe(0x0001); // the smallest subnormal
    expect(toHalf(2 ** -26)).toBe(0); // below half of it
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // a tie: the even neighbour
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // a tie: rounds up to the even neighbour
    expect(toHalf(Infinity)).toBe(0x7c00);
  });
});

describe('the GGUF writer', () => {
  const file = () => writeGguf([
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['test.count', { type: 'uint32', value: 7 }],
    ['test.words', { type: 'string[]', value: ['a', 'bc'] }],
    ['test.kinds', { type: 'int32[]', value: [1, -3] }],
  ], [
    { name: 'a', dims: [3], type: 'F32', data: Float32Array.from([1, 2, 3]) },
    { name: 'b', dims: [2, 2], type: 'F16', data: Float32Array.from([1, -2, 0.5, 0]) },
  ]);

  it('lays out the header, metadata and aligned tensor data as GGUF v3 says', () => {
    const b = file();
    expect(b.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(b.readUInt32LE(4)).toBe(3);
    expect(b.readBigUInt64LE(8)).toBe(2n); // tensors
    expect(b.readBigUInt64LE(16)).toBe(4n); // key-values
    // First key: u64 length 20, "general.architecture", type 8 (string), u64 length 5, "llama".
    expect(b.readBigUInt64LE(24)).toBe(20n);
    expect(b.subarray(32, 52).toString()).toBe('general.architecture');
    expect(b.readUInt32LE(52)).toBe(8);
    expect(b.readBigUInt64LE(56)).toBe(5n);
    expect(b.subarray(64, 69).toString()).toBe('llama');
    // The data section starts at a multiple of 32: tensor a (12 bytes, padded to 32), then b as halves.
    const start = b.length - 64;
    expect(start % 32).toBe(0);
    expect([b.readFloatLE(start), b.readFloatLE(start + 4), b.readFloatLE(start + 8)]).toEqual([1, 2, 3]);
    expect([0, 2, 4, 6].map((i) => b.readUInt16LE(start + 32 + i))).toEqual([0x3c00, 0xc000, 0x3800, 0]);
  });

  it('is read back by node-llama-cpp\'s own GGUF parser', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'versus-gguf-')), 't.gguf');
    writeFileSync(path, file());
    const info = await readGgufFileInfo(path);
    expect(info.version).toBe(3);
    const meta = info.metadata as unknown as { general: { architecture: string }; test: { count: number; words: string[]; kinds: number[] } };
    expect(meta.general.architecture).toBe('llama');
    expect(meta.test).toEqual({ count: 7, words: ['a', 'bc'], kinds: [1, -3] });
    expect(info.fullTensorInfo?.map((t) => [t.name, t.dimensions.map(Number), Number(t.offset)])).toEqual([['a', [3], 0], ['b', [2, 2], 32]]);
  });
});

describe('byte-level BPE', () => {
  it('shows bytes as GPT-2 does and splits text with its pre-tokenizer', () => {
    const chars = byteChars();
    expect(new Set(chars).size).toBe(256);
    expect([chars[0x20], chars[0x0a], chars[0x41], chars[0x00]]).toEqual(['Ġ', 'Ċ', 'A', 'Ā']);
    expect(pieces("Hi, you're 42!")).toEqual(['Hi', ',', 'Ġyou', "'re", 'Ġ42', '!']);
    const text = 'Toda persona tiene derecho — सभी 人人';
    expect(fromByteChars(toByteChars(text))).toBe(text);
  });

  it('learns the most frequent pair first, ties broken by the pair\'s text', () => {
    // "low", "Ġlower", "Ġlowest": l-o and o-w occur 3 times; "l o" sorts first. Then "lo w" (3).
    // Then "Ġ lo" and "low e" (2 each): "l" (U+006C) sorts before "Ġ" (U+0120).
    const bpe = train(['low lower lowest'], 3);
    expect(bpe.merges).toEqual([['l', 'o'], ['lo', 'w'], ['low', 'e']]);
    expect(bpe.tokens.slice(256)).toEqual(['lo', 'low', 'lowe']);
    const encode = bpeEncoder(bpe);
    const id = (t: string) => bpe.tokens.indexOf(t);
    expect(encode('lowest')).toEqual([id('lowe'), id('s'), id('t')]);
    expect(encode(' low')).toEqual([id('Ġ'), id('low')]);
  });
});

describe('the cache folder', () => {
  it('is VERSUS_CACHE_DIR, else XDG_CACHE_HOME/versus, else ~/.cache/versus', () => {
    expect(cacheDir({ VERSUS_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/versus');
    expect(cacheDir({}, () => '/home/u')).toBe('/home/u/.cache/versus');
  });
});
