// Comparison → HTML: the same report as Markdown, with citation links and leader highlighting.
import { reproduce } from '../compare/computations.js';
import type { Rich } from '../compare/cell.js';
import { releasesCheckedText, type Citation, type Comparison } from '../compare/comparison.js';
import { measurementText, type Measurement } from '../compare/measured.js';
import { numbering, type Numbering } from './citations.js';
import { memoryChart } from './charts/memory.js';
import { premiumChart } from './charts/premium.js';
import { esc, safeUrl } from './escape.js';
import { page } from './layout.js';

/** Rich text → HTML with superscript citation links to #src-N. */
export function richHtml(rich: Rich, numbers: Numbering): string {
  const ns = numbers(rich);
  return rich
    .map((span, i) => {
      const body = esc(span.text);
      const marked = span.mark ? `<span class="${span.mark}">${body}</span>` : body;
      const sups = (ns[i] ?? []).map((n) => `<sup><a href="#src-${n}" aria-label="source ${n}">[${n}]</a></sup>`).join('');
      return marked + sups;
    })
    .join('');
}

/** The report's sections as HTML, in reading order; a page may put its own parts between them. */
export interface ComparisonParts {
  readonly heading: string;
  readonly table: string;
  readonly analysis: string;
  readonly verdicts: string;
  readonly bottomLine: string;
  readonly sources: string;
  readonly methods: string;
  /** Inline SVG charts (empty when there is nothing to draw). */
  readonly charts: string;
  /** Rows measured by stored eval runs (empty without compare --runs). */
  readonly measured: string;
}

/**
 * The report split into sections, so the web site can add charts and links between them.
 * @example const { heading, table } = comparisonParts(comparison)
 */
export function comparisonParts(c: Comparison): ComparisonParts {
  const n = numbering(c);
  const head = c.subjects.map((s) => `<th scope="col">${esc(s.label)}</th>`).join('');
  const rows = c.rows.map((row) => {
    const cells = row.cells.map((cell, i) => {
      const lead = row.leaders.includes(i);
      // data-label lets a narrow screen show each cell under its subject's name (see the site's CSS).
      return `<td data-label="${esc(c.subjects[i]?.label ?? '')}"${lead ? ' class="lead"' : ''}>${lead ? '<span class="badge" title="leads this row">leads</span>' : ''}${richHtml(cell.text, n)}</td>`;
    });
    return `<tr><th scope="row">${esc(row.label)}</th>${cells.join('')}</tr>`;
  });
  const analysis = c.analysis.map((s) => `<h3>${esc(s.heading)}</h3>\n${s.paragraphs.map((p) => `<p>${richHtml(p, n)}</p>`).join('\n')}`);
  const verdicts = c.verdicts.map((v) => {
    const winner = v.winner === null ? 'No verdict' : (c.subjects[v.winner]?.label ?? '');
    return `<article class="verdict"><h3>${esc(v.useCase.name)}</h3><p class="q">${esc(v.useCase.question)}</p><p><span class="winner">${esc(winner)}.</span> ${richHtml(v.reasons, n)}</p></article>`;
  });
  return {
    heading: `<h1>${esc(c.title)}</h1>
<p class="meta">Data as of ${esc(c.asOf)}; releases last checked: ${esc(releasesCheckedText(c.releasesChecked))}. Every bracketed number links to its source below.</p>
<p>${richHtml(c.summary, n)}</p>`,
    table: `<section aria-labelledby="h-table"><h2 id="h-table">Feature comparison</h2>
<div class="table-wrap"><table class="report"><thead><tr><th scope="col">Dimension</th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
<p class="meta">“leads” = best score on the row (within 2%); how each row is ranked is listed under Methods.</p></section>`,
    analysis: `<section aria-labelledby="h-analysis"><h2 id="h-analysis">Detailed analysis</h2>
${analysis.join('\n')}</section>`,
    verdicts: `<section aria-labelledby="h-best"><h2 id="h-best">Best for</h2><div class="verdicts">
${verdicts.join('\n')}
</div></section>`,
    bottomLine: `<section aria-labelledby="h-bottom"><h2 id="h-bottom">The bottom line</h2>
${c.bottomLine.map((p) => `<p>${richHtml(p, n)}</p>`).join('\n')}</section>`,
    sources: `<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2><ol class="sources">
${c.citations.map(sourceItem).join('\n')}
</ol></section>`,
    charts: charts(c),
    measured: measuredHtml(c.measured ?? []),
    methods: `<section aria-labelledby="h-methods"><h2 id="h-methods">Methods</h2><ul>
${c.rows.filter((r) => r.metric).map((r) => `<li><strong>${esc(r.label)}</strong>: ranked by ${esc(r.metric)}.</li>`).join('\n')}
</ul></section>`,
  };
}

/** Inline SVG charts: token cost per language and memory against context, when the comparison has their data. */
function charts(c: Comparison): string {
  const figures = [
    c.premium ? `<figure>${premiumChart({ id: 'premium-chart', ...c.premium })}<figcaption class="meta">${esc(c.premium.title)}. Measured by versus on the Universal Declaration of Human Rights; reproduce with <code>versus tokens</code>.</figcaption></figure>` : '',
    c.memory ? `<figure>${memoryChart({ id: 'memory-chart', ...c.memory })}<figcaption class="meta">${esc(c.memory.description)}</figcaption></figure>` : '',
  ].filter(Boolean);
  return figures.length > 0 ? `<section aria-labelledby="h-measured"><h2 id="h-measured">Measured: token cost and memory</h2>\n${figures.join('\n')}</section>` : '';
}

/** Measured rows (compare --runs), each marked where, when and which run, with the command that repeats it. */
function measuredHtml(ms: readonly Measurement[]): string {
  if (ms.length === 0) return '';
  const rows = ms.map((m) => `<tr><th scope="row">${esc(m.modelName)}</th><td>${esc(measurementText(m))}</td><td>${esc(m.label)}</td><td><code>${esc(m.reproduce)}</code></td></tr>`);
  return `<section aria-labelledby="h-runs"><h2 id="h-runs">Measured on your endpoints</h2>
<div class="table-wrap"><table class="report"><thead><tr><th scope="col">Model</th><th scope="col">Results</th><th scope="col">Measured</th><th scope="col">Reproduce</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div></section>`;
}

/** The report body, for embedding in any page. */
export function comparisonHtml(c: Comparison): string {
  const p = comparisonParts(c);
  return [p.heading, p.table, p.measured, p.charts, p.analysis, p.verdicts, p.bottomLine, p.sources, p.methods].join('\n');
}

/** One numbered source (or computation) as a list item with the anchor `src-N` that citation marks link to. */
export function sourceItem(c: Citation): string {
  if (c.source) {
    const s = c.source;
    return `<li id="src-${c.n}" value="${c.n}"><a href="${safeUrl(s.url)}" rel="noopener">${esc(s.title)}</a> — ${esc(s.publisher)}, ${esc(s.kind)}, retrieved ${esc(s.retrieved)}</li>`;
  }
  const comp = c.computation;
  return `<li id="src-${c.n}" value="${c.n}">Computed by versus: ${esc(comp?.title ?? c.key)} for ${esc(comp?.model ?? '')}. ${esc(comp?.method ?? '')} Reproduce: <code>${esc(comp ? reproduce(comp) : '')}</code></li>`;
}

/**
 * A standalone HTML page of the report.
 * @example renderHtmlPage(comparison).startsWith('<!doctype html>')
 */
export function renderHtmlPage(c: Comparison): string {
  return page({ title: `${c.title} — versus`, body: comparisonHtml(c), description: `Sourced comparison: ${c.title}` });
}
