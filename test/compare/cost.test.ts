// Cost per task: the language ratio is the premium ratio, prices age into stale, self-hosting rents whole offers, live prices.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { modelCost, parseTask, STALE_DAYS } from '../../src/compare/cost.js';
import { parseVolume } from '../../src/cli/commands/cost.js';
import { DATA_DIR } from '../../src/paths.js';
import { loadTokenResults, type TokenResults } from '../../src/measure/tokens/results.js';
import { run, shippedCatalog } from '../helpers.js';

let catalog: Catalog;
let tokens: TokenResults;
beforeAll(async () => {
  catalog = await shippedCatalog();
  tokens = loadTokenResults();
});

const TASK = { inputChars: 2000, outputChars: 600 };

/** The premium straight from the shipped counts file, not through the code under test. */
function rawPremium(tokenizer: string, code: string): number {
  const raw = JSON.parse(readFileSync(join(DATA_DIR, 'measured', 'tokens.json'), 'utf8')) as { languages: { code: string }[]; counts: Record<string, (number | null)[]> };
  const at = (c: string) => raw.languages.findIndex((l) => l.code === c);
  const counts = raw.counts[tokenizer] ?? [];
  return (counts[at(code)] ?? NaN) / (counts[at('eng')] ?? NaN);
}

describe('cost per task', () => {
  it('for one model and provider, Hindi over Tamil costs the ratio of their measured premiums', () => {
    const scout = catalog.model.get('llama-4-scout-17b-16e');
    if (!scout) throw new Error('Scout is not in the catalog');
    const c = modelCost(catalog, tokens, scout, { languages: ['hin', 'tam'], task: TASK, tasksPerMonth: 1e6, now: new Date('2026-12-01') });
    const [hin, tam] = c.languages;
    const provider = hin?.hosted[0]?.price.provider;
    const tamSame = tam?.hosted.find((h) => h.price.provider === provider);
    expect(hin && tamSame).toBeTruthy();
    expect((hin?.hosted[0]?.perTask ?? 0) / (tamSame?.perTask ?? 1)).toBeCloseTo(rawPremium('llama4', 'hin') / rawPremium('llama4', 'tam'), 10);
  });

  it('prices older than 90 days are stale, newer ones are not', () => {
    const qwen = catalog.model.get('qwen3.8-27b');
    const price = catalog.prices.find((p) => p.model === 'qwen3.8-27b' && p.provider === 'groq');
    if (!qwen || !price) throw new Error('the Groq price of Qwen3.8-27B is not in the catalog');
    const at = (days: number) => new Date(Date.parse(price.as_of) + days * 86_400_000);
    const opts = { languages: ['eng'], task: TASK, tasksPerMonth: 1, assumeTokenizer: 'qwen3.5' };
    expect(modelCost(catalog, tokens, qwen, { ...opts, now: at(STALE_DAYS) }).languages[0]?.hosted[0]?.stale).toBe(false);
    expect(modelCost(catalog, tokens, qwen, { ...opts, now: at(STALE_DAYS + 1) }).languages[0]?.hosted[0]?.stale).toBe(true);
  });

  it('self-hosting rents the cheapest whole offer: Qwen3.8-27B in FP8 on one H100 at $3.20/h is $2,336 a month', () => {
    const qwen = catalog.model.get('qwen3.8-27b');
    const h100 = catalog.gpu.get('h100-sxm');
    if (!qwen || !h100) throw new Error('missing model or GPU');
    const c = modelCost(catalog, tokens, qwen, { languages: ['eng'], task: TASK, tasksPerMonth: 1000, now: new Date('2026-12-01'), gpu: h100, assumeTokenizer: 'qwen3.5' });
    const s = c.languages[0]?.selfHosted;
    expect(s?.precision).toBe('fp8');
    expect(s?.gpus).toBe(1);
    // Hyperstack's per-GPU H100 SXM ($3.20) beats RunPod ($3.99) and the 8-GPU instances; 730 hours a month.
    expect(s?.gpuPrice.provider).toBe('hyperstack');
    expect(s?.perMonth).toBeCloseTo(3.2 * 730, 6);
    expect(c.assumed).toBe(true);
  });

  it('a model whose tokenizer the catalog does not know is not priced per language, and says why', () => {
    const qwen = catalog.model.get('qwen3.8-27b');
    if (!qwen) throw new Error('missing model');
    const c = modelCost(catalog, tokens, qwen, { languages: ['hin'], task: TASK, tasksPerMonth: 1, now: new Date('2026-12-01') });
    expect(c.languages).toEqual([]);
    expect(c.missing.join(' ')).toContain('tokenizer is not in the catalog');
  });

  it('reads tasks and volumes as people write them', () => {
    expect(parseTask('2000 chars in, 600 chars out')).toEqual({ inputChars: 2000, outputChars: 600 });
    expect(parseTask('2k in 1.5k out')).toEqual({ inputChars: 2000, outputChars: 1500 });
    expect(parseTask('lots in')).toBeUndefined();
    expect(parseVolume('1m/month')).toBe(1e6);
    expect(parseVolume('2000/day')).toBe(60_000);
    expect(() => parseVolume('-5')).toThrow(/--volume/);
  });
});

