// Hostile input, in-process: nothing yields a 500, markup from requests and data is inert, the app keeps serving.
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { catalogAt, CLOCK, fixtureApp, siteFixtureDir } from './site-helpers.js';

const PAYLOAD = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(2)>';
const enc = encodeURIComponent;

/** Paths and queries a fuzzer or an attacker would try first. */
const HOSTILE: string[] = [
  `/models/${enc(PAYLOAD)}/`, `/models/${enc(IMG)}/`, `/compare/${enc(PAYLOAD)}-vs-alpha/`, `/compare/alpha-vs-${enc(IMG)}/`,
  `/compare/?subjects=${enc(PAYLOAD)}`, `/compare/?subjects=alpha&subjects=${enc(IMG)}`, `/api/compare?subjects=alpha,${enc(PAYLOAD)}`,
  `/recommend/?region=${enc(PAYLOAD)}`, `/recommend/?languages=${enc(IMG)}`, `/recommend/?use-case=${enc(PAYLOAD)}`, `/recommend/?gpu=${enc(IMG)}`,
  `/fit/?model=${enc(PAYLOAD)}&gpu=fx-80`, `/fit/?model=alpha2-8b&gpu=${enc(IMG)}`, `/tokens/?text=${enc(PAYLOAD)}&lang=${enc(IMG)}`,
  `/${enc(PAYLOAD)}/`, `/api/${enc(PAYLOAD)}`, '/models/%ZZ/', '/models/%/', '/compare/%E0%A4%A/', '/models/%00/', '/models/..%2F..%2Fetc%2Fpasswd/',
  '/compare/-vs-/', '/compare/alpha-vs-/', '/compare/-vs--vs-/', '/compare/alpha-vs-alpha/', `/compare/${Array(12).fill('alpha').join('-vs-')}/`,
  `/models/${'a'.repeat(5000)}/`, `/compare/?subjects=${'b'.repeat(3000)},alpha`, `/recommend/?context=${'9'.repeat(400)}`, '/recommend/?context=-5&mau=1e999&gpus=99999999',
  '/recommend/?modalities=smell', '/recommend/?distribute=maybe', '/fit/?model=alpha2-8b', '/fit/?gpu=fx-80', '/fit/?model=alpha2-8b&gpu=fx-80&gpus=0&kv=int3&context=0',
  '/api/recommend?__proto__=x&constructor=y&languages=ja', '/recommend/?languages[]=ja&languages[0]=hi', '/tokens/?text=' + 'x'.repeat(5000),
  '/api/models/..', '/api/models/.json', '/api/compare/.json', '/api/export.csv/', '/assets/../api/models', '/assets/nope.css', '/compare', '/api',
  '/models/alpha2-8b/?' + 'q='.repeat(500), '/?subjects=' + enc('\u202e\u0000\uffff'), '/models/%F0%9F%92%A9/',
];

let app: Hono;
beforeAll(async () => {
  ({ app } = await fixtureApp());
});

describe('hostile requests', () => {
  it('never answer 500 and never echo markup unescaped', async () => {
    const seen = new Map<number, number>();
    for (const path of HOSTILE) {
      const res = await app.request(path);
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      expect([200, 301, 302, 400, 404, 413, 414, 501], `${res.status} for ${path}`).toContain(res.status);
      const body = await res.text();
      expect(body, path).not.toContain(PAYLOAD);
      expect(body, path).not.toMatch(/<img src=x/);
    }
    // The list exercises both kinds of rejection, not only one.
    expect(seen.get(400)).toBeGreaterThan(5);
    expect(seen.get(404)).toBeGreaterThan(5);
  });

  it('answer methods a route does not take with 405 and the methods it does take', async () => {
    const cases = [['POST', '/', 'GET, HEAD'], ['PUT', '/models/alpha2-8b/', 'GET, HEAD'], ['DELETE', '/api/models', 'GET, HEAD'], ['PATCH', '/api/tokens', 'GET, HEAD, POST'], ['POST', '/compare/alpha-vs-beta/', 'GET, HEAD']] as const;
    for (const [method, path, allow] of cases) {
      const res = await app.request(path, { method, body: method === 'DELETE' ? null : 'x' });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    // A path nothing answers is still a 404 whatever the method, and is not redirected.
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await app.request('/nothing-here', { method })).status, method).toBe(404);
  });

  it('reject malformed bodies with 400 and oversized ones with 413', async () => {
    const post = (body: string, type = 'application/json') => app.request('/api/tokens', { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{"text":')).status).toBe(400);
    expect((await post('{"text": 5}')).status).toBe(400);
    expect((await post('{"text": "hi", "extra": 1}')).status).toBe(400);
    expect((await post('text=hi', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect((await post(JSON.stringify({ text: 'x'.repeat(66_000) }))).status).toBe(413); // 66,012 bytes > 64 KiB = 65,536
  });

  it('keep serving afterwards', async () => {
    for (const path of HOSTILE) await app.request(path);
    const res = await app.request('/compare/alpha-vs-beta/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Alpha 2 vs Beta 1</h1>');
  });
});

describe('hostile data', () => {
  it('is escaped on every page and in every chart', async () => {
    const dir = siteFixtureDir();
    const { readFileSync, writeFileSync } = await import('node:fs');
    const patch = (file: string, find: string, replacement: string) => {
      const path = `${dir}/${file}`;
      const text = readFileSync(path, 'utf8');
      if (!text.includes(find)) throw new Error(`fixture ${file} lacks ${find}`);
      writeFileSync(path, text.replace(find, replacement));
    };
    patch('families/beta.yaml', '    name: Beta1-27B', `    name: "${PAYLOAD}"`);
    patch('families/beta.yaml', 'title: Beta card', `title: "${IMG.replace(/"/g, '\\"')}"`);
    patch('families/beta.yaml', '{ id: beta, name: Beta, vendor: Beta Inc,', `{ id: beta, name: "<b>Beta</b>", vendor: "<i>Beta Inc</i>",`);
    patch('families/beta.yaml', 'name: Beta 1,', `name: "<svg onload=alert(3)>",`);
    patch('gpus.yaml', 'name: Fixture FX-80', `name: "${PAYLOAD}"`);
    const hostile = createApp({ catalog: await catalogAt(dir), clock: CLOCK });
    for (const path of ['/', '/models/', '/models/beta1-27b/', '/compare/alpha-vs-beta/', '/compare/beta1-27b-vs-alpha2-8b/', '/sources/', '/fit/?model=beta1-27b&gpu=fx-80', '/recommend/?gpu=fx-80', '/models/beta1-2/']) {
      const res = await hostile.request(path);
      expect(res.status, path).toBeLessThan(500);
      // The one script a page may carry is the site's own, from its assets, with no inline code.
      const html = (await res.text()).replace(/<script type="module" src="(?:\.\.\/)*assets\/(?:models|tools)\.js\?v=[0-9a-f]{16}" data-page="[a-z-]+"><\/script>/, '');
      expect(html, path).not.toMatch(/<script|<img|<b>|<i>|<svg onload/);
    }
    const page = await (await hostile.request('/compare/beta1-27b-vs-alpha2-8b/')).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
