// Hard constraints checked per model: pass, fail or unverified, each with the fact and source behind it.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown, unknownReason } from '../catalog/catalog.js';
import { listIncludes, type Language, type LanguageResolver } from '../catalog/languages.js';
import type { Constraints, Modality, Model } from '../catalog/schema.js';
import { UsageError } from '../errors.js';
import { formatParams, formatTokens, languageCount, listing, trim } from '../format.js';
import { cite, joinSpans, text, type Ref, type Rich, type Span } from './cell.js';
import { checkLicense } from './license-check.js';
import { regionOf } from '../catalog/jurisdictions.js';

export type Outcome = 'pass' | 'fail' | 'unverified';
export type ConstraintId = 'languages' | 'context' | 'modalities' | 'license' | 'size' | 'hardware' | 'load' | 'cost';

/** Constraints that pass only on evidence: unverified excludes (recommend: unless the request is lenient; verdicts: always). */
export const EVIDENCE_REQUIRED: readonly ConstraintId[] = ['context', 'modalities', 'license', 'size', 'hardware', 'load', 'cost'];

/** One hard constraint applied to one model. */
export interface Check {
  readonly constraint: ConstraintId;
  readonly outcome: Outcome;
  readonly text: Rich;
}

/** Measurements the checks use when they exist; without them a check says what is missing. */
export interface Evidence {
  /** Tokens(language) ÷ tokens(English) for a tokenizer, with what backs it. */
  premium?(tokenizer: string, language: Language): { premium: number; ref: Ref } | undefined;
  /** Whether the model fits the hardware at the context, with why. */
  fit?(model: Model, constraints: Constraints): { fits: boolean; text: Rich } | undefined;
  /** Whether the GPU budget can serve the load within the speed bounds, with why. */
  load?(model: Model, constraints: Constraints): { fits: boolean; text: Rich } | undefined;
  /** The model's cheapest dated hosted cost for the constraint's task and languages, with why; undefined when it cannot be priced. */
  cost?(model: Model, constraints: Constraints): { usd: number; text: Rich } | { unknown: string } | undefined;
}

/** Rejects constraints that contradict each other or cannot mean anything, before any model is checked. */
export function validateConstraints(catalog: Catalog, c: Constraints, resolveLanguage: LanguageResolver): void {
  if (c.region !== undefined) regionOf(catalog, c.region);
  if (c.max_cost !== undefined && !(c.max_cost.usd > 0)) throw new UsageError('--volume sizes a monthly cost budget; give --max-cost too, e.g. --max-cost 500/month --volume 1m.');
  if ((c.gpus !== undefined || c.precision !== undefined) && c.gpu === undefined) {
    throw new UsageError('--gpus and --precision describe a GPU budget; name the GPU too, e.g. --gpu h100 --gpus 2.');
  }
  if (c.load !== undefined && c.gpu === undefined) throw new UsageError('--load asks whether a GPU budget can serve it; name the GPU too, e.g. --gpu h100 --gpus 8.');
  if (c.end_user && c.region === undefined) throw new UsageError('--end-user only matters with --region (it exempts end users from region exclusions).');
  if (c.fine_tune && c.distribute === undefined && c.naming_ok === false) {
    throw new UsageError('--no-naming only matters for a derivative you distribute; add --distribute.');
  }
  for (const code of c.languages ?? []) resolveLanguage(code);
}

/**
 * Every constraint that is set, checked against one model. Languages resolve with the catalog's table
 * unless a resolver for more languages is given.
 * @example checkModel(catalog, scout, { region: 'EU' }, {}) // [{ constraint: 'license', outcome: 'fail', … }]
 */
