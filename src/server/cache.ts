// Rendered responses kept in memory: the catalog is immutable, so a page is rendered once per URL.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';

interface Entry {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string>>;
  readonly etag: string;
  gzip?: Uint8Array<ArrayBuffer>;
}

/** Compressing tiny bodies costs more than it saves. */
const GZIP_MIN = 1024;

/**
 * Serves repeated GETs from memory with an ETag (304 on If-None-Match) and gzip when asked.
 * Only 200 responses without `Cache-Control: no-store` are kept; the oldest go first beyond `max` entries,
 * so hostile unique URLs cannot grow memory without bound.
 * @example app.use('*', responseCache(512))
 */
export function responseCache(max: number): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const key = pathAndQuery(c.req.url);
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key); // re-insert: the Map's order is the eviction order
      entries.set(key, hit);
      return respond(c, hit);
    }
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.get('cache-control')?.includes('no-store')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const entry: Entry = { body, headers: Object.fromEntries(res.headers), etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    entries.set(key, entry);
    if (entries.size > max) entries.delete(entries.keys().next().value ?? key);
    c.res = respond(c, entry);
  };
}

function pathAndQuery(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

function respond(c: Context, e: Entry): Response {
  const gzip = e.body.length >= GZIP_MIN && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const etag = gzip ? `${e.etag.slice(0, -1)}-gz"` : e.etag;
  const headers: Record<string, string> = { ...e.headers, etag, vary: 'Accept-Encoding' };
  const wanted = c.req.header('if-none-match');
  if (wanted && wanted.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    delete headers['content-type'];
    return new Response(null, { status: 304, headers });
  }
  if (!gzip) return new Response(e.body, { status: 200, headers });
  e.gzip ??= Uint8Array.from(gzipSync(e.body));
  return new Response(e.gzip, { status: 200, headers: { ...headers, 'content-encoding': 'gzip' } });
}
