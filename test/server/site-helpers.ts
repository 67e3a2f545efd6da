// Test helpers for the web app: the fixture catalog plus one fictional GPU, an app over it, and page parsing.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createCatalog, type Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogData } from '../../src/catalog/load.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
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

/** Every value of an attribute in some HTML, e.g. all hrefs. */
export function attrs(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');
}

/** HTML text without tags and with the entities the escaper writes decoded, for asserting on what a reader sees. */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
