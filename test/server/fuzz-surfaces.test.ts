// Generated hostile input over the newer surfaces together, in-process: the models form (filters, search, sort, the
// boxes ticked to compare), compare with up to 8 subjects, the runs pages, every fit parameter, the tokens API, the
// JSON error bodies, hostile headers, and the static copy's 404 forwarding. For every answer: no 5xx, no stack trace or
// machine path, nothing of the request reflected as markup, no redirect off the site, an /api/ error is a JSON error.
import fc from 'fast-check';
import type { Hono } from 'hono';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRuns, RunStore } from '../../src/measure/eval/store.js';
import { createApp } from '../../src/server/app.js';
import { availableEngines, type TokensEngine } from '../../src/site/engines.js';
import { forwardTarget, MAX_SUBJECTS } from '../../src/site/paths.js';
import { catalogAt, CLOCK, shippedPrecisions, siteFixtureDir } from './site-helpers.js';

/** Markup a response must never carry back; each generated request embeds one, or a tag made unique per request. */
const MARKERS = ['<script>x</script>', '"><img src=x onerror=y>', "'><svg onload=z>", 'javascript:alert(1)//'];
/** A stack frame, a Node internal, or a path on this machine. */
const LEAK = /\n\s+at [\w.$<>]+ \(|node:internal|node_modules|\.[jt]s:\d+:\d+|file:\/\/|\/(?:work|tmp|home|root|Users)\/[\w.-]/;
/** A Location that leaves the site: a scheme, a protocol-relative or backslash start, or a byte a URL must escape. */
const OFF_SITE = /^(\/\/|\/\\|\\|[a-z][a-z0-9+.-]*:)|[^A-Za-z0-9\-._~%!$&'()*+,;=:@/?]/i;

const IDS = ['alpha', 'beta', 'alpha2', 'alpha2-8b', 'alpha2-100b-a10b', 'beta1-27b', 'fx-80', 'vllm', 'llama.cpp', 'bf16', 'q4-k-m', 'fp8', 'open-fixture'];
/** Numbers people and fuzzers type: zero, negatives, overflow, not-a-number, doubled units, hex, fractions, padding. */
const NUMBERS = ['0', '-1', '1', '2', '8', '64', '65', '1e309', '1e3', 'NaN', 'Infinity', '-Infinity', '128k', '128kk', '1m', '0x10', '1.5', '0.5', ' 4096', '4096 ', '9'.repeat(30), '2e53', '00001', '+1', '1,024', '1_000'];
const NASTY = ['', ' ', '%', '%zz', '\u0000', '\u202e', '\ud800', '\udfff', '\uffff', '..', '../..', '//evil.com', '/\\evil.com', '\\\\evil.com', '-vs-', ',', ',,,', 'a'.repeat(300), '__proto__', 'constructor', '%ED%A0%80', '%C0%AE', '%FF', '%00'];

/** A lone surrogate as U+FFFD, as a browser sends it (raw escapes such as %ED%A0%80 are in NASTY). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const enc = (s: string) => encodeURIComponent(wellFormed(s));
/** One value: an id, a number, a nasty string, a marker, a fresh unique tag, or anything. */
const tag = fc.stringMatching(/^[a-z][a-z0-9]{5,9}$/).map((s) => `<q${s} x="${s}">`);
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...IDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKERS) },
  { weight: 2, arbitrary: tag },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const pairs = (names: readonly string[], max = 6) => fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: value }), value), { maxLength: max });
/** A query string; `raw` keeps a few bytes unencoded, as a fuzzer sends them. */
const queryOf = (names: readonly string[], max?: number) => fc.tuple(pairs(names, max), fc.boolean())
  .map(([ps, raw]) => (ps.length ? `?${ps.map(([k, v]) => `${enc(k)}=${raw ? v.replace(/[^\x21-\x7e]/g, (c) => enc(c)) : enc(v)}`).join('&')}` : ''));

const MODELS_FIELDS = ['q', 'family', 'license', 'input', 'min-context', 'max-params', 'max-active', 'max-kv', 'sort', 'dir', 'subjects'];
const SORTS = ['family', 'name', 'total', 'active', 'context', 'license', 'kv', 'KV', 'nope'];
const FIT_FIELDS = ['model', 'gpu', 'gpus', 'precision', 'kv', 'engine', 'context', 'concurrency', 'ngl', 'flash_attn', 'batched_tokens', 'max_seqs', 'ubatch'];

