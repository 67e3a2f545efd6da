// versus audit: an article's claims, checked one by one against the catalog, plus what it leaves out.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf } from '../catalog/catalog.js';
import type { Generation } from '../catalog/schema.js';
import type { Rich } from '../compare/cell.js';
import { numberCitations, type Citation } from '../compare/comparison.js';
import { extractClaims, namesFrom, type Claim } from './claims.js';
import { checkClaim, type Checked, type Verdict } from './check.js';
import { readDocument } from './document.js';
import { aliasIndex, type AliasIndex, type Mention } from './entities.js';
import { findOmissions, type Omission } from './omissions.js';

export type { Claim, ClaimValue } from './claims.js';
export type { Checked, Verdict } from './check.js';
export type { Omission } from './omissions.js';

export interface Audit {
  /** Where the text came from: a file name, a URL, or "stdin". */
  readonly origin: string;
  /** The text as audited (HTML flattened); claim offsets refer to it. */
  readonly text: string;
  /** The generations the text compares, by family. */
  readonly compared: readonly Generation[];
  readonly checked: readonly Checked[];
  readonly omissions: readonly Omission[];
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly citations: readonly Citation[];
}

/**
 * Audits a text: finds claims about catalog entities, checks each, and lists what it omits.
 * `extra` are claims found another way (a model's proposals), checked the same way.
 * @example audit(catalog, 'Qwen 3.5 has a 128K context.', 'note.md').checked[0].verdict // 'wrong'
 */
export function audit(catalog: Catalog, raw: string, origin: string, extra: readonly Claim[] = []): Audit {
  const doc = readDocument(raw);
  const aliases = aliasIndex(catalog);
  const mentions = doc.segments.flatMap((s) => aliases.find(s.text));
  const focus = focusOf(catalog, mentions);
  const found = extractClaims(doc, { catalog, aliases, names: namesFrom(catalog) });
  const key = (c: Claim) => `${c.entity.kind}:${c.entity.id}:${JSON.stringify(c.value)}`;
  const known = new Set(found.map(key));
  const claims = [...found, ...extra.filter((c) => !known.has(key(c)))];
  const compared = comparedGenerations(catalog, mentions, focus);
  // A "leads on" claim that names no rival is set against each other family's focused generation.
  const rivals = [...focus.values()].flatMap((id) => {
    const g = catalog.generation.get(id);
    return g ? [{ kind: 'generation' as const, id: g.id, label: g.name }] : [];
  });
  const named = new Set(mentions.flatMap((m) => (m.entity.kind === 'model' ? [m.entity.id] : [])));
  const checked = claims.map((c) => checkClaim({ catalog, focus, compared: rivals, named }, c)).sort((a, b) => a.claim.start - b.claim.start);
  const omissions = findOmissions(catalog, doc.text, compared);
  const counts = { holds: 0, wrong: 0, partly: 0, unverified: 0 };
  for (const c of checked) counts[c.verdict] += 1;
  const citations = numberCitations(catalog, [...checked.map((c) => c.finding), ...omissions.map((o) => o.text)] as Rich[]);
  return { origin, text: doc.text, compared, checked, omissions, counts, citations };
}

/** For each family the text names, the generation it names most (a model counts for its generation). */
function focusOf(catalog: Catalog, mentions: readonly Mention[]): Map<string, string> {
  const tally = new Map<string, Map<string, number>>();
  for (const { entity } of mentions) {
    const gen = entity.kind === 'generation' ? entity.id : entity.kind === 'model' ? catalog.model.get(entity.id)?.generation : undefined;
    const family = gen && catalog.generation.get(gen)?.family;
    if (!gen || !family) continue;
    const counts = tally.get(family) ?? new Map<string, number>();
    counts.set(gen, (counts.get(gen) ?? 0) + 1);
    tally.set(family, counts);
  }
  return new Map([...tally].map(([family, counts]) => [family, [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '']));
}

/** Every generation the text names, or whose family it names (as its focused or newest generation). */
function comparedGenerations(catalog: Catalog, mentions: readonly Mention[], focus: ReadonlyMap<string, string>): Generation[] {
  const ids = new Set<string>();
  for (const { entity } of mentions) {
    if (entity.kind === 'generation') ids.add(entity.id);
    else if (entity.kind === 'model') ids.add(catalog.model.get(entity.id)?.generation ?? '');
    else {
      const gen = focus.get(entity.id) ?? generationsOf(catalog, entity.id)[0]?.id;
      if (gen) ids.add(gen);
    }
  }
  return [...ids].flatMap((id) => catalog.generation.get(id) ?? []);
}

export { aliasIndex, type AliasIndex };
