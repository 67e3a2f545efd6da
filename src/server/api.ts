// The JSON API: the same library calls as the pages, as plain data with stable ids and numbered citations.
import { Hono, type Context } from 'hono';
import type { Catalog, CatalogData } from '../catalog/catalog.js';
import { citingItem, citingValues } from '../catalog/cited-by.js';
import { known } from '../catalog/catalog.js';
import type { Rich } from '../compare/cell.js';
import { numberCitations } from '../compare/comparison.js';
import { compare } from '../compare/comparison.js';
import { resolveSubjects } from '../compare/subjects.js';
import { TOOL_VERSION } from '../paths.js';
import { markedText, numbering } from '../render/citations.js';
import { toCsv } from '../render/csv.js';
import { citationJson, toJson } from '../render/json.js';
import type { Site } from '../site/context.js';
import type { Engines } from '../site/engines.js';
import { splitPair } from '../site/paths.js';
import { CACHE_NONE, CACHE_PAGE } from './headers.js';
import { HttpError, jsonText } from './http-error.js';
import { openApiDocument } from './openapi.js';
import { findModel, lazy } from './pages.js';
import { AuditBody, CompareQuery, FitQuerySchema, recommendQuery, resolveFit, TokensBody, TokensQuery, validate } from './query.js';
import { audit } from '../audit/index.js';
import { renderAuditJson } from '../render/audit.js';

const json = (c: Context, data: unknown, cache = CACHE_PAGE) => c.body(jsonText(data), 200, { 'content-type': 'application/json', 'cache-control': cache });

/** "/api/models/qwen3.5-27b.json" and "/api/models/qwen3.5-27b" are the same resource (the static export has the first). */
const stripJson = (s: string) => s.replace(/\.json$/, '');

/**
 * The API under /api; every route also answers with a `.json` suffix, as the static export names its files.
 * @example app.route('/api', apiRoutes(site, availableEngines()))
 */
export function apiRoutes(site: Site, engines: Engines): Hono {
  const { catalog } = site;
  const app = new Hono();
  const tokens = lazy(engines.tokens);
  const measured = engines.measuredTokens ? { tokens: engines.measuredTokens } : {};

  for (const path of ['/models', '/models.json']) app.get(path, (c) => json(c, { version: 1, models: catalog.models.map((m) => modelSummary(catalog, m.id)) }));
  app.get('/models/:id', (c) => {
    const model = findModel(catalog, stripJson(c.req.param('id')));
    const sources = [...new Set(citingItem('models', model).map((x) => x.source))].flatMap((id) => catalog.source.get(id) ?? []);
    return json(c, { version: 1, model, generation: catalog.generation.get(model.generation), family: catalog.family.get(catalog.generation.get(model.generation)?.family ?? ''), license: catalog.license.get(model.license.value), sources });
  });

  for (const path of ['/compare', '/compare.json']) app.get(path, (c) => json(c, toJson(compare(catalog, resolveSubjects(catalog, validate(CompareQuery, c.req.queries())), measured))));
  app.get('/compare/:pair', (c) => {
    const ids = validate(CompareQuery, { subjects: splitPair(stripJson(c.req.param('pair'))) });
    return json(c, toJson(compare(catalog, resolveSubjects(catalog, ids), measured)));
  });

  for (const path of ['/recommend', '/recommend.json']) app.get(path, async (c) => {
    const query = recommendQuery(catalog, c.req.queries());
    if (!engines.recommend) throw unavailable('The recommendation engine (versus recommend)');
    return json(c, { version: 1, query, ...withCitations(catalog, await engines.recommend(catalog, query)) });
  });
  for (const path of ['/fit', '/fit.json']) app.get(path, (c) => {
    const query = resolveFit(catalog, validate(FitQuerySchema, c.req.queries()));
    findModel(catalog, query.model);
    if (!engines.fit) throw unavailable('The memory and speed calculator (versus fit)');
    return json(c, { version: 1, query, ...withCitations(catalog, engines.fit(catalog, query)) });
  });
  for (const path of ['/tokens', '/tokens.json']) {
    app.get(path, async (c) => {
      const q = validate(TokensQuery, c.req.queries());
      const engine = await tokens();
      if (!engine) throw unavailable('Tokenizer measurements (versus tokens)');
      const languages = engine.languages.filter((l) => q.lang.length === 0 || q.lang.includes(l.code));
      const counts = q.text === undefined ? undefined : await engine.count(q.text);
      return json(c, { version: 1, tokenizers: engine.tokenizers, languages, ...(counts ? { counts } : {}) }, q.text === undefined ? CACHE_PAGE : CACHE_NONE);
    });
    app.post(path, async (c) => {
      const body = validate(TokensBody, await readJson(c));
      const engine = await tokens();
      if (!engine) throw unavailable('Tokenizer measurements (versus tokens)');
      return json(c, { version: 1, characters: [...body.text].length, counts: await engine.count(body.text) }, CACHE_NONE);
    });
  }

  for (const path of ['/audit', '/audit.json']) {
    app.post(path, async (c) => {
      const body = validate(AuditBody, await readJson(c));
      return c.body(renderAuditJson(audit(catalog, body.text, 'request')), 200, { 'content-type': 'application/json', 'cache-control': CACHE_NONE });
    });
  }

  app.get('/export.json', (c) => json(c, { version: 1, generator: `versus ${TOOL_VERSION}`, asOf: site.asOf, ...catalogData(catalog) }));
  app.get('/export.csv', (c) => c.body(exportCsv(catalog), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'inline; filename="versus-facts.csv"', 'cache-control': CACHE_PAGE }));
  app.get('/openapi.json', (c) => json(c, openApiDocument()));
  return app;
}

