// Regions as data: what a user types (Germany, DE, DEU, EU, European Union) resolved through data/jurisdictions.yaml.
import type { Catalog } from './catalog.js';
import type { Jurisdiction } from './schema.js';
import { suggest } from './suggest.js';
import { NotFoundError, UsageError } from '../errors.js';

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/[.\s]+/g, ' ').replace(/^the /, '');

/**
 * The jurisdiction a user means, by id, name, ISO 3166-1 code or alias (case-insensitive).
 * A name that is no jurisdiction (Europe) is a UsageError naming the choices; an unknown name is a
 * NotFoundError with the nearest names.
 * @example resolveRegion(catalog, 'Germany').id // 'de'
 * @example resolveRegion(catalog, 'DEU').id // 'de'
 */
export function resolveRegion(catalog: Catalog, wanted: string): Jurisdiction {
  const w = norm(wanted);
  if (w === '') throw new UsageError('A region is empty; name a country (e.g. Germany, DE) or a group (EU, EEA).');
  const found = catalog.jurisdictions.find((j) => namesOf(j).some((n) => norm(n) === w));
  if (found?.ambiguous) {
    const choices = found.ambiguous.map((id) => catalog.jurisdiction.get(id)?.name ?? id);
    throw new UsageError(`"${wanted}" is not one jurisdiction; licences name the EU or single countries. Say which: ${choices.join(', ')}, or a country such as Germany.`);
  }
  if (found) return found;
  const byLower = new Map(catalog.jurisdictions.filter((j) => !j.ambiguous).flatMap((j) => [j.name, ...j.aliases].map((n) => [n.toLowerCase(), j.name] as const)));
  const near = [...new Set(suggest(wanted, byLower.keys(), 5).map((n) => byLower.get(n) ?? n))].slice(0, 3);
  throw new NotFoundError('region', wanted, near);
}

function namesOf(j: Jurisdiction): string[] {
  return [j.id, j.name, ...j.codes, ...j.aliases];
}

/** The country ids a jurisdiction covers: its members, or itself. */
function countriesOf(j: Jurisdiction): string[] {
  return j.members ?? [j.id];
}

export type Coverage = 'inside' | 'outside' | 'partly';

/**
 * Whether a user's region lies inside the union of some jurisdictions (e.g. a licence's excluded regions).
 * `partly` when the region spans countries inside and outside (EEA against an EU exclusion).
 * @example coverage(catalog, resolveRegion(catalog, 'France'), ['eu']) // 'inside'
 */
function coverage(catalog: Catalog, region: Jurisdiction, ids: readonly string[]): Coverage {
  const covered = new Set(ids.flatMap((id) => { const j = catalog.jurisdiction.get(id); return j ? countriesOf(j) : [id]; }));
  const mine = countriesOf(region);
  const inside = mine.filter((c) => covered.has(c)).length;
  return inside === mine.length ? 'inside' : inside === 0 ? 'outside' : 'partly';
}

/** A user's region, resolved, with the test a licence's region exclusion needs. */
export interface Region {
  readonly jurisdiction: Jurisdiction;
  /** Whether the region lies inside the union of these jurisdiction ids. */
  within(ids: readonly string[]): Coverage;
}

/**
 * Resolves what a user typed into a Region (throws on an unknown or ambiguous name).
 * @example regionOf(catalog, 'France').within(['eu']) // 'inside'
 */
export function regionOf(catalog: Catalog, wanted: string): Region {
  const jurisdiction = resolveRegion(catalog, wanted);
  return { jurisdiction, within: (ids) => coverage(catalog, jurisdiction, ids) };
}
