// A comparison is subjects × dimensions, plus analysis, verdicts, a bottom line and numbered citations.
import type { Catalog } from '../catalog/catalog.js';
import type { DimensionId, Source } from '../catalog/schema.js';
import { formatMonth, formatParams, listing } from '../format.js';
import { analysis, type Section } from './analysis.js';
import { joinSpans, num, plainText, refsOf, text, type Cell, type Dimension, type DimensionContext, type Ref, type Rich } from './cell.js';
import { COMPUTATIONS, type Computation } from './computations.js';
import { DIMENSIONS } from './dimensions/index.js';
import { chartedModels, memoryCurves, type MemoryCurves } from './fit-rows.js';
import { premiumChartData, reportLanguages, type PremiumChartData } from './token-rows.js';
import { premiumEvidence } from './evidence.js';
import type { LanguageRef, TokenResults } from '../measure/tokens/measured.js';
import type { Measurement } from './measured.js';
import type { Subject } from './subjects.js';
import { verdicts, type Verdict } from './verdict.js';
import { isMultimodal, licensesOf } from './dimensions/license.js';

export interface Row {
  readonly id: DimensionId;
  readonly label: string;
  readonly metric: string | null;
  readonly cells: readonly Cell[];
  /** metric ÷ best metric per subject, null when a subject has no basis to rank. */
  readonly scores: readonly (number | null)[];
  /** Subject indexes within 2% of the best score; empty when the row is not ranked. */
  readonly leaders: readonly number[];
}

export interface Citation {
  readonly n: number;
  readonly key: string;
  readonly source?: Source;
  readonly computation?: Computation & { readonly model: string; readonly args?: string };
}

export interface Comparison {
  readonly title: string;
  /** The newest retrieval date among the cited sources. */
  readonly asOf: string;
  /** When each compared family's releases were last checked, in subject order, one entry per family. */
  readonly releasesChecked: readonly ReleasesChecked[];
  readonly subjects: readonly Subject[];
  readonly summary: Rich;
  readonly rows: readonly Row[];
  readonly analysis: readonly Section[];
  readonly verdicts: readonly Verdict[];
  readonly bottomLine: readonly Rich[];
  readonly citations: readonly Citation[];
  /** Memory against context for the charted models, when the catalog has what it needs. */
  readonly memory?: MemoryCurves;
  /** Token premium by language for the compared tokenizers, when measurements were given. */
  readonly premium?: PremiumChartData;
  /** What stored eval runs measured for the compared models (compare --runs), beside the vendor-reported rows. */
  readonly measured?: readonly Measurement[];
}

export interface ReleasesChecked {
  readonly family: string;
  readonly name: string;
  readonly date: string;
}

const TIE = 0.02;

export interface CompareOptions {
  readonly dimensions?: readonly Dimension[];
  /** Measured token counts; without them the report shows official language counts only. */
  readonly tokens?: TokenResults;
  /** Languages to report token cost for (default: one per major script). */
  readonly languages?: readonly LanguageRef[];
  /** Compute chart data (memory against context); default true. */
  readonly charts?: boolean;
}

/**
 * Builds the full comparison of resolved subjects. Pure: same catalog and subjects, same result.
 * @example compare(catalog, resolveSubjects(catalog, ['qwen', 'llama'])).rows[2].label // 'Maximum context window'
 */
export function compare(catalog: Catalog, subjects: readonly Subject[], options: CompareOptions = {}): Comparison {
  const rows = rankRows(catalog, subjects, options.dimensions ?? DIMENSIONS, { tokens: options.tokens, languages: options.languages });
  const sections = analysis(catalog, subjects, options.tokens, options.languages);
  const judged = verdicts(catalog, catalog.use_cases, subjects, rows, options.tokens ? { premium: premiumEvidence(options.tokens) } : {});
  const bottom = bottomLine(catalog, subjects, rows, judged);
  const summary = summarize(subjects);
  const rich: Rich[] = [summary, ...rows.flatMap((r) => r.cells.map((c) => c.text)), ...sections.flatMap((s) => s.paragraphs), ...judged.map((v) => v.reasons), ...bottom];
  const citations = numberCitations(catalog, rich);
  // Charts cost a few milliseconds of fit computations; text output does without them.
  const memory = options.charts === false ? undefined : memoryCurves(catalog, chartedModels(subjects));
  const premium = options.charts === false || !options.tokens ? undefined : premiumChartData(subjects, options.tokens, reportLanguages(options.languages));
  return {
    title: `${subjects.map((s) => s.label).join(' vs ')}`,
    asOf: citations.reduce((d, c) => (c.source && c.source.retrieved > d ? c.source.retrieved : d), ''),
    releasesChecked: releasesChecked(subjects),
    subjects, summary, rows, analysis: sections, verdicts: judged, bottomLine: bottom, citations,
    ...(memory ? { memory } : {}),
    ...(premium ? { premium } : {}),
  };
}

/**
 * The date each compared family's releases were last checked, one entry per family in subject order.
 * @example releasesChecked(resolveSubjects(catalog, ['qwen', 'llama']))[0] // { family: 'qwen', name: 'Qwen', date: '2026-12-01' }
 */
export function releasesChecked(subjects: readonly Subject[]): ReleasesChecked[] {
  const seen = new Map<string, ReleasesChecked>();
  for (const { family } of subjects) {
    if (!seen.has(family.id)) seen.set(family.id, { family: family.id, name: family.name, date: family.releases_checked });
  }
  return [...seen.values()];
}

/**
 * "Qwen 2026-12-01, Llama 2026-12-01": the report's line beside "Data as of".
 * @example releasesCheckedText([{ family: 'qwen', name: 'Qwen', date: '2026-12-01' }]) // 'Qwen 2026-12-01'
 */
