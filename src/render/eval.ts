// Eval runs → Markdown tables (pass rates per suite, latency percentiles, speed per concurrency) or JSON.
import type { StoredRun, TaskRecord } from '../measure/eval/store.js';
import { summarize } from '../measure/eval/summary.js';

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)}`);

/** The runs as a Markdown report. */
export function renderRuns(runs: readonly { run: StoredRun; results: readonly TaskRecord[] }[]): string {
  const out: string[] = ['# Eval runs', ''];
  for (const { run, results } of runs) {
    out.push(`## Run ${run.id}: ${run.requestedModel} at ${run.endpoint}`, '',
      `Started ${run.started}${run.finished ? `, finished ${run.finished}` : ' (stopped before the end)'}; served model ${run.servedModel ?? 'not reported'}; suites ${run.suites.join(', ')}; seed ${run.seed}; versus ${run.versusVersion}.`, '',
      '| suite | concurrency | passed | TTFT p50 / p95 / p99 (ms) | latency p50 / p95 / p99 (ms) | inter-token p50 (ms) | output tokens/s p50 |', '|---|---|---|---|---|---|---|');
    for (const s of summarize(results)) {
      out.push(`| ${s.suite} | ${s.concurrency} | ${s.passed}/${s.tasks}${s.errors ? ` (${s.errors} errors)` : ''} | ${ms(s.ttft_ms.p50)} / ${ms(s.ttft_ms.p95)} / ${ms(s.ttft_ms.p99)} | ${ms(s.latency_ms.p50)} / ${ms(s.latency_ms.p95)} / ${ms(s.latency_ms.p99)} | ${ms(s.itl_ms_p50)} | ${s.tokens_per_s_p50 === null ? '—' : s.tokens_per_s_p50.toFixed(1)} |`);
    }
    const failed = results.filter((r) => !r.pass && r.suite !== 'speed').slice(0, 20);
    if (failed.length > 0) out.push('', 'Failed:', ...failed.map((r) => `- ${r.task}: ${r.error ?? r.detail} — answer: ${JSON.stringify(r.answer.slice(0, 120))}`));
    out.push('', `Reproduce: versus eval --endpoint ${run.endpoint} --model ${run.requestedModel} --suite ${run.suites.join(',')} --seed ${run.seed}`, '');
  }
  return `${out.join('\n')}\n`;
}
