// End to end in real headless Chromium, with JavaScript off: comparison, citations, forms, phone width, injection.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import type { Recommendation } from '../../src/site/engines.js';
import { launchChromium } from './chromium.js';
import { catalogAt, CLOCK, siteFixtureDir } from './site-helpers.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

let browser: Browser;
let context: BrowserContext;
const servers: Listening[] = [];

async function serve(dir = siteFixtureDir(), engines = {}): Promise<string> {
  const server = await listen(createApp({ catalog: await catalogAt(dir), clock: CLOCK, options: { engines } }), { port: 0, host: '127.0.0.1' });
  servers.push(server);
  return server.url;
}

/** A page that records console errors (CSP violations land there) and fails on any dialog (a script ran). */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(url);
  return { page, problems };
}

let base: string;
beforeAll(async () => {
  browser = await launchChromium();
  // Every page must work without JavaScript; there is none to run anyway.
  context = await browser.newContext({ javaScriptEnabled: false });
  base = await serve();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('in Chromium', { timeout: 60_000 }, () => {
  it('loads a comparison with its thirteen rows and no console error', async () => {
    const { page, problems } = await open(`${base}compare/alpha-vs-beta/`);
    expect(await page.locator('h1').textContent()).toBe('Alpha 2 vs Beta 1');
    expect(await page.locator('table.report tbody tr').count()).toBe(13);
    expect(await page.locator('figure.chart svg').count()).toBe(2);
    // The stylesheet applied (CSP allows 'self'): the header is the soft grey, not the default transparent.
    expect(await page.locator('header.site').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(246, 248, 250)');
    expect(problems).toEqual([]);
  });

  it('follows a citation mark to its numbered source, and a model link to the model page', async () => {
    const { page } = await open(`${base}compare/alpha-vs-beta/`);
    const mark = page.locator('table.report sup a').first();
    const href = await mark.getAttribute('href');
    expect(href).toMatch(/^#src-\d+$/);
    await mark.click();
    expect(new URL(page.url()).hash).toBe(href);
    const target = page.locator('li:target');
    expect(await target.getAttribute('id')).toBe(href?.slice(1));
    expect(await target.locator('a').getAttribute('href')).toMatch(/^https:\/\/example\.org\//);
    await expect.poll(() => target.isVisible()).toBe(true);
    await page.locator('section[aria-labelledby=h-models] a', { hasText: 'Beta1-27B' }).click();
    await page.waitForURL(/\/models\/beta1-27b\/$/);
    expect(await page.locator('h1').textContent()).toBe('Beta1-27B (27B)');
  });

  it('compares from the home form and lands on the shareable URL', async () => {
    const { page } = await open(base);
    await page.selectOption('#f-subject-1', 'beta');
    await page.selectOption('#f-subject-2', 'alpha2-8b');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForURL(/\/compare\/beta-vs-alpha2-8b\/$/);
    expect(await page.locator('h1').textContent()).toBe('Beta 1 vs Alpha2-8B');
  });

  it('submits the recommend form: the URL carries the state, the form refills, and the page says nothing is ranked yet', async () => {
    const { page, problems } = await open(`${base}recommend/`);
    await page.getByLabel('Languages').fill('ja, hi');
    await page.getByLabel('Minimum context').fill('128k');
    await page.getByLabel('image').check();
    await page.getByLabel('GPU', { exact: true }).selectOption('fx-80');
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.waitForURL(/languages=ja%2C\+hi/);
    expect(page.url()).toContain('context=128k');
    expect(page.url()).toContain('modalities=image');
    expect(await page.getByLabel('Languages').inputValue()).toBe('ja, hi');
    expect(await page.getByLabel('image').isChecked()).toBe(true);
    const asked = await page.locator('section[aria-labelledby=h-asked] li').allTextContents();
    expect(asked).toEqual(['Constraints: languages ja, hi; context ≥ 131,072 tokens (128K); image input; 1× fx-80']);
    expect(await page.locator('.notice').textContent()).toContain('Not available yet.');
    expect(problems).toEqual([]);
  });

  it('shows ranked results with cited reasons when an engine answers (a test double for issue 5)', async () => {
    const answer: Recommendation = {
      ranked: [{ model: 'beta1-27b', score: 0.91, reasons: [{ text: '201 languages and dialects', refs: [{ source: 'beta-card' }] }], checks: [] }],
      excluded: [{ model: 'alpha1-3b', failed: [{ constraint: 'languages', pass: false, why: [{ text: 'no official language list', mark: 'unknown' }] }] }],
      relax: [],
    };
    const url = await serve(siteFixtureDir(), { recommend: async () => answer });
    const { page } = await open(`${url}recommend/`);
    await page.getByLabel('Languages').fill('ja');
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.waitForURL(/languages=ja/);
    const row = page.locator('section[aria-labelledby=h-ranked] tbody tr').first();
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toBe('1. Beta1-27B91/100201 languages and dialects[1]');
    await row.locator('sup a').click();
    expect(await page.locator('li:target').textContent()).toContain('Beta card — Beta Inc, primary, retrieved 2026-02-01');
  });

  it('fits a phone screen: the comparison does not scroll sideways at 390 px', async () => {
    const { page } = await open(`${base}compare/alpha-vs-beta/`);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('table.report td').first().evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Alpha 2"');
  });

  it('renders markup injected through the data and the query string as inert text', async () => {
    const dir = siteFixtureDir();
    const beta = `${dir}/families/beta.yaml`;
    writeFileSync(beta, readFileSync(beta, 'utf8').replace('    name: Beta1-27B', `    name: "${PAYLOAD}"`).replace('title: Beta card', 'title: "<script>alert(2)</script>"'));
    const url = await serve(dir);
    for (const path of ['compare/alpha-vs-beta/', 'models/beta1-27b/', 'sources/', `recommend/?region=${encodeURIComponent('<b>EU</b>')}&languages=ja`, `compare/alpha-vs-${encodeURIComponent(PAYLOAD)}/`, `tokens/?text=${encodeURIComponent(PAYLOAD)}`]) {
      const { page, problems } = await open(url + path);
      const live = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => ['IMG', 'SCRIPT', 'B'].includes(e.tagName) || [...e.attributes].some((a) => a.name.startsWith('on'))).length);
      expect(live, path).toBe(0);
      // Error pages (400/404 for the hostile ids) log their own status; anything else would be a script or CSP problem.
      expect(problems.filter((p) => !/^Failed to load resource: the server responded with a status of 40[04]/.test(p)), path).toEqual([]);
    }
    const { page } = await open(`${url}models/beta1-27b/`);
    expect(await page.locator('h1').textContent()).toBe(`${PAYLOAD} (27B)`);
    expect(await page.locator('ol.sources').textContent()).toContain('<script>alert(2)</script>');
  });
});
