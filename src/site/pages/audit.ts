// The audit page: paste an article, get each claim checked against the catalog (a POST form; works without JavaScript).
import type { Audit } from '../../audit/index.js';
import { auditHtml } from '../../render/audit.js';
import type { PageContext } from '../context.js';
import { getForm, textArea } from '../form.js';
import { paths } from '../paths.js';
import { sitePage, staticNotice, staticScript } from '../shell.js';

/** The most text the page takes: a long article; whole files go through the CLI. */
export const AUDIT_TEXT_LIMIT = 60_000;

/**
 * The form, and the audit of the text it was sent, when there is one.
 * @example auditPage(ctx, {}) // the empty form
 */
export function auditPage(ctx: PageContext, view: { text?: string; result?: Audit }): string {
  const intro = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Audit</p><h1>Audit an article</h1>
<p class="lead-in">Paste a comparison article, a blog post or a model card. versus finds its claims about the models in the catalog (context windows, languages, parameters, licences and user caps, release dates, hardware fit, benchmark scores), checks each against the catalog's sources and its own computations, and lists the licence blockers and newer releases the text leaves out.</p>`;
  const form = getForm({
    action: ctx.href(paths.audit),
    method: 'post',
    label: 'Audit a text',
    submit: 'Check the claims',
    fields: [textArea({ name: 'text', label: 'Text (plain, Markdown or HTML)', value: view.text ?? '', maxLength: AUDIT_TEXT_LIMIT, hint: `Up to ${AUDIT_TEXT_LIMIT.toLocaleString('en-US')} characters. Nothing is stored. For files and URLs: versus audit FILE.` })],
  });
  const note = ctx.mode === 'static' ? staticNotice('auditing', 'versus audit article.md') : '';
  return page(ctx, `${intro}${note}${view.result ? auditHtml(view.result) : ''}${form}`);
}

function page(ctx: PageContext, body: string): string {
  return sitePage(ctx, { title: 'Audit an article', description: 'Check an article\'s claims about open-weight models against sourced facts.', body, section: 'audit', ...staticScript(ctx) });
}
