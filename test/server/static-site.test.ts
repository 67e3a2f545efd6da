// The static copy served from a sub-folder by a plain file server: every link resolves under the folder, and the
// calculators, comparisons and the models table work in Chromium by running the engines in the browser.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { availableEngines } from '../../src/site/engines.js';
import { run } from '../helpers.js';
import { tokenizerDir } from '../measure/tokens/reference.js';
import { launchChromium } from './chromium.js';
import { attrs, catalogAt, CLOCK, serveFolder, shippedPrecisions, siteFixtureDir, visibleText, type ServedFolder } from './site-helpers.js';

const BASE = '/sub/';
let data: string;
let out: string;
let served: ServedFolder;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // With the shipped precisions and engines, so the fit calculator has what it needs.
  data = siteFixtureDir({ 'precisions.yaml': shippedPrecisions() });
  out = join(mkdtempSync(join(tmpdir(), 'versus-static-')), 'site');
  // With the tokenizers, read from the reference files (tests never download).
  const built = await run(['build-site', out, '--data', data, '--base', BASE, '--tokenizers', '--tokenizer-dir', tokenizerDir()]);
  // OpenAI's o200k_base.tiktoken is the one vendor file the reference folder lacks: the copy is built without it, and says so.
  expect(built.stderr).toMatch(/^gpt-oss \(o200k_harmony\): left out of the copy — openai\/o200k_base\.tiktoken: \S+ does not exist\. It is https:\/\/openaipublic\.blob\.core\.windows\.net\/encodings\/o200k_base\.tiktoken [^\n]*\n$/);
  served = await serveFolder(out, BASE);
  browser = await launchChromium();
  context = await browser.newContext();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** A page of the static copy with JavaScript on, failing the test on any script error or failed request; `fetched` lists the tokenizer forms it requested. */
async function open(path: string, width = 1280): Promise<{ page: Page; problems: string[]; fetched: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const fetched: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.bin')) fetched.push(new URL(r.url()).pathname); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(served.origin + BASE + path);
  return { page, problems, fetched };
}