export function releasesCheckedText(checked: readonly ReleasesChecked[]): string {
  return checked.map((r) => `${r.name} ${r.date}`).join(', ');
}

/** The rows alone: every dimension's cells for the subjects, scored and with leaders. */
export function rankRows(
  catalog: Catalog, subjects: readonly Subject[], dimensions: readonly Dimension[] = DIMENSIONS,
  measured: Pick<DimensionContext, 'tokens' | 'languages'> = {},
): Row[] {
  const ctx: DimensionContext = { catalog, subjects, ...(measured.tokens ? { tokens: measured.tokens } : {}), ...(measured.languages ? { languages: measured.languages } : {}) };
  return dimensions.map((d) => buildRow(d, subjects.map((s) => d.cell(s, ctx))));
}

function buildRow(d: Dimension, cells: Cell[]): Row {
  const metrics = cells.map((c) => c.metric);
  const best = Math.max(...metrics.map((m) => m ?? -Infinity));
  // One subject with evidence against others without still ranks: it leads, and the others score null (a verdict
  // counts them 0), so a family whose value is unknown never ties with one whose value is sourced.
  const ranked = d.metric !== undefined && cells.length >= 2 && metrics.some((m) => m !== null) && best > 0;
  const scores = metrics.map((m) => (ranked && m !== null ? m / best : null));
  const leaders = ranked ? scores.flatMap((s, i) => (s !== null && s >= 1 - TIE ? [i] : [])) : [];
  return { id: d.id, label: d.label, metric: d.metric ?? null, cells, scores, leaders: leaders.length === cells.length ? [] : leaders };
}

/** The key under which a ref is numbered: a source id, or a computation on a model. */
export function refKey(ref: Ref): string {
  return 'source' in ref ? ref.source : `${ref.computed}:${ref.model}${ref.args ? ` ${ref.args}` : ''}`;
}

/**
 * Numbers every ref in `rich` in order of first appearance; used by comparisons and any page of facts.
 * @example numberCitations(catalog, modelSheet(catalog, m).map((l) => l.value))[0].n // 1
 */
export function numberCitations(catalog: Catalog, rich: readonly Rich[]): Citation[] {
  const seen = new Map<string, Citation>();
  for (const ref of rich.flatMap(refsOf)) {
    const key = refKey(ref);
    if (seen.has(key)) continue;
    const n = seen.size + 1;
    if ('source' in ref) seen.set(key, { n, key, source: catalog.source.get(ref.source) });
    else {
      const c = COMPUTATIONS[ref.computed];
      if (c) seen.set(key, { n, key, computation: { ...c, model: ref.model, ...(ref.args ? { args: ref.args } : {}) } });
    }
  }
  return [...seen.values()];
}

function summarize(subjects: readonly Subject[]): Rich {
  const parts = subjects.map((s) => {
    const sizes = s.models.map((m) => num(m.params.total)).filter((n): n is number => n !== undefined);
    const range = sizes.length > 1 ? `${s.models.length} models from ${formatParams(Math.min(...sizes))} to ${formatParams(Math.max(...sizes))}` : s.models[0]?.name ?? '';
    const when = formatMonth(s.generation.released.value);
    return [
      { text: `${s.label}`, refs: [{ source: s.generation.released.source }] },
      text(` (${s.family.vendor}, ${when}; ${range})`),
    ];
  });
  return [text('This report compares '), ...parts.flatMap((p, i) => [...(i > 0 ? [text(i === parts.length - 1 ? ' and ' : ', ')] : []), ...p]), text('. Every value cites its source; values we compute cite the command that reproduces them.')];
}

function bottomLine(catalog: Catalog, subjects: readonly Subject[], rows: readonly Row[], judged: readonly Verdict[]): Rich[] {
  const ranked = rows.filter((r) => r.leaders.length > 0);
  const lines: Rich[] = subjects.map((s, i) => {
    const wins = ranked.filter((r) => r.leaders.includes(i)).map((r) => r.label.toLowerCase());
    const useCases = judged.filter((v) => v.winner === i).map((v) => v.useCase.name);
    const leads = wins.length > 0 ? `leads on ${wins.length} of ${ranked.length} ranked rows (${listing(wins)})` : `leads on none of the ${ranked.length} ranked rows`;
    const fits = useCases.length > 0 ? `. It comes first for: ${useCases.join('; ')}` : '';
    return [text(`${s.label} ${leads}${fits}.`)];
  });
  const unranked = rows.filter((r) => r.leaders.length === 0).map((r) => r.label.toLowerCase());
  if (unranked.length > 0) lines.push([text(`Not ranked (no common basis, a tie, or descriptive only): ${listing(unranked)}.`)]);
  subjects.forEach((s) => {
    const clauses = licensesOf(catalog, s.models).flatMap(({ license, models }) => license.terms.region_exclusions
      .filter((ex) => ex.applies_to === 'all-models' || models.some(isMultimodal))
      .map((ex): Rich => [
        { text: `${license.name} grants no licence to ${ex.applies_to === 'multimodal-models' ? `its multimodal models (${listing(models.filter(isMultimodal).map((m) => m.name))})` : 'these models'} to ${ex.who}`, refs: [{ source: ex.source }] },
        text(` (${ex.clause}). Those it covers may not use, copy, modify or distribute them to build a product; exempt: ${ex.exempt ?? 'nobody'}`),
      ]));
    if (clauses.length > 0) lines.push([text(`Before choosing ${s.label}: `), ...joinSpans(clauses, '; '), text('.')]);
  });
  return lines;
}

/** Plain-text cell, for tests and terse output. */
export function cellText(comparison: Comparison, row: string, subject: number): string {
  const cell = comparison.rows.find((r) => r.id === row)?.cells[subject];
  return cell ? plainText(cell.text) : '';
}
