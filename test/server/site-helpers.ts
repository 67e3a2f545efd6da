// Test helpers for the web app: the fixture catalog plus one fictional GPU, an app over it, and page parsing.
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Hono } from 'hono';
import { createCatalog, type Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogData } from '../../src/catalog/load.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { parse, stringify } from 'yaml';
import { ROOT } from '../../src/paths.js';
import { FIXTURE_DIR } from '../helpers.js';

/** The fixed clock every test app uses, so pages are byte-for-byte repeatable. */
export const CLOCK = () => new Date('2026-03-01T12:00:00Z');

const GPU_YAML = `# A fictional accelerator for the site tests.
sources:
  - { id: gpu-card, url: "https://example.org/gpu", title: Fixture GPU datasheet, publisher: Example, kind: primary, retrieved: 2026-01-20 }
gpus:
  - id: fx-80
    name: Fixture FX-80
    vendor: Example
    class: datacenter
    memory_gb: { value: 80, source: gpu-card }
    bandwidth_gbs: { value: 3350, source: gpu-card }
    bf16_tflops: { value: 989, source: gpu-card }
    fp8_tflops: { unknown: not stated }
`;

/**
 * The shipped precisions and runtimes (what `fit` needs), with only the sources they cite themselves, so the file
 * loads beside the fixture catalog.
 * @example siteFixtureDir({ 'precisions.yaml': shippedPrecisions() })
 */
export function shippedPrecisions(): string {
  const doc = parse(readFileSync(join(ROOT, 'data', 'precisions.yaml'), 'utf8')) as { sources: { id: string }[]; precisions: unknown; runtimes: unknown };
  const rest = JSON.stringify([doc.precisions, doc.runtimes]);
  return stringify({ ...doc, sources: doc.sources.filter((s) => rest.includes(`"${s.id}"`)) });
}

/** A copy of the fixture catalog with a GPU file added; `extra` files are written beside it. */
export function siteFixtureDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'versus-site-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  for (const [file, text] of Object.entries({ 'gpus.yaml': GPU_YAML, ...extra })) writeFileSync(join(dir, file), text);
  return dir;
}

export async function catalogAt(dir: string): Promise<Catalog> {
  return createCatalog(await loadCatalogData(dir));
}

/** The app over the site fixture. */
export async function fixtureApp(options: AppOptions = {}): Promise<{ app: Hono; catalog: Catalog }> {
  const catalog = await catalogAt(siteFixtureDir());
  return { app: createApp({ catalog, clock: CLOCK, options }), catalog };
}

export interface ServedFolder {
  /** "http://127.0.0.1:PORT", without the base path. */
  readonly origin: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv', '.svg': 'image/svg+xml' };

/**
 * A plain static host for an exported site at `base`: a folder answers with its index.html, a file with itself (typed
 * by its extension), anything else, at any depth, with 404.html and status 404. No redirects, no rewrites.
 * @example const host = await serveFolder(out, '/versus/'); await fetch(`${host.origin}/versus/`)
 */
export async function serveFolder(dir: string, base: string): Promise<ServedFolder> {
  const server = createServer((req, res) => {
    let path = '';
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      // A malformed %-escape names no file: 404.html, as a static host answers.
    }
    const file = path !== '' && path.startsWith(base) && !path.includes('..') ? join(dir, path.slice(base.length), path.endsWith('/') ? 'index.html' : '') : '';
    const found = file !== '' && existsSync(file) && statSync(file).isFile();
    res.writeHead(found ? 200 : 404, { 'content-type': TYPES[extname(found ? file : '404.html')] ?? 'application/octet-stream' });
    res.end(readFileSync(found ? file : join(dir, '404.html')));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Every value of an attribute in some HTML, e.g. all hrefs. */
export function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

/** HTML text without tags and with the entities the escaper writes decoded, for asserting on what a reader sees. */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
