// The fit report as cited rich text, as pages and comparison rows show it.
import { describe, expect, it } from 'vitest';
import { fitSheet } from '../../src/compare/fit-sheet.js';
import { fitReport } from '../../src/measure/fit-report.js';
import { shippedCatalog } from '../helpers.js';

describe('fitSheet', () => {
  it('says Scout in int4 fits one H100 up to 144,714 tokens, every span citing the versus fit flags that reproduce it', async () => {
    const catalog = await shippedCatalog();
    const scout = catalog.model.get('llama-4-scout-17b-16e')!;
    const sheet = fitSheet(scout, fitReport(catalog, scout, catalog.gpu.get('h100-sxm')!, { precision: 'int4', context: 32_768 }));
    expect(sheet.fits).toBe(true);
    const verdict = sheet.verdict.map((s) => s.text).join('');
    expect(verdict).toContain('Llama 4 Scout 17B-16E Instruct fits 1 × NVIDIA H100 SXM5 80GB in INT4 (AWQ/GPTQ, group size 128) at 32,768 tokens (32K)');
    expect(verdict).toContain('Largest context that fits: 144,714 tokens');
    const refs = sheet.verdict.flatMap((s) => s.refs ?? []);
    expect(refs[0]).toEqual({ computed: 'fit', model: 'llama-4-scout-17b-16e', args: '--gpu h100-sxm --precision int4 --context 32768' });
    expect(sheet.lines.map((l) => l.label)).toEqual(['Weights', 'KV cache', 'State', 'Overhead', 'Total']);
  });
});
