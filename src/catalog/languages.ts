// Language codes: ISO 639-1/639-3 codes and English names. The full table (SIL's, from the iso-639-3
// package) is loaded only when needed; the compiled catalog carries the languages its data uses.
import { NotFoundError } from '../errors.js';
import { suggest } from './suggest.js';

export interface Language {
  readonly iso6393: string;
  readonly iso6391?: string;
  readonly name: string;
}

/** Finds a language by code or name, or throws NotFoundError with the nearest ones. */
export type LanguageResolver = (code: string) => Language;

/** Every individual and macro language of ISO 639-3 (about 7,900). */
export async function fullLanguageTable(): Promise<Language[]> {
  const { iso6393 } = await import('iso-639-3');
  return iso6393.map((l) => ({ iso6393: l.iso6393, name: l.name, ...(l.iso6391 ? { iso6391: l.iso6391 } : {}) }));
}

/**
 * A resolver over a table: ISO 639-1 code, ISO 639-3 code or English name, case-insensitive.
 * @example resolverFor(await fullLanguageTable())('ja').iso6393 // 'jpn'
 */
export function resolverFor(table: readonly Language[]): LanguageResolver {
  const index = new Map<string, Language>();
  for (const l of table) {
    index.set(l.iso6393, l);
    if (l.iso6391) index.set(l.iso6391, l);
    if (!index.has(l.name.toLowerCase())) index.set(l.name.toLowerCase(), l);
  }
  return (code) => {
    const found = index.get(code.trim().toLowerCase());
    if (found) return found;
    const common = table.flatMap((l) => (l.iso6391 ? [l.iso6391, l.name.toLowerCase()] : []));
    throw new NotFoundError('language', code, suggest(code.trim().toLowerCase(), common.length > 0 ? common : index.keys()));
  };
}

/** True when a catalog language list (639-1 or 639-3 codes) contains the language. */
export function listIncludes(list: readonly string[], lang: Language): boolean {
  return list.some((c) => c === lang.iso6393 || c === lang.iso6391);
}
