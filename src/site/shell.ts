// The frame of every site page: navigation, linked stylesheet, footer with the data links.
import { esc } from '../render/escape.js';
import { page } from '../render/layout.js';
import { ASSET_VERSION } from './assets.js';
import type { PageContext, ScriptName } from './context.js';
import { paths } from './paths.js';

/** The top-level sections, in navigation order. */
const NAV = [
  ['models', paths.models, 'Models'],
  ['recommend', paths.recommend, 'Recommend'],
  ['fit', paths.fit, 'Hardware fit'],
  ['tokens', paths.tokens, 'Tokens'],
  ['audit', paths.audit, 'Audit'],
  ['sources', paths.sources, 'Sources'],
] as const;

export type Section = (typeof NAV)[number][0] | 'home' | 'compare' | 'runs';

export interface SitePage {
  readonly title: string;
  readonly description: string;
  readonly body: string;
  readonly section: Section;
  /** The browser script that enhances this page, when the build has it; `page` tells the script which page it is on. */
  readonly script?: ScriptName;
  readonly scriptPage?: string;
}

/**
 * A complete site page around `p.body` (already escaped HTML).
 * @example sitePage(ctx, { title: 'Sources', description: '…', body: '<h1>Sources</h1>', section: 'sources' })
 */
export function sitePage(ctx: PageContext, p: SitePage): string {
  const links = NAV.map(([id, path, label]) => `<a href="${ctx.href(path)}"${id === p.section ? ' aria-current="page"' : ''}>${label}</a>`);
  const nav = `<header class="site"><nav aria-label="Site"><a class="brand" href="${ctx.href(paths.home)}"${p.section === 'home' ? ' aria-current="page"' : ''}>versus</a>${links.join('')}</nav></header>`;
  const data = [[paths.api.exportJson, 'JSON'], [paths.api.exportCsv, 'CSV'], [paths.api.openapi, 'API (OpenAPI)']]
    .map(([path, label]) => `<a href="${ctx.href(path ?? '')}">${label}</a>`).join(' · ');
  const footer = `<p>Built ${esc(ctx.built)} from catalog data retrieved up to ${esc(ctx.asOf)}. Every number links to its source, or to the command that computes it.</p><p>All data: ${data}</p>`;
  return page({
    title: p.section === 'home' ? p.title : `${p.title} — versus`,
    description: p.description,
    body: p.body,
    nav,
    footer,
    stylesheet: `${ctx.href(paths.stylesheet)}?v=${ASSET_VERSION}`,
    icon: `${ctx.href(paths.icon)}?v=${ASSET_VERSION}`,
    ...(p.script && ctx.scripts[p.script] ? { script: { src: `${ctx.href(paths.script(p.script))}?v=${ctx.scripts[p.script]}`, page: p.scriptPage ?? p.section } } : {}),
  });
}

/**
 * A highlighted box: a "not available yet" state, a static-copy note or an error.
 * @example notice('<p>Not available yet.</p>')
 */
export function notice(html: string, kind: 'info' | 'error' = 'info'): string {
  return `<div class="notice${kind === 'error' ? ' error' : ''}" role="${kind === 'error' ? 'alert' : 'note'}">${html}</div>`;
}

/**
 * A value that links to its source's entry on the sources page.
 * @example sourceLink(ctx, 'qwen3.5-27b-card', 'Feb 2026') // '<a href="../sources/#qwen3.5-27b-card" class="cited">Feb 2026</a>'
 */
export function sourceLink(ctx: PageContext, sourceId: string, display: string): string {
  return `<a class="cited" href="${ctx.href(paths.source(sourceId))}" title="source: ${esc(sourceId)}">${esc(display)}</a>`;
}

/**
 * What a static copy says where a calculator runs in the browser: shown only when JavaScript is off.
 * @example staticNotice('ranking', 'versus recommend')
 */
export function staticNotice(what: string, command: string): string {
  return `<noscript>${notice(`<p>This is a static copy of the site: ${esc(what)} runs in your browser, with JavaScript, which is off here. Turn it on, or run <code>npx versus serve</code> or <code>${esc(command)}</code>.</p>`)}</noscript>`;
}

/**
 * The page fields that put the static copy's calculators in the browser (none on the server, which answers forms).
 * @example sitePage(ctx, { …, ...staticScript(ctx) })
 */
export function staticScript(ctx: PageContext): Pick<SitePage, 'script'> {
  return ctx.mode === 'static' ? { script: 'tools' } : {};
}
