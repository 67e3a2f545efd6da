// End to end on the shipped catalog: the facts the reference article got wrong, corrected with sources.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { cellText, compare, type Comparison } from '../../src/compare/comparison.js';
import { resolveSubjects } from '../../src/compare/subjects.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { run, shippedCatalog } from '../helpers.js';
import { loadTokenResults } from '../../src/measure/tokens/results.js';

let catalog: Catalog;
let c: Comparison;
/** The same pair with Qwen3.5 picked by --generation: the newest Qwen whose tokenizer is measured. */
let c35: Comparison;
beforeAll(async () => {
  catalog = await shippedCatalog();
  // As the CLI builds it: with the shipped token measurements.
  c = compare(catalog, resolveSubjects(catalog, ['qwen', 'llama']), { tokens: loadTokenResults() });
  c35 = compare(catalog, resolveSubjects(catalog, ['qwen', 'llama'], ['qwen3.5']), { tokens: loadTokenResults() });
});

const citedUrls = (row: string, subject: number) => {
  const cell = c.rows.find((r) => r.id === row)?.cells[subject];
  const keys = new Set((cell?.text ?? []).flatMap((s) => s.refs ?? []).flatMap((r) => ('source' in r ? [r.source] : [])));
  return [...keys].map((k) => catalog.source.get(k)?.url ?? '');
};

