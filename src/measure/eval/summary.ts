// What a run's records add up to: pass rates and latency percentiles per suite and concurrency, and measured throughput.
import type { RunStore, TaskRecord } from './store.js';

/** Nearest-rank percentile; null for no values. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? null;
}

const nums = (rs: readonly TaskRecord[], f: (r: TaskRecord) => number | null) => rs.flatMap((r) => { const v = f(r); return v === null || !Number.isFinite(v) ? [] : [v]; });

/** Output tokens per second of one request once its first token arrived. */
export const decodeRate = (r: TaskRecord) => (r.completionTokens !== null && r.totalMs !== null && r.ttftMs !== null && r.totalMs > r.ttftMs ? r.completionTokens / ((r.totalMs - r.ttftMs) / 1000) : null);

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


/**
 * Output tokens/s a speed run measured for the whole deployment at one concurrency (the highest run,
 * unless `concurrency` names one): concurrency × the median per-request decode rate.
 * @example measuredThroughput(store, 3) // { tokensPerSecond: 1840, concurrency: 16, … }
 */
export function measuredThroughput(store: RunStore, run: number, concurrency?: number): { tokensPerSecond: number; concurrency: number; endpoint: string; started: string; servedModel?: string } | undefined {
  const meta = store.runs([run])[0];
  if (!meta) return undefined;
  const levels = summarize(store.results(run)).filter((s) => s.suite === 'speed' && s.tokens_per_s_p50 !== null && (concurrency === undefined || s.concurrency === concurrency));
  const level = levels.sort((a, b) => b.concurrency - a.concurrency)[0];
  if (!level || level.tokens_per_s_p50 === null) return undefined;
  return { tokensPerSecond: level.concurrency * level.tokens_per_s_p50, concurrency: level.concurrency, endpoint: meta.endpoint, started: meta.started, ...(meta.servedModel ? { servedModel: meta.servedModel } : {}) };
}
