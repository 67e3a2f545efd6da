// Verdicts: a use case's hard constraints, then its weights over the rows, applied to a comparison.
// No winner is written by hand.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Constraints, Model, UseCase } from '../catalog/schema.js';
import { listing } from '../format.js';
import { joinSpans, text, type Rich } from './cell.js';
import type { Row } from './comparison.js';
import { checkModel, EVIDENCE_REQUIRED, type ConstraintId, type Evidence } from './constraints.js';
import type { Subject } from './subjects.js';

/** Whether a subject has a model that meets a use case's hard constraints, and why (not). */
export interface Qualification {
  readonly ok: boolean;
  /** The models that pass (by id). */
  readonly passing: readonly string[];
  /** When none passes: the closest model's failed checks. */
  readonly why: Rich;
}

export interface Verdict {
  readonly useCase: UseCase;
  /** Subject index of the winner; null when no subject qualifies or no weighted row could be ranked. */
  readonly winner: number | null;
  readonly runnerUp: number | null;
  /** Weighted mean score per subject, 0..1 (0 for subjects that do not qualify). */
  readonly totals: readonly number[];
  readonly margin: number;
  readonly qualified: readonly Qualification[];
  /** Rows that counted, and rows left out because some qualifying subject had no basis to rank. */
  readonly counted: readonly string[];
  readonly skipped: readonly string[];
  readonly reasons: Rich;
}

/**
 * Checks each subject's models against the use case's hard constraints; a subject qualifies when one model passes.
 * An unverified check disqualifies where the constraint needs evidence (context, modalities, size, and a licence's
 * commercial use; see unprovable): unknown never passes a hard constraint. Languages without a published list stay
 * admitted (unverified).
 */
export function qualify(catalog: Catalog, useCase: UseCase, subject: Subject, evidence: Evidence = {}): Qualification {
  const c = useCase.constraints;
  if (!c) return { ok: true, passing: subject.models.map((m) => m.id), why: [] };
  const results = subject.models.map((m) => ({ m, failed: checkModel(catalog, m, c, evidence).filter((x) => x.outcome === 'fail' || (x.outcome === 'unverified' && unprovable(catalog, m, c, x.constraint))) }));
  const passing = results.filter((r) => r.failed.length === 0).map((r) => r.m.id);
  // The models that miss by the fewest constraints (up to three), each with what it misses.
  const fewest = Math.min(...results.map((r) => r.failed.length));
  const closest = results.filter((r) => r.failed.length === fewest).slice(0, 3);
  const why: Rich = passing.length > 0 || closest.length === 0
    ? []
    : [text(`no ${subject.label} model meets the constraints: `), ...joinSpans(closest.map((r) => [text(`${r.m.name} — `), ...joinSpans(r.failed.map((f) => [text(`${f.constraint}: `), ...f.text]), '; ')]), '; ')];
  return { ok: passing.length > 0, passing, why };
}

/**
 * Whether an unverified check keeps a model out of a use case. Context, modalities and size need evidence. A licence
 * needs it only for commercial use itself: a use case states no revenue or user count for a gate to be decided
 * on (a US$10 billion gate does not bar GLM-5.3 from a startup's question), but a licence that may not allow
 * commercial use at all does not qualify for a commercial one.
 */
function unprovable(catalog: Catalog, model: Model, c: Constraints, constraint: ConstraintId): boolean {
  if (!EVIDENCE_REQUIRED.includes(constraint)) return false;
  if (constraint !== 'license') return true;
  const license = catalog.license.get(model.license.value);
  return c.commercial !== false && (license === undefined || !isKnown(license.terms.commercial_use));
}

/**
 * Applies each use case: subjects without a qualifying model are out; the rest are scored by
 * total = Σ weight × score ÷ Σ weight over the weighted rows every qualifying subject is ranked on.
 * @example verdicts(catalog, useCases, subjects, rows)[0].winner // index of the best subject for the first use case
 */
export function verdicts(catalog: Catalog, useCases: readonly UseCase[], subjects: readonly Subject[], rows: readonly Row[], evidence: Evidence = {}): Verdict[] {
  return useCases.map((u) => verdict(u, subjects, rows, subjects.map((s) => qualify(catalog, u, s, evidence))));
}

