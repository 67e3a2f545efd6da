// Verdicts: a use case's weights applied to a comparison's row scores. No winner is written by hand.
import type { UseCase } from '../catalog/schema.js';
import { listing } from '../format.js';
import { text, type Rich } from './cell.js';
import type { Row } from './comparison.js';
import type { Subject } from './subjects.js';

export interface Verdict {
  readonly useCase: UseCase;
  /** Subject index of the winner; null when no weighted row could be ranked. */
  readonly winner: number | null;
  readonly runnerUp: number | null;
  /** Weighted mean score per subject, 0..1. */
  readonly totals: readonly number[];
  readonly margin: number;
  /** Rows that counted, and rows left out because some subject had no basis to rank. */
  readonly counted: readonly string[];
  readonly skipped: readonly string[];
  readonly reasons: Rich;
}

/**
 * Applies each use case to the rows: total = Σ weight × score ÷ Σ weight over rows every subject is ranked on.
 * @example verdicts(useCases, subjects, rows)[0].winner // index of the best subject for the first use case
 */
export function verdicts(useCases: readonly UseCase[], subjects: readonly Subject[], rows: readonly Row[]): Verdict[] {
  return useCases.map((u) => verdict(u, subjects, rows));
}

function verdict(useCase: UseCase, subjects: readonly Subject[], rows: readonly Row[]): Verdict {
  const weighted = rows.flatMap((r) => {
    const w = useCase.weights[r.id];
    return w === undefined ? [] : [{ row: r, w }];
  });
  const usable = weighted.filter(({ row }) => row.scores.every((s) => s !== null));
  const skipped = weighted.filter((x) => !usable.includes(x)).map(({ row }) => row.label);
  const sumW = usable.reduce((n, { w }) => n + w, 0);
  const totals = subjects.map((_, i) => (sumW === 0 ? 0 : usable.reduce((n, { row, w }) => n + w * (row.scores[i] ?? 0), 0) / sumW));
  const order = totals.map((t, i) => [t, i] as const).sort((a, b) => b[0] - a[0]);
  const [first, second] = order;
  if (!first || !second || sumW === 0 || first[0] === second[0]) {
    const why = sumW === 0 ? 'none of its weighted rows could be ranked for every subject' : 'the weighted scores are tied';
    return { useCase, winner: null, runnerUp: null, totals, margin: 0, counted: usable.map((u) => u.row.label), skipped, reasons: [text(`No verdict: ${why}.`)] };
  }
  const [win, run] = [first[1], second[1]];
  const contributions = usable
    .map(({ row, w }) => ({ row, delta: (w * ((row.scores[win] ?? 0) - (row.scores[run] ?? 0))) / sumW }))
    .sort((a, b) => b.delta - a.delta);
  const decisive = contributions.filter((c) => c.delta > 0).slice(0, 2).map((c) => c.row.label.toLowerCase());
  const against = contributions.filter((c) => c.delta < 0).map((c) => c.row.label.toLowerCase());
  const reasons: Rich = [
    text(`${subjects[win]!.label} scores ${pct(first[0])} vs ${subjects[run]!.label} ${pct(second[0])}`),
    text(decisive.length > 0 ? `, decided by ${listing(decisive)}` : ''),
    text(against.length > 0 ? `; ${subjects[run]!.label} is ahead on ${listing(against)}` : ''),
    text(skipped.length > 0 ? `. Not counted (no basis to rank every subject): ${listing(skipped.map((s) => s.toLowerCase()))}` : ''),
    text('.'),
  ];
  return { useCase, winner: win, runnerUp: run, totals, margin: first[0] - second[0], counted: usable.map((u) => u.row.label), skipped, reasons };
}

const pct = (x: number) => `${Math.round(x * 100)}/100`;
