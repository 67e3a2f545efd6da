// Measured rows: stored runs beside the vendor-reported comparison (compare/recommend --runs), and the runs pages.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publicEndpoint } from '../../../src/measure/eval/provenance.js';
import { readRuns, RunStore } from '../../../src/measure/eval/store.js';
import { ComparisonJson } from '../../../src/render/json-schema.js';
import { createApp } from '../../../src/server/app.js';
import { run, shippedCatalog } from '../../helpers.js';
import { startFake } from './fake-server.js';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});

const KEY = 'sk-test-never-shown-7f3a';
let db = '';
let url = '';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  const f = await startFake();
  url = f.url;
  db = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');
  process.env.VERSUS_TEST_KEY = KEY;
  try {
    // Run 1 measures llama-3.1-8b; run 2 a model the catalog does not know.
    expect((await run(['eval', '--endpoint', url, '--model', 'served-name', '--catalog-model', 'llama-3.1-8b', '--suite', 'smoke', '--api-key-env', 'VERSUS_TEST_KEY', '--db', db])).code).toBe(0);
    expect((await run(['eval', '--endpoint', url, '--model', 'my-finetune', '--suite', 'smoke', '--db', db])).code).toBe(0);
  } finally {
    delete process.env.VERSUS_TEST_KEY;
    f.server.close();
  }
});

describe('compare --runs', () => {
  it('shows the run that measured a compared model, marked where, when and which run, with its command', async () => {
    const md = await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', db]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('## Measured on your endpoints');
    const row = md.stdout.split('\n').find((l) => l.startsWith('| Llama 3.1 8B Instruct |'));
    expect(row).toBe(`| Llama 3.1 8B Instruct | smoke 3/3 | measured on ${url}, ${today}, run 1 | \`versus eval --endpoint ${url} --model served-name --suite smoke --seed 1 --catalog-model llama-3.1-8b\` |`);
    // Run 2 measured no catalog model, so it is not shown.
    expect(md.stdout).not.toContain('my-finetune');
    const json = ComparisonJson.parse(JSON.parse((await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', db, '--format', 'json'])).stdout));
    expect(json.measured).toEqual([{ model: 'llama-3.1-8b', run: 1, label: `measured on ${url}, ${today}, run 1`, endpoint: url, date: today, servedModel: 'tiny-served', reproduce: expect.stringContaining('--catalog-model llama-3.1-8b'), suites: [{ suite: 'smoke', passed: 3, tasks: 3 }], speed: [] }]);
    const html = (await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', db, '--format', 'html'])).stdout;
    expect(html).toContain('<h2 id="h-runs">Measured on your endpoints</h2>');
    expect(html).toContain(`<td>measured on ${url}, ${today}, run 1</td>`);
    // Without --runs nothing changes.
    expect((await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b'])).stdout).not.toContain('Measured on your endpoints');
  });

  it('the command it shows repeats the run', async () => {
    const f = await startFake();
    closers.push(() => f.server.close());
    const shown = (JSON.parse((await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', db, '--format', 'json'])).stdout) as { measured: { reproduce: string }[] }).measured[0]?.reproduce ?? '';
    const args = shown.replace(url, f.url).split(' ').slice(2);
    const again = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'again.db');
    expect((await run(['eval', ...args, '--db', again])).code).toBe(0);
    expect(readRuns(again)[0]?.results.map((r) => [r.task, r.pass])).toEqual(readRuns(db)[0]?.results.map((r) => [r.task, r.pass]));
  });

  it('never shows or stores the API key', async () => {
    expect(readFileSync(db).includes(KEY)).toBe(false);
    for (const format of ['md', 'json', 'html']) expect((await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', db, '--format', format])).stdout).not.toContain(KEY);
    expect(publicEndpoint('https://user:secret@api.example.com/v1/?key=abc#x')).toBe('https://api.example.com/v1');
  });

  it('a missing results database is an error that names it and changes nothing', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'none.db');
    const r = await run(['compare', 'llama-3.1-8b', 'qwen3.5-27b', '--runs', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`No results database ${missing}`);
    expect(() => readFileSync(missing)).toThrow();
  });
});

describe('recommend --runs', () => {
  it('shows the measured rows under the ranked model they measured, apart from the score', async () => {
    const args = ['recommend', '--max-params', '9b', '--runs', db];
    const json = JSON.parse((await run([...args, '--json'])).stdout) as { ranked: { model: string; measured: { run: number; label: string }[] }[] };
    const llama = json.ranked.find((r) => r.model === 'llama-3.1-8b');
    expect(llama?.measured).toMatchObject([{ run: 1, label: `measured on ${url}, ${today}, run 1` }]);
    expect(json.ranked.filter((r) => r.model !== 'llama-3.1-8b').every((r) => r.measured.length === 0)).toBe(true);
    const plain = JSON.parse((await run(['recommend', '--max-params', '9b', '--json'])).stdout) as { ranked: { model: string; total: number }[] };
    expect(json.ranked.map((r) => r.model)).toEqual(plain.ranked.map((r) => r.model));
  });
});

describe('the runs pages', () => {
  const app = async (runs = true) => createApp({ catalog: await shippedCatalog(), clock: () => new Date('2026-12-02T00:00:00Z'), options: runs ? { runs: () => readRuns(db) } : {} });

  it('lists runs and shows one with its tasks, escaped', async () => {
    // A stored answer with markup in it, as a hostile endpoint could send.
    const store = new RunStore(db);
    const id = store.begin({ endpoint: 'http://evil.example/v1', requestedModel: '<img src=x onerror=alert(1)>', suites: ['smoke'], settings: {}, seed: 1, started: '2026-12-02T01:00:00Z', versusVersion: 'test' });
    store.add(id, { suite: 'smoke', task: '<b>t</b>', prompt: 'p', answer: '<script>alert(1)</script>', reasoning: '', pass: false, detail: 'd', ttftMs: 1, totalMs: 2, itlMs: null, promptTokens: null, completionTokens: null, concurrency: 1, error: null, toolCalls: [] });
    store.close();
    const a = await app();
    const list = await a.request('/runs/');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('<a href="../runs/1/">1</a>');
    expect(listHtml).toContain('llama-3.1-8b');
    expect(listHtml).not.toContain('<img src=x');
    const one = await a.request(`/runs/${id}/`);
    const html = await one.text();
    expect(one.status).toBe(200);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;b&gt;t&lt;/b&gt;');
    expect(one.headers.get('cache-control')).toBe('no-store');
    const first = await (await a.request('/runs/1/')).text();
    expect(first).toContain('smoke-echo');
    expect(first).toContain(`measured on ${url}, ${today}, run 1`);
  });

  it('hostile or unknown input gets a 4xx that does not echo it', async () => {
    const a = await app();
    for (const path of ['/runs/?q=<script>x</script>', '/runs/1/?sort=%3Cscript%3E', '/runs/abc/', '/runs/0/', '/runs/99999/', '/runs/1e3/', '/runs/%3Cscript%3E/']) {
      const r = await a.request(path);
      expect([400, 404]).toContain(r.status);
      expect(await r.text()).not.toContain('<script>');
    }
    expect((await a.request('/runs/?q=1')).status).toBe(400);
    expect((await (await app(false)).request('/runs/')).status).toBe(404);
  });
});
