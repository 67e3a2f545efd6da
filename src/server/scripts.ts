// The browser scripts the build bundled (dist/browser/*.js, by `npm run bundle`): read once, served from /assets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';
import { contentHash } from '../site/assets.js';
import type { ScriptName } from '../site/context.js';

/** Each script's text; a build without one serves pages that work without it. */
export type SiteScripts = Readonly<Partial<Record<ScriptName, string>>>;

const NAMES: readonly ScriptName[] = ['models', 'tools'];

/**
 * The bundled scripts found under `dir`.
 * @example Object.keys(loadScripts()) // ['models', 'tools'] after npm run build
 */
export function loadScripts(dir = join(ROOT, 'dist', 'browser')): SiteScripts {
  return Object.fromEntries(NAMES.flatMap((name) => {
    try {
      return [[name, readFileSync(join(dir, `${name}.js`), 'utf8')]];
    } catch {
      return [];
    }
  }));
}

/**
 * The content hash of each script, for its versioned URL.
 * @example scriptVersions({ models: 'x' }).models // 16 hex digits
 */
export function scriptVersions(scripts: SiteScripts): Partial<Record<ScriptName, string>> {
  return Object.fromEntries(Object.entries(scripts).map(([name, text]) => [name, contentHash(text)]));
}
