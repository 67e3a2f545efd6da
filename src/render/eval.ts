// Eval runs → Markdown tables (pass rates per suite, latency percentiles, speed per concurrency) or JSON.
import type { StoredRun, TaskRecord } from '../measure/eval/store.js';

/** Nearest-rank percentile; null for no values. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? null;
}

const nums = (rs: readonly TaskRecord[], f: (r: TaskRecord) => number | null) => rs.flatMap((r) => { const v = f(r); return v === null || !Number.isFinite(v) ? [] : [v]; });

/** Output tokens per second of one request once its first token arrived. */
const decodeRate = (r: TaskRecord) => (r.completionTokens !== null && r.totalMs !== null && r.ttftMs !== null && r.totalMs > r.ttftMs ? r.completionTokens / ((r.totalMs - r.ttftMs) / 1000) : null);

export interface SuiteSummary {
  readonly suite: string;
  readonly concurrency: number;
  readonly tasks: number;
  readonly passed: number;
  readonly errors: number;
  readonly ttft_ms: { p50: number | null; p95: number | null; p99: number | null };
  readonly latency_ms: { p50: number | null; p95: number | null; p99: number | null };
  readonly itl_ms_p50: number | null;
  readonly tokens_per_s_p50: number | null;
  readonly reasoning_share: number | null;
}

/** Pass rate and timing of one run, per suite (and per concurrency for the speed suite). */
export function summarize(results: readonly TaskRecord[]): SuiteSummary[] {
  const groups = new Map<string, TaskRecord[]>();
  for (const r of results) groups.set(`${r.suite}\u0000${r.concurrency}`, [...(groups.get(`${r.suite}\u0000${r.concurrency}`) ?? []), r]);
  return [...groups.values()].map((rs) => {
    const ttft = nums(rs, (r) => r.ttftMs);
    const total = nums(rs, (r) => r.totalMs);
    const withReasoning = rs.filter((r) => r.reasoning.length > 0).length;
    return {
      suite: rs[0]?.suite ?? '', concurrency: rs[0]?.concurrency ?? 1, tasks: rs.length, passed: rs.filter((r) => r.pass).length, errors: rs.filter((r) => r.error).length,
      ttft_ms: { p50: percentile(ttft, 50), p95: percentile(ttft, 95), p99: percentile(ttft, 99) },
      latency_ms: { p50: percentile(total, 50), p95: percentile(total, 95), p99: percentile(total, 99) },
      itl_ms_p50: percentile(nums(rs, (r) => r.itlMs), 50),
      tokens_per_s_p50: percentile(nums(rs, decodeRate), 50),
      reasoning_share: rs.length ? withReasoning / rs.length : null,
    };
  });
}

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
