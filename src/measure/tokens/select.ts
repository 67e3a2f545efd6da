// Which corpus languages a user means: by UDHR code, ISO 639-3 or 639-1 code, script, or name.
import { NotFoundError } from '../../errors.js';
import { suggest } from '../../catalog/suggest.js';
import { SCRIPTS } from '../corpus/script.js';

interface LanguageMeta {
  readonly code: string;
  readonly iso6393: string;
  readonly bcp47: string;
  readonly name: string;
  readonly script: string;
}

/** Script names users may type, besides ISO 15924 codes: `devanagari` → Deva, `japanese` → Jpan. */
const SCRIPT_NAMES = new Map<string, string>([
  ...Object.entries(SCRIPTS).map(([code, name]) => [name.toLowerCase().replace(/_/g, ' '), code] as [string, string]),
  ['japanese', 'Jpan'], ['chinese', 'Hani'], ['korean', 'Hang'],
]);

function matches<T extends LanguageMeta>(langs: readonly T[], query: string): T[] {
  const q = query.trim().toLowerCase();
  const where = (f: (l: T) => boolean) => langs.filter(f);
  const byCode = where((l) => l.code.toLowerCase() === q);
  if (byCode.length) return byCode;
  const byIso = where((l) => l.iso6393 === q || l.bcp47.toLowerCase() === q);
  if (byIso.length) return byIso;
  const script = SCRIPT_NAMES.get(q) ?? Object.keys(SCRIPTS).concat('Jpan').find((s) => s.toLowerCase() === q);
  if (script) return where((l) => l.script === script);
  const byName = where((l) => l.name.toLowerCase() === q);
  if (byName.length) return byName;
  return q.length >= 3 ? where((l) => l.name.toLowerCase().includes(q)) : [];
}

/**
 * The languages a comma-separated list names, in the order named, without duplicates.
 * Each item is tried as a UDHR code (`cmn_hans`), ISO 639-3 or BCP 47 code (`cmn`, `hi`), script
 * (`Deva`, `devanagari`), exact name, then part of a name (`tamil`).
 * @example selectLanguages(langs, ['hin', 'Taml']).map((l) => l.code) // ['hin', 'tam', 'tam_LK']
 * @throws NotFoundError with the nearest codes and names for an item that matches nothing
 */
export function selectLanguages<T extends LanguageMeta>(langs: readonly T[], items: readonly string[]): T[] {
  const out = new Map<string, T>();
  for (const item of items) {
    const found = matches(langs, item);
    if (found.length === 0) {
      const known = langs.flatMap((l) => [l.code, l.name.toLowerCase()]);
      throw new NotFoundError('language', item, suggest(item.toLowerCase(), known));
    }
    for (const l of found) out.set(l.code, l);
  }
  return [...out.values()];
}
