// Recommendation: hard constraints filter models, weights over the comparison's rows rank the rest.
import type { Catalog } from '../catalog/catalog.js';
import type { LanguageResolver } from '../catalog/languages.js';
import type { Constraints, DimensionId, Model, Weights } from '../catalog/schema.js';
import type { Check, ConstraintId, Evidence } from './constraints.js';
import { checkModel, EVIDENCE_REQUIRED, validateConstraints } from './constraints.js';
export { EVIDENCE_REQUIRED } from './constraints.js';
import { rankRows, type Row } from './comparison.js';
import { DIMENSIONS } from './dimensions/index.js';
import { modelSubject } from './subjects.js';
import { UsageError } from '../errors.js';
import { byText } from '../format.js';
import { num } from './cell.js';
import { permissiveness } from './dimensions/license.js';

/**
 * Weights when no use case is given: capability and terms count once each. Size rows (inference efficiency,
 * on-device/edge) do not: smaller is not better once a model meets the constraints; add them with --weights.
 */
export const DEFAULT_WEIGHTS: Weights = { context: 1, languages: 1, multimodal: 1, license: 1, coding: 1, math: 1, ecosystem: 1, agentic: 1 };

/** Rows that reward a small model. On a server (a GPU budget is given) the hardware check decides size, so they do not count. */
export const SIZE_ROWS: readonly DimensionId[] = ['efficiency', 'edge'];


export interface RecommendRequest {
  readonly constraints: Constraints;
  readonly weights: Weights;
  /** Count every "unverified" check (also languages without a published list) as failing. */
  readonly strict?: boolean;
  /** Admit models whose hardware, context, licence, size or modality checks are unverified; they rank after verified ones. */
  readonly lenient?: boolean;
}

/** A row's share of a model's total. */
export interface Part {
  readonly row: DimensionId;
  readonly label: string;
  readonly weight: number;
  /** The model's score on the row among the candidates, 0..1; null = no basis (counted as 0). */
  readonly score: number | null;
  readonly contribution: number;
}

export interface Scored {
  readonly model: Model;
  readonly checks: readonly Check[];
  readonly total: number;
  readonly parts: readonly Part[];
  /** False when admitted by --lenient with an unverified hard constraint; such models rank after verified ones. */
  readonly verified: boolean;
  /** Set when the model is ranked above the next one only by the tie-break, naming the criterion. */
  readonly tieBreak?: string;
}

export interface Excluded {
  readonly model: Model;
  readonly checks: readonly Check[];
  readonly failed: readonly Check[];
}

/** The smallest change that would put another model first. */
export type Flip =
  | { readonly kind: 'weight'; readonly row: DimensionId; readonly label: string; readonly from: number; readonly to: number; readonly model: Model }
  | { readonly kind: 'constraint'; readonly constraint: ConstraintId; readonly model: Model; readonly check: Check };

/** What relaxing one constraint would admit, when nothing passes. */
export interface Relaxation {
  readonly constraint: ConstraintId;
  readonly admits: readonly Model[];
  readonly best: Model;
  readonly cost: Check;
}

export interface Recommendation {
  readonly request: RecommendRequest;
  /** The weights that ranked (the request's, less the size rows on a GPU budget). */
  readonly weights: Weights;
  readonly checked: number;
  readonly ranked: readonly Scored[];
  readonly excluded: readonly Excluded[];
  readonly margin: number | null;
  readonly flips: readonly Flip[];
  readonly relaxations: readonly Relaxation[];
}

/**
 * Checks every model, ranks those that pass, and explains the margin, the flips and what to relax.
 * @example recommend(catalog, { constraints: { region: 'EU', modalities: ['image'] }, weights: { license: 1 } }, {})
 */
