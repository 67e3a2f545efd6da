// Recommendation → Markdown and JSON: reasons first, then scores; every fact numbered to its source.
import type { Catalog } from '../catalog/catalog.js';
import type { Constraints } from '../catalog/schema.js';
import { text, type Rich } from '../compare/cell.js';
import { numberCitations, type Citation } from '../compare/comparison.js';
import type { Check } from '../compare/constraints.js';
import { addedRows, droppedRows, type Flip, type Recommendation, type Relaxation, type Scored } from '../compare/recommend.js';
import { formatInt, formatParams, formatRevenue, formatTokens, listing, trim } from '../format.js';
import { markedText, numbering, type Numbering } from './citations.js';
import { mdEscape, sourceLine } from './markdown.js';
import { measurementText, type Measurement } from '../compare/measured.js';
import { measurementJson } from './measured.js';

/** Constraints in words: "languages ja, th; context ≥ 131,072 tokens (128K); …". */
export function describeConstraints(c: Constraints): string {
  const parts: string[] = [];
  if (c.languages) parts.push(`languages ${c.languages.join(', ')}${c.max_premium ? ` at ≤ ${trim(c.max_premium)}× English tokens` : ''}`);
  if (c.min_context !== undefined) parts.push(`context ≥ ${formatTokens(c.min_context)}`);
  if (c.modalities) parts.push(`${listing(c.modalities)} input`);
  if (c.mau !== undefined) parts.push(`${formatInt(c.mau)} monthly active users`);
  if (c.revenue !== undefined) parts.push(`${formatRevenue(c.revenue, 'USD', 'year')} revenue`);
  if (c.region) parts.push(`company based in ${c.region}${c.end_user ? ' (as end user)' : ''}`);
  if (c.commercial === false) parts.push('non-commercial use');
  if (c.commercial === true) parts.push('commercial use');
  if (c.permissive) parts.push('a permissive (OSI-approved) licence');
  if (c.distribute) parts.push('distributes the model');
  if (c.fine_tune) parts.push('fine-tunes it');
  if (c.naming_ok === false) parts.push('no derivative naming rule');
  if (c.gpu) parts.push(`${c.gpus ?? 1}× ${c.gpu}${c.precision ? ` at ${c.precision}` : ''}`);
  if (c.max_params !== undefined) parts.push(`≤ ${formatParams(c.max_params)} params`);
  if (c.load) parts.push(`serving ${trim(c.load.rps)} requests/s of ${formatInt(c.load.input)} tokens in and ${formatInt(c.load.output)} out`);
  return parts.length > 0 ? parts.join('; ') : 'no hard constraints';
}

const OUTCOME = { pass: 'passes', fail: 'FAILS', unverified: 'unverified' } as const;

function checkLines(checks: readonly Check[], md: (r: Rich) => string): string[] {
  return checks.map((c) => `- ${c.constraint} ${OUTCOME[c.outcome]}: ${md(c.text)}`);
}

export function flipRich(flip: Flip): Rich {
  if (flip.kind === 'weight') {
    const dir = flip.to > flip.from ? 'Raising' : 'Lowering';
    return [text(`${dir} the weight of ${flip.label.toLowerCase()} from ${trim(flip.from)} to ${flip.to > flip.from ? 'above' : 'below'} ${trim(flip.to)} puts ${flip.model.name} first.`)];
  }
  return [text(`Relaxing the ${flip.constraint} constraint would put ${flip.model.name} first; it fails only that: `), ...flip.check.text, text('.')];
}

export function relaxRich(r: Relaxation): Rich {
  const n = r.admits.length;
  return [text(`Relax ${r.constraint}: admits ${n} model${n === 1 ? '' : 's'}, best ${r.best.name}, whose only failing check is: `), ...r.cost.text, text('.')];
}

/** Which unverified checks exclude: the evidence policy in one sentence. */
export function evidencePolicy(rec: Recommendation): string {
  if (rec.request.strict) return 'Strict: every unverified check excludes.';
  if (rec.request.lenient) return 'Lenient: models with unverified hardware, context, licence, size or modality checks are admitted, marked, and ranked after verified ones.';
  return 'Hardware, context, licence, size, modality and cost pass only on evidence (unverified excludes; --lenient admits them, ranked last); languages without a published list are unverified and do not exclude (--strict makes them).';
}

/** Says which weights do not count on a server. */
function dropped(rec: Recommendation): string {
  const gone = droppedRows(rec);
  const added = addedRows(rec);
  const instead = added.length > 0 ? ` With nothing else to measure the models, ${listing(added)} count once each, so the most capable model that fits comes first.` : '';
  return gone.length > 0 ? ` On a GPU budget ${listing(gone)} do not count: the hardware check decides size.${instead}` : '';
}

/** Every rich text the report shows, in order, for numbering citations. */
function allRich(rec: Recommendation, top: readonly Scored[]): Rich[] {
  return [
    ...top.flatMap((s) => s.checks.map((c) => c.text)),
    ...rec.flips.map(flipRich),
    ...rec.relaxations.map(relaxRich),
    ...rec.excluded.flatMap((e) => e.failed.map((c) => c.text)),
  ];
}

/** How many ranked models get full reasons; the rest get one line each. */
const DETAILED = 5;

/**
 * The recommendation as Markdown: constraints, ranked models with reasons then scores, flips, exclusions.
 * @example renderRecommendation(catalog, recommend(catalog, request, evidence), 'multilingual-support')
 */
