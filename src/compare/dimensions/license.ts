// The licence row: which licences a subject's models use, and the terms that bind a product.
import type { Catalog } from '../../catalog/catalog.js';
import { isKnown, unknownReason } from '../../catalog/catalog.js';
import type { License, Maybe, Model } from '../../catalog/schema.js';
import { formatInt, formatRevenue, listing } from '../../format.js';
import { joinSpans, text, type Dimension, type Span } from '../cell.js';

/**
 * How permissive a licence is, 0..1, from its structured terms. Documented in docs/methods.md:
 * start at 1; −0.3 for a region exclusion, −0.2 for a user cap, −0.2 for a use policy, −0.2 for a
 * revenue gate that needs an authorization, −0.1 each for a naming rule, an attribution display
 * duty (always, or above a revenue gate), and not being OSI-approved.
 * An unknown term counts as the restrictive case. A licence that grants no commercial use (research or
 * non-commercial only, or its grant unread) scores at most 0.05 and one that grants it at least 0.1, so no product
 * verdict prefers it to a licence a product can use.
 */
export function permissiveness(license: License): number {
  const t = license.terms;
  const restricts = <T>(term: Maybe<T>, free: (v: T) => boolean) => !isKnown(term) || !free(term.value);
  let score = 1;
  if (t.region_exclusions.length > 0) score -= 0.3;
  if (restricts(t.mau_threshold, (v) => v === null)) score -= 0.2;
  if (restricts(t.acceptable_use_policy, (v) => v === null)) score -= 0.2;
  if (restricts(t.derivative_naming, (v) => !v.required)) score -= 0.1;
  if (t.revenue_gates.some((g) => g.effect === 'authorization')) score -= 0.2;
  if (restricts(t.attribution, (v) => !v.required) || t.revenue_gates.some((g) => g.effect === 'attribution')) score -= 0.1;
  if (!license.osi_approved) score -= 0.1;
  const bounded = restricts(t.commercial_use, (v) => v) ? Math.min(0.05, Math.max(0, score - 0.5)) : Math.max(0.1, score);
  return Number(bounded.toFixed(2));
}

/** True when a model takes any input besides text. */
export function isMultimodal(model: Model): boolean {
  return isKnown(model.modalities) && model.modalities.value.input.some((m) => m !== 'text');
}

/**
 * The terms of a licence that decide product use, each citing its clause's source.
 * A region exclusion for multimodal models is a caution only when one of `models` is multimodal.
 */
export function termSpans(license: License, models: readonly Model[]): Span[] {
  const t = license.terms;
  const parts: Span[][] = [];
  const clause = <T>(term: Maybe<T> & { clause?: string }, name: string, show: (v: T) => string | undefined): Span[] => {
    if (!isKnown(term)) return [{ text: `${name}: unknown (${unknownReason(term)})`, mark: 'unknown' }];
    const display = show(term.value);
    return display === undefined ? [] : [{ text: display, refs: [{ source: term.source }] }, text(` (${term.clause ?? ''})`)];
  };
  // A licence without commercial use says so first: every other term matters only inside that limit.
  parts.push(isKnown(t.commercial_use)
    ? (t.commercial_use.value ? [] : [{ text: 'no commercial use (research or non-commercial only)', refs: [{ source: t.commercial_use.source }], mark: 'caution' as const }, text(` (${t.commercial_use.clause ?? ''})`)])
    : [{ text: `commercial use: unknown (${unknownReason(t.commercial_use)})`, mark: 'unknown' as const }]);
  parts.push(clause(t.mau_threshold, 'user cap', (v) => (v === null ? 'no user cap' : `separate licence from the licensor above ${formatInt(v)} monthly active users`)));
  parts.push(clause(t.acceptable_use_policy, 'use policy', (v) => (v === null ? 'no use policy' : 'acceptable-use policy applies')));
  for (const ex of t.region_exclusions) {
    const bites = ex.applies_to === 'all-models' || models.some(isMultimodal);
    const what = ex.applies_to === 'multimodal-models' ? 'multimodal models' : 'the models';
    const scope = bites ? '' : `; none of ${listing(models.map((m) => m.name))} is multimodal, so it does not bite here`;
    parts.push([{ text: `no licence to ${what} for ${ex.who}`, refs: [{ source: ex.source }], ...(bites ? { mark: 'caution' as const } : {}) }, text(` (${ex.clause}; exempt: ${ex.exempt ?? 'nobody'}${scope})`)]);
  }
  for (const g of t.revenue_gates) {
    const over = `above ${formatRevenue(g.amount, g.currency, g.period)} revenue${g.or_mau ? ` or ${formatInt(g.or_mau)} monthly active users` : ''}${g.scope ? ` (${g.scope})` : ''}`;
    parts.push([{ text: `${over}: ${g.requirement}`, refs: [{ source: g.source }], ...(g.effect === 'authorization' ? { mark: 'caution' as const } : {}) }, text(` (${g.clause})`)]);
  }
  parts.push(clause(t.attribution, 'attribution', (v) => (v.required ? (v.text ? `display "${v.text}"` : 'attribution required') : undefined)));
  parts.push(clause(t.derivative_naming, 'naming rule', (v) => (v.required ? (v.rule ?? 'naming rule for derivatives') : undefined)));
  return joinSpans(parts.filter((p) => p.length > 0), '; ');
}

/** Licences used by a set of models, with the models under each. */
export function licensesOf(catalog: Catalog, models: readonly Model[]): { license: License; models: Model[] }[] {
  const groups = new Map<string, Model[]>();
  for (const m of models) groups.set(m.license.value, [...(groups.get(m.license.value) ?? []), m]);
  return [...groups].flatMap(([id, ms]) => {
    const license = catalog.license.get(id);
    return license ? [{ license, models: ms }] : [];
  });
}

export const licenseRow: Dimension = {
  id: 'license',
  label: 'License',
  metric: 'permissiveness of the most permissive licence (see docs/methods.md: licence score)',
  cell(subject, { catalog }) {
    const groups = licensesOf(catalog, subject.models);
    const parts = groups.map(({ license, models }) => {
      const which = groups.length > 1 ? ` [${listing(models.map((m) => m.name))}]` : '';
      const osi = license.osi_approved ? ', OSI-approved' : '';
      return [
        { text: `${license.name}${osi}`, refs: models.slice(0, 1).map((m) => ({ source: m.license.source })) },
        text(`${which}: `),
        ...termSpans(license, models),
      ];
    });
    const scores = groups.map((g) => permissiveness(g.license));
    return {
      text: parts.length > 0 ? joinSpans(parts, ' · ') : [text('unknown')],
      value: groups.map((g) => ({ license: g.license.id, models: g.models.map((m) => m.id) })),
      metric: scores.length > 0 ? Math.max(...scores) : null,
    };
  },
};
