// What every page renderer gets: the catalog, the mode (live server or static export) and relative links.
import type { Catalog } from '../catalog/catalog.js';
import { paths, rootPrefix } from './paths.js';

export interface Site {
  readonly catalog: Catalog;
  /** `static`: no server behind the pages, so forms that need one are replaced by a note. */
  readonly mode: 'server' | 'static';
  /** The day the site was built or the server started, YYYY-MM-DD. */
  readonly built: string;
  /** The newest retrieval date among the catalog's sources. */
  readonly asOf: string;
  /** The content hash of each browser script this build has (see server/scripts.ts); a page without one works as is. */
  readonly scripts: Readonly<Partial<Record<ScriptName, string>>>;
}

/** The site's browser scripts: the models table's live filter, and the calculators of the static copy. */
export type ScriptName = 'models' | 'tools';

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
 * True for the comparisons the static copy writes as pages: two different families, in either order.
 * @example exportedComparison(catalog, ['qwen', 'llama']) // true; ['qwen3.5-27b', 'llama'] → false
 */
export function exportedComparison(site: Site, ids: readonly string[]): boolean {
  return ids.length === 2 && ids[0] !== ids[1] && ids.every((id) => site.catalog.family.has(id));
}

/**
 * The link to a comparison: its own page on the server; in the static copy, its page when one was written, else the
 * page that builds it in the browser.
 * @example compareHref(ctx, ['qwen3.5-27b', 'llama']) // '../../compare/?subjects=qwen3.5-27b,llama' in a static copy
 */
export function compareHref(ctx: PageContext, ids: readonly string[]): string {
  return ctx.href(ctx.mode === 'server' || exportedComparison(ctx, ids) ? paths.compare(ids) : paths.compareQuery(ids));
}

/**
 * Describes a catalog as a site.
 * @example createSite(catalog, 'server', new Date()).asOf // '2026-11-27'
 */
export function createSite(catalog: Catalog, mode: Site['mode'], now: Date, scripts: Site['scripts'] = {}): Site {
  const asOf = catalog.sources.reduce((d, s) => (s.retrieved > d ? s.retrieved : d), '');
  return { catalog, mode, built: now.toISOString().slice(0, 10), asOf, scripts };
}