/** The models page: filters, search and sort, some valid; the page's compare form sends the ticked boxes as subjects. */
const modelsRequest = fc.oneof(
  queryOf(MODELS_FIELDS).map((q) => `/models/${q}`),
  fc.tuple(fc.constantFrom(...SORTS), fc.constantFrom('asc', 'desc', 'up', ''), value).map(([sort, dir, q]) => `/models/?sort=${enc(sort)}&dir=${enc(dir)}&q=${enc(q)}`),
  fc.array(fc.oneof(fc.constantFrom(...IDS), value), { maxLength: 12 }).map((ids) => `/compare/?${ids.map((id) => `subjects=${enc(id)}`).join('&')}`),
);
/** Compare with 0 to 12 subjects (the limit is 8), in the query form and the path form, with and without .json. */
const subjects = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...IDS) }, { weight: 1, arbitrary: value }), { maxLength: MAX_SUBJECTS + 4 });
const compareRequest = fc.tuple(subjects, fc.constantFrom('/compare/?subjects=', '/api/compare?subjects=', '/compare/', '/api/compare/'), fc.boolean()).map(([ids, at, json]) => {
  if (at.endsWith('=')) return `${at}${ids.map(enc).join(',')}`;
  return `${at}${ids.map(enc).join('-vs-')}${at.startsWith('/api/') ? (json ? '.json' : '') : '/'}`;
});
/** The runs pages: ids in and out of range, not numbers, with and without a query. */
const runsRequest = fc.tuple(fc.oneof(fc.constantFrom('', '1', '2', '3', '0', '-1', '01', '1e0', '4294967296', '9007199254740993', '1.0', '0x1'), value), fc.oneof(fc.constant(''), queryOf(['q', 'sort', 'page'], 2)))
  .map(([id, q]) => (id === '' ? `/runs/${q}` : `/runs/${enc(id)}/${q}`));
/** Fit, page and API, with every parameter (and the CLI's, which the site does not take) given odd numbers. */
const fitRequest = fc.tuple(fc.constantFrom('/fit/', '/api/fit', '/api/fit.json'), fc.constantFrom(...IDS), fc.constantFrom('fx-80', 'FX-80', 'h100', ''), pairs(FIT_FIELDS, 5))
  .map(([at, model, gpu, ps]) => `${at}?model=${enc(model)}&gpu=${enc(gpu)}${ps.map(([k, v]) => `&${enc(k)}=${enc(v)}`).join('')}`);
/** The tokens API and page by GET. */
const tokensGet = fc.tuple(fc.constantFrom('/api/tokens', '/api/tokens.json', '/tokens/'), queryOf(['text', 'lang', 'tokenizer'], 4)).map(([at, q]) => `${at}${q}`);

type Probe = { method: string; target: string; headers: Record<string, string>; body?: string };

/** Headers an attacker sets to move redirects, poison caches or confuse content negotiation. */
const header = fc.oneof(
  fc.constantFrom<[string, string]>(['host', 'evil.com'], ['x-forwarded-host', 'evil.com'], ['x-forwarded-proto', 'javascript'], ['forwarded', 'host=evil.com;proto=http'],
    ['x-original-url', '//evil.com/'], ['x-rewrite-url', '/api/export.json'], ['referer', 'https://evil.com/<script>x</script>'], ['origin', 'null'], ['cookie', 'a=<script>x</script>'],
    ['accept', 'application/json'], ['accept', '*/*;q=0.<script>'], ['accept-language', 'ja;q=x,<svg>'], ['if-none-match', '"<script>x</script>"'], ['range', 'bytes=0-0,-1'],
    ['x-http-method-override', 'DELETE'], ['content-type', 'application/json; charset=utf-7'], ['content-type', 'multipart/form-data; boundary=x'], ['content-type', 'text/html']),
  fc.tuple(fc.stringMatching(/^x-[a-z]{1,8}$/), value.map((v) => v.replace(/[^\x20-\x7e]/g, '?'))),
);
const headers = fc.array(header, { maxLength: 3 }).map((hs) => Object.fromEntries(hs));

