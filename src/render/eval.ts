// Eval runs → Markdown tables (pass rates per suite, latency percentiles, speed per concurrency, speed against bounds).
import type { BoundRow } from '../measure/eval/bounds.js';
import { measuredLabel, publicEndpoint, reproduceCommand } from '../measure/eval/provenance.js';
import type { StoredRun, TaskRecord } from '../measure/eval/store.js';
import { summarize } from '../measure/eval/summary.js';

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)}`);
const rate = (n: number | null) => (n === null ? '—' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(n < 0.01 ? 2 : 1)}%`);

/** A run's speed set against versus's bounds (see measure/eval/bounds.ts). */
export interface RunBounds {
  readonly gpu: string;
  readonly gpus: number;
  readonly precision: string;
  readonly model: string;
  readonly rows: readonly BoundRow[];
}

/** The runs as a Markdown report. */
export function renderRuns(runs: readonly { run: StoredRun; results: readonly TaskRecord[]; bounds?: RunBounds }[]): string {
  const out: string[] = ['# Eval runs', ''];
  for (const { run, results, bounds } of runs) {
    out.push(`## Run ${run.id}: ${run.requestedModel} at ${publicEndpoint(run.endpoint)}`, '',
      `Started ${run.started}${run.finished ? `, finished ${run.finished}` : ' (stopped before the end)'}; served model ${run.servedModel ?? 'not reported'}; suites ${run.suites.join(', ')}; seed ${run.seed}; versus ${run.versusVersion}.`, '',
      '| suite | concurrency | passed | TTFT p50 / p95 / p99 (ms) | latency p50 / p95 / p99 (ms) | inter-token p50 (ms) | output tokens/s p50 |', '|---|---|---|---|---|---|---|');
    for (const s of summarize(results)) {
      out.push(`| ${s.suite} | ${s.concurrency} | ${s.passed}/${s.tasks}${s.errors ? ` (${s.errors} errors)` : ''} | ${ms(s.ttft_ms.p50)} / ${ms(s.ttft_ms.p95)} / ${ms(s.ttft_ms.p99)} | ${ms(s.latency_ms.p50)} / ${ms(s.latency_ms.p95)} / ${ms(s.latency_ms.p99)} | ${ms(s.itl_ms_p50)} | ${s.tokens_per_s_p50 === null ? '—' : s.tokens_per_s_p50.toFixed(1)} |`);
    }
    out.push(...sizingLines(run), ...boundLines(bounds));
    const failed = results.filter((r) => !r.pass && r.suite !== 'speed').slice(0, 20);
    if (failed.length > 0) out.push('', 'Failed:', ...failed.map((r) => `- ${r.task}: ${r.error ?? r.detail} — answer: ${JSON.stringify(r.answer.slice(0, 120))}${r.toolCalls.length ? ` — calls: ${r.toolCalls.map((c) => `${c.name}(${c.arguments.slice(0, 80)})`).join(', ')}` : ''}`));
    out.push('', `${measuredLabel(run)}. Reproduce: ${reproduceCommand(run)}`, '');
  }
  return `${out.join('\n')}\n`;
}

/** How each sized suite's inputs were counted: exactly with the model's tokenizer, or estimated and how. */
function sizingLines(run: StoredRun): string[] {
  const sizing = run.settings.sizing;
  if (sizing === null || typeof sizing !== 'object') return [];
  return ['', ...Object.entries(sizing as Record<string, unknown>).map(([suite, basis]) => `Input lengths (${suite}): ${String(basis)}.`)];
}

function boundLines(b: RunBounds | undefined): string[] {
  if (!b) return [];
  return ['', `Speed against versus's bounds for ${b.model} on ${b.gpus} × ${b.gpu} at ${b.precision} (bounds are ceilings from bandwidth and FLOPs, not predictions):`, '',
    '| concurrency | decode tokens/s per request | decode bound | share of bound | prefill tokens/s (from TTFT p50) | prefill bound | share of bound | TTFT bound (ms) |', '|---|---|---|---|---|---|---|---|',
    ...b.rows.map((r) => `| ${r.concurrency} | ${rate(r.decodeMeasured)} | ${rate(r.decodeBound)} | ${pct(r.decodeFraction)} | ${rate(r.prefillMeasured)} | ${rate(r.prefillBound)} | ${pct(r.prefillFraction)} | ${r.ttftBoundMs === null ? '—' : r.ttftBoundMs.toFixed(1)} |`),
    ...(b.rows.some((r) => (r.decodeFraction ?? 0) > 1 || (r.prefillFraction ?? 0) > 1)
      ? ['', `Above 100% of a bound: no engine can beat it, so the endpoint is not serving ${b.model} at ${b.precision} on ${b.gpus} × ${b.gpu} (check --catalog-model, --gpu, --gpus and --precision), or it answers from a cache.`]
      : [])];
}