function verdict(useCase: UseCase, subjects: readonly Subject[], rows: readonly Row[], qualified: readonly Qualification[]): Verdict {
  const inIdx = subjects.flatMap((_, i) => (qualified[i]?.ok ? [i] : []));
  const weighted = rows.flatMap((r) => {
    const w = useCase.weights[r.id];
    return w === undefined ? [] : [{ row: r, w }];
  });
  // A row counts when some qualifying subject has evidence on it; a subject without evidence scores 0 there,
  // so no evidence is never read as a good score, and a decisive row is never dropped for one subject's gap.
  const usable = weighted.filter(({ row }) => inIdx.some((i) => row.scores[i] !== null && row.scores[i] !== undefined));
  const skipped = weighted.filter((x) => !usable.includes(x)).map(({ row }) => row.label);
  const sumW = usable.reduce((n, { w }) => n + w, 0);
  const totals = subjects.map((_, i) => (!inIdx.includes(i) || sumW === 0 ? 0 : usable.reduce((n, { row, w }) => n + w * (row.scores[i] ?? 0), 0) / sumW));
  const base = { useCase, totals, qualified, counted: usable.map((u) => u.row.label), skipped };
  const outs: Rich = joinSpans(qualified.flatMap((q) => (q.ok ? [] : [q.why])), '. ');
  const order = inIdx.map((i) => [totals[i] ?? 0, i] as const).sort((a, b) => b[0] - a[0] || tieBreak(usable, a[1], b[1]));
  const [first, second] = order;
  if (!first) return { ...base, winner: null, runnerUp: null, margin: 0, reasons: [text('No compared family meets the hard constraints: '), ...outs, text('.')] };
  if (!second) {
    return { ...base, winner: first[1], runnerUp: null, margin: 0, reasons: [text(`${subjects[first[1]]?.label ?? ''} is the only one that meets the hard constraints: `), ...outs, text('.')] };
  }
  if (sumW === 0) return { ...base, winner: null, runnerUp: null, margin: 0, reasons: [text('None of its weighted rows has evidence for any qualifying subject, so nothing ranks them.')] };
  const [win, run] = [first[1], second[1]];
  const label = (i: number) => subjects[i]?.label ?? '';
  const gaps = usable.filter(({ row }) => inIdx.some((i) => row.scores[i] === null || row.scores[i] === undefined))
    .map(({ row }) => `${row.label.toLowerCase()} (no evidence for ${listing(inIdx.filter((i) => row.scores[i] === null || row.scores[i] === undefined).map(label))})`);
  if (first[0] === second[0]) {
    const gapText = text(gaps.length > 0 ? `. Counted 0: ${listing(gaps)}` : '');
    const outText: Rich = outs.length > 0 ? [text('. Out: '), ...outs] : [];
    // Equal on every weighted row: no winner. Report order is not a reason to name one.
    if (tieBreak(usable, win, run) >= 0) {
      return { ...base, winner: null, runnerUp: null, margin: 0, reasons: [text(`${label(win)} and ${label(run)} tie at ${pct(first[0])}: they score the same on every weighted row, so nothing ranks them`), gapText, ...outText, text('.')] };
    }
    return { ...base, winner: win, runnerUp: run, margin: 0, reasons: [text(`${label(win)} and ${label(run)} tie at ${pct(first[0])}; ${label(win)} is named first by ${tieReason(usable)}`), gapText, ...outText, text('.')] };
  }
  const contributions = usable
    .map(({ row, w }) => ({ row, delta: (w * ((row.scores[win] ?? 0) - (row.scores[run] ?? 0))) / sumW }))
    .sort((a, b) => b.delta - a.delta);
  const decisive = contributions.filter((c) => c.delta > 0).slice(0, 2).map((c) => c.row.label.toLowerCase());
  const against = contributions.filter((c) => c.delta < 0).map((c) => c.row.label.toLowerCase());
  const reasons: Rich = [
    text(`${label(win)} scores ${pct(first[0])} vs runner-up ${label(run)} ${pct(second[0])}`),
    text(decisive.length > 0 ? `, decided by ${listing(decisive)}` : ''),
    text(against.length > 0 ? `; ${label(run)} is ahead on ${listing(against)}` : ''),
    text(gaps.length > 0 ? `. Counted 0: ${listing(gaps)}` : ''),
    text(skipped.length > 0 ? `. Not counted (no evidence in common to rank them on): ${listing(skipped.map((s) => s.toLowerCase()))}` : ''),
    ...(outs.length > 0 ? [text('. Out: '), ...outs] : []),
    text('.'),
  ];
  return { ...base, winner: win, runnerUp: run, margin: first[0] - second[0], reasons };
}

/** Equal totals: the higher score on the use case's most heavily weighted rows decides, row by row. */
function tieBreak(usable: readonly { row: Row; w: number }[], a: number, b: number): number {
  for (const { row } of [...usable].sort((x, y) => y.w - x.w)) {
    const d = (row.scores[b] ?? 0) - (row.scores[a] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function tieReason(usable: readonly { row: Row; w: number }[]): string {
  const top = [...usable].sort((x, y) => y.w - x.w)[0];
  return `the higher score on the most heavily weighted rows${top ? ` (first ${top.row.label.toLowerCase()})` : ''}`;
}

const pct = (x: number) => `${Math.round(x * 100)}/100`;
