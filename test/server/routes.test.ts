// Route tests, in-process through app.request(): status, headers and what each page and API answer says.
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { citingValues } from '../../src/catalog/cited-by.js';
import { ROOT } from '../../src/paths.js';
import { createApp } from '../../src/server/app.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/headers.js';
import { openApiDocument } from '../../src/server/openapi.js';
import type { Recommendation } from '../../src/site/engines.js';
import { attrs, CLOCK, fixtureApp, visibleText } from './site-helpers.js';
import { availableEngines } from '../../src/site/engines.js';
import { REF } from '../measure/tokens/reference.js';

let app: Hono;
let catalog: Catalog;
beforeAll(async () => {
  ({ app, catalog } = await fixtureApp());
});

const get = (path: string, init?: RequestInit) => app.request(path, init);
const errorOf = async (res: Response) => ((await res.json()) as { error: { status: number; code: string; message: string; suggestions?: string[] } }).error;

describe('pages', () => {
  it('serves the home page with every family pair, the compare form and the data links', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(attrs(html, 'href')).toContain('compare/alpha-vs-beta/');
    expect(html).toContain('<form class="panel" action="compare/" method="get"');
    expect(attrs(html, 'href')).toEqual(expect.arrayContaining(['api/export.json', 'api/export.csv', 'api/openapi.json']));
  });

  it('renders a comparison whose every citation mark links to a numbered source on the page', async () => {
    const html = await (await get('/compare/alpha-vs-beta/')).text();
    const marks = new Set(attrs(html, 'href').filter((h) => h.startsWith('#src-')));
    const anchors = new Set(attrs(html, 'id').filter((id) => id.startsWith('src-')).map((id) => `#${id}`));
    expect(marks.size).toBeGreaterThan(3);
    expect([...marks].filter((m) => !anchors.has(m))).toEqual([]);
    expect(html).toContain('<h1>Alpha 2 vs Beta 1</h1>');
    expect(html).toContain('href="../../models/beta1-27b/"');
  });

  it('draws the context chart from the cited facts: Alpha 2 1,000,000 tokens, Beta 1 262,144', async () => {
    const html = await (await get('/compare/alpha-vs-beta/')).text();
    const chart = html.slice(html.indexOf('id="chart-context"'), html.indexOf('</figure>', html.indexOf('id="chart-context"')));
    // 262,144 ÷ 1,000,000 × 310 units of bar width = 81.3
    expect(chart).toContain('width="310.0"');
    expect(chart).toContain('width="81.3"');
    expect(visibleText(chart)).toMatch(/1,000,000 \[\d+\]/);
  });

  it('parses ids with dots and hyphens, and N-way comparisons from the path', async () => {
    const res = await get('/compare/alpha2-100b-a10b-vs-beta1-27b-vs-alpha1/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Alpha2-100B-A10B vs Beta1-27B vs Alpha 1</h1>');
  });

  it('redirects the form query to the shareable path, any number of subjects', async () => {
    const res = await get('/compare/?subjects=alpha2&subjects=alpha1,beta&subjects=');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('../compare/alpha2-vs-alpha1-vs-beta/');
  });

  it('redirects page paths without a trailing slash, keeping the query', async () => {
    const res = await get('/recommend?languages=ja');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/recommend/?languages=ja');
  });

  it('lists every fact of a model with its source and retrieval date', async () => {
    const html = await (await get('/models/alpha2-100b-a10b/')).text();
    for (const label of ['Released', 'Parameters', 'Architecture', 'KV cache', 'Context', 'Licence']) expect(html).toContain(`<th scope="row">${label}</th>`);
    expect(visibleText(html)).toContain('Alpha cards — Alpha Labs, primary, retrieved 2026-01-10');
    expect(visibleText(html)).toContain('1,000,000 tokens (1M) native');
  });

  it('lists every source with the values that cite it', async () => {
    const html = await (await get('/sources/')).text();
    expect(html).toContain('<li id="alpha-blog">');
    // alpha-blog backs one cloud of alpha2-8b and the disputed context claim of alpha2-100b-a10b.
    const entry = html.slice(html.indexOf('<li id="alpha-blog">'), html.indexOf('</ul></li>', html.indexOf('<li id="alpha-blog">')));
    expect(visibleText(entry)).toContain('Alpha2-8B: clouds Cloud Two');
    expect(visibleText(entry)).toContain('Alpha2-100B-A10B: context.native.also 262,144');
  });

  it('serves the stylesheet with a long cache life, and no page carries inline script or style', async () => {
    const css = await get('/assets/site.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', '/compare/alpha-vs-beta/', '/models/alpha2-8b/', '/sources/', '/recommend/', '/fit/', '/tokens/']) {
      const html = await (await get(path)).text();
      expect(html, path).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    }
  });
});