/** The server's own answer for the same address, as the text of its main content (the reference for the browser's). */
async function serverMain(path: string): Promise<string> {
  const app = createApp({ catalog: await catalogAt(data), clock: CLOCK, options: { engines: availableEngines() } });
  const html = await (await app.request(`/${path}`)).text();
  return visibleText(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
}

/** What the page's main content says, leaving out the note shown only when JavaScript is off. */
const mainText = (page: Page) => page.locator('main').evaluate((m) => m.innerHTML).then((html) => visibleText(html.replace(/<noscript>.*?<\/noscript>/gs, '')));

describe('the static copy under /sub/', { timeout: 120_000 }, () => {
  it('answers every link of every page with 200, and no link leaves /sub/ (only a missing address gets 404.html)', async () => {
    const seen = new Set<string>();
    const queue = [`${served.origin}${BASE}`];
    const broken: string[] = [];
    let pages = 0;
    while (queue.length > 0) {
      const url = queue.shift() ?? '';
      const res = await fetch(url);
      if (res.status !== 200) { broken.push(`${url} ${res.status}`); continue; }
      if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
      pages++;
      const html = await res.text();
      for (const link of [...attrs(html, 'href'), ...attrs(html, 'action'), ...attrs(html, 'src')]) {
        const target = new URL(link, url);
        if (target.origin !== served.origin) continue;
        if (!target.pathname.startsWith(BASE)) { broken.push(`${url}: ${link} leaves ${BASE}`); continue; }
        target.hash = '';
        if (!seen.has(target.href)) {
          seen.add(target.href);
          queue.push(target.href);
        }
      }
    }
    expect(broken).toEqual([]);
    // The fixture: home, models, 5 model pages, 2 comparisons, compare/, sources, 4 calculators, and the query forms
    // of the comparisons the model pages link to.
    expect(pages).toBeGreaterThan(15);
    const missing = await fetch(`${served.origin}${BASE}models/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Page not found</h1>');
  });

  it('ranks in the browser: only Beta1-27B takes video, and the ranking is the server\'s', async () => {
    const { page, problems } = await open('recommend/?modalities=video');
    await page.locator('section[aria-labelledby=h-ranked]').waitFor();
    const ranked = await page.locator('section[aria-labelledby=h-ranked] tbody th').allTextContents();
    expect(ranked).toEqual(['1. Beta1-27B']);
    // The form refills from the address, and the page is the server's, value for value.
    expect(await page.locator('input[name=modalities][value=video]').isChecked()).toBe(true);
    expect(await mainText(page)).toBe(await serverMain('recommend/?modalities=video'));
    const { page: hindi } = await open('recommend/?languages=hi');
    await hindi.locator('section[aria-labelledby=h-ranked]').waitFor();
    expect(await mainText(hindi)).toBe(await serverMain('recommend/?languages=hi'));
    expect(problems).toEqual([]);
  });

  it('fits in the browser: Alpha2-8B on one FX-80, the server\'s answer; an unknown model is an error in the page', async () => {
    const { page, problems } = await open('fit/?model=alpha2-8b&gpu=fx-80');
    await page.locator('#h-answer').waitFor();
    // 8e9 parameters × 2 bytes = 16 GB of bf16 weights on an 80 GB card.
    expect(await page.locator('#h-answer').textContent()).toBe('It fits');
    expect(await mainText(page)).toBe(await serverMain('fit/?model=alpha2-8b&gpu=fx-80'));
    expect(problems).toEqual([]);
    const { page: bad } = await open('fit/?model=alpha9&gpu=fx-80');
    // "alpha9" is one edit from the first six letters of alpha1-3b, alpha2-100b-a10b and alpha2-8b (equal scores, code-point order).
    await expect.poll(() => bad.locator('[role=alert]').textContent()).toBe('Unknown model "alpha9". Did you mean: alpha1-3b, alpha2-100b-a10b, alpha2-8b?');
  });

  it('charts the languages asked for, and fetches no tokenizer for it', async () => {
    const { page, problems, fetched } = await open('tokens/?lang=fra,ita');
    const chart = () => page.locator('section[aria-labelledby=h-premium] svg').textContent();
    await expect.poll(chart).toContain('French');
    expect(await chart()).toContain('Italian');
    expect(chart).not.toContain('Hindi');
    const main = await page.locator('main').textContent();
    expect(main).toContain('with the 7 tokenizers this copy carries');
    // What it lacks, with the file's URL and how to add it, and none of the builder's folders.
    expect(main).toContain('gpt-oss (o200k_harmony): openai/o200k_base.tiktoken was not available when this copy was built. It is https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken (3,613,922 bytes, sha256 446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d); build the copy with "versus build-site DIR --tokenizers" where it can be downloaded, or add --tokenizer-dir FOLDER with the file at FOLDER/openai/o200k_base.tiktoken.');
    expect(main).not.toContain(tmpdir());
    expect(fetched).toEqual([]);
    expect(problems).toEqual([]);
  });

  const rowsOf = (page: Page) => page.locator('section[aria-labelledby=h-count] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));

  it('counts a sentence in the browser with every tokenizer it carries, exactly as versus tokens --text does', async () => {
    const sentence = 'Hello, world! नमस्ते दुनिया — 東京は晴れ。 Ça va? 12345 <think>';
    const cli = await run(['tokens', '--text', sentence, '--json', '--tokenizer-dir', tokenizerDir()]);
    const { counts } = JSON.parse(cli.stdout) as { counts: { tokenizer: { label: string }; tokens?: number }[] };
    expect(counts.map((c) => c.tokens).filter((n) => n !== undefined)).toHaveLength(7);
    const { page, problems, fetched } = await open(`tokens/?text=${encodeURIComponent(sentence)}`);
    await page.locator('section[aria-labelledby=h-count] tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await rowsOf(page)).toEqual(counts.map((c) => [c.tokenizer.label, c.tokens === undefined ? 'not counted: not in this copy (see "Not in this copy" below)' : String(c.tokens)]));
    expect(fetched).toHaveLength(7);
    expect(problems).toEqual([]);
  });

  it('loads only the tokenizer asked for, and refuses a form whose sha256 is not the one the copy lists', async () => {
    // "Hello, world!" is 4 tokens for the Llama 3 tokenizer: ids 9906, 11, 1917, 0 as vLLM's docs print them (see tokenizers.test.ts).
    const one = await open(`tokens/?text=${encodeURIComponent('Hello, world!')}&tokenizer=llama3`);
    await one.page.locator('section[aria-labelledby=h-count] tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await rowsOf(one.page)).toEqual([['Llama 3.x', '4']]);
    expect(one.fetched).toEqual([`${BASE}assets/tokenizers/llama3.bin`]);
    expect(one.problems).toEqual([]);
    // One byte changed on the host: the size is right, the sha256 is not, so Llama 4 is not run; the others still count.
    const file = join(out, 'assets', 'tokenizers', 'llama4.bin');
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    flipped.writeUInt8(good.readUInt8(good.length - 1) ^ 1, good.length - 1);
    writeFileSync(file, flipped);
    const bad = await open(`tokens/?text=hi&tokenizer=llama4,llama3`);
    await bad.page.locator('section[aria-labelledby=h-count] tbody tr').first().waitFor({ timeout: 60_000 });
    const rows = await rowsOf(bad.page);
    expect(rows[0]).toEqual(['Llama 3.x', '1']);
    expect(rows[1]?.[0]).toBe('Llama 4');
    expect(rows[1]?.[1]).toMatch(/^not counted: it could not be loaded: assets\/tokenizers\/llama4\.bin is not the file this copy was built with \(sha256 [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/);
    writeFileSync(file, good);
    expect(bad.problems).toEqual([]);
  });

  it('audits a pasted text in the browser, without posting it anywhere', async () => {
    const { page, problems } = await open('audit/');
    await page.locator('textarea').fill('Alpha2-8B has a context window of 32K tokens.');
    await page.getByRole('button', { name: 'Check the claims' }).click();
    await page.locator('main table.report').first().waitFor();
    // The fixture gives Alpha2-8B 131,072 tokens, so the claim is wrong.
    expect(await page.locator('main table.report').first().textContent()).toMatch(/wrong/i);
    expect(new URL(page.url()).pathname).toBe(`${BASE}audit/`);
    expect(problems).toEqual([]);
  });

  it('compares four subjects from the home form, and builds a comparison a server link names', async () => {
    const { page, problems } = await open('');
    await page.selectOption('#f-subject-1', 'alpha');
    await page.selectOption('#f-subject-2', 'beta');
    await page.selectOption('#f-subject-3', 'alpha2-8b');
    await page.selectOption('#f-subject-4', 'beta1-1b');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alpha 2 vs Beta 1 vs Alpha2-8B vs Beta1-1B');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sub/compare/?subjects=alpha,beta,alpha2-8b,beta1-1b');
    expect(await page.locator('table.report thead th').count()).toBe(5);
    // An address in the server's form, which this copy has no page for, is sent to the page that builds it.
    const { page: shared } = await open('compare/beta1-27b-vs-alpha2-8b/');
    await expect.poll(() => shared.locator('h1').textContent()).toBe('Beta1-27B vs Alpha2-8B');
    expect(problems).toEqual([]);
  });

  it('a malformed fragment or 404 address is no error: the comparison shows, the 404 page stays', async () => {
    // Both ran decodeURIComponent on the address, which threw "URI malformed" into an alert.
    const { page, problems } = await open('compare/?subjects=alpha,beta#%E0%A4');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alpha 2 vs Beta 1');
    expect(await page.locator('#browser-status[role=alert]').count()).toBe(0); // the script's own error box
    const { page: lost } = await open('compare/%E0%A4%A-vs-beta/');
    await expect.poll(() => lost.locator('h1').textContent()).toBe('Page not found');
    await lost.waitForLoadState('networkidle');
    expect(await lost.locator('#browser-status[role=alert]').count()).toBe(0);
    expect(new URL(lost.url()).pathname).toBe('/sub/compare/%E0%A4%A-vs-beta/');
    expect(problems).toEqual([]);
  });

  it('filters the models table as you type, and compares the ticked models', async () => {
    const { page, problems } = await open('models/');
    const visible = () => page.locator('table[data-models] tbody tr:visible th a').allTextContents();
    await page.locator('#f-q').fill('beta');
    await expect.poll(visible).toEqual(['Beta1-27B', 'Beta1-1B']);
    expect(new URL(page.url()).search).toBe('?q=beta');
    await page.locator('#f-q').fill('');
    await page.locator('details.more summary').click();
    await page.selectOption('#f-sort', 'kv');
    // KV per token at bf16, by hand: Alpha2-8B 32 layers × 2 × 8 heads × 128 × 2 B = 128 KiB; Beta1-27B 16 full
    // layers × 2 × 4 × 256 × 2 B = 64 KiB; Alpha2-100B 12 full layers × 2 × 4 × 128 × 2 B = 24 KiB; Beta1-1B 4 × 2 × 1
    // × 256 × 2 B = 4 KiB; Alpha1-3B has no published architecture, so it sorts last.
    await expect.poll(visible).toEqual(['Alpha2-8B', 'Beta1-27B', 'Alpha2-100B-A10B', 'Beta1-1B', 'Alpha1-3B']);
    await page.locator('input[name=subjects][value=alpha2-8b]').check();
    await page.locator('input[name=subjects][value=beta1-1b]').check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Alpha2-8B vs Beta1-1B');
    expect(problems).toEqual([]);
  });

  it('shows markup in the address as text: an error names it, nothing runs', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    for (const [path, message] of [
      [`compare/?subjects=alpha,${encodeURIComponent(payload)}`, 'Unknown model, generation or family "<img src=x onerror=alert(1)>"'],
      [`recommend/?region=${encodeURIComponent(payload)}`, 'region'],
      [`fit/?model=${encodeURIComponent(payload)}&gpu=fx-80`, 'Unknown model "<img src=x onerror=alert(1)>"'],
    ] as const) {
      const { page, problems } = await open(path);
      page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      await expect.poll(() => page.locator('[role=alert]').textContent(), { message: path }).toContain(message);
      expect(await page.locator('main img').count(), path).toBe(0);
      expect(problems, path).toEqual([]);
      await page.close();
    }
  });

  for (const width of [390, 1280]) {
    it(`shows the models table, the four-way comparison, recommend and a counted text at ${width} px without sideways scrolling`, async () => {
      const wide: string[] = [];
      for (const [path, ready] of [['models/', 'table[data-models]'], ['compare/?subjects=alpha,beta,alpha2-8b,beta1-1b', 'table.report'], ['recommend/?languages=hi', '#h-ranked'], ['tokens/?text=Namaste', '#h-count']] as const) {
        const { page } = await open(path, width);
        await page.locator(ready).first().waitFor();
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) wide.push(`${path}: ${scrollWidth} px`);
        await page.close();
      }
      expect(wide).toEqual([]);
    });
  }
});
