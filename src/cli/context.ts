// What every command gets: output streams, the working directory and the catalog, all passed in.
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { loadCatalog } from '../catalog/index.js';
import { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION } from '../paths.js';

export interface Output {
  write(chunk: string): unknown;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
}

export interface Context {
  readonly io: Io;
  /** The catalog: the shipped one, or the YAML under `dataDir` (e.g. `--data fixtures/`). */
  catalog(dataDir?: string): Promise<Catalog>;
}

/** The real context: shipped catalog, compiled once and reused. */
export function createContext(io: Io): Context {
  return {
    io,
    catalog: (dataDir) =>
      dataDir === undefined
        ? loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION })
        : loadCatalog({ dataDir: resolve(io.cwd, dataDir), toolVersion: TOOL_VERSION }),
  };
}
