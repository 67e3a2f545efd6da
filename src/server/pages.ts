// The HTML routes: each parses its input, calls the library, and renders a page from src/site.
import { Hono, type Context } from 'hono';
import type { Catalog } from '../catalog/catalog.js';
import { suggest } from '../catalog/suggest.js';
import { compare } from '../compare/comparison.js';
import { resolveSubjects } from '../compare/subjects.js';
import { NotFoundError } from '../errors.js';
import { FAVICON_SVG, SITE_CSS } from '../site/assets.js';
import { pageContext, rootContext, type Site } from '../site/context.js';
import type { Engines, TokenCount, TokensEngine } from '../site/engines.js';
import type { FormValues } from '../site/form.js';
import { compareFormPage, comparePage } from '../site/pages/compare.js';
import { fitPage } from '../site/pages/fit.js';
import { homePage } from '../site/pages/home.js';
import { modelPage } from '../site/pages/model.js';
import { modelsPage } from '../site/pages/models.js';
import { parseModelsQuery } from '../site/models-table.js';
import { recommendPage } from '../site/pages/recommend.js';
import { sourcesPage } from '../site/pages/sources.js';
import { tokensPage, type CountRow } from '../site/pages/tokens.js';
import { auditPage } from '../site/pages/audit.js';
import { notFoundPage } from '../site/pages/error.js';
import { audit } from '../audit/index.js';
import { paths, splitPair } from '../site/paths.js';
import { folderUrl, rawPath } from './guard.js';
import type { SiteScripts } from './scripts.js';
import { fullLanguageTable } from '../catalog/languages.js';
import { premiumTable } from '../measure/tokens/measured.js';
import { CACHE_ASSET, CACHE_NONE, CACHE_PAGE } from './headers.js';
import { AuditBody, CompareQuery, FitQuerySchema, recommendQuery, resolveFit, TokensQuery, validate } from './query.js';

/**
 * An HTML page from the catalog: cacheable, since the catalog never changes while the server runs.
 * @example app.get('/sources/', (c) => htmlResponse(c, sourcesPage(ctx(c))))
 */
export function htmlResponse(c: Context, html: string, cache = CACHE_PAGE): Response {
  return c.html(html, 200, { 'cache-control': cache });
}

/**
 * The site's pages over `site`, with `engines` for the calculators that have one; `base` is the URL path the site
 * is served from, for the links of the not-found page; `scripts` are the browser scripts the pages link.
 * @example app.route('/', pageRoutes(site, availableEngines()))
 */
