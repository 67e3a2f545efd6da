// Claim attribution: each statement a text makes is tied to the family, generation or model it is about.
import type { Catalog } from '../catalog/catalog.js';
import type { Document, Segment } from './document.js';
import { familyIdOf, type AliasIndex, type Entity, type Mention } from './entities.js';
import { findClaims, type BenchmarkNames, type ClaimValue, type Found, type GpuNames } from './patterns.js';

export { namesFrom, type ClaimValue } from './patterns.js';

/** One statement about one entity, with where it stands in the document. */
export interface Claim {
  readonly entity: Entity;
  readonly value: ClaimValue;
  /** The words that state it, as written. */
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** The other entities the same table or sentence sets against this one (for "leads on" claims). */
  readonly rivals: readonly Entity[];
  readonly extractedBy: 'rules' | 'model';
}


/** What the audit extracts claims with. */
export interface Extraction {
  readonly catalog: Catalog;
  readonly aliases: AliasIndex;
  readonly names: { gpus: GpuNames; benchmarks: BenchmarkNames };
}

/**
 * Every claim in a document, each tied to the entity it is about: in a table, the entity its cell
 * names or else its column's; in prose, the nearest entity named before it in the sentence (after
 * it when none comes before), else the last one named earlier in the paragraph.
 */
export function extractClaims(doc: Document, x: Extraction): Claim[] {
  const claims: Claim[] = [];
  let header: readonly (Entity | undefined)[] = [];
  let previous: Segment | undefined;
  let carried: { entity: Entity; paragraph: number } | undefined;
  // A text about one family: a sentence that names nothing is about what the text is about.
  const named = doc.segments.flatMap((s) => x.aliases.find(s.text).map((m) => m.entity));
  const families = new Set(named.map((e) => familyIdOf(x.catalog, e)));
  const subject = families.size === 1 ? mostNamed(named) : undefined;
  for (const seg of doc.segments) {
    if (seg.kind === 'row') {
      const cells = seg.cells ?? [];
      if (previous?.kind !== 'row') header = cells.map((c) => x.aliases.find(c.text)[0]?.entity);
      else claims.push(...rowClaims(seg, header, x));
    } else {
      const mentions = x.aliases.find(seg.text);
      const fallback = carried && carried.paragraph === seg.paragraph ? carried.entity : subject;
      claims.push(...sentenceClaims(seg, mentions, fallback, x));
      const last = mentions.at(-1);
      if (last) carried = { entity: last.entity, paragraph: seg.paragraph };
    }
    previous = seg;
  }
  return claims;
}

function mostNamed(entities: readonly Entity[]): Entity | undefined {
  const counts = new Map<string, { e: Entity; n: number }>();
  for (const e of entities) {
    const c = counts.get(`${e.kind}:${e.id}`) ?? { e, n: 0 };
    counts.set(`${e.kind}:${e.id}`, { e, n: c.n + 1 });
  }
  const specific = (e: Entity) => (e.kind === 'family' ? 0 : 1);
  return [...counts.values()].sort((a, b) => b.n - a.n || specific(b.e) - specific(a.e))[0]?.e;
}

function rowClaims(seg: Segment, header: readonly (Entity | undefined)[], x: Extraction): Claim[] {
  const cells = seg.cells ?? [];
  const label = cells[0]?.text ?? '';
  return cells.slice(1).flatMap((cell, k) => {
    const column = header[k + 1];
    const mentions = x.aliases.find(cell.text);
    const rivals = header.filter((e, j): e is Entity => e !== undefined && j !== k + 1);
    return findClaims(cell.text, label, x.names.gpus, x.names.benchmarks).flatMap((f) => {
      const entity = nearest(mentions, f) ?? column;
      return entity ? [claim(entity, f, cell.text, cell.offset, seg.line, rivals)] : [];
    });
  });
}

function sentenceClaims(seg: Segment, mentions: readonly Mention[], fallback: Entity | undefined, x: Extraction): Claim[] {
  return findClaims(seg.text, '', x.names.gpus, x.names.benchmarks).flatMap((f) => {
    const both = bothOf(seg.text, mentions, f);
    const entities = both ?? [nearest(mentions, f) ?? fallback].filter((e): e is Entity => e !== undefined);
    const rivals = mentions.map((m) => m.entity).filter((e) => !entities.some((x) => x.id === e.id));
    return entities.map((entity) => claim(entity, f, seg.text, seg.offset, seg.line, rivals));
  });
}

function claim(entity: Entity, f: Found, text: string, offset: number, line: number, rivals: readonly Entity[]): Claim {
  return { entity, value: f.value, quote: text.slice(f.start, f.end), start: offset + f.start, end: offset + f.end, line, rivals: dedupe(rivals), extractedBy: 'rules' };
}

function dedupe(entities: readonly Entity[]): Entity[] {
  return entities.filter((e, i) => entities.findIndex((x) => x.kind === e.kind && x.id === e.id) === i);
}

/** The mention a claim is about: the closest one before it, else the first one after it. */
function nearest(mentions: readonly Mention[], f: Found): Entity | undefined {
  const before = mentions.filter((m) => m.end <= f.start).at(-1);
  return (before ?? mentions.find((m) => m.start >= f.end) ?? mentions.find((m) => m.start < f.end && m.end > f.start))?.entity;
}

/** "Qwen 3.5 and Llama 4 both employ …": a claim about both entities. */
function bothOf(text: string, mentions: readonly Mention[], f: Found): Entity[] | undefined {
  const before = mentions.filter((m) => m.end <= f.start);
  const [a, b] = before.slice(-2);
  if (!a || !b) return undefined;
  const between = text.slice(a.end, b.start);
  const after = text.slice(b.end, f.start);
  return /^\W*(?:'s)?\s+and\s+$/i.test(between) && /^\s*(?:both|each|alike)\b/i.test(after) ? [a.entity, b.entity] : undefined;
}
