// Rendered responses kept in memory: the catalog is immutable, so a page is rendered once per URL.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { pathAndQuery } from './guard.js';

interface Entry {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string>>;
  readonly etag: string;
  gzip?: Uint8Array<ArrayBuffer>;
}

/** Compressing tiny bodies costs more than it saves. */
const GZIP_MIN = 1024;

/** Bytes an entry holds: its key, body and (once made) its gzip copy, plus a little for headers. */
const HEADER_BYTES = 1024;
const size = (key: string, e: Entry) => key.length * 2 + e.body.length + (e.gzip?.length ?? 0) + HEADER_BYTES;

/**
 * Serves repeated GETs from memory with an ETag (304 on If-None-Match) and gzip when asked.
 * Only 200 responses without `Cache-Control: no-store` are kept; the least recently used go first once the
 * entries hold more than `maxBytes`, so hostile unique URLs cannot grow memory without bound.
 * @example app.use('*', responseCache(32 * 1024 * 1024))
 */
export function responseCache(maxBytes: number): MiddlewareHandler {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const evict = () => {
    for (const [key, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(key); // the Map's order is the eviction order: least recently used first
      bytes -= size(key, e);
    }
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const key = pathAndQuery(c.req.url);
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key); // re-insert as the most recently used
      entries.set(key, hit);
      const before = size(key, hit);
      const res = respond(c, hit);
      bytes += size(key, hit) - before; // a gzip copy made just now
      evict();
      return res;
    }
    await next();
    const res = c.res;
    if (res.status !== 200 || res.headers.get('cache-control')?.includes('no-store')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const entry: Entry = { body, headers: Object.fromEntries(res.headers), etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    c.res = respond(c, entry);
    // An entry larger than an eighth of the budget would push out many others; it is served, not kept.
    if (size(key, entry) > maxBytes / 8) return;
    entries.set(key, entry);
    bytes += size(key, entry);
    evict();
  };
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
