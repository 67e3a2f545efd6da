// A `--data` folder's catalog is compiled once and reused, and a change to its files is picked up.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledCatalogFor } from '../../src/paths.js';
import { brokenCopy, run } from '../helpers.js';

describe('compiled catalog cache for --data folders', () => {
  it('writes the compiled catalog, reuses it, and recompiles after an edit', async () => {
    // A copy of the fixture catalog with nothing broken: the patch renames one model.
    const { dir } = brokenCopy({ file: 'families/alpha.yaml', find: 'name: Alpha2-8B', replacement: 'name: Alpha2-8B-first' });
    const cache = compiledCatalogFor(dir);
    expect(existsSync(cache)).toBe(false);

    const first = await run(['show', 'alpha2-8b', '--data', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Alpha2-8B-first');
    expect(existsSync(cache)).toBe(true);
    const compiled = JSON.parse(readFileSync(cache, 'utf8')) as { data: { models: { name: string }[] } };
    expect(compiled.data.models.map((m) => m.name)).toContain('Alpha2-8B-first');

    // Same length, so only the content (and the modification time) tells the edit apart.
    const file = join(dir, 'families', 'alpha.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Alpha2-8B-first', 'Alpha2-8B-again'));
    const second = await run(['show', 'alpha2-8b', '--data', dir]);
    expect(second.stdout).toContain('Alpha2-8B-again');
    expect(second.stdout).not.toContain('Alpha2-8B-first');
  });

  it('keys the cache on the folder', () => {
    expect(compiledCatalogFor('/a/data')).not.toBe(compiledCatalogFor('/b/data'));
    expect(compiledCatalogFor('/a/data')).toBe(compiledCatalogFor('/a/data'));
  });
});