/** POST bodies for the tokens (and audit) API: wrong types, lone surrogates, deep nesting, oversize, not JSON. */
const body = fc.oneof(
  fc.constantFrom('{"text":', '{"text": 5}', '{"text": null}', '{"text": ["a"]}', '{"text": {"__proto__": {"x": 1}}}', '{"__proto__": {"text": "a"}}', '{"text": "a", "text": "b"}',
    '{"text":"\\ud800"}', '{"text":"\\udfff\\ud800"}', '{"text":"a\\u0000b"}', '{"text": ""}', '[]', 'null', '1e309', '"text"', '\ufeff{"text":"a"}', `{"text":"${'x'.repeat(70_000)}"}`,
    `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"text":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`),
  fc.string({ maxLength: 200 }).map((text) => JSON.stringify({ text })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => JSON.stringify({ text })),
  value.map((text) => JSON.stringify({ text })),
  fc.string({ maxLength: 60 }),
);
const postRequest = fc.tuple(fc.constantFrom('/api/tokens', '/api/tokens.json', '/api/audit', '/api/audit.json', '/audit/', '/api/fit', '/runs/'), body, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''))
  .map(([target, b, type]): Probe => ({ method: 'POST', target, headers: type ? { 'content-type': type } : {}, body: b }));

const getRequest = fc.tuple(fc.oneof(modelsRequest, compareRequest, runsRequest, fitRequest, tokensGet), fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), headers)
  .map(([target, method, hs]): Probe => ({ method, target, headers: hs }));

/** The figures of this file, printed at the end: how many requests, and how they were answered. */
const figures = { requests: 0, byStatus: {} as Record<number, number> };

/** Quick tokens engine: the routes are under test here, the worker pool has its own tests. */
const tokens: TokensEngine = { tokenizers: [{ id: 't', name: 'T', proxy: false }], languages: [], count: async (t) => [{ tokenizer: 't', tokens: [...t].length }] };

let app: Hono;
let snapshot: () => Promise<string>;
beforeAll(async () => {
  // Two stored runs, one of them with markup in every field a hostile endpoint controls.
  const db = join(mkdtempSync(join(tmpdir(), 'versus-fuzz-')), 'runs.db');
  const store = new RunStore(db);
  for (const model of ['alpha2-8b', MARKERS[1]!]) {
    const id = store.begin({ endpoint: 'http://127.0.0.1:8000/v1', requestedModel: model, suites: ['smoke'], settings: {}, seed: 1, started: '2026-03-01T10:00:00Z', versusVersion: 'test' });
    store.add(id, { suite: 'smoke', task: MARKERS[0]!, prompt: MARKERS[2]!, answer: MARKERS[0]!, reasoning: '', pass: false, detail: MARKERS[1]!, ttftMs: 1, totalMs: 2, itlMs: null, promptTokens: null, completionTokens: null, concurrency: 1, error: null, toolCalls: [] });
    store.finish(id, model, '2026-03-01T10:01:00Z');
  }
  store.close();
  // With the shipped precisions and engine rules, so fit computes (and its parameters are used, not only parsed).
  const catalog = await catalogAt(siteFixtureDir({ 'precisions.yaml': shippedPrecisions() }));
  app = createApp({ catalog, clock: CLOCK, options: { engines: { ...availableEngines(), tokens: async () => tokens }, runs: () => readRuns(db) } });
  // What must not change whatever is sent: the catalog as the API exports it, and the stored runs.
  snapshot = async () => `${await (await app.request('/api/export.json')).text()}\n${JSON.stringify(readRuns(db))}`;
});

/** What is wrong with one answer (empty when nothing is). Markers stored in the runs are data, escaped like requests. */
async function problems(p: Probe, res: Response): Promise<string[]> {
  figures.requests++;
  figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
  const found: string[] = [];
  const text = await res.text();
  if (res.status >= 500) found.push(`status ${res.status}`);
  const location = res.headers.get('location');
  if (res.status >= 300 && res.status < 400 && (location === null || OFF_SITE.test(location))) found.push(`Location ${location}`);
  if (location !== null && /evil\.com/i.test(location)) found.push(`Location ${location} names another host`);
  if (LEAK.test(text)) found.push(`leak: ${LEAK.exec(text)?.[0]}`);
  for (const m of MARKERS.slice(0, 3)) if (text.includes(m)) found.push(`reflected ${m}`);
  const tags = [...`${p.target}${JSON.stringify(p.headers)}${p.body ?? ''}`.matchAll(/<q[a-z0-9]+ x=/g)].map((m) => m[0]);
  for (const t of tags) if (text.includes(t)) found.push(`reflected ${t}`);
  if (/^<a |^<script|<svg onload|<img src=x/.test(text)) found.push('markup from the request');
  const type = res.headers.get('content-type') ?? '';
  if (new URL(p.target, 'http://x').pathname.startsWith('/api/') && res.status >= 400 && p.method !== 'HEAD') found.push(...jsonErrorProblems(res.status, type, text));
  if (res.headers.get('x-content-type-options') !== 'nosniff') found.push('no nosniff');
  if (res.status === 200 && p.method !== 'HEAD' && /^\/api\/fit/.test(p.target)) found.push(...fitQueryProblems(p.target, text));
  return found;
}

