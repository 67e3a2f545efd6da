// Measured token cost per language in the comparison: the multilingual row, the analysis and the chart.
import { isKnown } from '../catalog/catalog.js';
import { formatInt, formatTokens, listing, trim } from '../format.js';
import {
  byPremium, DEFAULT_LANGUAGES, effectiveWords, premium, type LanguageRef, type Premium, type TokenResults,
} from '../measure/tokens/measured.js';
import { computed, flagship, text, type Rich, type Span } from './cell.js';
import type { Subject } from './subjects.js';

/** The languages a comparison reports on: the user's, or one per major script. */
export function reportLanguages(languages: readonly LanguageRef[] | undefined): readonly LanguageRef[] {
  return languages && languages.length > 0 ? languages : DEFAULT_LANGUAGES;
}

/** The tokenizer a subject is measured with: its flagship's, else any of its models'. */
export function subjectTokenizer(subject: Subject, r: TokenResults): string | undefined {
  const ids = [flagship(subject), ...subject.models].flatMap((m) => (m && isKnown(m.tokenizer) ? [m.tokenizer.value] : []));
  return ids.find((id) => r.tokenizers.some((t) => t.id === id));
}

/** `--lang …` when the user chose the languages; the default set needs no flag. */
export function langArgs(userLangs: readonly LanguageRef[] | undefined): string | undefined {
  return userLangs && userLangs.length > 0 ? `--lang ${userLangs.map((l) => (typeof l === 'string' ? l : l.iso6393)).join(',')}` : undefined;
}

/** A citer for measured premiums: one citation per tokenizer, reproduced by `versus tokens` with `args`. */
const citer = (args: string | undefined) => (p: Premium, display: string): Span => computed('tokens', p.tokenizer, display, args);

const proxy = (p: Premium) => (p.tokenizer.fidelity === 'proxy' ? ' (proxy tokenizer)' : '');

/**
 * "token cost vs English (qwen3.5): median 1.4×, Spanish 1.2× … Amharic 4.8×", or the user's languages one by one.
 * @example premiumSpans(results, 'llama4', ['hin', 'tam'], true)
 */
export function premiumSpans(r: TokenResults, tokenizer: string, userLangs: readonly LanguageRef[] | undefined): Span[] {
  const langs = reportLanguages(userLangs);
  const userChose = langs !== DEFAULT_LANGUAGES;
  const cite = citer(langArgs(userLangs));
  const measured = langs.flatMap((l) => premium(r, tokenizer, l) ?? []);
  if (measured.length === 0) return [];
  const head = text(`; tokens vs English with the ${tokenizer} tokenizer${proxy(measured[0]!)}: `);
  if (userChose || measured.length <= 4) {
    return [head, ...measured.flatMap((p, i) => [...(i > 0 ? [text(', ')] : []), cite(p, `${p.language.name} ${trim(p.premium)}×`)])];
  }
  const sorted = byPremium(r, tokenizer, langs);
  const median = sorted[Math.floor(sorted.length / 2)];
  const [low, high] = [sorted[0], sorted.at(-1)];
  if (!median || !low || !high) return [];
  return [head, cite(median, `median ${trim(median.premium)}×`), text(` over ${sorted.length} scripts, from `), cite(low, `${low.language.name} ${trim(low.premium)}×`), text(' to '), cite(high, `${high.language.name} ${trim(high.premium)}×`)];
}

/**
 * Where each subject's tokenizer is cheap and expensive, the largest gaps between subjects, and how
 * many words the longest context holds in the costliest language.
 */
export function languageCosts(subjects: readonly Subject[], r: TokenResults, userLangs: readonly LanguageRef[] | undefined): Rich[] {
  const langs = reportLanguages(userLangs);
  const cite = citer(langArgs(userLangs));
  const paragraphs: Rich[] = [];
  const measured = subjects.flatMap((s) => {
    const t = subjectTokenizer(s, r);
    return t ? [{ s, t, sorted: byPremium(r, t, langs) }] : [];
  });
  for (const { s, t, sorted } of measured) {
    if (sorted.length < 2) continue;
    const cheap = sorted.slice(0, 3);
    const dear = sorted.slice(-3).reverse();
    paragraphs.push([
      text(`${s.label} (tokenizer ${t}${proxy(sorted[0]!)}) is cheapest in `), ...list(cheap, cite), text('; it is most expensive in '), ...list(dear, cite),
      text('. A premium of 2× means the same text costs twice the tokens, time and context it costs in English.'),
      ...contextSpans(s, r, t, dear[0], cite),
    ]);
  }
  const gaps = largestGaps(measured, langs, r);
  if (gaps.length > 0) {
    paragraphs.push([text('Largest differences between the compared tokenizers: '), ...gaps.flatMap((g, i) => [
      ...(i > 0 ? [text('; ')] : []), text(`${g.low.language.name}: `), cite(g.low, `${trim(g.low.premium)}× (${g.lowLabel})`), text(' vs '), cite(g.high, `${trim(g.high.premium)}× (${g.highLabel})`),
    ]), text('.')]);
  }
  return paragraphs;
}