describe('versus cost and versus prices (CLI)', () => {
  const saved = { VERSUS_CACHE_DIR: process.env.VERSUS_CACHE_DIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('cites every price with its date, and errors name the nearest ids', async () => {
    process.env.VERSUS_CACHE_DIR = mkdtempSync(join(tmpdir(), 'versus-cache-'));
    const ok = await run(['cost', 'llama-4-maverick-17b-128e', '--lang', 'hi,ta', '--json']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as { models: { languages: { hosted: { as_of: string; source: string }[] }[] }[] };
    const hosted = json.models[0]?.languages[0]?.hosted ?? [];
    expect(hosted.length).toBeGreaterThan(2);
    expect(hosted.every((h) => /^\d{4}-\d{2}/.test(h.as_of) && h.source.length > 0)).toBe(true);
    const bad = await run(['cost', 'llama-4-mavrick']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('llama-4-maverick-17b-128e');
    expect((await run(['cost', 'llama-4-scout-17b-16e', '--task', 'a lot'])).code).toBe(2);
  });

  it('--refresh reads OpenRouter\'s listing shape, maps it by Hugging Face repo, keeps it in VERSUS_CACHE_DIR, and cost then cites it', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'versus-cache-'));
    const xdg = mkdtempSync(join(tmpdir(), 'versus-xdg-'));
    process.env.VERSUS_CACHE_DIR = cache;
    process.env.XDG_CACHE_HOME = xdg;
    const listing = { data: [
      { id: 'meta-llama/llama-4-scout', hugging_face_id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct', context_length: 327680, pricing: { prompt: '0.00000008', completion: '0.0000003' } },
      { id: 'meta-llama/llama-4-scout:free', hugging_face_id: 'meta-llama/Llama-4-Scout-17B-16E-Instruct', pricing: { prompt: '0', completion: '0' } },
      { id: 'someone/unknown', hugging_face_id: 'someone/Unknown-7B', pricing: { prompt: '0.000001', completion: '0.000002' } },
    ] };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(listing));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/models`;
    try {
      const refreshed = await run(['prices', '--refresh', '--from', url, 'llama-4-scout-17b-16e', '--provider', 'openrouter', '--json']);
      expect(refreshed.code).toBe(0);
      const body = JSON.parse(refreshed.stdout) as { live: { url: string }; prices: { input: number; output: number; source: string }[] };
      expect(body.live.url).toBe(url);
      expect(body.prices).toEqual([expect.objectContaining({ input: 0.08, output: 0.3, source: 'openrouter-live' })]);
      // The same cache folder as the tokenizer files: VERSUS_CACHE_DIR wins over XDG_CACHE_HOME.
      expect(refreshed.stderr).toContain(`saved to ${join(cache, 'prices-openrouter.json')}`);
      expect(existsSync(join(cache, 'prices-openrouter.json'))).toBe(true);
      expect(existsSync(join(xdg, 'versus', 'prices-openrouter.json'))).toBe(false);
      const cost = await run(['cost', 'llama-4-scout-17b-16e', '--provider', 'openrouter']);
      expect(cost.stdout).toContain(url);
    } finally {
      server.close();
    }
  });

  it('a listing of the wrong shape is an error and saves nothing', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'versus-cache-'));
    process.env.VERSUS_CACHE_DIR = cache;
    const file = join(cache, 'listing.json');
    await import('node:fs').then((fs) => fs.writeFileSync(file, '{"models": []}'));
    const r = await run(['prices', '--refresh', '--from', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("did not answer with OpenRouter's models listing");
    expect(existsSync(join(cache, 'prices-openrouter.json'))).toBe(false);
  });
});

describe('the cost row of a comparison', () => {
  it('prices each flagship in English and the report languages, and ranks by the English price', async () => {
    const { compare } = await import('../../src/compare/comparison.js');
    const { resolveSubjects } = await import('../../src/compare/subjects.js');
    const c = compare(catalog, resolveSubjects(catalog, ['qwen3.5-397b-a17b', 'llama-4-maverick-17b-128e']), { tokens, languages: ['hin'] });
    const row = c.rows.find((r) => r.id === 'cost');
    const texts = row?.cells.map((cell) => cell.text.map((s) => s.text).join('')) ?? [];
    expect(texts[0]).toMatch(/^Qwen3\.5-397B-A17B: \$\d+\.\d+ in English at .* \(as of \d{4}-\d{2}-\d{2}/);
    expect(texts[0]).toContain('Hindi $');
    // The hosted prices behind the metric, straight from the catalog: cheapest English task for each flagship.
    const cheapest = (model: string) => Math.min(...catalog.prices.filter((p) => p.model === model).map((p) => (2000 * p.input + 600 * p.output)));
    const ratio = (row?.cells[1]?.metric ?? 0) / (row?.cells[0]?.metric ?? 1);
    const charsPerToken = (t: string) => {
      const eng = tokens.languages.findIndex((l) => l.code === 'eng');
      return (tokens.languages[eng]?.chars ?? 0) / (tokens.counts[t]?.[eng] ?? 1);
    };
    const expected = (cheapest('qwen3.5-397b-a17b') / charsPerToken('qwen3.5')) / (cheapest('llama-4-maverick-17b-128e') / charsPerToken('llama4'));
    expect(ratio).toBeCloseTo(expected, 9);
  });
});

describe('recommend --max-cost', () => {
  it('passes a model at or under the budget, fails it above, and never passes an unpriced model', async () => {
    // Scout in Hindi, by hand: 2,600 English characters ÷ chars per token × premium, at its cheapest dated price.
    const eng = tokens.languages.findIndex((l) => l.code === 'eng');
    const hin = tokens.languages.findIndex((l) => l.code === 'hin');
    const counts = tokens.counts.llama4 ?? [];
    const perToken = (tokens.languages[eng]?.chars ?? 0) / (counts[eng] ?? 1);
    const premium = (counts[hin] ?? 0) / (counts[eng] ?? 1);
    const cheapest = Math.min(...catalog.prices.filter((p) => p.model === 'llama-4-scout-17b-16e').map((p) => ((2000 / perToken) * premium * p.input + (600 / perToken) * premium * p.output) / 1e6));
    const budget = (usd: number) => run(['recommend', '--languages', 'hi', '--max-cost', usd.toPrecision(6), '--json']);
    type Out = { ranked?: { model: string }[] };
    const ids = (o: Out) => (o.ranked ?? []).map((r) => r.model);
    const above = JSON.parse((await budget(cheapest * 1.001)).stdout) as Out;
    const below = JSON.parse((await budget(cheapest * 0.999)).stdout) as Out;
    expect(ids(above)).toContain('llama-4-scout-17b-16e');
    expect(ids(below)).not.toContain('llama-4-scout-17b-16e');
    // Qwen3.8-27B has no tokenizer in the catalog, so it cannot be priced per language and is never admitted.
    expect(ids(above)).not.toContain('qwen3.8-27b');
    const bad = await run(['recommend', '--max-cost', 'cheap']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-cost must be US dollars per task or per month');
  });
});
