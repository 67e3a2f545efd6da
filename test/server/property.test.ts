// Property-based tests of the HTTP edge: generated hostile requests over every route, in-process and over a socket.
// For every one: no 5xx, no redirect off the site, no request markup in the answer, no stack trace, an answer in time.
import fc from 'fast-check';
import type { Hono } from 'hono';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../src/server/listen.js';
import { availableEngines, type TokensEngine } from '../../src/site/engines.js';
import { fixtureApp } from './site-helpers.js';

/** Markup a response must never carry back as markup; each request embeds one. */
const MARKERS = ['<script>x</script>', '"><img src=x onerror=y>', "'><svg onload=z>"];
const STACK = /\n\s+at [\w.<>]+ \(|node_modules|\.ts:\d+:\d+/;
/** A request that has not answered in this long has hung (a generous bound, not a speed test). */
const HANG_MS = 15_000;

/** Quick tokens engine: the routes are under test here, the worker pool has its own tests. */
const tokens: TokensEngine = { tokenizers: [{ id: 't', name: 'T', proxy: false }], languages: [], count: async (t) => [{ tokenizer: 't', tokens: [...t].length }] };

const ROUTES = ['', 'models', 'models/alpha2-8b', 'compare', 'compare/alpha-vs-beta', 'recommend', 'fit', 'tokens', 'sources', 'assets/site.css', 'assets/favicon.svg',
  'api', 'api/models', 'api/models.json', 'api/models/alpha2-8b', 'api/compare', 'api/compare/alpha-vs-beta.json', 'api/recommend', 'api/fit', 'api/tokens',
  'api/tokens.json', 'api/export.json', 'api/export.csv', 'api/openapi.json'];
const PARAMS = ['subjects', 'use-case', 'languages', 'context', 'modalities', 'mau', 'region', 'distribute', 'gpu', 'gpus', 'model', 'precision', 'kv', 'concurrency', 'text', 'lang', 'tokenizer', '__proto__', 'constructor'];
/** Bytes and sequences that broke servers before: controls, separators, dot segments, overlong and lone UTF-8. */
const NASTY = ['%00', '%01', '%09', '%0a', '%0d', '%1f', '%7f', '%5c', '%2f', '%2e%2e', '..', '.', '', '/', '//', '\\', '%', '%zz', '%c0%ae', '%ed%a0%80', '%ff', '%e2%80%ae', '%c3%a9', '-vs-', ',', 'a'.repeat(300)];

const enc = (s: string) => encodeURIComponent(s);
const segment = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.constantFrom(...MARKERS).map(enc),
  fc.string({ maxLength: 20 }).map(enc),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map(enc),
  fc.constantFrom('alpha', 'beta', 'alpha2-8b', 'fx-80', 'qwen', 'x.json'),
);
const value = fc.oneof(fc.constantFrom(...MARKERS), fc.constantFrom('alpha,beta', 'ja', '128k', '-5', '1e999', 'EU', 'yes', 'fx-80', 'alpha2-8b', 'image', ''), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), value), { maxLength: 5 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : ''));
const path = fc.tuple(fc.constantFrom(...ROUTES), fc.array(segment, { maxLength: 3 }), fc.boolean(), fc.boolean())
  .map(([route, extra, slash, prefixSlash]) => `${prefixSlash ? '/' : ''}/${[route, ...extra].filter((s, i) => i === 0 || s !== undefined).join('/')}${slash ? '/' : ''}`);
const request = fc.record({
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  target: fc.tuple(path, query).map(([p, q]) => p + q),
  body: fc.oneof(fc.constant(undefined), fc.constantFrom('{"text":"<script>x</script>"}', '{"text":', '{"text": 5}', '[]', 'null'), fc.string({ maxLength: 200 }).map((text) => JSON.stringify({ text }))),
  json: fc.boolean(),
});

/** The figures the issue asks for, over every generated request of this file. */
const figures = { requests: 0, serverErrors: 0, redirects: 0, offSite: 0, reflected: 0, stackTraces: 0, maxMs: 0 };

/** Checks one answer; returns what is wrong with it (empty when nothing is). */
function problems(status: number, location: string | null, body: string, ms: number): string[] {
  figures.requests++;
  figures.maxMs = Math.max(figures.maxMs, ms);
  const found: string[] = [];
  if (status >= 500) { figures.serverErrors++; found.push(`status ${status}`); }
  if (status >= 300 && status < 400) {
    figures.redirects++;
    // Same origin: one leading slash (or a relative path), no scheme, no backslash, nothing a URL must escape.
    if (location === null || /^(\/\/|\/\\|[a-z][a-z0-9+.-]*:)/i.test(location) || /[^A-Za-z0-9\-._~%!$&'()*+,;=:@/?]/.test(location)) {
      figures.offSite++;
      found.push(`Location ${location}`);
    }
  }
  if (MARKERS.some((m) => body.includes(m)) || /<img src=x|<svg onload|<script>x/.test(body)) { figures.reflected++; found.push('markup reflected'); }
  if (STACK.test(body)) { figures.stackTraces++; found.push('stack trace'); }
  return found;
}

let app: Hono;
let server: Listening;
beforeAll(async () => {
  ({ app } = await fixtureApp({ engines: { ...availableEngines(), tokens: async () => tokens } }));
  server = await listen(app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  console.log(`property figures: ${JSON.stringify(figures)}`);
});

const timed = async <T>(work: Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no answer: the request hung')), HANG_MS); });
  try {
    return [await Promise.race([work, hang]), performance.now() - start];
  } finally {
    clearTimeout(timer);
  }
};

describe('generated hostile requests', () => {
  it('in-process, over every route: no 5xx, no off-site redirect, no reflected markup, no stack trace', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const init: RequestInit = { method: r.method, ...(r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { body: r.body } : {}), headers: r.json ? { 'content-type': 'application/json' } : {} };
      const [res, ms] = await timed(Promise.resolve(app.request(`http://localhost${r.target}`, init)));
      // Headers before the body: once a server in this process has replaced the global Response, reading the
      // body rebuilds the response from its first headers (the socket test checks what a client really gets).
      expect(res.headers.get('x-content-type-options'), `${r.method} ${r.target}`).toBe('nosniff');
      const location = res.headers.get('location');
      expect(problems(res.status, location, await res.text(), ms), `${r.method} ${r.target}`).toEqual([]);
    }), { numRuns: 5000, seed: 20261201 });
  });

  /** Raw bytes over a socket: what Node parses (or refuses) before the app sees it. */
  const rawTarget = fc.tuple(path, query, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 })).map(([p, q, bytes]) => `${p}${Buffer.from(bytes).toString('latin1')}${q}`);
  const send = (target: string, method: string): Promise<string> => new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1')));
    let answer = '';
    socket.on('data', (d: Buffer) => { answer += d.toString('latin1'); });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });

  it('over a socket, raw bytes included: an answer with the security headers, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(rawTarget, fc.constantFrom('GET', 'HEAD', 'POST', 'BREW', 'G\u0001T'), async (target, method) => {
      const [answer, ms] = await timed(send(target, method));
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const location = /\r\nlocation: ([^\r]*)/i.exec(head)?.[1] ?? null;
      expect(status, JSON.stringify(`${method} ${target}`)).toBeGreaterThan(0);
      expect(problems(status, location, method === 'HEAD' ? '' : rest.join('\r\n\r\n'), ms), JSON.stringify(`${method} ${target}`)).toEqual([]);
      expect(head, JSON.stringify(`${method} ${target}`)).toMatch(/\r\nx-content-type-options: nosniff/i);
    }), { numRuns: 1000, seed: 20261202 });
  });
});
