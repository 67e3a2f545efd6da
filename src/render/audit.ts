// Audit → Markdown, HTML (the article with its claims marked) and JSON.
import type { Audit, Checked, Verdict } from '../audit/index.js';
import type { ClaimValue } from '../audit/claims.js';
import { plainText } from '../compare/cell.js';
import { reproduce } from '../compare/computations.js';
import { formatInt, formatParams } from '../format.js';
import { numbering, markedText } from './citations.js';
import { esc } from './escape.js';
import { richHtml, sourceItem } from './html.js';
import { mdEscape, sourceLine } from './markdown.js';

export const VERDICT_LABEL: Record<Verdict, string> = { holds: 'holds', wrong: 'wrong', partly: 'partly holds', unverified: 'not in the catalog' };

/** A claim's stated value in words: "context 128,000 tokens". */
export function claimed(v: ClaimValue): string {
  switch (v.attribute) {
    case 'context': return `context ${formatInt(v.tokens)} tokens${v.superlative ? ' (the longest)' : ''}`;
    case 'languages': return `${v.count} languages`;
    case 'params': return [v.total !== undefined ? `${v.upTo ? 'up to ' : ''}${formatParams(v.total)} total` : '', v.active !== undefined ? `${formatParams(v.active)} active` : ''].filter(Boolean).join(', ');
    case 'experts': return `${v.count} experts`;
    case 'size-range': return `sizes ${formatParams(v.from)} to ${formatParams(v.to)}`;
    case 'vocab': return `vocabulary ${formatInt(v.size)}`;
    case 'mau-threshold': return v.users === null ? 'no user cap' : `user cap ${formatInt(v.users)} MAU`;
    case 'acceptable-use-policy': return v.present ? 'has an acceptable use policy' : 'no acceptable use policy';
    case 'license': return `licence ${v.name}`;
    case 'released': return `released ${v.part ? `${v.part}-` : ''}${v.month ? `${v.year}-${String(v.month).padStart(2, '0')}` : v.year}`;
    case 'fit': return v.multi ? `needs more than one ${v.gpu}` : `fits ${v.gpus} × ${v.gpu}`;
    case 'modality': return `${v.modality} input`;
    case 'architecture': return `uses ${v.kind}`;
    case 'benchmark': return `${v.benchmark} ${v.score}`;
    case 'benchmark-lead': return `leads on ${v.benchmark}`;
    case 'cloud': return `available on ${v.clouds.join(', ')}`;
    case 'latest': return 'the latest release';
  }
}

function summaryLine(a: Audit): string {
  const c = a.counts;
  return `${a.checked.length} claims checked: ${c.wrong} wrong, ${c.partly} partly hold, ${c.holds} hold, ${c.unverified} not in the catalog; ${a.omissions.length} omissions.`;
}

/**
 * The audit as Markdown: summary, claims table, omissions, sources.
 * @example renderAuditMarkdown(audit(catalog, text, 'article.txt')).startsWith('# Audit of article.txt')
 */
export function renderAuditMarkdown(a: Audit): string {
  const n = numbering(a);
  const md = (c: Checked) => mdEscape(markedText(c.finding, n));
  const rows = a.checked.map((c, i) => `| ${i + 1} | ${c.claim.line} | “${mdEscape(c.claim.quote)}” | ${mdEscape(c.claim.entity.label)} | ${mdEscape(claimed(c.claim.value))}${c.claim.extractedBy === 'model' ? ' (model-extracted)' : ''} | **${VERDICT_LABEL[c.verdict]}** | ${md(c)} |`);
  const omissions = a.omissions.map((o) => `- **${o.kind}** (${mdEscape(o.about)}): ${mdEscape(markedText(o.text, n))}`);
  return [
    `# Audit of ${mdEscape(a.origin)}`, '',
    `*${summaryLine(a)} Compared here: ${mdEscape(a.compared.map((g) => g.name).join(', ') || 'nothing the catalog knows')}. Every bracketed number cites a source listed at the end.*`, '',
    '## Claims', '',
    '| # | line | claim | about | states | verdict | catalog |', '|---|---|---|---|---|---|---|',
    ...rows, '',
    '## What it leaves out', '',
    ...(omissions.length > 0 ? omissions : ['Nothing the catalog flags.']), '',
    '## Sources', '',
    ...a.citations.map(sourceLine), '',
  ].join('\n');
}