/** What the fit API says it computed must be what was asked, read by hand: a whole number of tokens, the layers given. */
function fitQueryProblems(target: string, text: string): string[] {
  const asked = new URL(target, 'http://x').searchParams;
  const { query } = JSON.parse(text) as { query: { context?: number; gpuLayers?: number } };
  const found: string[] = [];
  const context = asked.getAll('context').at(-1)?.trim();
  if (context) {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(context.replace(/[,_\s]/g, ''));
    const expected = m ? Number(m[1]) * ({ '': 1, k: 1024, m: 1024 * 1024 } as Record<string, number>)[(m[2] ?? '').toLowerCase()]! : NaN;
    if (!Number.isInteger(expected) || query.context !== expected) found.push(`context "${context}" computed as ${query.context}`);
  }
  const ngl = asked.getAll('ngl').at(-1)?.trim();
  if (ngl && (query.gpuLayers !== Number(ngl) || Number(ngl) > 10_000)) found.push(`ngl "${ngl}" computed as ${query.gpuLayers}`);
  return found;
}

/** An API error is `{"error": {"status", "code", "message"}}` as application/json, with the response's status. */
function jsonErrorProblems(status: number, type: string, text: string): string[] {
  if (!type.startsWith('application/json')) return [`API error as ${type}`];
  try {
    const e = (JSON.parse(text) as { error?: { status?: unknown; code?: unknown; message?: unknown; suggestions?: unknown } }).error;
    const ok = e?.status === status && typeof e.code === 'string' && /^E_[A-Z_]+$/.test(e.code) && typeof e.message === 'string' && e.message.length > 0 && !e.message.includes('\n');
    if (!ok) return [`API error body ${text.slice(0, 200)}`];
    // An unknown id is answered with the nearest ids, never with nothing to try.
    const unknownId = typeof e.message === 'string' && e.message.startsWith('Unknown ');
    return unknownId && !(Array.isArray(e.suggestions) && e.suggestions.length > 0) ? [`no nearest ids: ${text.slice(0, 200)}`] : [];
  } catch {
    return [`API error is not JSON: ${text.slice(0, 200)}`];
  }
}

async function send(p: Probe): Promise<Response> {
  return app.request(`http://localhost${p.target}`, { method: p.method, headers: p.headers, ...(p.body !== undefined ? { body: p.body } : {}) });
}

