// The recommend page: a form of constraints, and the ranked models with reasons when the engine is there.
import type { Rich } from '../../compare/cell.js';
import { requestOf } from '../../compare/recommend-input.js';
import { describeConstraints } from '../../render/recommend.js';
import { esc } from '../../render/escape.js';
import { citeAll } from '../cite.js';
import type { PageContext } from '../context.js';
import type { Recommendation, RecommendQuery } from '../engines.js';
import { checkField, getForm, selectField, textField, valueOf, type FormValues } from '../form.js';
import { gpuOptions } from '../options.js';
import { paths } from '../paths.js';
import { notice, sitePage, staticNotice, staticScript } from '../shell.js';

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
  const body = `${intro}${ctx.mode === 'static' ? staticNotice('ranking', 'versus recommend') : ''}${form(ctx, view.values)}${view.query ? outcome(ctx, view.query, view.result) : ''}`;
  return sitePage(ctx, { title: 'Recommend a model', description: 'Rank open-weight models against your languages, context, licence and hardware constraints.', body, section: 'recommend', ...staticScript(ctx) });
}

function form(ctx: PageContext, v: FormValues): string {
  const useCases = ctx.catalog.use_cases.map((u) => ({ value: u.id, label: u.name }));
  const yes = (name: string, legend: string, label: string) => checkField({ name, legend, options: [{ value: 'yes', label }], checked: v[name] ?? [] });
  const t = (name: string, label: string, placeholder: string, hint?: string) => textField({ name, label, value: valueOf(v, name), placeholder, ...(hint ? { hint } : {}) });
  return getForm({
    action: ctx.href(paths.recommend),
    label: 'Constraints',
    submit: 'Recommend',
    // Every option of `versus recommend`, under the same names (one parser reads both).
    fields: [
      selectField({ name: 'use-case', label: 'Use case', value: valueOf(v, 'use-case'), options: useCases, empty: '—', hint: 'Its weights rank the models that pass.' }),
      t('weights', 'Weights', 'coding=3,agentic=1', 'Override row weights, e.g. coding=3.'),
      t('languages', 'Languages', 'ja, th, hi', 'ISO 639-1 codes, comma-separated.'),
      t('max-premium', 'Largest token premium', '2', 'Tokens per language ÷ English tokens.'),
      t('context', 'Minimum context', '128k', 'Tokens; 128k = 131,072, 1m = 1,048,576.'),
      checkField({ name: 'modalities', legend: 'Inputs besides text', options: ['image', 'video', 'audio'].map((m) => ({ value: m, label: m })), checked: v.modalities ?? [] }),
      t('mau', 'Monthly active users', '1.2b', 'e.g. 50k, 700m, 1.2b.'),
      t('revenue', 'Yearly revenue (US$)', '30m', 'Some licences ask for an authorization above a revenue (MiniMax: US$20M a year).'),
      t('region', 'Company region', 'Germany', 'Country or group where your company is based: Germany, DE, EU, US…'),
      yes('end-user', 'End user', 'we are end users of a product that embeds the model'),
      yes('commercial', 'Commercial use', 'commercial use (the default)'),
      yes('non-commercial', 'Use', 'research or personal use only'),
      selectField({ name: 'license', label: 'Licence', value: valueOf(v, 'license'), options: [{ value: 'permissive', label: 'permissive (OSI-approved: Apache 2.0, MIT, …)' }], empty: 'any' }),
      yes('distribute', 'Distribution', 'we distribute the weights'),
      yes('fine-tune', 'Derivatives', 'we create a derivative model'),
      yes('no-naming', 'Naming', 'a naming rule for derivatives is not acceptable'),
      selectField({ name: 'gpu', label: 'GPU', value: valueOf(v, 'gpu'), options: gpuOptions(ctx.catalog), empty: 'any' }),
      t('gpus', 'Number of GPUs', '1'),
      t('precision', 'Precision', 'int4', 'e.g. bf16, fp8, int4, Q4_K_M.'),
      t('max-params', 'Largest model (total params)', '70b'),
      t('max-cost', 'Largest hosted cost (US$ per task, or per month)', '0.002 or 500/month'),
      t('volume', 'Tasks a month (for a monthly cost)', '1m'),
      t('load', 'Serving load', '20/s,in=2k,out=500', 'Requests per second, typical input and output tokens.'),
      yes('strict', 'Strict', 'every unverified check excludes'),
      yes('lenient', 'Lenient', 'admit unverified hardware, context or licence, ranked last'),
    ],
  });
}

/**
 * The constraints in words, so a reader can check how the form was read (the CLI's wording).
 * @example understood(ctx, parseRecommendInput(catalog, { languages: 'ja' })) // ['Use case: none', 'Constraints: languages ja']
 */
export function understood(ctx: PageContext, q: RecommendQuery): string[] {
  const useCase = q.useCase ? ctx.catalog.useCase.get(q.useCase) : undefined;
  const request = requestOf(q, useCase);
  return [
    useCase ? `Use case: ${useCase.name} (${useCase.question})` : '',
    `Constraints: ${describeConstraints(request.constraints)}`,
    q.strict ? 'Strict: every unverified check excludes' : q.lenient ? 'Lenient: unverified models admitted, ranked last' : '',
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