describe('versus compare qwen llama', () => {
  it('opens with the newest open releases: Qwen3.8 (August 2026) and Llama 4', () => {
    expect(c.subjects.map((s) => s.generation.id)).toEqual(['qwen3.8', 'llama4']);
    expect(c.title).toBe('Qwen3.8 vs Llama 4');
    // No Qwen generation in the catalog was released after the one the family id picked.
    const picked = c.subjects[0]!.generation.released.value;
    const newer = catalog.generations.filter((g) => g.family === 'qwen' && g.released.value > picked);
    expect(newer.map((g) => g.id)).toEqual([]);
  });

  it('picks another generation only when --generation names it', async () => {
    expect(c35.subjects.map((s) => s.generation.id)).toEqual(['qwen3.5', 'llama4']);
    const { code, stdout } = await run(['compare', 'qwen', 'llama', '--generation', 'qwen3.5']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# Qwen3.5 vs Llama 4');
  });

  it("states Qwen3.8-27B's native (262,144) and YaRN-extended (1,000,000) context apart, from the Qwen card", () => {
    expect(cellText(c, 'context', 0)).toMatch(/^262,144 tokens \(256K\) native; 1,000,000 tokens \(1M\) extended/);
    expect(citedUrls('context', 0)).toEqual(['https://huggingface.co/Qwen/Qwen3.8-27B']);
  });

  it("states Qwen 3.5's native context as 262,144 tokens, from a Qwen source (the article says 128K)", () => {
    const cell = c35.rows.find((r) => r.id === 'context')?.cells[0];
    expect(cellText(c35, 'context', 0)).toMatch(/^262,144 tokens \(256K\) native/);
    const urls = (cell?.text ?? []).flatMap((sp) => sp.refs ?? []).flatMap((r) => ('source' in r ? [catalog.source.get(r.source)?.url ?? ''] : []));
    expect(urls.some((u) => /Qwen/i.test(u))).toBe(true);
  });

  it('shows when each family\'s releases were last checked beside "Data as of"', () => {
    expect(renderMarkdown(c)).toMatch(/^\*Data as of \d{4}-\d{2}-\d{2}; releases last checked: Qwen 2026-12-01, Llama 2026-12-01\./m);
  });

  it("states Llama 4's 12 official languages from Meta's model card (the article says 8)", () => {
    expect(cellText(c, 'languages', 1)).toMatch(/^12 official languages \(ar, en, fr, de, hi, id, it, pt, es, tl, th, vi\)/);
    expect(citedUrls('languages', 1).some((u) => u.includes('meta-llama'))).toBe(true);
  });

  it('states the EU exclusion for Llama 4 multimodal models, citing the use policy', () => {
    const cell = c.rows.find((r) => r.id === 'license')?.cells[1];
    const caution = cell?.text.find((s) => s.mark === 'caution');
    expect(caution?.text).toMatch(/^no licence to multimodal models for .*European Union/);
    const url = catalog.source.get((caution?.refs?.[0] as { source: string }).source)?.url;
    expect(url).toMatch(/USE_POLICY/);
    expect(cellText(c, 'license', 1)).toMatch(/exempt: .*end users/i);
  });

  it('prints a report with every section and a numbered source list, via the CLI', async () => {
    const { code, stdout } = await run(['compare', 'qwen', 'llama']);
    expect(code).toBe(0);
    expect(stdout).toBe(renderMarkdown(c));
    expect(stdout).toMatch(/## Sources\n\n1\. \[.*\]\(https:\/\//);
  });

  it('cites a source for every citation mark and lists no source twice', () => {
    const keys = c.citations.map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const cit of c.citations) expect(cit.source ?? cit.computation).toBeDefined();
  });
});

describe('hardware in the Qwen vs Llama report', () => {
  it("checks Meta's claim that Scout fits one H100: it holds in int4, not in bf16", () => {
    const section = c.analysis.find((s) => s.heading === 'Hardware claims checked');
    const claims = (section?.paragraphs ?? []).map((p) => p.map((s) => s.text).join(''));
    const meta = claims.find((t) => t.includes('can fit within a single H100 GPU with on-the-fly int4 quantization'));
    expect(meta).toMatch(/— holds on 1 × H100 in INT4 \(AWQ\/GPTQ, group size 128\) up to [\d,]+ tokens/);
    const article = claims.find((t) => t.includes('Scout fits on single H100 GPU'));
    expect(article).toMatch(/not in BF16/);
  });

  it('sizes each flagship against H100s in the efficiency row, citing versus fit', () => {
    const cell = c.rows.find((r) => r.id === 'efficiency')?.cells[1];
    const fit = cell?.text.filter((s) => s.refs?.some((r) => 'computed' in r && r.computed === 'fit')) ?? [];
    expect(fit.map((s) => s.text)).toEqual([
      expect.stringMatching(/^BF16: 800 GB of weights needs ≥ \d+ H100 at 32,768 tokens/),
      expect.stringMatching(/^INT4 .*: \d+ GB of weights needs ≥ \d+ H100 at 32,768 tokens/),
    ]);
  });

  it('charts memory against context for the flagships and the longest-context model', () => {
    expect(c.memory?.series.map((s) => s.label)).toEqual(['Qwen3.8-27B', 'Llama 4 Maverick 17B-128E Instruct', 'Llama 4 Scout 17B-16E Instruct']);
    const scout = c.memory?.series[2]?.points ?? [];
    // Scout's curve runs to its 10,485,760-token window and grows with it.
    expect(scout.at(-1)?.context).toBe(10_485_760);
    expect((scout.at(-1)?.bytes ?? 0) > (scout[0]?.bytes ?? Infinity)).toBe(true);
  });
});

describe('measured token cost in the Qwen vs Llama report', () => {
  it('shows the premium per language next to the official count, and where each tokenizer is expensive', async () => {
    const { loadTokenResults, premium } = await import('../../src/measure/tokens/results.js');
    const tokens = loadTokenResults();
    // Qwen3.5: Qwen3.8's tokenizer is not assumed to be Qwen3.5's, so the default pair has no Qwen measurement.
    const m = compare(catalog, resolveSubjects(catalog, ['qwen', 'llama'], ['qwen3.5']), { tokens, languages: ['hin', 'tam', 'jpn', 'amh'] });
    const row = m.rows.find((r) => r.id === 'languages');
    const expected = (t: string, l: string) => `${Number(premium(tokens, t, l)!.premium.toFixed(2))}×`;
    expect(cellText(m, 'languages', 1)).toContain(`tokens vs English with the llama4 tokenizer: Hindi ${expected('llama4', 'hin')}, Tamil ${expected('llama4', 'tam')}, Japanese ${expected('llama4', 'jpn')}, Amharic ${expected('llama4', 'amh')}`);
    expect(row?.cells[0]?.text.some((s) => s.refs?.some((r) => 'computed' in r && r.computed === 'tokens' && r.args === '--lang hin,tam,jpn,amh'))).toBe(true);
    const languages = m.analysis.find((s) => s.heading === 'Languages')?.paragraphs.map((p) => p.map((s) => s.text).join('')) ?? [];
    expect(languages.some((p) => /^Llama 4 \(tokenizer llama4\) is cheapest in .* it is most expensive in Tamil/.test(p))).toBe(true);
    expect(languages.some((p) => /Llama 4 Scout 17B-16E Instruct's 10,485,760 tokens \(10\.5M\) context holds about [\d,]+ English-equivalent words of Tamil/.test(p))).toBe(true);
    expect(m.premium?.series.map((s) => s.label)).toEqual(['qwen3.5 (Qwen3.5)', 'llama4 (Llama 4)']);
  });
});