export function checkModel(catalog: Catalog, model: Model, c: Constraints, evidence: Evidence, resolveLanguage: LanguageResolver = catalog.resolveLanguage): Check[] {
  const checks: Check[] = [];
  if (c.languages) checks.push(languageCheck(model, c.languages.map(resolveLanguage), c.max_premium, evidence));
  if (c.min_context !== undefined) checks.push(contextCheck(model, c.min_context));
  if (c.modalities) checks.push(modalityCheck(model, c.modalities));
  checks.push(licenseCheck(catalog, model, c));
  if (c.max_params !== undefined) checks.push(sizeCheck(model, c.max_params));
  if (c.gpu !== undefined) checks.push(hardwareCheck(model, c, evidence));
  if (c.gpu !== undefined && c.load !== undefined) checks.push(loadCheck(model, c, evidence));
  if (c.max_cost !== undefined) checks.push(costCheck(model, c, evidence));
  return checks;
}

const worst = (outcomes: Outcome[]): Outcome => (outcomes.includes('fail') ? 'fail' : outcomes.includes('unverified') ? 'unverified' : 'pass');

function languageCheck(model: Model, langs: Language[], maxPremium: number | undefined, evidence: Evidence): Check {
  const facts = model.languages;
  const tokenizer = isKnown(model.tokenizer) ? model.tokenizer.value : undefined;
  const parts = langs.map((lang): { outcome: Outcome; spans: Span[] } => {
    const code = lang.iso6391 ?? lang.iso6393;
    let outcome: Outcome;
    let spans: Span[];
    if (!isKnown(facts)) {
      outcome = 'unverified';
      spans = [{ text: `${code}: official languages unknown (${unknownReason(facts)})`, mark: 'unknown' }];
    } else if (!facts.value.list) {
      outcome = 'unverified';
      spans = [text(`${code}: not verifiable — `), ...cite(facts, `${languageCount(facts.value)} without a published list`)];
    } else if (listIncludes(facts.value.list, lang)) {
      outcome = 'pass';
      spans = cite(facts, `${code} officially supported`);
    } else {
      outcome = 'fail';
      spans = cite(facts, `${code} (${lang.name}) is not among its ${facts.value.count} official languages`);
    }
    const measured = tokenizer ? evidence.premium?.(tokenizer, lang) : undefined;
    if (measured) {
      spans.push(text(', '), { text: `${trim(measured.premium)}× English tokens`, refs: [measured.ref] });
      if (maxPremium !== undefined && measured.premium > maxPremium) {
        outcome = 'fail';
        spans.push(text(` (above the ${trim(maxPremium)}× limit)`));
      }
    } else if (maxPremium !== undefined) {
      outcome = outcome === 'fail' ? 'fail' : 'unverified';
      spans.push(text(', token premium not measured'));
    }
    return { outcome, spans };
  });
  const outcome = worst(parts.map((p) => p.outcome));
  // Say what decided it: only the failing (or unverified) languages when the check does not pass.
  const shown = outcome === 'pass' ? parts : parts.filter((p) => p.outcome === outcome);
  return { constraint: 'languages', outcome, text: joinSpans(shown.map((p) => p.spans), '; ') };
}

function contextCheck(model: Model, min: number): Check {
  const { native, extended } = model.context;
  if (!isKnown(native)) return { constraint: 'context', outcome: 'unverified', text: [{ text: `context unknown (${unknownReason(native)})`, mark: 'unknown' }] };
  if (native.value >= min) return { constraint: 'context', outcome: 'pass', text: cite(native, `${formatTokens(native.value)} native ≥ ${formatTokens(min)}`) };
  if (isKnown(extended) && extended.value >= min) {
    return { constraint: 'context', outcome: 'pass', text: [...cite(extended, `${formatTokens(extended.value)} with context extension`), text(` ≥ ${formatTokens(min)} (native is only ${formatTokens(native.value)})`)] };
  }
  const best = isKnown(extended) ? extended : native;
  return { constraint: 'context', outcome: 'fail', text: cite(best, `at most ${formatTokens(best.value)} < ${formatTokens(min)}`) };
}

