// What an article leaves out that matters: licence blockers and caveats it never mentions, and newer releases.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, isKnown, modelsOf } from '../catalog/catalog.js';
import type { Generation, License } from '../catalog/schema.js';
import { text, type Rich } from '../compare/cell.js';
import { isMultimodal } from '../compare/dimensions/license.js';
import { formatInt, formatMonth, listing } from '../format.js';

export interface Omission {
  /** blocker: can withhold the licence; caveat: an obligation or condition; newer: a newer release exists. */
  readonly kind: 'blocker' | 'caveat' | 'newer';
  readonly about: string;
  readonly text: Rich;
}

/** Words that show an article has dealt with a term. */
const MENTIONS = {
  mau: /monthly active|\bMAU\b|user (?:cap|threshold)/i,
  attribution: /built with|attribution|attribute/i,
  naming: /\bnam(?:e|es|ing)\b.*derivative|derivative.*\bnam(?:e|es|ing)\b|naming rule/i,
  commercial: /non-?commercial|research[- ]only|research licen/i,
};

/**
 * Whether a text speaks of a licence's excluded jurisdictions: by name, alias or two-letter code, and
 * for the EU and EEA by "Europe"/"European" too.
 */
function mentionsJurisdictions(catalog: Catalog, ids: readonly string[], article: string): boolean {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return ids.some((id) => {
    const j = catalog.jurisdiction.get(id);
    const names = [j?.name ?? id, ...(j?.aliases ?? [])].map(escape);
    const codes = (j?.codes ?? []).filter((c) => c.length === 2).map(escape);
    const europe = id === 'eu' || id === 'eea' ? ['europe(?:an)?'] : [];
    return new RegExp(`\\b(?:${[...names, ...europe].join('|')})\\b`, 'i').test(article) || (codes.length > 0 && new RegExp(`\\b(?:${codes.join('|')})\\b`).test(article));
  });
}

/**
 * The licence terms of the compared generations that the text never mentions, and newer releases of their families.
 * @example findOmissions(catalog, articleText, [qwen35, llama4])[0].about // 'Llama 4'
 */
export function findOmissions(catalog: Catalog, articleText: string, generations: readonly Generation[]): Omission[] {
  const found: Omission[] = [];
  const seen = new Set<string>();
  for (const gen of generations) {
    const models = modelsOf(catalog, gen.id);
    for (const licence of new Set(models.map((m) => m.license.value))) {
      const l = catalog.license.get(licence);
      const covered = models.filter((m) => m.license.value === licence);
      if (l) found.push(...licenceOmissions(catalog, l, gen, covered.some(isMultimodal), articleText, seen));
    }
  }
  for (const family of new Set(generations.map((g) => g.family))) {
    const newest = generationsOf(catalog, family)[0];
    const compared = generations.filter((g) => g.family === family);
    if (!newest || compared.some((g) => g.id === newest.id) || mentioned(articleText, newest.name)) continue;
    found.push({
      kind: 'newer',
      about: newest.name,
      text: [{ text: `${newest.name} (${formatMonth(newest.released.value)})`, refs: [{ source: newest.released.source }] }, text(` is newer than ${listing(compared.map((g) => g.name))}, which the text compares`)],
    });
  }
  return found;
}

function mentioned(article: string, name: string): boolean {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return squash(article).includes(squash(name.replace(/\(.*\)/, '')));
}

function licenceOmissions(catalog: Catalog, l: License, gen: Generation, multimodal: boolean, article: string, seen: Set<string>): Omission[] {
  const t = l.terms;
  const out: Omission[] = [];
  const add = (key: string, kind: Omission['kind'], rich: Rich) => {
    if (seen.has(`${l.id}:${key}`)) return;
    seen.add(`${l.id}:${key}`);
    out.push({ kind, about: gen.name, text: rich });
  };
  for (const ex of t.region_exclusions) {
    if (!(ex.applies_to === 'all-models' || multimodal) || mentionsJurisdictions(catalog, ex.jurisdictions, article)) continue;
    const what = ex.applies_to === 'multimodal-models' ? `its multimodal models (${gen.name} includes them)` : 'its models';
    add(`region:${ex.jurisdictions.join(',')}`, 'blocker', [text(`${l.name}: `), { text: `no licence to ${what} for ${ex.who}`, refs: [{ source: ex.source }], mark: 'caution' }, text(` (${ex.clause}; exempt: ${ex.exempt ?? 'nobody'})`)]);
  }
  if (isKnown(t.mau_threshold) && t.mau_threshold.value !== null && !MENTIONS.mau.test(article)) {
    add('mau', 'blocker', [text(`${l.name}: `), { text: `above ${formatInt(t.mau_threshold.value)} monthly active users a separate licence must be requested`, refs: [{ source: t.mau_threshold.source }] }, text(` (${t.mau_threshold.clause})`)]);
  }
  if (isKnown(t.commercial_use) && !t.commercial_use.value && !MENTIONS.commercial.test(article)) {
    add('commercial', 'blocker', [text(`${l.name}: `), { text: 'no commercial use', refs: [{ source: t.commercial_use.source }] }, text(` (${t.commercial_use.clause})`)]);
  }
  // An OSI-approved licence's notice-keeping is routine; a custom licence's attribution rule is not.
  if (!l.osi_approved && isKnown(t.attribution) && t.attribution.value.required && !MENTIONS.attribution.test(article)) {
    const what = t.attribution.value.text ? `display "${t.attribution.value.text}"` : 'attribution';
    add('attribution', 'caveat', [text(`${l.name}: `), { text: `${what}${t.attribution.value.where ? ` ${t.attribution.value.where}` : ''}`, refs: [{ source: t.attribution.source }] }, text(` (${t.attribution.clause})`)]);
  }
  if (isKnown(t.derivative_naming) && t.derivative_naming.value.required && !MENTIONS.naming.test(article)) {
    add('naming', 'caveat', [text(`${l.name}: `), { text: t.derivative_naming.value.rule ?? 'a naming rule for derivative models', refs: [{ source: t.derivative_naming.source }] }, text(` (${t.derivative_naming.clause})`)]);
  }
  return out;
}
