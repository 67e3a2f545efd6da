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

/**
 * Every run, newest first, with what it measured and the command that repeats it.
 * @example runsPage(pageContext(site, '/runs/'), readRuns('versus-runs.db'))
 */
export function runsPage(ctx: PageContext, runs: readonly LoadedRun[]): string {
  const rows = [...runs].reverse().map(({ run, results }) => {
    const model = runModel(ctx.catalog, run);
    const passed = results.filter((r) => r.pass).length;
    return `<tr><td><a href="${ctx.href(paths.run(run.id))}">${run.id}</a></td><td>${esc(run.started.slice(0, 16).replace('T', ' '))}</td><td>${esc(publicEndpoint(run.endpoint))}</td><td>${esc(run.requestedModel)}${run.servedModel && run.servedModel !== run.requestedModel ? ` <span class="meta">(served ${esc(run.servedModel)})</span>` : ''}</td><td>${model ? `<a href="${ctx.href(paths.model(model))}">${esc(model)}</a>` : '<span class="meta">not in the catalog</span>'}</td><td>${esc(run.suites.join(', '))}</td><td>${passed}/${results.length}</td></tr>`;
  });
  const body = `<p class="crumbs"><a href="${ctx.href(paths.home)}">Home</a> › Runs</p><h1>Eval runs</h1>
<p class="lead-in">Measured by <code>versus eval</code> on the endpoints below: every prompt, answer, grade and timing is stored. Endpoints are shown without credentials.</p>
${rows.length === 0 ? '<p>No runs yet. Record one with <code>versus eval --endpoint URL --model M --db FILE</code>.</p>' : `<div class="table-wrap"><table class="report"><thead><tr><th scope="col">Run</th><th scope="col">Started (UTC)</th><th scope="col">Endpoint</th><th scope="col">Model</th><th scope="col">Catalog model</th><th scope="col">Suites</th><th scope="col">Passed</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`}`;
  return sitePage(ctx, { title: 'Eval runs', description: 'Quality and speed measured with versus eval on your own endpoints.', body, section: 'runs' });
}

/**
 * One run: its settings, pass rates and latency per suite, and every task with its answer and grade.
 * @example runPage(pageContext(site, '/runs/3/'), loaded)
 */
export function runPage(ctx: PageContext, { run, results }: LoadedRun): string {
  const model = runModel(ctx.catalog, run);
  const summary = summarize(results).map((s) => `<tr><td>${esc(s.suite)}</td><td>${s.concurrency}</td><td>${s.passed}/${s.tasks}${s.errors ? ` (${s.errors} errors)` : ''}</td><td>${ms(s.ttft_ms.p50)} / ${ms(s.ttft_ms.p95)} / ${ms(s.ttft_ms.p99)}</td><td>${ms(s.latency_ms.p50)} / ${ms(s.latency_ms.p95)} / ${ms(s.latency_ms.p99)}</td><td>${s.tokens_per_s_p50 === null ? '—' : s.tokens_per_s_p50.toFixed(1)}</td></tr>`);
  const tasks = results.slice(0, 2000).map((r) => `<tr${r.pass ? '' : ' class="fail"'}><td>${esc(r.suite)}</td><td>${esc(r.task)}</td><td>${r.pass ? 'pass' : '<strong>fail</strong>'}</td><td>${esc(r.error ?? r.detail)}</td><td>${esc(r.answer.slice(0, 300))}${r.toolCalls.length ? `<br><span class="meta">calls: ${esc(r.toolCalls.map((c) => `${c.name}(${c.arguments.slice(0, 120)})`).join(', '))}</span>` : ''}</td><td>${ms(r.ttftMs)}</td></tr>`);
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
<div class="table-wrap"><table class="report"><thead><tr><th scope="col">Suite</th><th scope="col">Concurrency</th><th scope="col">Passed</th><th scope="col">TTFT p50 / p95 / p99 (ms)</th><th scope="col">Latency p50 / p95 / p99 (ms)</th><th scope="col">Output tokens/s p50</th></tr></thead><tbody>
${summary.join('\n')}
</tbody></table></div>
<h2>Tasks</h2>
<div class="table-wrap"><table class="report"><thead><tr><th scope="col">Suite</th><th scope="col">Task</th><th scope="col">Result</th><th scope="col">Why</th><th scope="col">Answer</th><th scope="col">TTFT (ms)</th></tr></thead><tbody>
${tasks.join('\n')}
</tbody></table></div>${results.length > 2000 ? `<p class="meta">The first 2,000 of ${results.length} tasks; <code>versus eval report ${run.id} --json</code> has them all.</p>` : ''}`;
  return sitePage(ctx, { title: `Run ${run.id}`, description: `Eval run ${run.id}: ${run.requestedModel}`, body, section: 'runs' });
}
