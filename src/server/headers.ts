// Security and caching headers, set in one place for every response, errors included.
import type { MiddlewareHandler } from 'hono';

/**
 * The site loads nothing from elsewhere; styles and its one script (the models table's filter) come from /assets only
 * (no inline style or script, which is why charts use SVG attributes).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** The API is public, read-only data: any origin may read it. */
const API: Readonly<Record<string, string>> = { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' };
const PAGE: Readonly<Record<string, string>> = { 'cross-origin-resource-policy': 'same-origin' };

/** How long clients and CDNs may reuse catalog-derived responses before revalidating by ETag. */
export const CACHE_PAGE = 'public, max-age=300, stale-while-revalidate=86400';
/** Asset URLs carry a content hash (?v=…), so they never change. */
export const CACHE_ASSET = 'public, max-age=31536000, immutable';
export const CACHE_NONE = 'no-store';

/**
 * The security headers of a response to `path`; also written by hand on answers Node gives before the app runs.
 * @example securityHeadersFor('/api/models')['access-control-allow-origin'] // '*'
 */
export function securityHeadersFor(path: string): Readonly<Record<string, string>> {
  return path.startsWith('/api/') ? API_ALL : PAGE_ALL;
}

const API_ALL = { ...COMMON, ...API };
const PAGE_ALL = { ...COMMON, ...PAGE };

/**
 * Adds the security headers to every response; responses without Cache-Control get `no-store`.
 * @example app.use('*', securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(securityHeadersFor(c.req.path))) headers.set(name, value);
    if (!headers.has('cache-control')) headers.set('cache-control', CACHE_NONE);
    if (c.req.method === 'HEAD') {
      // Hono answers HEAD with new Response(null, response), which copies the headers the response was created
      // with (under @hono/node-server), not ones set since: give it a response created with all of them.
      const status = c.res.status;
      c.res = undefined;
      c.res = new Response(null, { status, headers });
    }
  };
}
