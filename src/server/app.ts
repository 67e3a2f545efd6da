// The web app: built by one function from its dependencies; routes in pages.ts and api.ts, errors answered here.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Catalog } from '../catalog/catalog.js';
import { createSite, rootContext, type Site } from '../site/context.js';
import type { Engines } from '../site/engines.js';
import { errorPage } from '../site/pages/error.js';
import { apiRoutes } from './api.js';
import { responseCache } from './cache.js';
import { requestGuard, safeDecode } from './guard.js';
import { CACHE_NONE, securityHeaders } from './headers.js';
import { HttpError, jsonText, toHttpError } from './http-error.js';
import { pageRoutes } from './pages.js';
import { runsRoutes } from './runs.js';
import type { LoadedRun } from '../measure/eval/store.js';
import { loadScripts, scriptVersions, type SiteScripts } from './scripts.js';

export interface AppOptions {
  /** `static`: pages for a static host (no forms that need a server). Default `server`. */
  readonly mode?: Site['mode'];
  readonly engines?: Engines;
  /** Largest request body accepted, in bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  /** How many bytes of rendered responses to keep in memory (default 32 MiB). */
  readonly cacheBytes?: number;
  /** The URL path the site is served from ("/versus/"), for the links of 404.html, which a host serves at any depth. Default "/". */
  readonly base?: string;
  /** The browser scripts to serve (default: the ones `npm run bundle` wrote to dist/browser). */
  readonly scripts?: SiteScripts;
  /** Where unexpected errors are reported; they are answered with a 500 page. */
  readonly log?: (message: string) => void;
  /** Stored eval runs, read on each request: adds the /runs/ pages. */
  readonly runs?: () => readonly LoadedRun[];
}

export interface AppDeps {
  readonly catalog: Catalog;
  readonly clock: () => Date;
  readonly options?: AppOptions;
}

/**
 * The whole site and API over one immutable catalog. Test it in-process with `app.request(path)`.
 * @example const app = createApp({ catalog, clock: () => new Date() }); await app.request('/compare/qwen-vs-llama/')
 */
export function createApp({ catalog, clock, options = {} }: AppDeps): Hono {
  const scripts = options.scripts ?? loadScripts();
  const site = createSite(catalog, options.mode ?? 'server', clock(), scriptVersions(scripts));
  const engines = shareTokens(options.engines ?? {});
  const app = new Hono();
  // Outermost, so every answer has the security headers: cached ones, rejected ones, errors.
  app.use('*', securityHeaders());
  app.use('*', requestGuard(app));
  app.use('*', responseCache(options.cacheBytes ?? 32 * 1024 * 1024));
  app.use('*', bodyLimit({
    maxSize: options.bodyLimit ?? 64 * 1024,
    onError: () => { throw new HttpError(413, `The request body is larger than ${options.bodyLimit ?? 64 * 1024} bytes.`); },
  }));
  app.route('/api', apiRoutes(site, engines));
  if (options.runs) app.route('/', runsRoutes(site, options.runs));
  app.route('/', pageRoutes(site, engines, options.base, scripts));
  app.notFound((c) => errorResponse(site, c, new HttpError(404, `There is no page at ${c.req.path.slice(0, 200)}.`, { suggestions: [] })));
  app.onError((error, c) => {
    const e = toHttpError(error);
    if (e.status === 500) options.log?.(`${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // A 503 with a cause (the results database went unreadable) says why on the server only.
    else if (e.status === 503 && e.detail.cause instanceof Error) options.log?.(`${c.req.method} ${c.req.path}: ${e.detail.cause.message}`);
    return errorResponse(site, c, e);
  });
  return app;
}

/** Pages and API use one tokens engine, so its tokenizers load once per process, not once per surface. */
function shareTokens(engines: Engines): Engines {
  const load = engines.tokens;
  if (!load) return engines;
  let loaded: ReturnType<typeof load> | undefined;
  return { ...engines, tokens: () => (loaded ??= load()) };
}

/** The one place an error becomes a response: JSON under /api, an HTML page elsewhere. */
function errorResponse(site: Site, c: Context, e: HttpError): Response {
  const suggestions = [...(e.detail.suggestions ?? [])];
  const headers = { 'cache-control': CACHE_NONE, ...(e.detail.allow ? { allow: e.detail.allow } : {}), ...(e.status === 503 ? { 'retry-after': '5' } : {}) };
  if (c.req.path.startsWith('/api/')) {
    return c.body(jsonText({ error: { status: e.status, code: e.code, message: e.message, ...(e.detail.suggestions ? { suggestions } : {}) } }), e.status, { ...headers, 'content-type': 'application/json' });
  }
  const links = e.detail.id === undefined ? [] : suggestions.flatMap((s) => {
    const href = replaceId(c.req.url, e.detail.id ?? '', s);
    return href ? [{ href, text: s }] : [];
  });
  // Links from the site root: an error page's path may be any depth (relative links would repeat "../" per level).
  return c.html(errorPage(rootContext(site), { status: e.status, message: e.message, links }), e.status, headers);
}

/**
 * The request's path and query with one id swapped for a suggestion, or undefined when the id is not in them.
 * @example replaceId('http://x/compare/qwen-vs-lama/', 'lama', 'llama') // '/compare/qwen-vs-llama/'
 */
export function replaceId(url: string, id: string, replacement: string): string | undefined {
  const u = new URL(url);
  let changed = false;
  const swap = (text: string, separator: string) => text.split(separator).map((part) => {
    if (part.toLowerCase() !== id.toLowerCase()) return part;
    changed = true;
    return replacement;
  }).join(separator);
  const path = u.pathname.split('/').map((seg) => encodeURIComponent(swap(safeDecode(seg), '-vs-'))).join('/');
  const params = new URLSearchParams([...u.searchParams].map(([k, v]) => [k, swap(v, ',')]));
  return changed ? `${path}${params.size ? `?${params}` : ''}` : undefined;
}
