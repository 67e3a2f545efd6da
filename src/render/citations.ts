// Shared by every renderer: citation numbers for a comparison's refs.
import type { Rich } from '../compare/cell.js';
import { refKey, type Citation } from '../compare/comparison.js';

/** Looks up the citation number of each ref in rich text. */
export type Numbering = (rich: Rich) => (readonly number[])[];

/** Citation numbers per span, from numbered citations (a comparison's, or any list numberCitations made). */
export function numbering(c: { readonly citations: readonly Citation[] }): Numbering {
  const n = new Map(c.citations.map((cit) => [cit.key, cit.n]));
  return (rich) => rich.map((span) => [...new Set((span.refs ?? []).flatMap((r) => n.get(refKey(r)) ?? []))]);
}

/** Plain text with citation marks: "262,144 tokens[3]". */
export function markedText(rich: Rich, numbers: Numbering): string {
  const ns = numbers(rich);
  return rich.map((span, i) => span.text + (ns[i] ?? []).map((x) => `[${x}]`).join('')).join('');
}
