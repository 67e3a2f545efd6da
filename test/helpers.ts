// Test helpers: fixture catalogs, broken copies of them, and an in-memory CLI.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../src/catalog/catalog.js';
import { createCatalog } from '../src/catalog/catalog.js';
import { loadCatalog } from '../src/catalog/index.js';
import { loadCatalogData } from '../src/catalog/load.js';
import { main } from '../src/cli/main.js';
import type { Context } from '../src/cli/context.js';
import { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION } from '../src/paths.js';

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures', 'catalog');

export async function fixtureCatalog(): Promise<Catalog> {
  return createCatalog(await loadCatalogData(FIXTURE_DIR));
}

export async function shippedCatalog(): Promise<Catalog> {
  return loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION });
}

export interface Patch {
  readonly file: string;
  readonly find: string;
  readonly replacement: string;
}

/**
 * A temporary copy of the fixture catalog with text replaced in some files.
 * Returns the folder and, per patch, the 1-based line where its replacement starts.
 */
export function brokenCopy(...patches: Patch[]): { dir: string; line: number; lines: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'versus-broken-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  const lines = patches.map(({ file, find, replacement }) => {
    const path = join(dir, file);
    const original = readFileSync(path, 'utf8');
    const at = original.indexOf(find);
    if (at < 0) throw new Error(`fixture ${file} does not contain ${JSON.stringify(find)}`);
    writeFileSync(path, original.slice(0, at) + replacement + original.slice(at + find.length));
    return original.slice(0, at).split('\n').length;
  });
  return { dir, line: lines[0] ?? 0, lines };
}

/** Runs the CLI in-process and captures its output. */
export async function run(argv: string[], opts: { catalog?: () => Promise<Catalog>; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: opts.cwd ?? process.cwd() };
  const ctx: Context | undefined = opts.catalog
    ? { io, catalog: (dataDir) => (dataDir === undefined ? opts.catalog!() : loadCatalog({ dataDir: join(io.cwd, dataDir), toolVersion: TOOL_VERSION })) }
    : undefined;
  const code = await main(argv, io, ctx);
  return { code, stdout, stderr };
}
