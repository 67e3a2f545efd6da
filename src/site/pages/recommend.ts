// The recommend page: a form of constraints, and the ranked models with reasons when the engine is there.
import type { Rich } from '../../compare/cell.js';
import { formatInt, formatRevenue, formatTokens } from '../../format.js';
import { esc } from '../../render/escape.js';
import { citeAll } from '../cite.js';
import type { PageContext } from '../context.js';
import type { Recommendation, RecommendQuery } from '../engines.js';
import { checkField, getForm, selectField, textField, valueOf, type FormValues } from '../form.js';
import { gpuOptions } from '../options.js';
import { paths } from '../paths.js';
import { notice, sitePage, staticNotice } from '../shell.js';

export interface RecommendView {
  readonly values: FormValues;
  /** The parsed constraints, when the form was submitted. */
  readonly query?: RecommendQuery;
  /** The engine's answer; undefined when the engine is not available in this build. */
  readonly result?: Recommendation;
}

/**
 * The form, what the constraints were understood as, and the result (or why there is none).
 * @example recommendPage(ctx, { values: { languages: ['ja'] }, query })
 */
export function recommendPage(ctx: PageContext, view: RecommendView): string {
  const intro = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Recommend</p><h1>Which model fits your constraints?</h1>
<p class="lead-in">Give the hard constraints (languages, context, inputs, users, region, hardware) and a use case whose weights rank what passes. Every pass or fail cites the fact that decided it.</p>`;
  const body = ctx.mode === 'static'
    ? `${intro}${staticNotice('ranking', 'versus recommend')}`
    : `${intro}${form(ctx, view.values)}${view.query ? outcome(ctx, view.query, view.result) : ''}`;
  return sitePage(ctx, { title: 'Recommend a model', description: 'Rank open-weight models against your languages, context, licence and hardware constraints.', body, section: 'recommend' });
}

function form(ctx: PageContext, v: FormValues): string {
  const useCases = ctx.catalog.use_cases.map((u) => ({ value: u.id, label: u.name }));
  return getForm({
    action: ctx.href(paths.recommend),
    label: 'Constraints',
    submit: 'Recommend',
    fields: [
      selectField({ name: 'use-case', label: 'Use case', value: valueOf(v, 'use-case'), options: useCases, empty: '—', hint: 'Its weights rank the models that pass.' }),
      textField({ name: 'languages', label: 'Languages', value: valueOf(v, 'languages'), placeholder: 'ja, th, hi', hint: 'ISO 639-1 codes, comma-separated.' }),
      textField({ name: 'context', label: 'Minimum context', value: valueOf(v, 'context'), placeholder: '128k', hint: 'Tokens; 128k = 131,072, 1m = 1,048,576.' }),
      checkField({ name: 'modalities', legend: 'Inputs besides text', options: ['image', 'video', 'audio'].map((m) => ({ value: m, label: m })), checked: v.modalities ?? [] }),
      textField({ name: 'mau', label: 'Monthly active users', value: valueOf(v, 'mau'), placeholder: '1.2b', hint: 'e.g. 50k, 700m, 1.2b.' }),
      textField({ name: 'revenue', label: 'Yearly revenue (US$)', value: valueOf(v, 'revenue'), placeholder: '30m', hint: 'Some licences ask for an authorization above a revenue (MiniMax: US$20M a year).' }),
      textField({ name: 'region', label: 'Company region', value: valueOf(v, 'region'), placeholder: 'EU', hint: 'Where your company is based, e.g. EU or US.' }),
      checkField({ name: 'distribute', legend: 'Distribution', options: [{ value: 'yes', label: 'we distribute the weights' }], checked: v.distribute ?? [] }),
      selectField({ name: 'gpu', label: 'GPU', value: valueOf(v, 'gpu'), options: gpuOptions(ctx.catalog), empty: 'any' }),
      textField({ name: 'gpus', label: 'Number of GPUs', value: valueOf(v, 'gpus'), placeholder: '1' }),
    ],
  });
}

/**
 * The constraints in words, so a reader can check how the form was read.
 * @example understood(ctx, { languages: ['ja'], modalities: [], distribute: false }) // ['Languages: ja']
 */
export function understood(ctx: PageContext, q: RecommendQuery): string[] {
  const gpu = q.gpu ? ctx.catalog.gpu.get(q.gpu)?.name ?? q.gpu : undefined;
  const useCase = q.useCase ? ctx.catalog.useCase.get(q.useCase) : undefined;
  return [
    useCase ? `Use case: ${useCase.name} (${useCase.question})` : '',
    q.languages.length ? `Languages: ${q.languages.join(', ')}` : '',
    q.context !== undefined ? `Minimum context: ${formatTokens(q.context)}` : '',
    q.modalities.length ? `Inputs besides text: ${q.modalities.join(', ')}` : '',
    q.mau !== undefined ? `Monthly active users: ${formatInt(q.mau)}` : '',
    q.revenue !== undefined ? `Yearly revenue: ${formatRevenue(q.revenue, 'USD')}` : '',
    q.region ? `Company region: ${q.region}` : '',
    q.distribute ? 'Distributes the weights' : '',
    gpu ? `Hardware: ${q.gpus ?? 1} × ${gpu}` : '',
  ].filter(Boolean);
}

function outcome(ctx: PageContext, q: RecommendQuery, result: Recommendation | undefined): string {
  const read = understood(ctx, q);
  const asked = `<section aria-labelledby="h-asked"><h2 id="h-asked">Your constraints</h2>${read.length ? `<ul>${read.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '<p>None given: every model passes.</p>'}</section>`;
  if (!result) {
    return `${asked}${notice('<p><strong>Not available yet.</strong> The recommendation engine (<code>versus recommend</code>) is not part of this build, so no model is ranked here. Nothing on this page is a placeholder result.</p><p>Meanwhile, the <a href="' + ctx.href(paths.home) + '">comparisons</a> show each family\'s “Best for” verdicts, derived from the same use-case weights.</p>')}`;
  }
  return asked + results(ctx, result);
}

function results(ctx: PageContext, r: Recommendation): string {
  const rich: Rich[] = [...r.ranked.flatMap((m) => [m.reasons, ...m.checks.map((c) => c.why)]), ...r.excluded.flatMap((x) => x.failed.map((c) => c.why)), ...(r.flip ? [r.flip] : []), ...r.relax];
  const cited = citeAll(ctx.catalog, rich);
  const name = (id: string) => `<a href="${ctx.href(paths.model(id))}">${esc(ctx.catalog.model.get(id)?.name ?? id)}</a>`;
  const ranked = r.ranked.map((m, i) => `<tr><th scope="row">${i + 1}. ${name(m.model)}</th><td class="num" data-label="Score">${Math.round(m.score * 100)}/100</td><td data-label="Why">${cited.html(m.reasons)}</td></tr>`);
  const excluded = r.excluded.map((x) => `<li>${name(x.model)}: ${x.failed.map((c) => `${esc(c.constraint)} — ${cited.html(c.why)}`).join('; ')}</li>`);
  return `<section aria-labelledby="h-ranked"><h2 id="h-ranked">Ranked models</h2>
${r.ranked.length ? `<div class="table-wrap"><table class="stack"><thead><tr><th scope="col">Model</th><th scope="col" class="num">Score</th><th scope="col">Why</th></tr></thead><tbody>${ranked.join('')}</tbody></table></div>` : notice('<p>No model passes every constraint.</p>')}
${r.flip ? `<p>${cited.html(r.flip)}</p>` : ''}${r.relax.map((x) => `<p>${cited.html(x)}</p>`).join('')}</section>
${excluded.length ? `<section aria-labelledby="h-excluded"><h2 id="h-excluded">Excluded</h2><ul>${excluded.join('')}</ul></section>` : ''}
${cited.count ? `<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>${cited.list}</section>` : ''}`;
}
