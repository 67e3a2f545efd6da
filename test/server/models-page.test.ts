// The models page without JavaScript, over HTTP: the GET form filters and sorts on the server, the heading links keep
// the filters, and the ticked boxes compare up to eight models.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type Listening } from '../../src/server/listen.js';
import { contentHash } from '../../src/site/assets.js';
import { attrs, fixtureApp, visibleText } from './site-helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await listen((await fixtureApp()).app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => server?.close());

const get = (path: string) => fetch(server.url + path, { redirect: 'manual' });
const rowNames = (html: string) => [...html.matchAll(/<tr data-row="[^"]*"><th scope="row">.*?<a href="[^"]*">([^<]*)<\/a><\/th>/g)].map((m) => m[1]);

describe('the models page without JavaScript', () => {
  it('lists every model in the catalog order (family, newest generation first)', async () => {
    const html = await (await get('models/')).text();
    expect(rowNames(html)).toEqual(['Alpha2-8B', 'Alpha2-100B-A10B', 'Alpha1-3B', 'Beta1-27B', 'Beta1-1B']);
    expect(html).toContain('Showing all 5 models.');
  });

  it('filters by input and sorts by context, largest first, and refills the form', async () => {
    const res = await get('models/?input=image&sort=context&dir=desc');
    expect(res.status).toBe(200);
    const html = await res.text();
    // Image input: Alpha2-100B-A10B (1,000,000 tokens) and Beta1-27B (262,144 tokens).
    expect(rowNames(html)).toEqual(['Alpha2-100B-A10B', 'Beta1-27B']);
    expect(html).toContain('Showing 2 of 5 models.');
    expect(html).toContain('<option value="image" selected>image</option>');
    expect(html).toContain('<th scope="col" class="num" aria-sort="descending" data-sort="context">');
    // The other headings sort within the same filter; the sorted one reverses.
    const links = attrs(html, 'href').filter((h) => h.startsWith('?'));
    expect(links).toContain('?input=image&amp;sort=total&amp;dir=desc');
    expect(links).toContain('?input=image&amp;sort=context&amp;dir=asc');
  });

  it('fails a filter on an unknown value: no architecture, no KV per token', async () => {
    // KV per token at bf16, by hand: Alpha2-100B-A10B 24 KiB, Beta1-27B 64 KiB, Beta1-1B 4 KiB pass 64; Alpha2-8B has
    // 128 KiB; Alpha1-3B has no published architecture, so it is not a pass.
    expect(rowNames(await (await get('models/?max-kv=64')).text())).toEqual(['Alpha2-100B-A10B', 'Beta1-27B', 'Beta1-1B']);
    // At most 10B total: 8B, 3B and 1B.
    expect(rowNames(await (await get('models/?max-params=10b&sort=total&dir=asc')).text())).toEqual(['Beta1-1B', 'Alpha1-3B', 'Alpha2-8B']);
  });

  it('takes KiB per token as a decimal number only: 0x10 or 1e3 is a 400, not 16 or 1000', async () => {
    for (const kib of ['0x10', '1e3', '0b11', 'Infinity', '-4']) expect((await get(`models/?max-kv=${kib}`)).status, kib).toBe(400);
    expect((await get('models/?max-kv=64.5')).status).toBe(200);
  });

  it('compares the ticked boxes: four subjects redirect to the shareable address, a page with four columns', async () => {
    const html = await (await get('models/')).text();
    expect(html).toMatch(/<form class="models-pick" action="\.\.\/compare\/" method="get"/);
    expect(html).toContain('<input type="checkbox" name="subjects" value="beta1-1b" aria-label="Select Beta1-1B to compare">');
    const res = await get('compare/?subjects=alpha2-8b&subjects=alpha2-100b-a10b&subjects=beta1-27b&subjects=beta1-1b');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('../compare/alpha2-8b-vs-alpha2-100b-a10b-vs-beta1-27b-vs-beta1-1b/');
    const page = await (await get('compare/alpha2-8b-vs-alpha2-100b-a10b-vs-beta1-27b-vs-beta1-1b/')).text();
    expect(visibleText(page)).toContain('Alpha2-8B vs Alpha2-100B-A10B vs Beta1-27B vs Beta1-1B');
    expect(page.slice(page.indexOf('<table class="report"'), page.indexOf('</thead>', page.indexOf('<table class="report"'))).match(/<th /g)).toHaveLength(5);
  });

  it('takes up to eight subjects; nine is a 400 that says so', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => `subjects=${['alpha', 'beta'][i % 2]}`).join('&');
    const res = await get(`compare/?${nine}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('at most 8 values');
    const home = await (await get('')).text();
    expect(attrs(home, 'name').filter((n) => n === 'subjects')).toHaveLength(8);
  });

  it('answers a bad filter with a 400 that names it and echoes no markup', async () => {
    const res = await get(`models/?max-params=${encodeURIComponent('<script>x</script>')}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('max-params: expected a number such as 32b');
    expect(html).not.toContain('<script>x');
    const unknown = await get('models/?colour=red');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('unknown parameter &quot;colour&quot;');
  });
});

describe('contentHash', () => {
  it('is 64-bit FNV-1a (published test vectors)', () => {
    expect(contentHash('')).toBe('cbf29ce484222325');
    expect(contentHash('a')).toBe('af63dc4c8601ec8c');
    expect(contentHash('foobar')).toBe('85944171f73967e8');
  });
});
