// The error page: what went wrong in words, and links to what the reader may have meant.
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';
import { notice, sitePage } from '../shell.js';

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
