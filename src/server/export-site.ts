// The static export: every page and data file of the site, fetched from the app in-process and written as files.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { Catalog } from '../catalog/catalog.js';
import { ioError } from '../errors.js';
import { familyPairs } from '../site/pages/home.js';
import { paths } from '../site/paths.js';

/**
 * Every URL a static host serves: pages as folders, data as .json/.csv, assets. Family pairs come in both orders.
 * @example sitePaths(catalog).includes('/compare/qwen-vs-llama/') // true
 */
export function sitePaths(catalog: Catalog): string[] {
  const pairs = familyPairs(catalog).flatMap(([a, b]) => [[a.id, b.id], [b.id, a.id]]);
  const relative = [
    paths.home, paths.notFound, paths.models, paths.sources, paths.recommend, paths.fit, paths.tokens, paths.audit, paths.compareForm,
    paths.stylesheet, paths.icon, paths.languages,
    ...catalog.models.map((m) => paths.model(m.id)),
    ...pairs.map((ids) => paths.compare(ids)),
    paths.api.models, paths.api.exportJson, paths.api.exportCsv, paths.api.openapi,
    ...catalog.models.map((m) => paths.api.model(m.id)),
    ...pairs.map((ids) => paths.api.compare(ids)),
  ];
  return relative.map((p) => `/${p}`);
}

/** What the browser scripts need, written when this build has them: the scripts and the shipped measurements. */
const OPTIONAL = new Set([paths.script('models'), paths.script('tools'), paths.measuredTokens].map((p) => `/${p}`));

/**
 * Where a URL's response goes, decoded as static hosts look files up.
 * @example fileFor('/models/x/') // '/models/x/index.html'
 */
export function fileFor(url: string): string {
  const path = decodeURIComponent(url);
  return path.endsWith('/') ? `${path}index.html` : path;
}

/**
 * Writes the site under `dir` from an app made with `mode: 'static'`; fails on the first URL that does not answer 200
 * (404 for 404.html, the page for missing addresses). `extra`: more site paths to write (the tokenizers it carries).
 * @example await exportSite(createApp({ catalog, clock, options: { mode: 'static' } }), catalog, 'site/')
 */
export async function exportSite(app: Hono, catalog: Catalog, dir: string, extra: readonly string[] = []): Promise<{ files: number; bytes: number }> {
  // Every page is rendered before the first file is written, so a failing page leaves nothing half-built.
  const pages: [file: string, body: Uint8Array][] = [];
  for (const url of [...sitePaths(catalog), ...extra.map((p) => `/${p}`), ...OPTIONAL]) {
    const res = await app.request(url);
    if (OPTIONAL.has(url) && res.status === 404) continue;
    if (res.status !== (url === `/${paths.notFound}` ? 404 : 200)) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    pages.push([join(dir, fileFor(url)), new Uint8Array(await res.arrayBuffer())]);
  }
  for (const [file, body] of pages) {
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, body);
    } catch (error) {
      throw ioError('write', file, error);
    }
  }
  return { files: pages.length, bytes: pages.reduce((n, [, body]) => n + body.length, 0) };
}
