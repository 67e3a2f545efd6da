// Cells and rich text: display text made of spans that carry their citations.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown, unknownReason } from '../catalog/catalog.js';
import type { DimensionId, Fact, Maybe, Model } from '../catalog/schema.js';
import type { Subject } from './subjects.js';
import type { LanguageRef, TokenResults } from '../measure/tokens/measured.js';

/** A citation: a catalog source, or a computation of ours (see computations.ts). */
/** `args`: extra CLI arguments that reproduce this computation (e.g. the GPU of a fit). */
export type Ref = { readonly source: string } | { readonly computed: string; readonly model: string; readonly args?: string };

/** A piece of display text and what backs it. */
export interface Span {
  readonly text: string;
  readonly refs?: readonly Ref[];
  readonly mark?: 'unknown' | 'disputed' | 'caution';
}
export type Rich = readonly Span[];

/** One subject × one dimension. `metric` is higher-is-better, null when there is no basis to rank. */
export interface Cell {
  readonly text: Rich;
  readonly value: unknown;
  readonly metric: number | null;
}

/** What every dimension gets: the catalog and all subjects (some rows compare across them). */
export interface DimensionContext {
  readonly catalog: Catalog;
  readonly subjects: readonly Subject[];
  /** Measured token counts (data/measured/tokens.json), when the caller loaded them. */
  readonly tokens?: TokenResults;
  /** The languages the user asked about; absent = one per major script. */
  readonly languages?: readonly LanguageRef[];
}

export interface Dimension {
  readonly id: DimensionId;
  readonly label: string;
  /** What the metric measures, for the methods note; absent when the row is not ranked. */
  readonly metric?: string;
  cell(subject: Subject, ctx: DimensionContext): Cell;
}

export const text = (t: string): Span => ({ text: t });

/** A span citing the fact's source; a disputed fact adds the other sources' values. */
export function cite<T>(fact: Fact<T>, display: string, show?: (v: T) => string): Span[] {
  const spans: Span[] = [{ text: display, refs: [{ source: fact.source }] }];
  if (fact.also && show) {
    const others = fact.also.map((c) => ({ text: show(c.value), refs: [{ source: c.source }], mark: 'disputed' as const }));
    spans.push(text(' (disputed: also stated as '), ...joinSpans(others, ', '), text(')'));
  }
  return spans;
}

/** Cites a fact, or says plainly that it is unknown and why. */
export function citeMaybe<T>(m: Maybe<T> | undefined, show: (v: T) => string): Span[] {
  return isKnown(m) ? cite(m, show(m.value), show) : [{ text: `unknown (${unknownReason(m)})`, mark: 'unknown' }];
}

/** A span backed by a computation of ours on one model (see computations.ts). */
export function computed(id: string, model: { readonly id: string }, display: string, args?: string): Span {
  return { text: display, refs: [{ computed: id, model: model.id, ...(args ? { args } : {}) }] };
}

/** Joins span lists with a separator span. */
export function joinSpans(parts: readonly (Span | Rich)[], separator: string): Span[] {
  return parts.flatMap((p, i) => [...(i > 0 ? [text(separator)] : []), ...(isSpan(p) ? [p] : p)]);
}

function isSpan(p: Span | Rich): p is Span {
  return 'text' in p;
}

/** Plain text of rich text, for tests and summaries. */
export function plainText(rich: Rich): string {
  return rich.map((s) => s.text).join('');
}

/** All refs in rich text, in order of first appearance. */
export function refsOf(rich: Rich): Ref[] {
  return rich.flatMap((s) => s.refs ?? []);
}

/** The known value of a numeric fact, for picking and sorting. */
export const num = (m: Maybe<number> | undefined): number | undefined => (isKnown(m) ? m.value : undefined);

/**
 * The subject's model with the most total params (its flagship); among models of that size, a release over its
 * preview and a post-trained model over a base checkpoint (Hy3 over Hy3-preview).
 * @example flagship(resolveSubjects(catalog, ['hunyuan'])[0]).id // 'hy3'
 */
export function flagship(subject: Subject): Model | undefined {
  const interim = (m: Model) => (m.variant === 'base' ? 2 : 0) + (/\bpreview\b/i.test(`${m.id} ${m.name}`) ? 1 : 0);
  return [...subject.models].sort((a, b) => (num(b.params.total) ?? 0) - (num(a.params.total) ?? 0) || interim(a) - interim(b))[0];
}