/** The audit as JSON: every claim with its verdict, finding text and citation numbers. */
export function renderAuditJson(a: Audit): string {
  const n = numbering(a);
  return `${JSON.stringify({
    origin: a.origin,
    counts: a.counts,
    compared: a.compared.map((g) => g.id),
    claims: a.checked.map((c) => ({
      line: c.claim.line, start: c.claim.start, end: c.claim.end, quote: c.claim.quote,
      entity: c.claim.entity, claim: c.claim.value, stated: claimed(c.claim.value), extracted_by: c.claim.extractedBy,
      verdict: c.verdict, finding: plainText(c.finding), cites: [...new Set(n(c.finding).flat())],
    })),
    omissions: a.omissions.map((o) => ({ kind: o.kind, about: o.about, text: plainText(o.text), cites: [...new Set(n(o.text).flat())] })),
    sources: a.citations.map((c) => (c.source ? { n: c.n, ...c.source } : { n: c.n, computed: c.computation?.title, model: c.computation?.model, reproduce: c.computation ? reproduce(c.computation) : undefined })),
  }, null, 2)}\n`;
}

/** The article's text with each claim marked by its verdict and numbered, as HTML paragraphs. */
function markedArticle(a: Audit): string {
  const spans = a.checked.map((c, i) => ({ c, i })).sort((x, y) => x.c.claim.start - y.c.claim.start);
  let html = '';
  let at = 0;
  for (const { c, i } of spans) {
    if (c.claim.start < at || c.claim.extractedBy === 'model') continue;
    html += esc(a.text.slice(at, c.claim.start));
    html += `<mark class="v-${c.verdict}" title="${esc(VERDICT_LABEL[c.verdict])}">${esc(a.text.slice(c.claim.start, c.claim.end))}<sup><a href="#claim-${i + 1}">${i + 1}</a></sup></mark>`;
    at = c.claim.end;
  }
  html += esc(a.text.slice(at));
  return html.split(/\n+/).map((p) => `<p>${p}</p>`).join('\n');
}

/** The audit as an HTML body: summary, marked article, claims table, omissions, sources. */
export function auditHtml(a: Audit): string {
  const n = numbering(a);
  const rows = a.checked.map((c, i) => `<tr id="claim-${i + 1}"><td>${i + 1}</td><td>${c.claim.line}</td><td>“${esc(c.claim.quote)}”</td><td>${esc(c.claim.entity.label)}</td><td>${esc(claimed(c.claim.value))}${c.claim.extractedBy === 'model' ? ' <em>(model-extracted)</em>' : ''}</td><td class="verdict-${c.verdict}">${esc(VERDICT_LABEL[c.verdict])}</td><td>${richHtml(c.finding, n)}</td></tr>`);
  const omissions = a.omissions.map((o) => `<li><strong>${esc(o.kind)}</strong> (${esc(o.about)}): ${richHtml(o.text, n)}</li>`);
  return `<h1>Audit of ${esc(a.origin)}</h1>
<p class="meta">${esc(summaryLine(a))}</p>
<section aria-labelledby="h-claims"><h2 id="h-claims">Claims</h2>
<div class="table-wrap"><table class="report"><thead><tr><th>#</th><th>line</th><th>claim</th><th>about</th><th>states</th><th>verdict</th><th>catalog</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div></section>
<section aria-labelledby="h-omit"><h2 id="h-omit">What it leaves out</h2><ul>${omissions.join('\n') || '<li>Nothing the catalog flags.</li>'}</ul></section>
<section aria-labelledby="h-article"><h2 id="h-article">The text, marked</h2><div class="article">${markedArticle(a)}</div></section>
<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><ol class="sources">
${a.citations.map(sourceItem).join('\n')}
</ol></section>`;
}