function unavailable(what: string): HttpError {
  return new HttpError(501, `${what} is not part of this build yet.`);
}

async function readJson(c: Context): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new HttpError(400, 'Send the text as JSON: {"text": "…"} with Content-Type: application/json.');
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** One line per model in /api/models: the values most lists need, with their ids. */
function modelSummary(catalog: Catalog, id: string) {
  const m = findModel(catalog, id);
  return {
    id: m.id, name: m.name, family: catalog.generation.get(m.generation)?.family ?? null, generation: m.generation,
    released: known(m.released) ?? null, params: { total: known(m.params.total) ?? null, active: known(m.params.active) ?? null },
    context: known(m.context.native) ?? null, license: m.license.value, tokenizer: known(m.tokenizer) ?? null,
  };
}

/** The catalog's sections without its lookup maps: exactly what data/ holds, validated. */
function catalogData(catalog: Catalog): Partial<CatalogData> {
  return Object.fromEntries(Object.entries(catalog).filter(([, v]) => Array.isArray(v)));
}

/**
 * Every sourced value as one CSV row, with its source's URL and retrieval date.
 * @example exportCsv(catalog).split('\n')[0] // 'section,id,name,path,value,unknown,note,source,source_url,…'
 */
export function exportCsv(catalog: Catalog): string {
  const header = ['section', 'id', 'name', 'path', 'value', 'unknown', 'note', 'source', 'source_url', 'source_title', 'publisher', 'source_kind', 'retrieved'];
  const rows = citingValues(catalog).map((v) => {
    const s = catalog.source.get(v.source);
    const value = v.value === undefined ? '' : typeof v.value === 'object' && v.value !== null ? JSON.stringify(v.value) : String(v.value);
    return [v.section, v.id, v.name, v.path, value, v.unknown ?? '', v.note ?? '', v.source, s?.url ?? '', s?.title ?? '', s?.publisher ?? '', s?.kind ?? '', s?.retrieved ?? ''];
  });
  return toCsv(header, rows);
}

/** An engine's result with every rich text as text with [n] marks, and the numbered citations those marks refer to. */
function withCitations(catalog: Catalog, result: object): { result: unknown; citations: unknown[] } {
  const rich: Rich[] = [];
  const collect = (v: unknown): void => {
    if (isRich(v)) rich.push(v);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(result);
  const citations = numberCitations(catalog, rich);
  const n = numbering({ citations });
  const flatten = (v: unknown): unknown => {
    if (isRich(v)) return markedText(v, n);
    if (Array.isArray(v)) return v.map(flatten);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)]));
    return v;
  };
  return { result: flatten(result), citations: citations.map(citationJson) };
}

function isRich(v: unknown): v is Rich {
  return Array.isArray(v) && v.length > 0 && v.every((s: unknown) => s !== null && typeof s === 'object' && 'text' in s && typeof s.text === 'string');
}