export function recommend(
  catalog: Catalog, request: RecommendRequest, evidence: Evidence,
  resolveLanguage: LanguageResolver = catalog.resolveLanguage, models: readonly Model[] = catalog.models,
): Recommendation {
  validateConstraints(catalog, request.constraints, resolveLanguage);
  validateWeights(request.weights);
  const failing = (c: Check) => c.outcome === 'fail' || (c.outcome === 'unverified' && (request.strict === true || (request.lenient !== true && EVIDENCE_REQUIRED.includes(c.constraint))));
  const results = models.map((model) => {
    const checks = checkModel(catalog, model, request.constraints, evidence, resolveLanguage);
    return { model, checks, failed: checks.filter(failing) };
  });
  const passing = results.filter((r) => r.failed.length === 0);
  const excluded = results.filter((r) => r.failed.length > 0);
  const weights = effectiveWeights(request);
  const ranked = score(catalog, passing, weights);
  const top = ranked[0];
  const second = ranked[1];
  return {
    request,
    weights,
    checked: models.length,
    ranked,
    excluded,
    margin: top && second ? top.total - second.total : null,
    flips: top ? [...weightFlips(ranked, weights), ...constraintFlips(catalog, top, passing, excluded, weights)] : [],
    relaxations: ranked.length === 0 ? relaxations(catalog, excluded, weights) : [],
  };
}

/** Rows that measure what a model can do; one of them must rank, or only terms and tie-breaks would. */
export const CAPABILITY: readonly DimensionId[] = ['coding', 'math', 'agentic'];

/**
 * The weights that rank: on a GPU budget (a server, or a device such as a phone) the size rows drop out, since
 * the hardware check already decides size. When nothing that measures capability is left (the edge use case
 * on a phone: licence alone), coding, math & reasoning and agentic count once each, so the most capable model
 * that fits comes first rather than the smallest.
 */
export function effectiveWeights(request: RecommendRequest): Weights {
  if (request.constraints.gpu === undefined) return request.weights;
  const kept = Object.fromEntries(Object.entries(request.weights).filter(([row]) => !SIZE_ROWS.includes(row as DimensionId))) as Weights;
  if (Object.keys(kept).length === Object.keys(request.weights).length) return kept;
  const capable = CAPABILITY.some((row) => kept[row] !== undefined);
  return capable ? kept : { ...kept, ...Object.fromEntries(CAPABILITY.map((row) => [row, 1])) };
}

/** The request's rows that did not count (the size rows on a GPU budget). */
export function droppedRows(rec: Recommendation): string[] {
  return Object.keys(rec.request.weights).filter((k) => !(k in rec.weights));
}

/** The capability rows added because the size rows were all that measured the models (see effectiveWeights). */
export function addedRows(rec: Recommendation): string[] {
  return Object.keys(rec.weights).filter((k) => !(k in rec.request.weights));
}

function validateWeights(weights: Weights): void {
  const entries = Object.entries(weights);
  if (entries.length === 0) throw new UsageError('Give at least one weight, e.g. --weights languages=3,license=1.');
  if (entries.some(([, w]) => !(w !== undefined && w > 0 && Number.isFinite(w)))) throw new UsageError('Weights must be positive numbers.');
}

/**
 * Scores models on the weighted rows, each row normalised across the whole catalog (not only the candidates);
 * no evidence on a row scores 0 there. Highest total first; verified before lenient admissions; exact ties
 * broken by stated criteria (tieBreak).
 */
export function score(catalog: Catalog, candidates: readonly { model: Model; checks: readonly Check[] }[], weights: Weights): Scored[] {
  if (candidates.length === 0) return [];
  const rows = catalogRows(catalog);
  const index = new Map(catalog.models.map((m, i) => [m.id, i]));
  const weighted = rows.flatMap((row) => { const w = weights[row.id]; return w === undefined ? [] : [{ row, w }]; });
  const sumW = weighted.reduce((n, x) => n + x.w, 0);
  const scored = candidates.map((c) => {
    const i = index.get(c.model.id) ?? -1;
    const parts = weighted.map(({ row, w }) => partOf(row, w, i, sumW)).sort((a, b) => b.contribution - a.contribution);
    const verified = c.checks.every((k) => k.outcome !== 'unverified' || !EVIDENCE_REQUIRED.includes(k.constraint));
    return { model: c.model, checks: c.checks, total: parts.reduce((n, p) => n + p.contribution, 0), parts, verified };
  });
  return breakTies(catalog, scored.sort((a, b) => Number(b.verified) - Number(a.verified) || b.total - a.total || tieOrder(catalog, a, b)));
}