export function renderRecommendation(catalog: Catalog, rec: Recommendation, useCase?: string, measured: readonly Measurement[] = []): string {
  const top = rec.ranked.slice(0, DETAILED);
  const citations = numberCitations(catalog, allRich(rec, top));
  const n = numbering({ citations });
  const md = (r: Rich) => mdRich(r, n);
  const weights = Object.entries(rec.request.weights).map(([k, w]) => `${k} ${trim(w ?? 0)}`).join(', ');
  const out = [
    '# Recommendation', '',
    `Checked ${rec.checked} models against: ${mdEscape(describeConstraints(rec.request.constraints))}.`,
    `Weights: ${weights}${useCase ? ` (use case ${useCase})` : ''}.${dropped(rec)} ${evidencePolicy(rec)}`, '',
  ];
  if (rec.ranked.length === 0) {
    out.push('## Nothing passes every constraint', '');
    if (rec.relaxations.length === 0) out.push(`Every model fails two or more constraints; no single relaxation admits one.`, '');
    else out.push('Relaxing one constraint at a time:', '', ...rec.relaxations.map((r) => `- ${md(relaxRich(r))}`), '');
  }
  top.forEach((s, i) => {
    const mark = s.verified ? '' : ' — unverified, admitted by --lenient';
    out.push(`## ${i + 1}. ${mdEscape(s.model.name)} (${s.model.id})${mark}`, '', 'Why it qualifies:', ...checkLines(s.checks, md), '');
    const own = measured.filter((m) => m.model === s.model.id);
    if (own.length > 0) out.push('Measured on your endpoints (not part of the score):', ...own.map((m) => `- ${mdEscape(measurementText(m))} — ${mdEscape(m.label)}. Reproduce: \`${m.reproduce.replace(/`/g, "'")}\``), '');
    if (s.tieBreak) out.push(`Ties with the next model on every weighted row; ranked above it by ${s.tieBreak}.`, '');
    if (rec.ranked.length === 1) {
      out.push('It is the only model that qualifies, so there is nothing to score it against.', '');
      return;
    }
    const parts = s.parts.map((p) => `${p.label.toLowerCase()} ${p.contribution.toFixed(2)} (weight ${trim(p.weight)} × ${p.score === null ? 'no data, counted 0' : `score ${p.score.toFixed(2)}`})`);
    out.push(`Score ${s.total.toFixed(2)} = ${parts.join(' + ')}.`, '');
  });
  const [first, second] = rec.ranked;
  if (first && second && rec.margin !== null) out.push(`Margin to the runner-up (${mdEscape(second.model.name)}, ${second.total.toFixed(2)}): ${rec.margin.toFixed(3)}.`, '');
  if (rec.ranked.length > DETAILED) {
    out.push(`Also qualifying: ${rec.ranked.slice(DETAILED).map((s) => `${mdEscape(s.model.name)} ${s.total.toFixed(2)}`).join('; ')}.`, '');
  }
  if (rec.flips.length > 0) out.push('## What would change first place', '', ...rec.flips.map((f) => `- ${md(flipRich(f))}`), '');
  if (rec.excluded.length > 0) {
    out.push(`## Excluded (${rec.excluded.length})`, '', ...rec.excluded.map((e) => `- ${e.model.id}: ${e.failed.map((c) => `${c.constraint}: ${md(c.text)}`).join('; ')}`), '');
  }
  if (citations.length > 0) out.push('## Sources', '', ...citations.map(sourceLine), '');
  return out.join('\n');
}

function mdRich(rich: Rich, numbers: Numbering): string {
  const ns = numbers(rich);
  return rich.map((span, i) => mdEscape(span.text) + (ns[i] ?? []).map((x) => `[${x}]`).join('')).join('');
}

/** The recommendation as plain data, citations numbered like the Markdown. */
export function recommendationJson(catalog: Catalog, rec: Recommendation, useCase?: string, measured: readonly Measurement[] = []) {
  const citations: Citation[] = numberCitations(catalog, allRich(rec, rec.ranked));
  const n = numbering({ citations });
  const check = (c: Check) => ({ constraint: c.constraint, outcome: c.outcome, text: markedText(c.text, n) });
  return {
    useCase: useCase ?? null,
    constraints: rec.request.constraints,
    weights: rec.request.weights,
    effectiveWeights: rec.weights,
    strict: rec.request.strict ?? false,
    lenient: rec.request.lenient ?? false,
    checked: rec.checked,
    ranked: rec.ranked.map((s, i) => ({
      rank: i + 1, model: s.model.id, name: s.model.name, total: Number(s.total.toFixed(4)), verified: s.verified,
      ...(s.tieBreak ? { tieBreak: s.tieBreak } : {}),
      checks: s.checks.map(check),
      parts: s.parts.map((p) => ({ row: p.row, weight: p.weight, score: p.score, contribution: Number(p.contribution.toFixed(4)) })),
      measured: measured.filter((m) => m.model === s.model.id).map(measurementJson),
    })),
    margin: rec.margin,
    flips: rec.flips.map((f) => (f.kind === 'weight'
      ? { kind: f.kind, row: f.row, from: f.from, to: Number(f.to.toFixed(4)), model: f.model.id }
      : { kind: f.kind, constraint: f.constraint, model: f.model.id, check: check(f.check) })),
    relaxations: rec.relaxations.map((r) => ({ constraint: r.constraint, admits: r.admits.map((m) => m.id), best: r.best.id, cost: check(r.cost) })),
    excluded: rec.excluded.map((e) => ({ model: e.model.id, failed: e.failed.map(check) })),
    citations: citations.map((c) => (c.source ? { n: c.n, id: c.source.id, url: c.source.url, title: c.source.title, retrieved: c.source.retrieved } : { n: c.n, id: c.key })),
  };
}
