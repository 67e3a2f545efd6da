// The answers a new user got wrong, each checked on the shipped catalog: evidence before ranking,
// capability first, one parser on every surface, honest verdicts and bottom line.
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { isKnown } from '../../src/catalog/catalog.js';
import { weightsBound } from '../../src/compare/evidence.js';
import { compare } from '../../src/compare/comparison.js';
import { resolveSubjects } from '../../src/compare/subjects.js';
import { plainText } from '../../src/compare/cell.js';
import { createApp } from '../../src/server/app.js';
import { availableEngines } from '../../src/site/engines.js';
import { run, shippedCatalog } from '../helpers.js';

interface Ranked { model: string; verified: boolean; checks: { constraint: string; outcome: string }[] }
interface Json { ranked: Ranked[]; excluded: { model: string; failed: { constraint: string; outcome: string }[] }[]; relaxations: { constraint: string; admits: string[] }[] }

async function recommendJson(args: string[]): Promise<Json> {
  const { code, stdout, stderr } = await run(['recommend', ...args, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Json;
}

const params = (catalog: Catalog, id: string) => { const t = catalog.model.get(id)?.params.total; return isKnown(t) ? t.value : Infinity; };

describe('evidence before ranking', () => {
  it('one RTX 4090: nothing whose weights cannot fit is ranked; a 284B model with no computable fit fails on the weights bound', async () => {
    const catalog = await shippedCatalog();
    const json = await recommendJson(['--gpu', '4090', '--context', '32k']);
    // 24 GB: at 4 bits per weight nothing above ~48B params can even hold its weights.
    for (const r of json.ranked) expect(params(catalog, r.model), r.model).toBeLessThan(48e9);
    for (const r of json.ranked) expect(r.checks.find((c) => c.constraint === 'hardware')?.outcome, r.model).toBe('pass');
    const flash = json.excluded.find((e) => e.model === 'deepseek-v4-flash');
    expect(flash?.failed.find((f) => f.constraint === 'hardware')?.outcome).toBe('fail');
  });

  it('8×H100 for coding: the first pick verifiably fits (no "could not be computed" at the top)', async () => {
    const json = await recommendJson(['--use-case', 'coding', '--gpu', 'h100', '--gpus', '8']);
    const top = json.ranked[0];
    expect(top?.checks.find((c) => c.constraint === 'hardware')?.outcome).toBe('pass');
    expect(json.ranked.every((r) => r.verified)).toBe(true);
  });

  it('--lenient admits unverified models, marked, after every verified one', async () => {
    const json = await recommendJson(['--gpu', 'h100', '--gpus', '8', '--lenient']);
    const firstUnverified = json.ranked.findIndex((r) => !r.verified);
    if (firstUnverified >= 0) expect(json.ranked.slice(firstUnverified).every((r) => !r.verified)).toBe(true);
    const strictOff = await recommendJson(['--gpu', 'h100', '--gpus', '8']);
    expect(strictOff.ranked.every((r) => r.verified)).toBe(true);
  });

  it('a relaxation never admits a model whose other constraint is unknown (20M context + audio)', async () => {
    const catalog = await shippedCatalog();
    const json = await recommendJson(['--context', '20m', '--modalities', 'audio']);
    for (const r of json.relaxations) {
      for (const id of r.admits) {
        const m = catalog.model.get(id);
        if (r.constraint === 'modalities') expect(m && isKnown(m.context.native), id).toBe(true);
      }
    }
    expect(json.relaxations.flatMap((r) => r.admits)).not.toContain('deepseek-v3.2-exp');
  });

  it('the weights bound uses a stated working-set budget (Apple Metal, phones) instead of the whole memory', async () => {
    const catalog = await shippedCatalog();
    const gpu = catalog.gpus.find((g) => g.class === 'unified-memory') ?? catalog.gpus[0]!;
    const model = catalog.model.get('qwen3.5-27b')!;
    // 27.8B params at the smallest precision need ~14 GB: a device with 512 GB passes the bound, one with a 10 GB budget does not.
    const big = { ...gpu, memory_gb: { value: 512, source: gpu.memory_gb.source } };
    expect(weightsBound(catalog, model, big, 1)).toBeUndefined();
    const budgeted = { ...big, budget_gb: { value: 10, source: gpu.memory_gb.source } };
    expect(weightsBound(catalog, model, budgeted, 1)?.fits).toBe(false);
  });
});

describe('capability decides "best"', () => {
  it('README example 1 (EU, image, 2×H100): the first pick is not the smallest that passes, and no sub-10B model sits above a larger one of the same family with a better coding score', async () => {
    const catalog = await shippedCatalog();
    const json = await recommendJson(['--languages', 'ja,th,hi', '--context', '128k', '--modalities', 'image', '--mau', '1.2b', '--region', 'EU', '--gpu', 'h100', '--gpus', '2']);
    const top = json.ranked[0]?.model ?? '';
    expect(params(catalog, top)).toBeGreaterThan(10e9);
    expect(json.ranked.findIndex((r) => r.model === 'qwen3.5-27b')).toBeLessThan(json.ranked.findIndex((r) => r.model === 'qwen3.5-0.8b'));
    expect(json.ranked.some((r) => r.model.startsWith('llama'))).toBe(false);
  });

  it('long documents: the 397B model ranks above the 4B one', async () => {
    const json = await recommendJson(['--use-case', 'long-documents']);
    const at = (id: string) => json.ranked.findIndex((r) => r.model === id);
    expect(at('qwen3.5-397b-a17b')).toBeGreaterThanOrEqual(0);
    expect(at('qwen3.5-397b-a17b')).toBeLessThan(at('qwen3.5-4b'));
  });

  it('compare: coding goes to the family that leads coding, explained by rows the use case weights; no "No verdict" twice', async () => {
    const catalog = await shippedCatalog();
    const c = compare(catalog, resolveSubjects(catalog, ['qwen', 'llama', 'gemma', 'deepseek', 'mistral']), { charts: false });
    const coding = c.verdicts.find((v) => v.useCase.id === 'coding')!;
    const codingRow = c.rows.find((r) => r.id === 'coding')!;
    expect(coding.winner === null ? [] : [coding.winner]).toEqual(codingRow.leaders.slice(0, 1));
    expect(coding.counted).toContain(codingRow.label);
    for (const v of c.verdicts) {
      const words = plainText(v.reasons);
      const weighted = Object.keys(v.useCase.weights);
      const decidedBy = /decided by ([^;.]*)/.exec(words)?.[1] ?? '';
      for (const row of c.rows.filter((r) => !weighted.includes(r.id))) expect(decidedBy, v.useCase.id).not.toContain(row.label.toLowerCase());
      expect(words.startsWith('No verdict'), v.useCase.id).toBe(false);
    }
  });
});

describe('licences in verdicts', () => {
  it('the bottom line states the EU clause with its exemption, not "no licence at all, whatever the product"', async () => {
    const catalog = await shippedCatalog();
    const c = compare(catalog, resolveSubjects(catalog, ['qwen', 'llama']), { charts: false });
    const text = c.bottomLine.map(plainText).join('\n');
    expect(text).not.toContain('whatever the product');
    expect(text).toMatch(/Before choosing Llama 4: .*European Union.*exempt: end users/);
  });
});

describe('one behaviour on every surface', () => {
  const errors: string[] = [];
  const app = async () => createApp({ catalog: await shippedCatalog(), clock: () => new Date('2026-12-01T00:00:00Z'), options: { engines: availableEngines(), log: (m: string) => errors.push(m) } });

  it('the API accepts the aliases the CLI accepts (gpu=h100, precision=q4_k_m, region=Germany)', async () => {
    const a = await app();
    expect((await a.request('/api/recommend?gpu=h100&gpus=2&precision=q4_k_m')).status, errors.join('\n')).toBe(200);
    expect((await a.request('/api/fit?model=qwen3.5-27b&gpu=h100&precision=q4_k_m')).status).toBe(200);
    const res = await a.request('/api/recommend?region=Germany&modalities=image');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { ranked: { model: string }[]; excluded: { model: string }[] } };
    expect(body.result.ranked.map((r) => r.model)).not.toContain('llama-3.2-11b-vision');
    expect(body.result.excluded.map((r) => r.model)).toContain('llama-3.2-11b-vision');
  });

  it('an unknown parameter is a 400 naming it; max-params and strict are honoured', async () => {
    const a = await app();
    const bad = await a.request('/api/recommend?max-params=10b&strict=yes&colour=blue');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('"colour"');
    const ok = await a.request('/api/recommend?max-params=10b&strict=yes');
    const catalog = await shippedCatalog();
    const body = (await ok.json()) as { result: { ranked: { model: string }[] } };
    expect(body.result.ranked.length).toBeGreaterThan(0);
    for (const r of body.result.ranked) expect(params(catalog, r.model), r.model).toBeLessThanOrEqual(10e9);
    expect((await a.request('/api/fit?model=qwen3.5-27b&gpu=h100&colour=blue')).status).toBe(400);
    expect((await a.request('/api/recommend?region=Europe')).status).toBe(400);
  });

  it('the web form has every option of the CLI', async () => {
    const html = await (await (await app()).request('/recommend/')).text();
    const { RECOMMEND_FIELDS } = await import('../../src/compare/recommend-input.js');
    for (const name of Object.keys(RECOMMEND_FIELDS)) expect(html, name).toContain(`name="${name}"`);
  });

  it('CLI: empty, unknown and negative values and stray arguments are usage errors (exit 2), with the option named', async () => {
    for (const [args, says] of [
      [['--region', ''], '--region'], [['--modalities', 'zzz'], '--modalities'], [['--weights=,,,'], '--weights'],
      [['h100'], 'takes no arguments'], [['--gpus', '-1'], '--gpus cannot be negative'], [['--region', 'Europe'], 'not one jurisdiction'],
    ] as const) {
      const { code, stderr } = await run(['recommend', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toContain(says);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('serving capacity', () => {
  it('prefill bound = GPUs × dense rate ÷ (2 × active params); the load share adds decode and prefill and scales with the rate', async () => {
    const { serveCapacity } = await import('../../src/compare/load.js');
    const catalog = await shippedCatalog();
    const m = catalog.model.get('qwen3.5-27b')!;
    const h100 = catalog.gpu.get('h100-sxm')!;
    const active = isKnown(m.params.active) ? m.params.active.value : (m.params.total as { value: number }).value;
    const fp8 = isKnown(h100.fp8_tflops) ? h100.fp8_tflops.value : NaN;
    const load = { rps: 100, input: 1024, output: 256 };
    const cap = serveCapacity(catalog, m, h100, 2, 'fp8', load)!;
    expect(cap.prefillTokensPerSecond).toBeCloseTo((2 * fp8 * 1e12) / (2 * active), 3);
    expect(cap.share).toBeCloseTo(100 * 256 / cap.decodeTokensPerSecond + 100 * 1024 / cap.prefillTokensPerSecond!, 9);
    const double = serveCapacity(catalog, m, h100, 2, 'fp8', { ...load, rps: 200 })!;
    expect(double.share).toBeCloseTo(2 * cap.share, 9);
    expect(double.gpus).toBe(2 * Math.max(1, Math.ceil(double.share)));
  });

  it('versus fit --load says how many GPUs a load needs beyond the set', async () => {
    const { code, stdout } = await run(['fit', 'qwen3.5-27b', '--gpu', 'h100', '--gpus', '2', '--precision', 'fp8', '--load', '20000/s,in=1k,out=300']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Serving load: .* at least [\d,]+ copies of 2× NVIDIA H100[^,]*, [\d,]+ GPUs/);
  });
});
