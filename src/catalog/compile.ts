// Compiles data/*.yaml into dist/catalog.json, so the CLI never parses YAML on its fast path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CatalogData } from './catalog.js';
import { hashDataFiles, statDataFiles, type CatalogLocation, type CompiledCatalog } from './index.js';
import { loadCatalogData } from './load.js';

/**
 * Validates the YAML and, when `compiledPath` is set, writes the compiled catalog there.
 * A read-only install still works: the write is skipped and the data returned.
 */
export async function compileCatalog(at: CatalogLocation): Promise<CatalogData> {
  const files = statDataFiles(at.dataDir);
  const data = await loadCatalogData(at.dataDir);
  if (at.compiledPath) {
    const compiled: CompiledCatalog = { toolVersion: at.toolVersion, stamp: { files, hash: hashDataFiles(at.dataDir, files) }, data };
    try {
      mkdirSync(dirname(at.compiledPath), { recursive: true });
      writeFileSync(at.compiledPath, JSON.stringify(compiled));
    } catch {
      // Not writable (e.g. a global install): the next call compiles again, which is only slower.
    }
  }
  return data;
}