describe('generated hostile input over the newer surfaces', () => {
  it('GET and HEAD: the models form, compare with up to 8 subjects, the runs pages, fit, tokens, hostile headers', async () => {
    const before = await snapshot();
    await fc.assert(fc.asyncProperty(getRequest, async (p) => {
      const res = await send(p);
      expect(await problems(p, res), `${p.method} ${p.target} ${JSON.stringify(p.headers)}`).toEqual([]);
    }), { numRuns: 2500, seed: 20261204 });
    await fc.assert(fc.asyncProperty(postRequest, async (p) => {
      const res = await send(p);
      expect(await problems(p, res), `POST ${p.target} ${JSON.stringify(p.headers)} ${p.body?.slice(0, 200)}`).toEqual([]);
    }), { numRuns: 600, seed: 20261205 });
    // Nothing sent changed the catalog or the stored runs, and both kinds of refusal occurred.
    expect(await snapshot()).toBe(before);
    expect(figures.byStatus[400]).toBeGreaterThan(100);
    expect(figures.byStatus[404]).toBeGreaterThan(50);
    expect(figures.byStatus[200]).toBeGreaterThan(100);
    console.log(`surfaces fuzz figures: ${JSON.stringify(figures)}`);
  }, 120_000);

  it('text with a lone surrogate is a 400 that says where, not a count of U+FFFD', async () => {
    const post = (path: string, text: string) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    for (const [path, text, at] of [['/api/tokens', 'a\ud800b', 'U+D800) at character 2'], ['/api/audit', 'Llama 4 \udc00', 'U+DC00) at character 9']] as const) {
      const res = await post(path, text);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toContain(`the text has a lone surrogate (${at}`);
    }
    // A whole pair is text: U+1F600 is the pair D83D DE00.
    expect((await post('/api/tokens', 'a\ud83d\ude00')).status).toBe(200);
  });

  it('a results database that goes away is a 503 that names no file, not a 400 with the server\'s path', async () => {
    const gone = join(mkdtempSync(join(tmpdir(), 'versus-fuzz-')), 'gone.db');
    const logged: string[] = [];
    const served = createApp({ catalog: await catalogAt(siteFixtureDir()), clock: CLOCK, options: { runs: () => readRuns(gone), log: (m) => logged.push(m) } });
    for (const path of ['/runs/', '/runs/1/']) {
      const res = await served.request(path);
      expect(res.status, path).toBe(503);
      const body = await res.text();
      expect(body, path).toContain('The results database cannot be read at the moment');
      expect(body, path).not.toContain('gone.db');
      expect(body, path).not.toMatch(LEAK);
    }
    expect(logged[0]).toContain('gone.db'); // the server's log says which file
  });

  // A generous bound (not a speed test): before, 59,000 digits held one core for 82 s, 29,000 "![" for 2 s.
  it('answers texts made to make the audit patterns backtrack: long runs of digits, brackets and image marks', async () => {
    for (const text of ['1'.repeat(59_000), '!['.repeat(29_000), '['.repeat(59_000), `${'9'.repeat(30_000)}.${'9'.repeat(28_000)}`]) {
      const res = await app.request('/api/audit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      expect(res.status, text.slice(0, 10)).toBe(200);
    }
  }, 30_000);

  it('a ninth subject is a 400 that names the limit, in every form', async () => {
    const nine = Array.from({ length: MAX_SUBJECTS + 1 }, (_, i) => (i % 2 ? 'alpha' : 'beta'));
    for (const target of [`/compare/?subjects=${nine.join(',')}`, `/compare/${nine.join('-vs-')}/`, `/api/compare?subjects=${nine.join(',')}`, `/api/compare/${nine.join('-vs-')}.json`]) {
      const res = await app.request(target);
      expect(res.status, target).toBe(400);
      expect(await res.text(), target).toContain('at most 8');
    }
  });
});

describe("the static copy's 404 forwarding", () => {
  const ORIGIN = 'https://site.example';
  const pathname = fc.oneof(
    fc.constantFrom('/versus/compare/alpha-vs-beta/', '/versus/compare/alpha-vs-beta', '/versus/compare//evil.com/', '/versus/compare/%2F%2Fevil.com/', '/versus/compare/%5Cevil.com/',
      '/versus/compare/javascript:alert(1)/', '/versus/compare/%0d%0a/', '/versus/compare/%E0%A4%A/', '/versus/compare/a%2F..%2F..%2Fx/', '//evil.com/versus/compare/a-vs-b/',
      '/versus//compare/a-vs-b/', '/versus/compare/..%2f..%2f..%2fevil.com/', '/versus/compare/%252F%252Fevil.com/', '/versus/compare/a-vs-b/c/', '/other/compare/a-vs-b/'),
    fc.tuple(fc.constantFrom('/versus/compare/', '/versus/', '/'), fc.array(fc.oneof(fc.constantFrom(...NASTY, ...MARKERS, ...IDS), fc.string({ maxLength: 12 })), { maxLength: 3 }), fc.boolean())
      .map(([at, parts, raw]) => `${at}${parts.map((s) => (raw ? wellFormed(s).replace(/[^\x21-\x7e]/g, enc) : enc(s))).join(raw ? '-vs-' : '/')}`),
  );

  it('forwards only comparison addresses, only to the compare page of the same copy', () => {
    fc.assert(fc.property(pathname, (path) => {
      const target = forwardTarget(path, '/versus/');
      if (target === undefined) return;
      const url = new URL(target, `${ORIGIN}/versus/`);
      expect(url.origin, path).toBe(ORIGIN);
      expect(url.pathname, path).toBe('/versus/compare/');
      expect([...url.searchParams.keys()], path).toEqual(['subjects']);
    }), { numRuns: 1500, seed: 20261206 });
  });

  it('forwards a comparison the copy has no page for, and nothing else', () => {
    expect(forwardTarget('/versus/compare/alpha-vs-beta-vs-Gamma/', '/versus/')).toBe('compare/?subjects=alpha,beta,gamma');
    expect(forwardTarget('/versus/compare/a%20b-vs-c/', '/versus/')).toBe('compare/?subjects=a%20b,c');
    for (const path of ['/versus/models/x/', '/versus/compare/', '/versus/compare/a/b/', '/compare/a-vs-b/', '/versus/compare/%E0%A4%A/', '/versus/compare/-vs-/']) {
      expect(forwardTarget(path, '/versus/'), path).toBeUndefined();
    }
  });
});
