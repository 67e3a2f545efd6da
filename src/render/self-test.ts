// The self-test report: the model, the checks, each task with its timing, and the speed pass, as text or JSON.
import type { SelfTestReport } from '../measure/local/self-test.js';
import type { TaskRecord } from '../measure/eval/store.js';
import { decodeRate, percentile, type SuiteSummary } from '../measure/eval/summary.js';

const pct = (xs: readonly number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
const values = (ts: readonly TaskRecord[], f: (t: TaskRecord) => number | null) => ts.flatMap((t) => f(t) ?? []);

/** A speed level: percentiles over its requests, and the output tokens/s of all of them together. */
function level(s: SuiteSummary, tasks: readonly TaskRecord[]) {
  const mine = tasks.filter((t) => t.suite === s.suite && t.concurrency === s.concurrency);
  return {
    concurrency: s.concurrency, requests: s.tasks, errors: s.errors,
    ttft_ms: s.ttft_ms, latency_ms: s.latency_ms, itl_ms_p50: s.itl_ms_p50,
    tokens_per_s: pct(values(mine, decodeRate)),
    output_tokens: mine.reduce((a, t) => a + (t.completionTokens ?? 0), 0),
  };
}

/** The report as JSON: per-task results, then TTFT, latency and tokens/s percentiles per suite and concurrency. */
export function selfTestJson(r: SelfTestReport, db: string): object {
  const smoke = r.tasks.filter((t) => t.suite === 'smoke');
  return {
    version: 1, ok: r.ok, model: r.model, run: r.run, db, checks: r.checks,
    tasks: r.tasks.map((t) => ({
      suite: t.suite, task: t.task, concurrency: t.concurrency, graded_pass: t.pass, grade: t.detail, answer: t.answer, error: t.error,
      prompt_tokens: t.promptTokens, completion_tokens: t.completionTokens, ttft_ms: t.ttftMs, latency_ms: t.totalMs, itl_ms: t.itlMs, tokens_per_s: decodeRate(t),
    })),
    smoke: { tasks: smoke.length, graded_pass: smoke.filter((t) => t.pass).length, ttft_ms: pct(values(smoke, (t) => t.ttftMs)), latency_ms: pct(values(smoke, (t) => t.totalMs)), tokens_per_s: pct(values(smoke, decodeRate)) },
    speed: r.summary.filter((s) => s.suite === 'speed').map((s) => level(s, r.tasks)),
  };
}

const ms = (n: number | null) => (n === null ? '—' : n < 10 ? n.toFixed(1) : String(Math.round(n)));
const three = (p: { p50: number | null; p95: number | null; p99: number | null }) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
const rate = (n: number | null) => (n === null ? '—' : n.toFixed(0));

/** The report as text: what was run on what, whether each check passed, the tasks and the speed curve. */
export function renderSelfTest(r: SelfTestReport, db: string): string {
  const out = [
    `versus self-test: ${r.ok ? 'PASSED' : 'FAILED'}`, '',
    `Model: ${r.model.name}, ${r.model.path} (${r.model.bytes} bytes, sha256 ${r.model.sha256}, ${r.model.generated ? 'generated now' : 'from the cache'}); ${r.model.vocabulary} tokens; random weights.`,
    `Engine: ${r.model.engine}, CPU, 1 thread, in this process, served over HTTP on 127.0.0.1 to versus's own client.`, '',
    'Checks:', ...r.checks.map((c) => `  ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`), '',
    'Smoke tasks (graded as any model would be; random weights are expected to fail them):', '',
    '| task | grade | tokens in / out | TTFT (ms) | latency (ms) | tokens/s | answer |', '|---|---|---|---|---|---|---|',
    ...r.tasks.filter((t) => t.suite === 'smoke').map((t) => `| ${t.task} | ${t.pass ? 'pass' : 'fail'} | ${t.promptTokens ?? '—'} / ${t.completionTokens ?? '—'} | ${ms(t.ttftMs)} | ${ms(t.totalMs)} | ${rate(decodeRate(t))} | ${JSON.stringify(t.answer.slice(0, 40))} |`), '',
    'Speed (per request: TTFT, latency and output tokens/s as p50 / p95 / p99):', '',
    '| concurrency | requests | TTFT (ms) | latency (ms) | tokens/s per request | output tokens |', '|---|---|---|---|---|---|',
    ...r.summary.filter((s) => s.suite === 'speed').map((s) => level(s, r.tasks)).map((l) => `| ${l.concurrency} | ${l.requests} | ${three(l.ttft_ms)} | ${three(l.latency_ms)} | ${rate(l.tokens_per_s.p50)} / ${rate(l.tokens_per_s.p95)} / ${rate(l.tokens_per_s.p99)} | ${l.output_tokens} |`), '',
    `Stored as run ${r.run} in ${db}; versus eval report ${r.run} --db ${db} shows it again.`,
  ];
  return `${out.join('\n')}\n`;
}
