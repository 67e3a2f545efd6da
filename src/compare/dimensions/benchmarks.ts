// Benchmark rows (coding, math & reasoning, agentic): best published result per benchmark.
import type { Catalog } from '../../catalog/catalog.js';
import type { BenchmarkResult, DimensionId, Model } from '../../catalog/schema.js';
import { joinSpans, text, type Dimension, type DimensionContext, type Span } from '../cell.js';
import type { Subject } from '../subjects.js';

/** A subject's best result on one benchmark, and the model that achieved it. */
export interface Best {
  readonly benchmark: string;
  readonly result: BenchmarkResult;
  readonly model: Model;
}

const memo = new WeakMap<Subject, Map<string, Map<string, Best>>>();

/** Best result per benchmark id among the subject's models, for benchmarks in `categories` (memoized per subject). */
export function bestResults(catalog: Catalog, subject: Subject, categories: readonly string[]): Map<string, Best> {
  const key = categories.join(',');
  const bySubject = memo.get(subject) ?? new Map<string, Map<string, Best>>();
  memo.set(subject, bySubject);
  const cached = bySubject.get(key);
  if (cached) return cached;
  const best = computeBest(catalog, subject, categories);
  bySubject.set(key, best);
  return best;
}

function computeBest(catalog: Catalog, subject: Subject, categories: readonly string[]): Map<string, Best> {
  const best = new Map<string, Best>();
  for (const model of subject.models) {
    for (const result of model.benchmarks) {
      const benchmark = catalog.benchmark.get(result.benchmark);
      if (!benchmark?.categories.some((c) => categories.includes(c))) continue;
      const prev = best.get(result.benchmark);
      if (!prev || result.score > prev.result.score) best.set(result.benchmark, { benchmark: result.benchmark, result, model });
    }
  }
  return best;
}

/** Benchmark ids that every subject has a result for. */
export function commonBenchmarks(ctx: DimensionContext, categories: readonly string[]): string[] {
  const sets = ctx.subjects.map((s) => new Set(bestResults(ctx.catalog, s, categories).keys()));
  const [first, ...rest] = sets;
  return first ? [...first].filter((id) => rest.every((s) => s.has(id))).sort() : [];
}

/** Benchmark ids that at least two subjects report: the ones a row can compare on. */
export function sharedBenchmarks(ctx: DimensionContext, categories: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const s of ctx.subjects) for (const id of bestResults(ctx.catalog, s, categories).keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 2).map(([id]) => id).sort();
}

/**
 * A row ranked on benchmarks at least two subjects report: metric = mean over those the subject reports
 * of score ÷ best score. With two subjects that is the benchmarks both report. A subject that reports
 * none of them is not ranked on the row; when it is the only subject with results at all, it leads (score 1).
 */
export function benchmarkRow(id: DimensionId, label: string, categories: readonly string[]): Dimension {
  return {
    id,
    label,
    metric: `mean of (score ÷ best score) over the ${categories.join('/')} benchmarks the subject shares with another subject; the only subject with results leads; unranked otherwise`,
    cell(subject, ctx) {
      const best = bestResults(ctx.catalog, subject, categories);
      if (best.size === 0) return { text: [text('no published results in the catalog')], value: [], metric: null };
      const shared = sharedBenchmarks(ctx, categories).filter((b) => best.has(b));
      const shown = [...shared, ...[...best.keys()].filter((b) => !shared.includes(b)).sort()].slice(0, 4);
      const results = shown.flatMap((b) => { const r = best.get(b); return r ? [r] : []; });
      return {
        text: joinSpans(results.map((r) => resultSpans(ctx.catalog, r, subject)), '; '),
        value: results.map((r) => ({ benchmark: r.benchmark, score: r.result.score, setting: r.result.setting, model: r.model.id })),
        metric: relativeScore(ctx, categories, best, shared),
      };
    },
  };
}

function resultSpans(catalog: Catalog, best: Best, subject: Subject): Span[] {
  const name = catalog.benchmark.get(best.benchmark)?.name ?? best.benchmark;
  const who = subject.models.length > 1 ? `${best.model.name}, ` : '';
  return [{ text: `${name} ${best.result.score}`, refs: [{ source: best.result.source }] }, text(` (${who}${best.result.setting})`)];
}

function relativeScore(ctx: DimensionContext, categories: readonly string[], mine: Map<string, Best>, shared: readonly string[]): number | null {
  const all = ctx.subjects.map((s) => bestResults(ctx.catalog, s, categories));
  // The only subject with published results leads the row; subjects that report results on different benchmarks have no common basis.
  if (shared.length === 0) return all.filter((m) => m.size > 0).length === 1 ? 1 : null;
  const ratios = shared.map((b) => {
    const top = Math.max(...all.map((m) => m.get(b)?.result.score ?? 0));
    return top > 0 ? (mine.get(b)?.result.score ?? 0) / top : 0;
  });
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

export const coding = benchmarkRow('coding', 'Coding performance', ['coding']);
export const mathReasoning = benchmarkRow('math', 'Math & reasoning', ['math', 'reasoning']);
export const agentic = benchmarkRow('agentic', 'Agentic capabilities', ['agentic']);
