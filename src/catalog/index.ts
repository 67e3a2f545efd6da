// Loads the catalog fast: the compiled JSON when it matches data/, else compiles the YAML afresh.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createCatalog, type Catalog, type CatalogData } from './catalog.js';

/** What `versus build` writes to dist/catalog.json. */
export interface CompiledCatalog {
  readonly toolVersion: string;
  readonly stamp: DataStamp;
  readonly data: CatalogData;
}

/** Identifies the exact data/ contents a compiled catalog was built from. */
export interface DataStamp {
  readonly files: readonly (readonly [path: string, size: number, mtimeMs: number])[];
  readonly hash: string;
}

export interface CatalogLocation {
  /** The folder of YAML files. */
  readonly dataDir: string;
  /** Where the compiled catalog lives (absent: always compile from YAML). */
  readonly compiledPath?: string;
  readonly toolVersion: string;
}

/**
 * The catalog, from the compiled file when it is current, else from the YAML (slow path).
 * @example const catalog = await loadCatalog({ dataDir: 'data', compiledPath: 'dist/catalog.json', toolVersion })
 */
export async function loadCatalog(at: CatalogLocation): Promise<Catalog> {
  const compiled = at.compiledPath ? readCompiled(at.compiledPath) : undefined;
  if (compiled && compiled.toolVersion === at.toolVersion && isCurrent(compiled.stamp, at.dataDir)) {
    return createCatalog(compiled.data);
  }
  const { compileCatalog } = await import('./compile.js');
  return createCatalog(await compileCatalog(at));
}

function readCompiled(path: string): CompiledCatalog | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CompiledCatalog;
  } catch {
    return undefined; // missing or unreadable: compile from YAML instead
  }
}

/** Lists data files with size and mtime; cheap enough to run on every CLI call. */
export function statDataFiles(dataDir: string): [string, number, number][] {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path) => {
      const s = statSync(path);
      return [relative(dataDir, path), s.size, s.mtimeMs];
    });
}

/** Hash of the data files' names and contents. */
export function hashDataFiles(dataDir: string, files: readonly (readonly [string, ...unknown[]])[]): string {
  const hash = createHash('sha256');
  for (const [path] of files) hash.update(path).update('\0').update(readFileSync(join(dataDir, path))).update('\0');
  return hash.digest('hex');
}

function isCurrent(stamp: DataStamp, dataDir: string): boolean {
  const files = statDataFiles(dataDir);
  const same = files.length === stamp.files.length && files.every((f, i) => {
    const s = stamp.files[i];
    return s !== undefined && f[0] === s[0] && f[1] === s[1] && f[2] === s[2];
  });
  // Touched but unchanged files (e.g. after git checkout) still count as current.
  return same || hashDataFiles(dataDir, files) === stamp.hash;
}
