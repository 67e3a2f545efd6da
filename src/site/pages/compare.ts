// The comparison page: the full report, charts whose values link to their citations, and links onward.
import { isKnown } from '../../catalog/catalog.js';
import type { Fact } from '../../catalog/schema.js';
import { flagship, num } from '../../compare/cell.js';
import type { Comparison } from '../../compare/comparison.js';
import type { Subject } from '../../compare/subjects.js';
import { formatParams, formatTokens } from '../../format.js';
import { barChart, type Bar } from '../../render/charts/bar.js';
import { numbering } from '../../render/citations.js';
import { esc } from '../../render/escape.js';
import { comparisonParts } from '../../render/html.js';
import { compareHref, exportedComparison, type PageContext } from '../context.js';
import { selectField } from '../form.js';
import { subjectGroups } from '../options.js';
import { MAX_SUBJECTS, paths } from '../paths.js';
import { sitePage, staticNotice, staticScript } from '../shell.js';
import { compareForm } from './home.js';

/**
 * The report for `c`, framed as a site page.
 * @example comparePage(pageContext(site, '/compare/qwen-vs-llama/'), compare(catalog, subjects))
 */
export function comparePage(ctx: PageContext, c: Comparison): string {
  const p = comparisonParts(c);
  const ids = c.subjects.map((s) => s.id);
  // A static copy has the JSON of the comparisons it wrote as pages; the others are built in the browser.
  const json = ctx.mode === 'server' || exportedComparison(ctx, ids);
  const actions = [
    json ? `<a href="${ctx.href(paths.api.compare(ids))}">This comparison as JSON</a>` : '',
    `<a href="${compareHref(ctx, [...ids].reverse())}">Reverse the columns</a>`,
    `<a href="#h-sources">Sources (${c.citations.length})</a>`,
  ].filter(Boolean);
  const body = [
    `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Compare</p>`,
    p.heading,
    `<p class="actions">${actions.join('')}</p>`,
    p.table,
    charts(c),
    p.charts,
    p.analysis, p.verdicts, p.bottomLine,
    modelsSection(ctx, c.subjects),
    ids.length < MAX_SUBJECTS ? addForm(ctx, ids) : '',
    p.sources, p.methods,
  ].join('\n');
  return sitePage(ctx, { title: c.title, description: `Sourced comparison of ${c.title}: context, languages, licences, benchmarks, efficiency.`, body, section: 'compare' });
}

function charts(c: Comparison): string {
  const n = numbering(c);
  const href = (fact: Fact<unknown>) => {
    const [number] = n([{ text: '', refs: [{ source: fact.source }] }])[0] ?? [];
    return number === undefined ? undefined : `#src-${number}`;
  };
  const bar = (label: string, fact: Fact<number>, display: string, series?: number): Bar => {
    const h = href(fact);
    return { label, value: fact.value, display: h ? `${display} [${h.slice(5)}]` : display, ...(h ? { href: h } : {}), ...(series === undefined ? {} : { series }) };
  };
  const context = c.subjects.flatMap((s) => {
    const best = [...s.models].filter((m) => isKnown(m.context.native)).sort((a, b) => (num(b.context.native) ?? 0) - (num(a.context.native) ?? 0))[0];
    return best && isKnown(best.context.native) ? [bar(s.label, best.context.native, formatTokens(best.context.native.value).replace(/ tokens.*$/, ''))] : [];
  });
  const sizes = c.subjects.flatMap((s) => {
    const top = flagship(s);
    if (!top) return [];
    const { total, active } = top.params;
    return [
      ...(isKnown(total) ? [bar(`${top.name} total`, total, formatParams(total.value), 0)] : []),
      ...(isKnown(active) && isKnown(total) && active.value < total.value ? [bar(`${top.name} active`, active, formatParams(active.value), 1)] : []),
    ];
  });
  const cost = costBars(c);
  const figures = [
    context.length > 1 ? barChart({ id: 'chart-context', title: 'Longest native context window (tokens)', bars: context }) : '',
    cost.bars.length > 1 ? barChart({ id: 'chart-cost', title: 'Hosted cost per 1,000 tasks of 2,000 characters in, 600 out (US$, cheapest dated price)', bars: cost.bars, series: cost.languages }) : '',
    sizes.length > 1 ? barChart({ id: 'chart-params', title: 'Flagship parameters', bars: sizes, series: ['total', 'active per token'] }) : '',
  ].filter(Boolean);
  if (figures.length === 0) return '';
  return `<section aria-labelledby="h-charts"><h2 id="h-charts">At a glance</h2><div class="charts">${figures.join('\n')}</div>
<p class="meta">Bracketed numbers link to the citations below; the same values, with context, are in the table above.</p></section>`;
}

