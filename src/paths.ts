// Where versus finds its own files: the package root, its data and its compiled catalog.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module with a package.json (src/, dist/ or a bundle). */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(from, '..');
  }
}

export const DATA_DIR = join(ROOT, 'data');
export const COMPILED_CATALOG = join(ROOT, 'dist', 'catalog.json');

/** The tool version; part of every cache key. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