const rowCache = new WeakMap<Catalog, Row[]>();

/** Every row over every model of the catalog, computed once per catalog; benchmark rows by coverage (capabilityRow). */
function catalogRows(catalog: Catalog): Row[] {
  let rows = rowCache.get(catalog);
  if (!rows) {
    rows = rankRows(catalog, catalog.models.map((m) => modelSubject(catalog, m)), DIMENSIONS)
      .map((row) => { const categories = CAPABILITY_ROWS[row.id]; return categories ? { ...row, scores: capabilityScores(catalog, categories) } : row; });
    rowCache.set(catalog, rows);
  }
  return rows;
}

/** The benchmark rows and the benchmark categories each covers (as in the comparison's rows). */
const CAPABILITY_ROWS: Partial<Record<DimensionId, readonly string[]>> = { coding: ['coding'], math: ['math', 'reasoning'], agentic: ['agentic'] };

/** A benchmark counts toward a capability row when at least this many catalog models report it. */
export const SHARED_BY = 3;

/**
 * Capability across the whole catalog: the mean, over the row's benchmarks that at least SHARED_BY models report,
 * of score ÷ the catalog's best score, each benchmark weighted by how many models report it, with a benchmark the
 * model does not report counted as 0 (no evidence is not a good score). Null when the model reports none of them.
 * A model measured only on benchmarks few others run cannot top the row on those alone.
 * @example capabilityScores(catalog, ['coding'])[i] // 0.9 for a model at 90% of the best on every shared benchmark
 */
export function capabilityScores(catalog: Catalog, categories: readonly string[]): (number | null)[] {
  const inRow = (id: string) => catalog.benchmark.get(id)?.categories.some((c) => categories.includes(c)) ?? false;
  const bestOf = catalog.models.map((m) => {
    const best = new Map<string, number>();
    for (const r of m.benchmarks) if (inRow(r.benchmark)) best.set(r.benchmark, Math.max(best.get(r.benchmark) ?? -Infinity, r.score));
    return best;
  });
  const reporters = new Map<string, number>();
  for (const best of bestOf) for (const id of best.keys()) reporters.set(id, (reporters.get(id) ?? 0) + 1);
  const shared = [...reporters].filter(([, n]) => n >= SHARED_BY).map(([id]) => id);
  const top = new Map(shared.map((id) => [id, Math.max(...bestOf.map((b) => b.get(id) ?? -Infinity))]));
  // Each benchmark weighs as many models as report it: the benchmarks the field runs now (LiveCodeBench, SWE-bench)
  // decide more than saturated ones a few older cards report (HumanEval, MBPP).
  const weight = (id: string) => reporters.get(id) ?? 0;
  const sumW = shared.reduce((n, id) => n + weight(id), 0);
  return bestOf.map((best) => {
    if (!shared.some((id) => best.has(id))) return null;
    return shared.reduce((n, id) => n + weight(id) * Math.max(0, (best.get(id) ?? 0) / (top.get(id) || 1)), 0) / sumW;
  });
}

/** Equal totals are rare but real (identical scores on every weighted row); these are the stated criteria, in order. */
export const TIE_BREAKS = ['fewer active parameters (the same quality for less compute per token)', 'the more permissive licence', 'the newer release'] as const;

function tieKeys(catalog: Catalog, s: Scored): number[] {
  const active = num(s.model.params.active) ?? num(s.model.params.total) ?? Infinity;
  const license = catalog.license.get(s.model.license.value);
  const released = catalog.generation.get(s.model.generation)?.released.value ?? '';
  return [active, -(license ? permissiveness(license) : 0), -Date.parse(released.length === 7 ? `${released}-01` : released || '1970-01-01')];
}

function tieOrder(catalog: Catalog, a: Scored, b: Scored): number {
  const [ka, kb] = [tieKeys(catalog, a), tieKeys(catalog, b)];
  for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return (ka[k] ?? 0) - (kb[k] ?? 0);
  return byText(a.model.id, b.model.id);
}

