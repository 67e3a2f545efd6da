// The small pure pieces of the site: pair parsing, relative links, quantities, CSV, id replacement, bar charts.
import { describe, expect, it } from 'vitest';
import { replaceId } from '../../src/server/app.js';
import { fileFor } from '../../src/server/export-site.js';
import { parseQuantity } from '../../src/quantity.js';
import { barChart } from '../../src/render/charts/bar.js';
import { csvField, toCsv } from '../../src/render/csv.js';
import { pageContext, createSite } from '../../src/site/context.js';
import { rootPrefix, splitPair, paths } from '../../src/site/paths.js';
import { short } from '../../src/site/pages/sources.js';
import { fixtureCatalog } from '../helpers.js';

describe('comparison paths', () => {
  it('splits ids that contain dots and hyphens on "-vs-" only', () => {
    expect(splitPair('qwen3.5-397b-a17b-vs-llama-3.3-70b')).toEqual(['qwen3.5-397b-a17b', 'llama-3.3-70b']);
    expect(splitPair('qwen-vs-llama-vs-gemma')).toEqual(['qwen', 'llama', 'gemma']);
    expect(splitPair('Qwen-VS-Llama')).toEqual(['qwen', 'llama']); // ids are lowercase, so case never matters
  });

  it('builds the path the parser reads back', () => {
    const ids = ['qwen3.5-27b', 'llama-4-scout-17b-16e'];
    expect(paths.compare(ids)).toBe('compare/qwen3.5-27b-vs-llama-4-scout-17b-16e/');
    expect(splitPair(paths.compare(ids).slice('compare/'.length, -1))).toEqual(ids);
  });
});

describe('relative links', () => {
  it('climbs one level per folder: /compare/a-vs-b/ is two folders deep', () => {
    expect(rootPrefix('/')).toBe('');
    expect(rootPrefix('/sources/')).toBe('../');
    expect(rootPrefix('/compare/a-vs-b/')).toBe('../../');
    expect(rootPrefix('/api/models/x.json')).toBe('../../');
  });

  it('links home as "./" from the root and "../../" from a model page', async () => {
    const site = createSite(await fixtureCatalog(), 'server', new Date('2026-03-01'));
    expect(pageContext(site, '/').href(paths.home)).toBe('./');
    expect(pageContext(site, '/models/alpha2-8b/').href(paths.home)).toBe('../../');
    expect(pageContext(site, '/models/alpha2-8b/').href(paths.sources)).toBe('../../sources/');
  });

  it('maps folder URLs to index.html and decodes ids for file names', () => {
    expect(fileFor('/models/a%2Bb/')).toBe('/models/a+b/index.html');
    expect(fileFor('/api/models.json')).toBe('/api/models.json');
  });
});

describe('quantities', () => {
  it('reads token counts in binary units: 128k = 128 × 1024 = 131,072; 10m = 10 × 1024² = 10,485,760', () => {
    expect(parseQuantity('128k', 'tokens')).toBe(131_072);
    expect(parseQuantity('128K', 'tokens')).toBe(131_072);
    expect(parseQuantity('10m', 'tokens')).toBe(10_485_760);
    expect(parseQuantity('262,144', 'tokens')).toBe(262_144);
  });

  it('reads other counts in decimal units: 1.2b = 1.2 × 10⁹, 700m = 7 × 10⁸', () => {
    expect(parseQuantity('1.2b', 'count')).toBe(1_200_000_000);
    expect(parseQuantity('700m', 'count')).toBe(700_000_000);
  });

  it('rejects what is not a quantity', () => {
    for (const bad of ['', 'abc', '-5', '1e9', '12q', '1b', '0x10']) {
      expect(parseQuantity(bad, bad === '1b' ? 'tokens' : 'count'), bad).toBeUndefined();
    }
  });

  it('refuses a fraction of a token instead of rounding it; a fraction of a unit that is whole is fine', () => {
    // These were rounded: --context 1.5 ran at 2 tokens, 0.5 at 1, 0.1k (102.4) at 102.
    for (const bad of ['1.5', '0.5', '0.1k', '1.1k']) expect(parseQuantity(bad, 'tokens'), bad).toBeUndefined();
    expect(parseQuantity('1.5k', 'tokens')).toBe(1536); // 1.5 × 1024
    expect(parseQuantity('0.5m', 'tokens')).toBe(524_288); // 0.5 × 1024²
  });
});

describe('csv', () => {
  it('quotes commas, quotes and newlines, and ends rows with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"\nthere']])).toBe('a,b\r\n"x, y","say ""hi""\nthere"\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves negative numbers alone', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
  });
});

describe('suggestion links', () => {
  it('swaps the unknown id in a comparison path, a model path and a query list', () => {
    expect(replaceId('http://h/compare/qwen-vs-lama/', 'lama', 'llama')).toBe('/compare/qwen-vs-llama/');
    expect(replaceId('http://h/models/qwen9/', 'qwen9', 'qwen3')).toBe('/models/qwen3/');
    expect(replaceId('http://h/compare/?subjects=qwen,lama', 'lama', 'llama')).toBe('/compare/?subjects=qwen%2Cllama');
    expect(replaceId('http://h/models/x/', 'nothere', 'y')).toBeUndefined();
  });
});

describe('bar chart', () => {
  it('scales bars to the largest value and links each value', () => {
    const svg = barChart({ id: 'c', title: 'Context', bars: [{ label: 'A', value: 100, display: '100', href: '#src-1' }, { label: 'B', value: 25, display: '25' }] });
    // The bar area is 480 − 170 = 310 units wide: 100 → 310, 25 → 77.5.
    expect(svg).toContain('width="310.0"');
    expect(svg).toContain('width="77.5"');
    expect(svg).toContain('<a href="#src-1"><text');
    expect(svg).not.toMatch(/style=/);
  });

  it('escapes labels', () => {
    expect(barChart({ id: 'c', title: '<b>', bars: [{ label: '<img>', value: 1, display: '"1"' }] })).not.toMatch(/<img|<b>/);
  });

  it('wraps a legend of four series onto a second row (three a row, 160 apart, rows 24 high) inside the 480-wide chart', () => {
    const svg = barChart({ id: 'c', title: 'Cost', series: ['w', 'x', 'y', 'z'], bars: [{ label: 'A', value: 1, display: '1', series: 3 }] });
    expect(svg).toContain('<rect x="320" y="4" width="14" height="14"');
    expect(svg).toContain('<rect x="0" y="28" width="14" height="14"');
    expect(svg).toContain('<text x="20" y="40" fill="#1b1f24">z</text>');
    // Two legend rows (48) + one bar row (44) + 4.
    expect(svg).toContain('viewBox="0 0 480 96"');
  });
});

describe('short values on the sources page', () => {
  it('writes params in B, other integers grouped, results as benchmark and score', () => {
    expect(short(671e9)).toBe('671B');
    expect(short(131072)).toBe('131,072');
    expect(short({ benchmark: 'mmlu', setting: '5-shot', score: 88.5 })).toBe('mmlu 88.5');
    expect(short({ input: ['text', 'image'], output: ['text'] })).toBe('input text+image, output text');
  });
});
