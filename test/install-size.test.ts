// The install stays light: node_modules after `npm ci` ≤ 300 MiB, and the packages `npm prune --omit=dev`
// keeps (package-lock entries not marked dev) ≤ 150 MiB, counted as `du` does (allocated blocks).
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.js';

const MIB = 1024 * 1024;
/** Caches that tools write into node_modules after the install (vitest's, esbuild's); not part of it. */
const NOT_INSTALLED = new Set(['.vite', '.vitest', '.cache']);

/** Bytes on disk under `path` (512-byte blocks, as `du`), symlinks counted as themselves. */
function diskBytes(path: string): number {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.blocks * 512;
  return st.blocks * 512 + readdirSync(path).reduce((n, name) => n + (NOT_INSTALLED.has(name) ? 0 : diskBytes(join(path, name))), 0);
}

describe('install size', () => {
  const modules = join(ROOT, 'node_modules');
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };

  it('npm ci makes at most 300 MiB of node_modules', () => {
    expect(diskBytes(modules) / MIB).toBeLessThanOrEqual(300);
  });

  it('what npm prune --omit=dev keeps is at most 150 MiB', () => {
    const kept = Object.entries(lock.packages)
      .filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && !p.devOptional)
      .map(([path]) => join(ROOT, path));
    expect(kept.length).toBeGreaterThan(10);
    // Nested packages are inside their parent's folder: count top-level folders once.
    const top = kept.filter((p) => !kept.some((q) => q !== p && p.startsWith(`${q}/`)));
    const bytes = top.reduce((n, p) => { try { return n + diskBytes(p); } catch { return n; } }, 0);
    expect(bytes / MIB).toBeLessThanOrEqual(150);
  });
});