function modalityCheck(model: Model, needed: readonly Modality[]): Check {
  const m = model.modalities;
  if (!isKnown(m)) return { constraint: 'modalities', outcome: 'unverified', text: [{ text: `modalities unknown (${unknownReason(m)})`, mark: 'unknown' }] };
  const missing = needed.filter((x) => !m.value.input.includes(x));
  return missing.length === 0
    ? { constraint: 'modalities', outcome: 'pass', text: cite(m, `takes ${listing([...needed])} input`) }
    : { constraint: 'modalities', outcome: 'fail', text: cite(m, `no ${listing(missing)} input (takes ${listing(m.value.input)})`) };
}

function licenseCheck(catalog: Catalog, model: Model, c: Constraints): Check {
  const license = catalog.license.get(model.license.value);
  if (!license) return { constraint: 'license', outcome: 'unverified', text: [text(`licence ${model.license.value} not in the catalog`)] };
  const findings = checkLicense(license, model, {
    mau: c.mau, revenue: c.revenue, ...(c.region === undefined ? {} : { region: regionOf(catalog, c.region) }), endUser: c.end_user, commercial: c.commercial, distribute: c.distribute, fineTune: c.fine_tune, namingOk: c.naming_ok,
  });
  const head: Span = { text: license.name, refs: [{ source: license.source }] };
  if (c.permissive && !license.osi_approved) {
    return { constraint: 'license', outcome: 'fail', text: [head, text(' is not an OSI-approved (permissive) licence, and a permissive licence is required')] };
  }
  const blockers = findings.filter((f) => f.kind === 'blocker');
  const unknown = findings.filter((f) => f.kind === 'unknown');
  const shown = blockers.length > 0 ? blockers : unknown;
  if (shown.length === 0) return { constraint: 'license', outcome: 'pass', text: [head, text(': no blocker for this situation')] };
  return {
    constraint: 'license',
    outcome: blockers.length > 0 ? 'fail' : 'unverified',
    text: [head, text(': '), ...joinSpans(shown.map((f) => [...f.text, text(f.clause ? ` (${f.clause})` : '')]), '; ')],
  };
}

function sizeCheck(model: Model, max: number): Check {
  const total = model.params.total;
  if (!isKnown(total)) return { constraint: 'size', outcome: 'unverified', text: [{ text: `size unknown (${unknownReason(total)})`, mark: 'unknown' }] };
  const ok = total.value <= max;
  return { constraint: 'size', outcome: ok ? 'pass' : 'fail', text: cite(total, `${formatParams(total.value)} total ${ok ? '≤' : '>'} ${formatParams(max)}`) };
}

/** Hosted cost within the budget: unpriced (no dated price, or no measured tokenizer) is never a pass. */
function costCheck(model: Model, c: Constraints, evidence: Evidence): Check {
  const cost = evidence.cost?.(model, c);
  const max = c.max_cost;
  if (!cost || !max || 'unknown' in cost) return { constraint: 'cost', outcome: 'unverified', text: [{ text: `cost not known (${cost && 'unknown' in cost ? cost.unknown : 'no measured token counts in this build'})`, mark: 'unknown' }] };
  const ok = cost.usd <= max.usd;
  return { constraint: 'cost', outcome: ok ? 'pass' : 'fail', text: [...cost.text, text(` ${ok ? '≤' : '>'} $${max.usd} per ${max.per}`)] };
}

function hardwareCheck(model: Model, c: Constraints, evidence: Evidence): Check {
  const fit = evidence.fit?.(model, c);
  if (!fit) return { constraint: 'hardware', outcome: 'unverified', text: [{ text: 'hardware fit not computed (architecture or GPU facts missing)', mark: 'unknown' }] };
  return { constraint: 'hardware', outcome: fit.fits ? 'pass' : 'fail', text: fit.text };
}

function loadCheck(model: Model, c: Constraints, evidence: Evidence): Check {
  const served = evidence.load?.(model, c);
  if (!served) return { constraint: 'load', outcome: 'unverified', text: [{ text: 'serving capacity not computed (the model does not fit at that context, or architecture or GPU facts are missing)', mark: 'unknown' }] };
  return { constraint: 'load', outcome: served.fits ? 'pass' : 'fail', text: served.text };
}
