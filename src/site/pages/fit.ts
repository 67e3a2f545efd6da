// The hardware-fit page: model, GPUs, precision and context in; memory, largest context and speed bound out.
import type { Rich } from '../../compare/cell.js';
import { cite, citeMaybe, text } from '../../compare/cell.js';
import { modelSheet } from '../../compare/model-sheet.js';
import { formatInt } from '../../format.js';
import { KV_DTYPES } from '../../measure/fit-report.js';
import { esc } from '../../render/escape.js';
import { citeAll } from '../cite.js';
import type { PageContext } from '../context.js';
import type { FitSheet } from '../../compare/fit-sheet.js';
import type { FitQuery } from '../engines.js';
import { getForm, selectField, textField, valueOf, type FormValues } from '../form.js';
import { gpuOptions, modelGroups } from '../options.js';
import { paths } from '../paths.js';
import { notice, sitePage, staticNotice, staticScript } from '../shell.js';

export interface FitView {
  readonly values: FormValues;
  readonly query?: FitQuery;
  /** The engine's report; undefined when the engine is not available in this build. */
  readonly report?: FitSheet;
}

/**
 * The calculator form and its answer (or what the catalog already says, when the engine is absent).
 * @example fitPage(ctx, { values: { model: ['qwen3.5-27b'], gpu: ['h100-sxm'] }, query })
 */
export function fitPage(ctx: PageContext, view: FitView): string {
  const intro = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Hardware fit</p><h1>Does it fit?</h1>
<p class="lead-in">Weights, KV cache and state for a model on a set of GPUs, at a precision and context length, computed per layer from the model's published architecture.</p>`;
  const body = `${intro}${ctx.mode === 'static' ? staticNotice('the calculator', 'versus fit') : ''}${form(ctx, view.values)}${view.query ? outcome(ctx, view.query, view.report) : ''}`;
  return sitePage(ctx, { title: 'Hardware fit', description: 'Memory and speed bounds for open-weight models on GPUs, per layer and per attention kind.', body, section: 'fit', ...staticScript(ctx) });
}

function form(ctx: PageContext, v: FormValues): string {
  return getForm({
    action: ctx.href(paths.fit),
    label: 'Model and hardware',
    submit: 'Calculate',
    fields: [
      selectField({ name: 'model', label: 'Model', value: valueOf(v, 'model'), groups: modelGroups(ctx.catalog) }),
      selectField({ name: 'gpu', label: 'GPU', value: valueOf(v, 'gpu'), options: gpuOptions(ctx.catalog) }),
      textField({ name: 'gpus', label: 'Number of GPUs', value: valueOf(v, 'gpus'), placeholder: '1', hint: 'Tensor parallel across them.' }),
      selectField({ name: 'precision', label: 'Weight precision', value: valueOf(v, 'precision'), options: ctx.catalog.precisions.map((p) => ({ value: p.id, label: p.name })), empty: 'bf16 (default)' }),
      selectField({ name: 'kv', label: 'KV cache type', value: valueOf(v, 'kv'), options: KV_DTYPES.map((k) => ({ value: k, label: k })), empty: 'bf16 (default)' }),
      selectField({ name: 'engine', label: 'Inference engine', value: valueOf(v, 'engine'), options: ctx.catalog.runtimes.map((r) => ({ value: r.id, label: r.name })), empty: 'by GPU (vLLM; llama.cpp on Apple and phones)' }),
      textField({ name: 'context', label: 'Context length', value: valueOf(v, 'context'), placeholder: '128k', hint: 'Tokens; 128k = 131,072. Default: the model\'s native window.' }),
      textField({ name: 'concurrency', label: 'Concurrent sequences', value: valueOf(v, 'concurrency'), placeholder: '1' }),
      textField({ name: 'ngl', label: 'Layers on the GPU (llama.cpp)', value: valueOf(v, 'ngl'), placeholder: 'all', hint: 'llama.cpp -ngl: the other layers stay in system RAM.' }),
      selectField({ name: 'flash_attn', label: 'Flash attention (llama.cpp)', value: valueOf(v, 'flash_attn'), options: [{ value: 'on', label: 'on' }, { value: 'off', label: 'off' }], empty: 'on (default)' }),
    ],
  });
}

function outcome(ctx: PageContext, q: FitQuery, report: FitSheet | undefined): string {
  const known = knownFacts(ctx, q);
  const rich: Rich[] = [...(report ? [report.verdict, ...report.lines.map((l) => l.value)] : []), ...known.map((l) => l.value)];
  const cited = citeAll(ctx.catalog, rich);
  const table = (lines: readonly { label: string; value: Rich }[]) => `<div class="table-wrap"><table class="facts"><tbody>${lines.map((l) => `<tr><th scope="row">${esc(l.label)}</th><td>${cited.html(l.value)}</td></tr>`).join('')}</tbody></table></div>`;
  const answer = report
    ? `<section aria-labelledby="h-answer"><h2 id="h-answer">${report.fits ? 'It fits' : 'It does not fit'}</h2><p>${cited.html(report.verdict)}</p>${table(report.lines)}</section>`
    : notice('<p><strong>Not available yet.</strong> The memory and speed calculator (<code>versus fit</code>) is not part of this build, so nothing is computed for these settings. Below is only what the catalog states.</p>');
  return `${answer}
<section aria-labelledby="h-known"><h2 id="h-known">What the catalog states</h2>${table(known)}</section>
${cited.count ? `<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>${cited.list}</section>` : ''}`;
}

/** The sourced facts the answer rests on: the model's size and cache, and the GPU's memory and bandwidth. */
function knownFacts(ctx: PageContext, q: FitQuery): { label: string; value: Rich }[] {
  const model = ctx.catalog.model.get(q.model);
  const gpu = ctx.catalog.gpu.get(q.gpu);
  const sheet = model ? modelSheet(ctx.catalog, model).filter((l) => ['Parameters', 'KV cache', 'Context'].includes(l.label)) : [];
  const gpuLines = gpu ? [
    { label: `${gpu.name} memory`, value: [...cite(gpu.memory_gb, `${formatInt(gpu.memory_gb.value)} GB`), text(q.gpus > 1 ? ` each, ${formatInt(gpu.memory_gb.value * q.gpus)} GB across ${q.gpus}` : '')] },
    ...(gpu.reported_memory_gib ? [{ label: `${gpu.name} memory as the device reports it (what fit uses)`, value: cite(gpu.reported_memory_gib, `${gpu.reported_memory_gib.value} GiB`) }] : []),
    { label: `${gpu.name} bandwidth`, value: cite(gpu.bandwidth_gbs, `${formatInt(gpu.bandwidth_gbs.value)} GB/s`) },
    { label: `${gpu.name} bf16 compute`, value: citeMaybe(gpu.bf16_tflops, (v) => `${formatInt(v)} TFLOPS dense`) },
  ] : [];
  return [...sheet.map((l) => ({ label: `${model?.name ?? ''} — ${l.label}`, value: l.value })), ...gpuLines];
}
