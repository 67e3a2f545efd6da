// Every kind of page over the shipped catalog, in real Chromium at phone and desktop width: nothing scrolls sideways,
// and chart text stays readable when the charts shrink to a phone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { availableEngines } from '../../src/site/engines.js';
import { shippedCatalog } from '../helpers.js';
import { launchChromium } from './chromium.js';
import { CLOCK } from './site-helpers.js';

/** One URL per kind of page; the calculators with a query so their results (and tables) are on the page. */
const PAGES = [
  '',
  'models/',
  'models/qwen3.5-27b/',
  // Three families: the widest comparison, with the token-premium and memory charts.
  'compare/qwen-vs-llama-vs-gemma/',
  'sources/',
  'recommend/?languages=ja&context=128k',
  'fit/?model=qwen3.5-27b&gpu=h100-sxm&context=128k',
  'tokens/',
  'audit/',
];
const WIDTHS = [390, 1280];

let browser: Browser;
let context: BrowserContext;
let server: Listening;

beforeAll(async () => {
  server = await listen(createApp({ catalog: await shippedCatalog(), clock: CLOCK, options: { engines: availableEngines() } }), { port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  context = await browser.newContext({ javaScriptEnabled: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function at(width: number, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 844 });
  const res = await page.goto(server.url + path);
  expect(res?.status(), path).toBe(200);
  return page;
}

/** How wide the document is, and the first elements that reach past the window's right edge (for the failure message). */
function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()} ${e.getAttribute('class') ?? ''} ${(e.textContent ?? '').slice(0, 40)}`),
  }));
}

/** The smallest text in any chart, in CSS pixels as drawn: font size × the SVG's scale on screen. */
function smallestChartText(page: Page): Promise<{ charts: number; px: number }> {
  return page.evaluate(() => {
    const svgs = [...document.querySelectorAll('main svg')];
    const sizes = svgs.flatMap((svg) => [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * ((t as SVGGraphicsElement).getScreenCTM()?.a ?? 0)));
    return { charts: svgs.length, px: Math.min(...sizes) };
  });
}

describe('the shipped site in Chromium at phone and desktop width', { timeout: 120_000 }, () => {
  for (const width of WIDTHS) {
    it(`scrolls no page sideways at ${width} px`, async () => {
      const wide: string[] = [];
      for (const path of PAGES) {
        const page = await at(width, path);
        const o = await overflow(page);
        expect(o.innerWidth).toBe(width);
        if (o.scrollWidth > o.innerWidth) wide.push(`/${path}: ${o.scrollWidth} px wide — ${o.culprits.join(' | ')}`);
        await page.close();
      }
      expect(wide).toEqual([]);
    });
  }

  it('scrolls no audit result sideways at 390 px', async () => {
    const page = await at(390, 'audit/');
    await page.getByRole('textbox').first().fill('Qwen3.5-27B has a native context window of 262,144 tokens and is released under the Apache 2.0 licence. Llama 4 Scout supports a 10M-token context.');
    await page.getByRole('button').first().click();
    await page.waitForLoadState();
    expect(await page.locator('table.report tbody tr').count()).toBeGreaterThan(0);
    const o = await overflow(page);
    expect(o.scrollWidth, o.culprits.join(' | ')).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('keeps chart text at 9.5 px or more on a 390 px phone (the comparison and the tokens page)', async () => {
    for (const path of ['compare/qwen-vs-llama-vs-gemma/', 'tokens/']) {
      const page = await at(390, path);
      const { charts, px } = await smallestChartText(page);
      expect(charts, path).toBeGreaterThan(0);
      expect(px, path).toBeGreaterThanOrEqual(9.5);
      await page.close();
    }
  });

  it('stacks the ranked models at 390 px: the "Why" cell is as wide as the page, labelled, with no table scroll', async () => {
    const page = await at(390, 'recommend/?languages=ja&context=128k');
    const why = page.locator('section[aria-labelledby=h-ranked] td[data-label=Why]').first();
    expect(await why.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Why"');
    const box = await why.boundingBox();
    // 390 px less the page's and the table's padding: the cell takes the whole row, not a quarter of a 640 px table.
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator('section[aria-labelledby=h-ranked] .table-wrap').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await page.close();
  });
});