type Cite = ReturnType<typeof citer>;

function list(ps: readonly Premium[], cite: Cite): Span[] {
  return ps.flatMap((p, i) => [...(i > 0 ? [text(i === ps.length - 1 ? ' and ' : ', ')] : []), cite(p, `${p.language.name} (${trim(p.premium)}×)`)]);
}

/** "Llama 4 Scout's 10,485,760-token context holds about N English-equivalent words of Amharic (M of English)." */
function contextSpans(s: Subject, r: TokenResults, tokenizer: string, dearest: Premium | undefined, cite: Cite): Span[] {
  const longest = [...s.models].filter((m) => isKnown(m.context.native)).sort((a, b) => (isKnown(b.context.native) ? b.context.native.value : 0) - (isKnown(a.context.native) ? a.context.native.value : 0))[0];
  if (!longest || !isKnown(longest.context.native) || !dearest) return [];
  const ctx = longest.context.native.value;
  const there = effectiveWords(r, tokenizer, dearest.language.code, ctx);
  const english = effectiveWords(r, tokenizer, 'eng', ctx);
  if (!there || !english) return [];
  return [
    text(` ${longest.name}'s `), { text: formatTokens(ctx), refs: [{ source: longest.context.native.source }] },
    text(' context holds about '), cite(there.premium, `${formatInt(there.words)} English-equivalent words of ${dearest.language.name}`),
    text(`, against ${formatInt(english.words)} of English.`),
  ];
}

interface Gap { readonly low: Premium; readonly high: Premium; readonly lowLabel: string; readonly highLabel: string }

function largestGaps(measured: readonly { s: Subject; t: string }[], langs: readonly LanguageRef[], r: TokenResults): Gap[] {
  if (measured.length < 2) return [];
  const gaps = langs.flatMap((lang) => {
    const ps = measured.flatMap((m) => { const p = premium(r, m.t, lang); return p && !p.language.incomplete ? [{ p, label: m.s.label }] : []; });
    if (ps.length < 2) return [];
    const sorted = [...ps].sort((a, b) => a.p.premium - b.p.premium);
    const [low, high] = [sorted[0]!, sorted.at(-1)!];
    return [{ low: low.p, high: high.p, lowLabel: low.label, highLabel: high.label, size: high.p.premium - low.p.premium }];
  });
  return gaps.sort((a, b) => b.size - a.size).slice(0, 3);
}

/** Premium by language for each compared tokenizer, as chart data (render/charts/premium.ts draws it). */
export interface PremiumChartData {
  readonly title: string;
  readonly languages: readonly { readonly code: string; readonly name: string }[];
  readonly series: readonly { readonly label: string; readonly proxy: boolean; readonly values: readonly (number | undefined)[] }[];
}

export function premiumChartData(subjects: readonly Subject[], r: TokenResults, langs: readonly LanguageRef[]): PremiumChartData | undefined {
  const tokenizers = [...new Set(subjects.flatMap((s) => subjectTokenizer(s, r) ?? []))];
  const shown = langs.flatMap((l) => premium(r, tokenizers[0] ?? '', l)?.language ?? []);
  if (tokenizers.length === 0 || shown.length === 0) return undefined;
  return {
    title: `Tokens per language ÷ tokens in English (UDHR), by tokenizer: ${listing(tokenizers)}`,
    languages: shown.map((l) => ({ code: l.code, name: l.name })),
    series: tokenizers.map((t) => ({
      label: `${t} (${listing(subjects.filter((s) => subjectTokenizer(s, r) === t).map((s) => s.label))})`,
      proxy: r.tokenizers.find((x) => x.id === t)?.fidelity === 'proxy',
      values: shown.map((l) => premium(r, t, l.code)?.premium),
    })),
  };
}
