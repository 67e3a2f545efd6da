// The measured token counts' format and what comparisons ask of them. Pure: no file access, no tokenizer (it runs in
// the browser too); results.ts reads the shipped file.
import { VersusError } from '../../errors.js';
import type { Fidelity } from '../tokenizers/types.js';

export const ENGLISH = 'eng';

/**
 * One language per major script, plus Swahili and Vietnamese (Latin script with little or heavy
 * diacritic use), as UDHR codes: Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Bengali,
 * Tamil, Thai, Han, Japanese, Hangul and Ethiopic.
 */
export const DEFAULT_LANGUAGES: readonly string[] = [
  'spa', 'swh', 'vie', 'rus', 'ell_monotonic', 'arb', 'heb', 'hin', 'ben', 'tam', 'tha', 'cmn_hans', 'jpn', 'kor', 'amh',
];

export interface MeasuredTokenizer {
  readonly id: string;
  readonly label: string;
  readonly fidelity: Fidelity;
  readonly implementation: string;
  readonly source: string;
}

export interface MeasuredLanguage {
  readonly code: string;
  readonly iso6393: string;
  readonly bcp47: string;
  readonly name: string;
  readonly script: string;
  readonly chars: number;
  readonly words: number;
  readonly incomplete?: string;
}

/** The file format: counts[tokenizer][i] is the token count of languages[i] (null: not measured). */
export interface TokenResults {
  readonly kind: 'versus/token-counts';
  readonly schema: 1;
  /** The command that regenerates this file. */
  readonly regenerate: string;
  readonly tool_version: string;
  readonly corpus: string;
  readonly measured: string;
  readonly tokenizers: readonly MeasuredTokenizer[];
  readonly languages: readonly MeasuredLanguage[];
  readonly counts: Readonly<Record<string, readonly (number | null)[]>>;
}

/**
 * Parses and checks a results file; a malformed one is a VersusError naming the path.
 * @example parseTokenResults(readFileSync(path, 'utf8'), path).tokenizers.length
 */
export function parseTokenResults(json: string, path: string): TokenResults {
  const bad = (why: string) => new VersusError('E_MEASURED', `Measured token counts in ${path} are malformed: ${why}. Regenerate them with "versus tokens --measure --out ${path}".`);
  let r: TokenResults;
  try {
    r = JSON.parse(json) as TokenResults;
  } catch (error) {
    throw bad((error as Error).message);
  }
  if (r?.kind !== 'versus/token-counts' || r.schema !== 1) throw bad('not a versus/token-counts file of schema 1');
  if (!Array.isArray(r.languages) || !Array.isArray(r.tokenizers)) throw bad('no languages or tokenizers');
  if (!r.languages.some((l) => l.code === ENGLISH)) throw bad('no English text');
  for (const t of r.tokenizers) {
    if (r.counts?.[t.id]?.length !== r.languages.length) throw bad(`counts of ${t.id} do not match the ${r.languages.length} languages`);
  }
  return r;
}

/** A language as a code, or as the catalog's Language (ISO 639-3, and 639-1 when it has one). */
export type LanguageRef = string | { readonly iso6393: string; readonly iso6391?: string };

/**
 * The text that stands for a language: the UDHR code itself, else the first complete text with
 * that ISO 639-3 code (`cmn` → `cmn_hans`), else the first with that BCP 47 tag (`hi` → `hin`).
 * A catalog Language tries its 639-3 code, then its 639-1 code (`zho` has no text; `zh` → `cmn_hans`).
 * @example languageIndex(results, 'jpn') // index of the `jpn` text, not `jpn_osaka`
 */
export function languageIndex(r: TokenResults, lang: LanguageRef): number {
  if (typeof lang !== 'string') {
    const i = languageIndex(r, lang.iso6393);
    return i >= 0 || lang.iso6391 === undefined ? i : languageIndex(r, lang.iso6391);
  }
  const key = lang.toLowerCase();
  const index = indexOf(r);
  return index.code.get(key) ?? index.iso6393.get(key) ?? index.bcp47.get(key) ?? -1;
}

interface LanguageLookup {
  readonly code: Map<string, number>;
  readonly iso6393: Map<string, number>;
  readonly bcp47: Map<string, number>;
}

const lookups = new WeakMap<TokenResults, LanguageLookup>();

