// The runs pages: every stored eval run (endpoint, model, date, pass rates), and one run's tasks with their answers.
import { runModel } from '../../compare/measured.js';
import { measuredLabel, publicEndpoint, reproduceCommand } from '../../measure/eval/provenance.js';
import type { LoadedRun } from '../../measure/eval/store.js';
import { summarize } from '../../measure/eval/summary.js';
import { esc } from '../../render/escape.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';
import { sitePage } from '../shell.js';

const ms = (n: number | null) => (n === null ? '—' : String(Math.round(n)));

/** A report table whose cells carry their column's name, so a phone shows each value under its label. */
function labelledTable(labels: readonly string[], rows: readonly { cells: readonly string[]; fail?: boolean }[]): string {
  const head = labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('');
  const body = rows.map((r) => `<tr${r.fail ? ' class="fail"' : ''}>${r.cells.map((c, i) => `<td data-label="${esc(labels[i] ?? '')}">${c}</td>`).join('')}</tr>`);
  return `<div class="table-wrap"><table class="report"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

/**
 * Every run, newest first, with what it measured and the command that repeats it.
 * @example runsPage(pageContext(site, '/runs/'), readRuns('versus-runs.db'))
 */
export function runsPage(ctx: PageContext, runs: readonly LoadedRun[]): string {
  const rows = [...runs].reverse().map(({ run, results }) => {
    const model = runModel(ctx.catalog, run);
    const passed = results.filter((r) => r.pass).length;
    return { cells: [`<a href="${ctx.href(paths.run(run.id))}">${run.id}</a>`, esc(run.started.slice(0, 16).replace('T', ' ')), esc(publicEndpoint(run.endpoint)), `${esc(run.requestedModel)}${run.servedModel && run.servedModel !== run.requestedModel ? ` <span class="meta">(served ${esc(run.servedModel)})</span>` : ''}`, `${model ? `<a href="${ctx.href(paths.model(model))}">${esc(model)}</a>` : '<span class="meta">not in the catalog</span>'}`, esc(run.suites.join(', ')), `${passed}/${results.length}`] };
  });
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Runs</p><h1>Eval runs</h1>
<p class="lead-in">Measured by <code>versus eval</code> on the endpoints below: every prompt, answer, grade and timing is stored. Endpoints are shown without credentials.</p>
${rows.length === 0 ? '<p>No runs yet. Record one with <code>versus eval --endpoint URL --model M --db FILE</code>.</p>' : labelledTable(['Run', 'Started (UTC)', 'Endpoint', 'Model', 'Catalog model', 'Suites', 'Passed'], rows)}`;
  return sitePage(ctx, { title: 'Eval runs', description: 'Quality and speed measured with versus eval on your own endpoints.', body, section: 'runs' });
}

/**
 * One run: its settings, pass rates and latency per suite, and every task with its answer and grade.
 * @example runPage(pageContext(site, '/runs/3/'), loaded)
 */
export function runPage(ctx: PageContext, { run, results }: LoadedRun): string {
  const model = runModel(ctx.catalog, run);
  const summary = summarize(results).map((s) => ({ cells: [esc(s.suite), String(s.concurrency), `${s.passed}/${s.tasks}${s.errors ? ` (${s.errors} errors)` : ''}`, `${ms(s.ttft_ms.p50)} / ${ms(s.ttft_ms.p95)} / ${ms(s.ttft_ms.p99)}`, `${ms(s.latency_ms.p50)} / ${ms(s.latency_ms.p95)} / ${ms(s.latency_ms.p99)}`, `${s.tokens_per_s_p50 === null ? '—' : s.tokens_per_s_p50.toFixed(1)}`] }));
  const tasks = results.slice(0, 2000).map((r) => ({ fail: !r.pass, cells: [esc(r.suite), esc(r.task), `${r.pass ? 'pass' : '<strong>fail</strong>'}`, esc(r.error ?? r.detail), `${esc(r.answer.slice(0, 300))}${r.toolCalls.length ? `<br><span class="meta">calls: ${esc(r.toolCalls.map((c) => `${c.name}(${c.arguments.slice(0, 120)})`).join(', '))}</span>` : ''}`, `${ms(r.ttftMs)}`] }));
  const sizing = typeof run.settings.sizing === 'object' && run.settings.sizing !== null
    ? Object.entries(run.settings.sizing as Record<string, unknown>).map(([suite, basis]) => `<li>Input lengths (${esc(suite)}): ${esc(String(basis))}</li>`).join('') : '';
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › <a href="${ctx.href(paths.runs)}">Runs</a> › Run ${run.id}</p>
<h1>Run ${run.id}: ${esc(run.requestedModel)}</h1>
<ul>
<li>${esc(measuredLabel(run))}${run.finished ? '' : ' (stopped before the end)'}</li>
<li>Served model: ${esc(run.servedModel ?? 'not reported')}${model ? `; catalog model <a href="${ctx.href(paths.model(model))}">${esc(model)}</a>` : ''}</li>
<li>Suites ${esc(run.suites.join(', '))}; seed ${run.seed}; versus ${esc(run.versusVersion)}</li>${sizing}
<li>Reproduce: <code>${esc(reproduceCommand(run))}</code></li>
</ul>
<h2>By suite</h2>
${labelledTable(['Suite', 'Concurrency', 'Passed', 'TTFT p50 / p95 / p99 (ms)', 'Latency p50 / p95 / p99 (ms)', 'Output tokens/s p50'], summary)}
<h2>Tasks</h2>
${labelledTable(['Suite', 'Task', 'Result', 'Why', 'Answer', 'TTFT (ms)'], tasks)}${results.length > 2000 ? `<p class="meta">The first 2,000 of ${results.length} tasks; <code>versus eval report ${run.id} --json</code> has them all.</p>` : ''}`;
  return sitePage(ctx, { title: `Run ${run.id}`, description: `Eval run ${run.id}: ${run.requestedModel}`, body, section: 'runs' });
}
