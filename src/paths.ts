// Where versus finds its own files: the package root, its data and its compiled catalog.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Where the compiled catalog of another data folder (`--data DIR`) is cached: one file per absolute
 * folder path and build of versus under .cache/catalogs, checked against the folder's files like
 * dist/catalog.json. The build (the bundle's modification time) is part of the key because a
 * development build can change the schema without changing the version.
 * @example compiledCatalogFor('/home/me/my-data') // <root>/.cache/catalogs/<16 hex>.json
 */
export function compiledCatalogFor(dataDir: string): string {
  const bundle = join(ROOT, 'dist', 'versus.cjs');
  const build = existsSync(bundle) ? String(statSync(bundle).mtimeMs) : '';
  const key = createHash('sha256').update(`${dataDir}\0${TOOL_VERSION}\0${build}`).digest('hex').slice(0, 16);
  return join(ROOT, '.cache', 'catalogs', `${key}.json`);
}

/** The environment variable naming versus's cache folder (default $XDG_CACHE_HOME/versus, else ~/.cache/versus). */
export const CACHE_DIR_ENV = 'VERSUS_CACHE_DIR';

/**
 * versus's cache folder, where downloads and what is built from them are kept (tokenizer files and their compact
 * forms, the refreshed price listing, the self-test's model): $VERSUS_CACHE_DIR, else $XDG_CACHE_HOME/versus, else
 * ~/.cache/versus.
 * @example cacheDir({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/versus'
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string {
  return resolve(env[CACHE_DIR_ENV] || (env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'versus') : join(home(), '.cache', 'versus')));
}