/** Lookup maps for a results object, built once: the first complete text wins for a shared ISO or BCP 47 code. */
function indexOf(r: TokenResults): LanguageLookup {
  const cached = lookups.get(r);
  if (cached) return cached;
  const index: LanguageLookup = { code: new Map(), iso6393: new Map(), bcp47: new Map() };
  const add = (map: Map<string, number>, key: string, i: number) => {
    const prev = map.get(key);
    if (prev === undefined || (r.languages[prev]?.incomplete && !r.languages[i]?.incomplete)) map.set(key, i);
  };
  r.languages.forEach((l, i) => {
    if (!index.code.has(l.code.toLowerCase())) index.code.set(l.code.toLowerCase(), i);
    add(index.iso6393, l.iso6393.toLowerCase(), i);
    add(index.bcp47, l.bcp47.toLowerCase(), i);
  });
  lookups.set(r, index);
  return index;
}

export interface Premium {
  /** tokens(language) ÷ tokens(English), same tokenizer. */
  readonly premium: number;
  readonly tokens: number;
  readonly englishTokens: number;
  readonly language: MeasuredLanguage;
  readonly tokenizer: MeasuredTokenizer;
}

/**
 * The measured premium of a language under a tokenizer, or undefined when either was not measured.
 * @example premium(results, 'llama4', 'hin')?.premium // e.g. 1.66 (tokens of Hindi ÷ tokens of English)
 */
export function premium(r: TokenResults, tokenizer: string, lang: LanguageRef): Premium | undefined {
  const t = r.tokenizers.find((x) => x.id === tokenizer);
  const i = languageIndex(r, lang);
  const counts = r.counts[tokenizer];
  const tokens = counts?.[i];
  const englishTokens = counts?.[languageIndex(r, ENGLISH)];
  if (!t || i < 0 || tokens == null || englishTokens == null) return undefined;
  return { premium: tokens / englishTokens, tokens, englishTokens, language: r.languages[i]!, tokenizer: t };
}

/**
 * How many English-equivalent words a context window holds in a language: the English UDHR's
 * words per token under the tokenizer (words ÷ tokens), times the context, divided by the
 * language's premium. "Words" are English words of the same content, since word counts of
 * languages without spaces (Chinese, Thai) are not comparable.
 * @example effectiveWords(results, 'llama4', 'tam', 10_000_000) // 10M × (1,747 ÷ 2,022) ÷ premium(tam)
 */
export function effectiveWords(r: TokenResults, tokenizer: string, lang: LanguageRef, context: number): { words: number; wordsPerToken: number; premium: Premium } | undefined {
  const p = premium(r, tokenizer, lang);
  const english = r.languages[languageIndex(r, ENGLISH)];
  if (!p || !english) return undefined;
  const wordsPerToken = english.words / p.englishTokens;
  return { words: (context * wordsPerToken) / p.premium, wordsPerToken, premium: p };
}

/**
 * A tokenizer's languages from cheapest to most expensive, complete texts only.
 * @example byPremium(results, 'qwen3.5', DEFAULT_LANGUAGES)[0] // the cheapest of the default set
 */
export function byPremium(r: TokenResults, tokenizer: string, langs: readonly LanguageRef[]): Premium[] {
  return langs
    .map((l) => premium(r, tokenizer, l))
    .filter((p): p is Premium => p !== undefined && !p.language.incomplete)
    .sort((a, b) => a.premium - b.premium);
}

/** Every language's premium under every tokenizer (null: not measured), as the tokens page charts it. */
export interface PremiumTable {
  /** `proxy` marks a tokenizer that stands in for a model's own. */
  readonly tokenizers: readonly { readonly id: string; readonly name: string; readonly proxy: boolean }[];
  readonly languages: readonly { readonly code: string; readonly name: string; readonly script: string; readonly premiums: Readonly<Record<string, number | null>> }[];
}

/**
 * The premiums of a results file: tokens(language) ÷ tokens(English) per tokenizer.
 * @example premiumTable(results).languages.find((l) => l.code === 'hin')?.premiums.llama4 // e.g. 1.66
 */
export function premiumTable(r: TokenResults): PremiumTable {
  const eng = languageIndex(r, ENGLISH);
  return {
    tokenizers: r.tokenizers.map((t) => ({ id: t.id, name: t.label, proxy: t.fidelity === 'proxy' })),
    languages: r.languages.map((l, i) => ({
      code: l.code,
      name: l.name,
      script: l.script,
      premiums: Object.fromEntries(r.tokenizers.map((t) => {
        const [n, e] = [r.counts[t.id]?.[i], r.counts[t.id]?.[eng]];
        return [t.id, n == null || e == null ? null : n / e];
      })),
    })),
  };
}