describe('headers', () => {
  it('sets a strict CSP and the other security headers on pages, API answers and errors alike', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    for (const path of ['/', '/api/models', '/models/nope/', '/api/models/nope', '/recommend/?context=x']) {
      const res = await get(path);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('answers a repeated GET from the cache with the same ETag, and 304 when the client has it', async () => {
    const first = await get('/compare/alpha-vs-beta/');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const again = await get('/compare/alpha-vs-beta/');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    const revalidated = await get('/compare/alpha-vs-beta/', { headers: { 'if-none-match': etag ?? '' } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
  });

  it('gzips for clients that accept it, under a different ETag', async () => {
    const plain = await get('/sources/');
    const zipped = await get('/sources/', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('never caches errors', async () => {
    const res = await get('/models/nope/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('errors', () => {
  it('answers an unknown model with 404 and links to the nearest ids', async () => {
    const res = await get('/models/alpha2-8/');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(visibleText(html)).toContain('Unknown model "alpha2-8". Did you mean: alpha2-8b');
    expect(html).toContain('<a href="/models/alpha2-8b/">alpha2-8b</a>');
  });

  it('answers an unknown subject in a comparison with a link to the corrected comparison', async () => {
    const html = await (await get('/compare/alpha-vs-betta/')).text();
    expect(html).toContain('<a href="/compare/alpha-vs-beta/">beta</a>');
  });

  it('answers the API with JSON errors that carry a stable code and suggestions', async () => {
    const res = await get('/api/models/alpha2-8');
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error).toMatchObject({ status: 404, code: 'E_NOT_FOUND', message: expect.stringMatching(/^Unknown model "alpha2-8"\. Did you mean: alpha2-8b, /) });
    expect(error.suggestions?.[0]).toBe('alpha2-8b');
  });

  it('rejects invalid input with 400 and names each field that is wrong', async () => {
    const res = await get('/api/recommend?context=lots&languages=12&gpus=0');
    expect(res.status).toBe(400);
    const { message, code } = await errorOf(res);
    expect(code).toBe('E_BAD_REQUEST');
    expect(message).toContain('languages: "12" is not a language');
    expect(message).toContain('context must be a number of tokens such as 128k, 1m or 131072 (got "lots")');
    expect(message).toContain('gpus must be a whole number of GPUs from 1 to 1024 (got "0")');
  });

  it('needs two different subjects to compare', async () => {
    expect(await errorOf(await get('/api/compare?subjects=alpha'))).toMatchObject({ status: 400, message: expect.stringContaining('compare needs at least two subjects') });
    expect(await errorOf(await get('/api/compare?subjects=alpha,alpha'))).toMatchObject({ status: 400, code: 'E_USAGE' });
  });

  it('refuses request bodies over the limit with 413', async () => {
    const res = await get('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('E_TOO_LARGE');
  });
});

describe('JSON API', () => {
  it('lists models with stable ids and their headline values', async () => {
    const body = (await (await get('/api/models')).json()) as { version: number; models: { id: string; params: { total: number | null }; context: number | null }[] };
    expect(body.version).toBe(1);
    expect(body.models.map((m) => m.id)).toEqual(catalog.models.map((m) => m.id));
    expect(body.models.find((m) => m.id === 'alpha2-100b-a10b')).toMatchObject({ params: { total: 100e9, active: 10e9 }, context: 1_000_000, family: 'alpha' });
  });

  it('answers /api/models/<id> and /api/models/<id>.json alike, with the sources the model cites', async () => {
    const a = await (await get('/api/models/alpha2-8b')).json();
    const b = (await (await get('/api/models/alpha2-8b.json')).json()) as { sources: { id: string }[] };
    expect(a).toEqual(b);
    expect(b.sources.map((s) => s.id).sort()).toEqual(['alpha-blog', 'alpha-card', 'alpha-config']);
  });

  it('returns comparisons that validate against the published schema', async () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'comparison.schema.json'), 'utf8')) as object);
    const byQuery = await (await get('/api/compare?subjects=alpha,beta')).json();
    expect(validate(byQuery), JSON.stringify(validate.errors)).toBe(true);
    expect(await (await get('/api/compare/alpha-vs-beta.json')).json()).toEqual(byQuery);
  });

  it('exports every sourced value as CSV, one row each plus the header', async () => {
    const csv = await (await get('/api/export.csv')).text();
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,id,name,path,value,unknown,note,source,source_url,source_title,publisher,source_kind,retrieved');
    expect(rows.length).toBe(citingValues(catalog).length + 1);
    expect(rows).toContain('models,alpha2-100b-a10b,Alpha2-100B-A10B,context.native.also[0],262144,,the blog gives the trained length,alpha-blog,https://example.org/alpha/blog,Alpha blog,Alpha Labs,secondary,2026-01-12');
  });

  it('exports the whole catalog as JSON', async () => {
    const body = (await (await get('/api/export.json')).json()) as Record<string, unknown[]>;
    expect(body.models?.length).toBe(catalog.models.length);
    expect(body.sources?.length).toBe(catalog.sources.length);
  });

  it('serves the OpenAPI document that is committed under schema/', async () => {
    const served = await (await get('/api/openapi.json')).json();
    expect(served, 'schema/openapi.json is stale: run "npm run build && npm run schema"').toEqual(JSON.parse(readFileSync(join(ROOT, 'schema', 'openapi.json'), 'utf8')));
    expect(Object.keys(openApiDocument().paths)).toEqual(expect.arrayContaining(['/api/models', '/api/models/{id}', '/api/compare', '/api/recommend', '/api/fit', '/api/tokens', '/api/export.json', '/api/export.csv']));
  });

  it('lets any origin read the API', async () => {
    expect((await get('/api/models')).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('engines that are not in this build', () => {
  it('recommend: the form round-trips and the page says plainly that nothing is ranked', async () => {
    const res = await get('/recommend/?languages=ja,hi&context=128k&modalities=image&mau=1.2b&region=EU&distribute=yes&gpu=fx-80&gpus=2');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="ja,hi"');
    expect(html).toContain('value="128k"');
    expect(html).toContain('<input type="checkbox" name="modalities" value="image" checked>');
    expect(html).toContain('<option value="fx-80" selected>');
    const text = visibleText(html);
    expect(text).toContain('Constraints: languages ja, hi; context ≥ 131,072 tokens (128K); image input; 1,200,000,000 monthly active users; company based in European Union; distributes the model; 2× fx-80');
    expect(text).toContain('Not available yet.');
    expect(html).not.toContain('Ranked models');
  });

  it('answers the engine routes of the API with 501 once the input is valid', async () => {
    for (const path of ['/api/recommend?languages=ja', '/api/fit?model=alpha2-8b&gpu=fx-80', '/api/tokens?text=hi']) {
      const res = await get(path);
      expect(res.status, path).toBe(501);
      expect((await errorOf(res)).code).toBe('E_NOT_AVAILABLE');
    }
    expect((await get('/api/fit?model=alpha2-8b&gpu=zz-1')).status).toBe(404);
  });

  it('fit: shows the cited facts it would rest on, and no computed answer', async () => {
    const text = visibleText(await (await get('/fit/?model=alpha2-8b&gpu=fx-80&gpus=2&context=32k')).text());
    expect(text).toContain('Not available yet.');
    expect(text).toContain('Fixture FX-80 memory80 GB[');
    expect(text).toContain(' each, 160 GB across 2');
    expect(text).toContain('Fixture GPU datasheet — Example, primary, retrieved 2026-01-20');
  });
});

describe('engines, when present', () => {
  // A test double standing in for issue 5's engine: proves the page renders what an engine returns, with citations.
  const recommendation: Recommendation = {
    ranked: [{ model: 'alpha2-8b', score: 0.8, reasons: [{ text: '8 official languages', refs: [{ source: 'alpha-card' }] }], checks: [] }],
    excluded: [{ model: 'beta1-1b', failed: [{ constraint: 'context', pass: false, why: [{ text: '32,768 tokens is below 131,072', refs: [{ source: 'beta-card' }] }] }] }],
    relax: [],
  };

  it('ranks with reasons and lists the excluded models with the fact that excluded them', async () => {
    const { catalog: c } = await fixtureApp();
    const withEngine = createApp({ catalog: c, clock: CLOCK, options: { engines: { recommend: async () => recommendation } } });
    const html = await (await withEngine.request('/recommend/?context=128k')).text();
    const text = visibleText(html);
    expect(text).toContain('1. Alpha2-8B80/1008 official languages[1]');
    expect(text).toContain('Beta1-1B: context — 32,768 tokens is below 131,072[2]');
    expect(text).toContain('Alpha cards — Alpha Labs, primary, retrieved 2026-01-10');
    const api = (await (await withEngine.request('/api/recommend?context=128k')).json()) as { result: { ranked: { reasons: string }[] }; citations: { n: number; id: string }[] };
    expect(api.result.ranked[0]?.reasons).toBe('8 official languages[1]');
    expect(api.citations.map((x) => x.id)).toEqual(['alpha-card', 'beta-card']);
  });
});

describe('the real recommend engine', () => {
  it('ranks the fixture models for an EU company that needs images, and says why the others are out', async () => {
    const { app: real } = await fixtureApp({ engines: availableEngines() });
    const html = await (await real.request('/recommend/?region=EU&modalities=image')).text();
    const text = visibleText(html);
    // Beta1-27B is the only image model under an open licence; the restricted licence excludes EU companies.
    expect(text).toMatch(/Ranked models[\s\S]*1\. Beta1-27B[\s\S]*✓ modalities: takes image input[\s\S]*✓ license: Open Fixture License[\s\S]*The only model that qualifies/);
    expect(text).toMatch(/Alpha2-100B-A10B: license — Restricted Fixture License\[\d+\]: no licence to this multimodal model for individuals domiciled in, or companies with a principal place of business in, the European Union/);
    const api = (await (await real.request('/api/recommend?region=EU&modalities=image')).json()) as { result: { ranked: { model: string }[] } };
    expect(api.result.ranked.map((r) => r.model)).toEqual(['beta1-27b']);
  });
});

describe('the real tokens engine', () => {
  it('charts the default languages and counts a text with the tokenizers whose files the server has (here Llama 3\'s and Gemma 3\'s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-server-tok-'));
    for (const sub of ['llama3', 'gemma3']) symlinkSync(join(REF, sub), join(dir, sub));
    vi.stubEnv('VERSUS_TOKENIZER_DIR', dir);
    const { app: real } = await fixtureApp({ engines: availableEngines() });
    const html = await (await real.request(`/tokens/?text=${encodeURIComponent('Hello, world!')}`)).text();
    const text = visibleText(html);
    // "Hello, world!" is 4 tokens for the Llama 3 tokenizer: ids 9906, 11, 1917, 0 as vLLM's docs print them (see tokenizers.test.ts).
    expect(text).toMatch(/Your text: 13 characters, 13 UTF-8 bytes[\s\S]*Llama 3\.x4Gemma 3/);
    expect(html).toContain('<title id="chart-premium-title">');
    expect(text).toContain('Amharic');
    vi.unstubAllEnvs();
  });
});

describe('static mode', () => {
  it('keeps the calculators\' forms, runs them with the browser script, and says what to run when JavaScript is off', async () => {
    const { catalog: c } = await fixtureApp();
    const site = createApp({ catalog: c, clock: CLOCK, options: { mode: 'static', scripts: { tools: '/* tools */', models: '/* models */' } } });
    for (const [path, command] of [['/recommend/', 'versus recommend'], ['/fit/', 'versus fit'], ['/audit/', 'versus audit article.md'], ['/compare/', 'versus compare']]) {
      const html = await (await site.request(path ?? '')).text();
      expect(html, path).toContain('<form class="panel"');
      expect(html, path).toMatch(/<noscript><div class="notice" role="note"><p>This is a static copy of the site: [^<]+ runs in your browser/);
      expect(html, path).toContain(`<code>${command}`);
      expect(html, path).toMatch(/<script type="module" src="\.\.\/assets\/tools\.js\?v=[0-9a-f]{16}" data-page="[a-z]+"><\/script>/);
    }
    // Built without tokenizers, Tokens charts the measurements and says how to count a text: rebuild, the CLI or the server.
    const tokens = await (await site.request('/tokens/')).text();
    expect(tokens).not.toContain('<textarea');
    expect(tokens).toContain('It was built without tokenizers, so it cannot count your own text: build it with <code>versus build-site DIR --tokenizers</code>');
    expect(tokens).toContain('<code>versus tokens --text "…"</code>');
    // With some: a text box, what it carries, and each tokenizer it lacks with the file's URL and how to add it.
    const llama3 = { id: 'llama3', label: 'Llama 3.x', path: 'assets/tokenizers/llama3.bin', bytes: 3, sha256: 'ab', of: 'llama3/tokenizer.model', source: 'tiktoken:x' };
    const browserTokenizers = { index: { version: 1 as const, tokenizers: [llama3], missing: [{ id: 'gemma3', label: 'Gemma 3', why: 'gemma3/tokenizer.json was not available when this copy was built. It is https://huggingface.co/x.' }] }, forms: new Map([['llama3', new Uint8Array([1, 2, 3])]]) };
    const carrying = createApp({ catalog: c, clock: CLOCK, options: { mode: 'static', scripts: { tools: '/* tools */' }, engines: { browserTokenizers } } });
    const withTokenizers = await (await carrying.request('/tokens/')).text();
    expect(withTokenizers).toContain('<textarea');
    expect(visibleText(withTokenizers)).toContain('with the one tokenizer this copy carries (Llama 3.x; 3 B in all)');
    expect(visibleText(withTokenizers)).toContain('Not in this copy:Gemma 3: gemma3/tokenizer.json was not available when this copy was built. It is https://huggingface.co/x.');
    expect(withTokenizers).toMatch(/<noscript>.*Counting in the browser needs JavaScript/s);
    const form = await carrying.request('/assets/tokenizers/llama3.bin');
    expect(new Uint8Array(await form.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(((await (await carrying.request('/assets/tokenizers/index.json')).json()) as { tokenizers: unknown[] }).tokenizers).toEqual([llama3]);
    // The server answers forms itself: no script on its calculator pages.
    const server = createApp({ catalog: c, clock: CLOCK, options: { scripts: { tools: '/* tools */' } } });
    expect(await (await server.request('/recommend/')).text()).not.toContain('<script');
    expect(await (await site.request('/')).text()).toContain('<form class="panel" action="compare/" method="get" aria-label="Compare">');
  });
});
