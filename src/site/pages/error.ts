// The error page: what went wrong in words, and links to what the reader may have meant.
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';
import { notice, sitePage, staticScript } from '../shell.js';
import { familyPairs } from './home.js';

export interface ErrorView {
  readonly status: number;
  readonly message: string;
  /** Suggested pages, already relative to this page. */
  readonly links: readonly { readonly href: string; readonly text: string }[];
}

const TITLES: Record<number, string> = { 400: 'That request could not be read', 404: 'Not found', 413: 'Too large', 501: 'Not available yet' };

/**
 * An error page; every value in it is escaped.
 * @example errorPage(ctx, { status: 404, message: 'Unknown model "qwen9".', links: [] })
 */
export function errorPage(ctx: PageContext, e: ErrorView): string {
  const title = TITLES[e.status] ?? 'Something went wrong';
  const links = e.links.length ? `<p>Did you mean:</p><ul>${e.links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.text)}</a></li>`).join('')}</ul>` : '';
  const body = `<h1>${esc(title)}</h1>${notice(`<p>${esc(e.message)}</p>`, 'error')}${links}
<p><a href="${ctx.href(paths.home)}">Home</a> · <a href="${ctx.href(paths.models)}">All models</a> · <a href="${ctx.href(paths.sources)}">Sources</a></p>`;
  return sitePage(ctx, { title, description: title, body, section: 'home' });
}

/**
 * The static copy's 404.html, which a host serves at whatever address was missing: what the site has and where to go.
 * Its links start at the site's root path (`ctx` from rootContext), so they work at any depth. No script.
 * @example notFoundPage(rootContext(site, '/versus/'))
 */
export function notFoundPage(ctx: PageContext): string {
  const { catalog } = ctx;
  const link = (path: string, text: string) => `<a href="${ctx.href(path)}">${esc(text)}</a>`;
  const needsServer = ctx.mode === 'static' ? ' (in this static copy they run in your browser)' : '';
  const items = [
    `${link(paths.home, 'Home')}: the families, recent releases and ${link(`${paths.home}#h-pairs`, `every pair of families to compare (${familyPairs(catalog).length})`)}, with a form to compare any families, generations or models.`,
    `${link(paths.models, 'Models')}: all ${catalog.models.length} models in ${catalog.families.length} families, each with a page of sourced facts.`,
    `${link(paths.sources, 'Sources')}: the ${catalog.sources.length} sources behind every value.`,
    `${link(paths.recommend, 'Recommend')}, ${link(paths.fit, 'Hardware fit')}, ${link(paths.tokens, 'Tokens')} and ${link(paths.audit, 'Audit')}: the calculators${needsServer}.`,
    `The data: ${link(paths.api.exportJson, 'JSON')}, ${link(paths.api.exportCsv, 'CSV')}, ${link(paths.api.openapi, 'API description (OpenAPI)')}.`,
  ];
  const body = `<h1>Page not found</h1>${notice(`<p>Nothing is published at this address. ${ctx.mode === 'static' ? 'This static copy has a page for every pair of families, and builds any other comparison in your browser (<code>compare/?subjects=qwen3.5-27b,llama</code>)' : 'A comparison address names families, generations or models'}, e.g. <code>compare/qwen-vs-llama/</code>; a model address uses the model id, e.g. <code>models/qwen3.5-27b/</code>.</p>`, 'error')}
<p>${link(paths.home, 'Go to the home page')} or ${link(`${paths.home}#h-pairs`, 'pick a comparison')}.</p>
<section aria-labelledby="h-here"><h2 id="h-here">What this site has</h2><ul class="plain">${items.map((i) => `<li>${i}</li>`).join('')}</ul></section>`;
  // In a static copy, its script sends a comparison address it has no page for to the page that builds it.
  return sitePage(ctx, { title: 'Page not found', description: 'This address has no page; here is what the site has.', body, section: 'home', ...staticScript(ctx), scriptPage: 'not-found' });
}
