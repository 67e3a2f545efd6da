// What every command gets: output streams, the working directory and the catalog, all passed in.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/index.js';
import { COMPILED_CATALOG, compiledCatalogFor, DATA_DIR, TOOL_VERSION } from '../paths.js';

export interface Output {
  write(chunk: string): unknown;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  /** Standard input, for commands that read "-" (default: the process's). */
  readonly stdin?: AsyncIterable<string | Buffer>;
}

export interface Context {
  readonly io: Io;
  /** The catalog: the shipped one, or the YAML under `dataDir` (e.g. `--data fixtures/`). */
  catalog(dataDir?: string): Promise<Catalog>;
}

/** The real context: the shipped catalog or a `--data` folder's, each compiled once and reused while its files are unchanged. */
export function createContext(io: Io): Context {
  return {
    io,
    catalog: (dataDir) => {
      if (dataDir === undefined) return loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION });
      const dir = dataFolder(io.cwd, dataDir);
      return loadCatalog({ dataDir: dir, compiledPath: compiledCatalogFor(dir), toolVersion: TOOL_VERSION });
    },
  };
}

/** `--data DIR` as an absolute path, checked: an empty name, a missing folder or a file is a usage error. */
function dataFolder(cwd: string, dir: string): string {
  if (dir.trim() === '') throw new UsageError('--data needs a folder of YAML files (got an empty name).');
  const path = resolve(cwd, dir);
  const kind = (() => {
    try {
      return statSync(path).isDirectory() ? 'folder' : 'file';
    } catch {
      return 'missing';
    }
  })();
  if (kind === 'missing') throw new UsageError(`--data ${dir}: no such folder.`);
  if (kind === 'file') throw new UsageError(`--data ${dir} is a file; give the folder that holds the YAML files.`);
  return path;
}
