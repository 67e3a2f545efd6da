// Where versus finds its own files: the package root, its data and its compiled catalog.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (this file is src/paths.ts or dist/paths.js). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const DATA_DIR = join(ROOT, 'data');
export const COMPILED_CATALOG = join(ROOT, 'dist', 'catalog.json');

/** The tool version; part of every cache key. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
