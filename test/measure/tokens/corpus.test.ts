import { beforeAll, describe, expect, it } from 'vitest';
import { blockText, countWords, extractText } from '../../../src/measure/corpus/extract.js';
import { dominantScript } from '../../../src/measure/corpus/script.js';
import { flagIncomplete, loadCorpus, type Corpus } from '../../../src/measure/corpus/udhr.js';
import { selectLanguages } from '../../../src/measure/tokens/select.js';

describe('extraction', () => {
  it('keeps h1/h2/p/li text of <body>, one block per line, and drops <head>', () => {
    const html = '<html><head><title>English</title></head><body><h1>Title</h1><header><h2>Preamble</h2><p>One <b>bold</b> word</p></header><article><ol><li>a</li><li>b</li></ol></article></body></html>';
    expect(extractText(html)).toBe('Title\nPreamble\nOne bold word\na\nb');
  });

  it('decodes entities, collapses HTML white space but keeps no-break spaces', () => {
    expect(blockText('  x &#x26; y\n\t z &#x3C;&amp;&#65;  ')).toBe('x & y z <&A');
    expect(blockText('a\u00a0: b')).toBe('a\u00a0: b');
  });

  it('normalizes to NFC: e + combining acute (2 code points) becomes é (1)', () => {
    const text = extractText('<body><p>caf\u0065\u0301</p></body>');
    expect(text).toBe('caf\u00e9');
    expect([...text].length).toBe(4);
  });

  it('counts words that have a letter or digit: "All human beings — are born." has 5', () => {
    expect(countWords('All human beings — are born.')).toBe(5);
  });

  it('names the dominant script, Japanese when kana are at least 10% of letters', () => {
    // न म स त द न य are 7 Devanagari letters (vowel signs and virama are marks, not letters) vs 2 Latin.
    expect(dominantScript('नमस्ते दुनिया hi')).toBe('Deva');
    expect(dominantScript('Привет мир, hi')).toBe('Cyrl');
    expect(dominantScript('日本語のテキストです')).toBe('Jpan');
    expect(dominantScript('人人生而自由')).toBe('Hani');
  });

  it('flags texts under half the median size or with missing articles', () => {
    // Sizes 100, 200, 300 bytes → median 200; 90 bytes is 45% of it.
    const flagged = flagIncomplete([
      { articles: 30, bytes: 90 }, { articles: 30, bytes: 100 }, { articles: 30, bytes: 200 }, { articles: 29, bytes: 300 },
    ]);
    expect(flagged.map((t) => t.incomplete)).toEqual(['45% of the median length', undefined, undefined, '29 of 30 articles']);
  });
});

describe('the UDHR corpus', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await loadCorpus();
  });

  it('extracts every declaration of the udhr package without throwing, none empty', () => {
    expect(corpus.texts.length).toBeGreaterThan(500);
    expect(corpus.texts.every((t) => t.text.length > 0 && t.chars > 0)).toBe(true);
    expect(new Set(corpus.texts.map((t) => t.code)).size).toBe(corpus.texts.length);
    expect(corpus.version).toMatch(/^udhr@\d+\.\d+\.\d+\/extract-\d+$/);
  });

  it('reads English from its first lines: title, preamble heading, first recital', () => {
    const eng = corpus.texts.find((t) => t.code === 'eng')!;
    expect(eng.text.split('\n').slice(0, 3)).toEqual([
      'Universal Declaration of Human Rights',
      'Preamble',
      'Whereas recognition of the inherent dignity and of the equal and inalienable rights of all members of the human family is the foundation of freedom, justice and peace in the world,',
    ]);
    expect(eng).toMatchObject({ iso6393: 'eng', script: 'Latn', articles: 30 });
    expect(eng.incomplete).toBeUndefined();
  });

  it('keeps metadata and flags the one-article fragments', () => {
    expect(corpus.texts.find((t) => t.code === 'hin')).toMatchObject({ name: 'Hindi', script: 'Deva' });
    expect(corpus.texts.find((t) => t.code === 'jpn')).toMatchObject({ script: 'Jpan' });
    expect(corpus.texts.find((t) => t.code === 'khk_mong')?.incomplete).toMatch(/^1 of 30 articles/);
    expect(corpus.texts.find((t) => t.code === 'cmn_hans')?.incomplete).toBeUndefined();
  });

  it('selects languages by code, ISO code, script and name, and suggests on a miss', () => {
    expect(selectLanguages(corpus.texts, ['hin', 'cmn_hans']).map((l) => l.code)).toEqual(['hin', 'cmn_hans']);
    expect(selectLanguages(corpus.texts, ['jpn']).map((l) => l.code)).toEqual(['jpn']);
    expect(selectLanguages(corpus.texts, ['tamil']).map((l) => l.code).sort()).toEqual(['tam', 'tam_LK']);
    expect(selectLanguages(corpus.texts, ['Ethi']).every((l) => l.script === 'Ethi')).toBe(true);
    expect(() => selectLanguages(corpus.texts, ['hindee'])).toThrow(/Unknown language "hindee". Did you mean: .*hindi/);
  });
});
