// The first gate every request passes: paths with control characters or of absurd length, and wrong methods, stop here.
import type { Hono, MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

/** Longest path served; every real page's path is far shorter (model ids are at most 100 characters). */
export const MAX_PATH = 1024;

/** C0 controls and DEL: never part of a page's path, and invalid in a header such as Location. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The paths that take a body (a text to count or to audit); everything else is read-only. */
const POST_PATHS = new Set(['/api/tokens', '/api/tokens.json', '/api/audit', '/api/audit.json', '/audit/']);

/**
 * Rejects hostile paths (400, 414) and methods a path does not take (405 with `Allow`) before any route runs.
 * @example app.use('*', requestGuard(app))
 */
export function requestGuard(app: Hono): MiddlewareHandler {
  return async (c, next) => {
    const raw = rawPath(c.req.url);
    if (raw.length > MAX_PATH) throw new HttpError(414, `The path is longer than ${MAX_PATH} characters.`);
    if (CONTROL.test(c.req.path) || CONTROL.test(safeDecode(raw))) throw new HttpError(400, 'The path contains control characters.');
    const method = c.req.method;
    const reads = method === 'GET' || method === 'HEAD';
    const allow = reads && !POST_PATHS.has(c.req.path) ? [] : allowedMethods(app, c.req.path);
    if ((reads && (allow.length === 0 || allow.includes('GET'))) || (method === 'POST' && allow.includes('POST'))) return next();
    if (allow.length === 0) throw new HttpError(404, 'There is no page at this path.');
    throw new HttpError(405, `${method.slice(0, 10).replace(/[^A-Z]/g, '')} is not allowed here; this path takes ${allow.join(', ')}.`, { allow: allow.join(', ') });
  };
}

/** The methods some route answers at `path` (middleware registered for every method does not count). */
function allowedMethods(app: Hono, path: string): string[] {
  const gets = app.router.match('GET', path)[0].some(([[, route]]) => route.method === 'GET');
  return [...(gets ? ['GET', 'HEAD'] : []), ...(POST_PATHS.has(path) ? ['POST'] : [])];
}

/**
 * The canonical folder URL for a path: dot and empty segments resolved, every segment re-encoded, a trailing
 * slash, the query re-encoded. It always starts with exactly one "/", so it never leaves the origin.
 * @example folderUrl('//evil.com', '') // '/evil.com/'
 * @example folderUrl('/models/"><x', '?a=<') // '/models/%22%3E%3Cx/?a=%3C'
 */
export function folderUrl(path: string, search: string): string {
  const segments: string[] = [];
  // A backslash is a slash to browsers ("/\\evil.com" goes off-site), so it separates segments here too.
  for (const seg of path.split(/[/\\]/)) {
    const s = safeDecode(seg);
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(encodeURIComponent(s));
  }
  const query = new URLSearchParams(search).toString();
  return `/${segments.map((s) => `${s}/`).join('')}${query ? `?${query}` : ''}`;
}

/**
 * The path and query of a URL exactly as sent (still %-encoded).
 * @example pathAndQuery('http://x//a?b') // '//a?b'
 */
export function pathAndQuery(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/** The path of a URL exactly as sent. @example rawPath('http://x/a%2Fb/?q') // '/a%2Fb/' */
export function rawPath(url: string): string {
  const p = pathAndQuery(url);
  const q = p.indexOf('?');
  return q < 0 ? p : p.slice(0, q);
}

/** decodeURIComponent that keeps malformed %-escapes as sent. @example safeDecode('%ZZ') // '%ZZ' */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // malformed %-escapes: keep the text as sent (it is re-encoded)
  }
}