/** One bar per subject and language from the cost row: the cheapest hosted price of 1,000 tasks. */
function costBars(c: Comparison): { bars: Bar[]; languages: string[] } {
  const row = c.rows.find((r) => r.id === 'cost');
  const languages: string[] = [];
  const bars = (row?.cells ?? []).flatMap((cell, i) => {
    const value = cell.value as { languages?: { language: string; hosted: number | null }[] } | null;
    return (value?.languages ?? []).flatMap((l) => {
      if (l.hosted === null) return [];
      if (!languages.includes(l.language)) languages.push(l.language);
      return [{ label: `${c.subjects[i]?.label ?? ''} · ${l.language}`, value: l.hosted * 1000, display: `$${(l.hosted * 1000).toFixed(2)}`, series: languages.indexOf(l.language) }];
    });
  });
  return { bars, languages };
}

function modelsSection(ctx: PageContext, subjects: readonly Subject[]): string {
  const lists = subjects.map((s) => `<li><strong>${esc(s.label)}</strong>: ${s.models.map((m) => `<a href="${ctx.href(paths.model(m.id))}">${esc(m.name)}</a>`).join(', ')}</li>`);
  return `<section aria-labelledby="h-models"><h2 id="h-models">Models in this comparison</h2>
<p class="meta">Each model's page lists every fact with its source and date.</p><ul class="plain">${lists.join('')}</ul></section>`;
}

function addForm(ctx: PageContext, ids: readonly string[]): string {
  const hidden = ids.map((id) => `<input type="hidden" name="subjects" value="${esc(id)}">`).join('');
  const select = selectField({ name: 'subjects', id: 'f-add', label: 'Add a family, generation or model', value: '', groups: subjectGroups(ctx.catalog), empty: '—' });
  return `<form class="panel" action="${ctx.href(paths.compareForm)}" method="get" aria-label="Add to this comparison">${hidden}<div class="fields">${select}</div><button type="submit">Add and compare</button></form>`;
}

/**
 * The static copy's compare/ page: the form, and (with JavaScript) the comparison its query asks for, built in the
 * browser from the exported catalog; the server redirects this address instead.
 * @example compareFormPage(pageContext(site, '/compare/'))
 */
export function compareFormPage(ctx: PageContext): string {
  const pages = ctx.catalog.families.length * (ctx.catalog.families.length - 1);
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Compare</p><h1>Compare families, generations and models</h1>
<p class="lead-in">Choose up to ${MAX_SUBJECTS}. This static copy has a page for each of the ${pages} pairs of families (<a href="${ctx.href(`${paths.home}#h-pairs`)}">listed on the home page</a>); any other comparison is built here, in your browser, from the same catalog and the same code.</p>
${staticNotice('a comparison that is not one of those pages', 'versus compare qwen3.5-27b llama gemma')}
${compareForm(ctx, {})}`;
  return sitePage(ctx, { title: 'Compare', description: 'Compare any open-weight model families, generations or models, with sources.', body, section: 'compare', ...staticScript(ctx) });
}
