// What every page renderer gets: the catalog, the mode (live server or static export) and relative links.
import type { Catalog } from '../catalog/catalog.js';
import { rootPrefix } from './paths.js';

export interface Site {
  readonly catalog: Catalog;
  /** `static`: no server behind the pages, so forms that need one are replaced by a note. */
  readonly mode: 'server' | 'static';
  /** The day the site was built or the server started, YYYY-MM-DD. */
  readonly built: string;
  /** The newest retrieval date among the catalog's sources. */
  readonly asOf: string;
}

export interface PageContext extends Site {
  /** A site path (see paths.ts) as a link relative to the current page. */
  href(path: string): string;
}

/**
 * The context for rendering the page at `pathname`.
 * @example pageContext(site, '/models/qwen3.5-27b/').href('sources/') // '../../sources/'
 */
export function pageContext(site: Site, pathname: string): PageContext {
  const prefix = rootPrefix(pathname);
  return { ...site, href: (path) => prefix + path || './' };
}

/**
 * A context whose links start at the site's root path ("/sources/", or "/versus/sources/" under `base` "/versus/"):
 * for error pages, which may sit at any depth.
 * @example rootContext(site).href('sources/') // '/sources/'
 */
export function rootContext(site: Site, base = '/'): PageContext {
  return { ...site, href: (path) => `${base}${path}` };
}

/**
 * Describes a catalog as a site.
 * @example createSite(catalog, 'server', new Date()).asOf // '2026-11-27'
 */
export function createSite(catalog: Catalog, mode: Site['mode'], now: Date): Site {
  const asOf = catalog.sources.reduce((d, s) => (s.retrieved > d ? s.retrieved : d), '');
  return { catalog, mode, built: now.toISOString().slice(0, 10), asOf };
}