export function pageRoutes(site: Site, engines: Engines, base = '/', scripts: SiteScripts = {}): Hono {
  const app = new Hono();
  const ctx = (c: Context) => pageContext(site, c.req.path);
  const tokens = lazy(engines.tokens);

  // Pages are folders ("/models/x/"), as in the static export: redirect so relative links resolve alike.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (path.endsWith('/') || path === `/${paths.notFound}` || path.startsWith('/assets/') || path.startsWith('/api/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    // Built from the re-encoded path, never the decoded text: "//evil.com" must stay on this site.
    return c.redirect(folderUrl(rawPath(c.req.url), new URL(c.req.url).search), 301);
  });

  app.get('/', (c) => htmlResponse(c, homePage(ctx(c))));
  app.get('/models/', (c) => {
    const values: FormValues = c.req.queries();
    return htmlResponse(c, modelsPage(ctx(c), parseModelsQuery(values), values));
  });
  app.get('/models/:id/', (c) => htmlResponse(c, modelPage(ctx(c), findModel(site.catalog, c.req.param('id')))));
  app.get('/sources/', (c) => htmlResponse(c, sourcesPage(ctx(c))));

  // The form's query (any number of subjects) redirects to the shareable path form.
  app.get('/compare/', (c) => {
    // A static host cannot redirect: the static copy's compare/ page builds the comparison in the browser.
    if (site.mode === 'static' && Object.keys(c.req.queries()).length === 0) return htmlResponse(c, compareFormPage(ctx(c)));
    if (Object.keys(c.req.queries()).length === 0) return c.redirect(ctx(c).href(paths.home), 302);
    const ids = validate(CompareQuery, c.req.queries());
    resolveSubjects(site.catalog, ids); // unknown ids: 404 with suggestions here, not after the redirect
    return c.redirect(ctx(c).href(paths.compare(ids)), 302);
  });
  app.get('/compare/:pair/', (c) => {
    const ids = validate(CompareQuery, { subjects: splitPair(c.req.param('pair')) });
    return htmlResponse(c, comparePage(ctx(c), compare(site.catalog, resolveSubjects(site.catalog, ids), engines.measuredTokens ? { tokens: engines.measuredTokens } : {})));
  });

  app.get('/recommend/', async (c) => {
    const values: FormValues = c.req.queries();
    const query = Object.keys(values).length ? recommendQuery(site.catalog, values) : undefined;
    if (query?.useCase && !site.catalog.useCase.has(query.useCase)) throw new NotFoundError('use case', query.useCase, suggest(query.useCase, site.catalog.useCase.keys()));
    const result = query && (await engines.recommend?.(site.catalog, query));
    return htmlResponse(c, recommendPage(ctx(c), { values, ...(query ? { query } : {}), ...(result ? { result } : {}) }));
  });

  app.get('/fit/', (c) => {
    const values: FormValues = c.req.queries();
    const query = Object.keys(values).length ? resolveFit(site.catalog, validate(FitQuerySchema, values)) : undefined;
    if (query) findModel(site.catalog, query.model);
    const report = query && engines.fit?.(site.catalog, query);
    return htmlResponse(c, fitPage(ctx(c), { values, ...(query ? { query } : {}), ...(report ? { report } : {}) }));
  });

  // The static copy charts the shipped measurements, and counts text in the browser with the tokenizers it carries.
  const table = engines.measuredTokens && premiumTable(engines.measuredTokens);
  const carried = engines.browserTokenizers;
  app.get('/tokens/', async (c) => {
    const values: FormValues = c.req.queries();
    const q = validate(TokensQuery, values);
    if (site.mode === 'static') return htmlResponse(c, tokensPage(ctx(c), { values, languages: q.lang, tokenizers: q.tokenizer, ...(table ? { table } : {}), ...(carried ? { browser: carried.index } : {}) }));
    const engine = await tokens();
    const counts = engine && q.text !== undefined ? countRows(engine, await engine.count(q.text)) : undefined;
    // A reader's own text is not kept in the response cache.
    const cache = q.text === undefined ? CACHE_PAGE : CACHE_NONE;
    return htmlResponse(c, tokensPage(ctx(c), { values, languages: q.lang, tokenizers: q.tokenizer, ...(q.text !== undefined ? { text: q.text } : {}), ...(engine ? { engine } : {}), ...(counts ? { counts } : {}) }), cache);
  });

  app.get('/audit/', (c) => htmlResponse(c, auditPage(ctx(c), {})));
  app.post('/audit/', async (c) => {
    const form = await c.req.parseBody();
    const { text } = validate(AuditBody, { text: form.text });
    // A reader's own text is neither cached nor kept.
    return htmlResponse(c, auditPage(ctx(c), { text, result: audit(site.catalog, text, 'the pasted text') }), CACHE_NONE);
  });

  // The page a static host serves for any missing address (404.html in the export), so its links start at the root path.
  app.get(`/${paths.notFound}`, (c) => c.html(notFoundPage(rootContext(site, base)), 404, { 'cache-control': CACHE_PAGE }));
  app.get('/assets/site.css', (c) => c.body(SITE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': CACHE_ASSET }));
  for (const [name, text] of Object.entries(scripts)) {
    app.get(`/${paths.script(name)}`, (c) => c.body(text, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': CACHE_ASSET }));
  }
  // What the calculators need in the browser of a static copy: the shipped measurements and the language names.
  if (engines.measuredTokens) {
    const measured = JSON.stringify(engines.measuredTokens);
    app.get(`/${paths.measuredTokens}`, (c) => c.body(measured, 200, { 'content-type': 'application/json', 'cache-control': CACHE_PAGE }));
  }
  if (carried) {
    const index = JSON.stringify(carried.index);
    app.get(`/${paths.tokenizerIndex}`, (c) => c.body(index, 200, { 'content-type': 'application/json', 'cache-control': CACHE_PAGE }));
    for (const t of carried.index.tokenizers) {
      const form = new Uint8Array(carried.forms.get(t.id)!);
      app.get(`/${t.path}`, (c) => c.body(form, 200, { 'content-type': 'application/octet-stream', 'cache-control': CACHE_PAGE }));
    }
  }
  app.get(`/${paths.languages}`, async (c) => c.body(JSON.stringify(await fullLanguageTable()), 200, { 'content-type': 'application/json', 'cache-control': CACHE_PAGE }));
  app.get('/assets/favicon.svg', (c) => c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': CACHE_ASSET }));
  return app;
}

/**
 * The counted section's rows: every tokenizer of the engine, with its count or, when its files are not on this server,
 * what to do about it.
 */
function countRows(engine: TokensEngine, counts: readonly TokenCount[]): CountRow[] {
  const names = new Map(engine.tokenizers.map((t) => [t.id, t.name + (t.proxy ? ' (proxy)' : '')]));
  const row = (c: TokenCount): CountRow => ({ tokenizer: c.tokenizer, name: names.get(c.tokenizer) ?? c.tokenizer, ...('tokens' in c ? { tokens: c.tokens } : { missing: c.unavailable }) });
  // The counted ones first: they are what the reader asked for.
  return [...counts.filter((c) => 'tokens' in c).map(row), ...counts.filter((c) => !('tokens' in c)).map(row)];
}

/**
 * The model with this id (any case), or a 404 that suggests the nearest ids.
 * @example findModel(catalog, 'Qwen3.5-27B').id // 'qwen3.5-27b'
 */
export function findModel(catalog: Catalog, id: string) {
  const wanted = id.toLowerCase();
  const model = catalog.model.get(wanted);
  if (!model) throw new NotFoundError('model', id.slice(0, 100), suggest(wanted.slice(0, 100), catalog.model.keys()));
  return model;
}

/**
 * Loads the tokens engine on first use and keeps it; `undefined` when this build has none.
 * @example const tokens = lazy(engines.tokens); const engine = await tokens()
 */
export function lazy(load: Engines['tokens']): () => Promise<TokensEngine | undefined> {
  let loaded: Promise<TokensEngine> | undefined;
  return async () => {
    if (!load) return undefined;
    loaded ??= load();
    return loaded;
  };
}
