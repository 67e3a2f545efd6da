// The HTTP edge against hostile clients: redirects stay on the site, control characters are a 400, Node's own
// answers carry the security headers, slow and surplus connections are cut, the response cache is bounded in bytes.
import { Hono } from 'hono';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { responseCache } from '../../src/server/cache.js';
import { folderUrl } from '../../src/server/guard.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { catalogAt, CLOCK, siteFixtureDir } from './site-helpers.js';

let server: Listening;
let app: Hono;
beforeAll(async () => {
  app = createApp({ catalog: await catalogAt(siteFixtureDir()), clock: CLOCK });
  server = await listen(app, { port: 0, host: '127.0.0.1', maxConnections: 4, headersTimeout: 400 });
});
afterAll(() => server.close());

interface RawAnswer { status: number; head: string; headers: Map<string, string>; body: string; ms: number }

/** Sends bytes as they are (no client normalises the path) and reads the answer until the server closes. */
function raw(request: string, opts: { end?: boolean } = {}): Promise<RawAnswer> {
  const { port } = new URL(server.url);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => (opts.end === false ? socket.write(request) : socket.end(request)));
    let answer = '';
    socket.on('data', (d) => { answer += d.toString('latin1'); });
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(lines[0]?.split(' ')[1] ?? 0), head: lines[0] ?? '', headers, body, ms: performance.now() - start });
    });
    socket.on('error', reject);
  });
}
const get = (target: string) => raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

describe('redirects', () => {
  // Each of these answered "301 Location: //evil.com/" (or a tab, backslash or raw markup) before.
  const cases: [string, string][] = [
    ['//evil.com', '/evil.com/'], ['///evil.com', '/evil.com/'], ['/.//evil.com', '/evil.com/'], ['//%65vil.com', '/evil.com/'],
    ['/%5Cevil.com', '/%5Cevil.com/'], ['/models/%22%3E%3Cscript%3E', '/models/%22%3E%3Cscript%3E/'], ['/%C3%A9', '/%C3%A9/'],
    ['/models?x=%3Cb%3E&y="<i>', '/models/?x=%3Cb%3E&y=%22%3Ci%3E'],
  ];
  it.each(cases)('GET %s stays on the site: Location %s', async (target, location) => {
    const res = await get(target);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
  });

  it('a tab in the path is a 400, not a redirect', async () => {
    const res = await get('/%09/evil.com');
    expect(res.status).toBe(400);
    expect(res.headers.has('location')).toBe(false);
  });

  it('folderUrl always starts with exactly one slash and has only URL-safe characters', () => {
    expect(folderUrl('/a/../../b/./c', '')).toBe('/b/c/');
    expect(folderUrl('\\\\evil.com', '')).toBe('/evil.com/');
    expect(folderUrl('', '?q=1')).toBe('/?q=1');
  });
});

describe('control characters and Node-level errors', () => {
  // %0d, %0a, %00 were 500s from Headers.set; %01 and %7f were "500 Moved Permanently" from Node, without headers.
  it.each(['%0d', '%0a', '%00', '%01', '%1f', '%7f', '%0D%0ASet-Cookie:%20x=1'])('a path with %s is a 400 with the security headers', async (c) => {
    for (const target of [`/a${c}`, `/models/a${c}/`, `/api/models/a${c}`]) {
      const res = await get(target);
      expect(res.status, target).toBe(400);
      expect(res.headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(res.headers.has('set-cookie')).toBe(false);
    }
  });

  it('HEAD answers carry the security headers, also when the page comes from the cache', async () => {
    for (const target of ['/models/', '/models/', '/api/models', '/api/models', '/a%00']) {
      const res = await raw(`HEAD ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.headers.get('x-content-type-options'), target).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), target).toContain("default-src 'none'");
    }
  });

  it('a malformed request line gets a 400 that has the security headers', async () => {
    const res = await raw('GET /a b c\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('a bad Host header gets a 400 with the security headers', async () => {
    const res = await raw('GET / HTTP/1.1\r\nHost: a b@c\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('an HTTP/1.0 request without a Host header is served', async () => {
    const res = await raw('GET /models/ HTTP/1.0\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Alpha2-8B');
  });

  it('oversized headers get a 431', async () => {
    const res = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a half-sent request is closed with a 408 once the header timeout passes', async () => {
    const res = await raw('GET / HTTP/1.1\r\nHost: x\r\n', { end: false });
    expect(res.status).toBe(408);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('connections beyond the cap are refused while the first ones are held', async () => {
    const { port } = new URL(server.url);
    const held = Array.from({ length: 4 }, () => connect(Number(port), '127.0.0.1'));
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    await new Promise((r) => setTimeout(r, 200)); // the server has counted them
    const extra = await get('/');
    expect(extra.status).toBe(0); // closed without an answer
    held.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 50));
    expect((await get('/')).status).toBe(200);
  });
});

describe('paths and methods', () => {
  it('a 10 KB path is a 414 with a small page', async () => {
    const res = await app.request(`/${'a/'.repeat(5000)}`);
    expect(res.status).toBe(414);
    expect((await res.text()).length).toBeLessThan(20_000);
  });

  it('error pages link from the site root, whatever their depth', async () => {
    const html = await (await app.request(`/${'x/'.repeat(300)}`)).text();
    expect(html).toContain('href="/sources/"');
    expect(html).not.toContain('../');
  });
});

describe('the response cache', () => {
  it('keeps at most its byte budget: old pages are rendered again, recent ones are not', async () => {
    const rendered: string[] = [];
    const tiny = new Hono();
    tiny.use('*', responseCache(20_000));
    tiny.get('/p/:n', (c) => {
      rendered.push(c.req.param('n'));
      return c.body('x'.repeat(1000), 200, { 'cache-control': 'public' });
    });
    for (let n = 0; n < 100; n++) await tiny.request(`/p/${n}`);
    // An entry counts 1,000 body + 1,024 header + 2 × 5 key bytes = 2,034; 20,000 bytes hold 9 of them (91–99).
    for (const n of [99, 91, 90]) await tiny.request(`/p/${n}`);
    expect(rendered.slice(100)).toEqual(['90']);
  });

  it('does not keep a response larger than an eighth of the budget', async () => {
    let calls = 0;
    const tiny = new Hono();
    tiny.use('*', responseCache(8_000));
    tiny.get('/big', (c) => { calls++; return c.body('y'.repeat(2_000), 200, { 'cache-control': 'public' }); });
    await tiny.request('/big');
    await tiny.request('/big');
    expect(calls).toBe(2);
  });
});