/** Names the criterion that put each model above an equal-scoring next one. */
function breakTies(catalog: Catalog, ranked: Scored[]): Scored[] {
  return ranked.map((s, i) => {
    const next = ranked[i + 1];
    if (!next || next.total !== s.total || next.verified !== s.verified) return s;
    const [ka, kb] = [tieKeys(catalog, s), tieKeys(catalog, next)];
    const k = ka.findIndex((x, j) => x !== kb[j]);
    return { ...s, tieBreak: k < 0 ? 'the catalog id, alphabetically (nothing else differs)' : TIE_BREAKS[k] ?? '' };
  });
}

function partOf(row: Row, weight: number, i: number, sumW: number): Part {
  const score = row.scores[i] ?? null;
  return { row: row.id, label: row.label, weight, score, contribution: (weight * (score ?? 0)) / sumW };
}

/**
 * For each challenger and row: the weight at which it ties the leader. Totals are N/W with N = Σ w·s;
 * changing one weight by Δ ties them when N₁ + Δ·s₁ = N₂ + Δ·s₂, so Δ = (N₁ − N₂) ÷ (s₂ − s₁).
 * Returns the smallest change overall, if any.
 */
function weightFlips(ranked: readonly Scored[], weights: Weights): Flip[] {
  const [top, ...rest] = ranked;
  if (!top || rest.length === 0) return [];
  const sumW = Object.values(weights).reduce<number>((n, w) => n + (w ?? 0), 0);
  const n = (s: Scored) => s.total * sumW;
  let best: (Flip & { kind: 'weight' }) | undefined;
  let bestDelta = Infinity;
  for (const challenger of rest) {
    for (const part of top.parts) {
      const mine = part.score ?? 0;
      const theirs = challenger.parts.find((p) => p.row === part.row)?.score ?? 0;
      if (theirs === mine) continue;
      const delta = (n(top) - n(challenger)) / (theirs - mine);
      if (part.weight + delta < 0 || Math.abs(delta) >= bestDelta) continue;
      bestDelta = Math.abs(delta);
      best = { kind: 'weight', row: part.row, label: part.label, from: part.weight, to: part.weight + delta, model: challenger.model };
    }
  }
  return best ? [best] : [];
}

/** Models excluded by exactly one constraint that would rank first if it were relaxed. */
function constraintFlips(catalog: Catalog, top: Scored, passing: readonly Excluded[], excluded: readonly Excluded[], weights: Weights): Flip[] {
  const nearMisses = excluded.filter((e) => e.failed.length === 1);
  if (nearMisses.length === 0) return [];
  const union = score(catalog, [...passing, ...nearMisses], weights);
  const topTotal = union.find((s) => s.model === top.model)?.total ?? 0;
  const seen = new Set<ConstraintId>();
  return union.flatMap((s) => {
    const miss = nearMisses.find((e) => e.model === s.model);
    const check = miss?.failed[0];
    if (!miss || !check || s.total <= topTotal || seen.has(check.constraint)) return [];
    seen.add(check.constraint);
    return [{ kind: 'constraint' as const, constraint: check.constraint, model: s.model, check }];
  });
}

/** When nothing passes: per constraint, the models that fail only it, and the best of them. */
function relaxations(catalog: Catalog, excluded: readonly Excluded[], weights: Weights): Relaxation[] {
  const byConstraint = new Map<ConstraintId, Excluded[]>();
  for (const e of excluded) {
    const only = e.failed.length === 1 ? e.failed[0] : undefined;
    if (only) byConstraint.set(only.constraint, [...(byConstraint.get(only.constraint) ?? []), e]);
  }
  return [...byConstraint].flatMap(([constraint, admitted]) => {
    const best = score(catalog, admitted, weights)[0];
    const cost = admitted.find((a) => a.model === best?.model)?.failed[0];
    return best && cost ? [{ constraint, admits: admitted.map((a) => a.model), best: best.model, cost }] : [];
  }).sort((a, b) => b.admits.length - a.admits.length);
}
