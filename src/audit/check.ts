// Checks one claim against the catalog and versus's own computations: holds, wrong, partly holds, or not verifiable.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, isKnown, known } from '../catalog/catalog.js';
import type { Fact, License, Model } from '../catalog/schema.js';
import { computed, text, type Rich, type Span } from '../compare/cell.js';
import { formatInt, formatMonth, formatParams, languageCount, listing } from '../format.js';
import { checkFitClaim } from '../measure/fit-summary.js';
import type { Claim, ClaimValue } from './claims.js';
import { familyIdOf, generationOf, modelsFor, type Entity } from './entities.js';

/** holds · wrong · partly holds (with the condition) · unverified (the catalog cannot decide it). */
export type Verdict = 'holds' | 'wrong' | 'partly' | 'unverified';

export interface Checked {
  readonly claim: Claim;
  readonly verdict: Verdict;
  /** What the catalog or our computation says, citing its sources. */
  readonly finding: Rich;
}

/** What a check needs besides the claim: the catalog and which generation a family name means here. */
export interface Scope {
  readonly catalog: Catalog;
  /** Family id → the generation the document compares (its most-named one). */
  readonly focus: ReadonlyMap<string, string>;
  /** The generations the document compares, as entities: the rivals of a "leads on" claim that names none. */
  readonly compared: readonly Entity[];
  /** The models the text names. */
  readonly named: ReadonlySet<string>;
}

type Outcome = { verdict: Verdict; finding: Rich };
const out = (verdict: Verdict, ...finding: (Span | Rich)[]): Outcome => ({ verdict, finding: finding.flatMap((f) => ('text' in f ? [f] : f)) });
const src = <T>(fact: Fact<T>, display: string): Span => ({ text: display, refs: [{ source: fact.source }] });

/** Relative closeness for stated figures: "128K" is 131,072 or 128,000; "17B" is 17.0e9. */
const near = (a: number, b: number, tolerance = 0.05) => Math.abs(a - b) <= tolerance * Math.max(a, b);

/**
 * The verdict on one claim, with the catalog's value and sources.
 * @example checkClaim(scope, { entity: qwen35, value: { attribute: 'context', tokens: 128000, … } }).verdict // 'wrong'
 */
export function checkClaim(scope: Scope, claim: Claim): Checked {
  const models = modelsFor(scope.catalog, claim.entity, scope.focus);
  const { verdict, finding } = models.length === 0
    ? out('unverified', text(`${claim.entity.label} has no models in the catalog`))
    : CHECKS[claim.value.attribute](scope, claim as never, models);
  return { claim, verdict, finding };
}

type Check<A extends ClaimValue['attribute']> = (scope: Scope, claim: Claim & { value: Extract<ClaimValue, { attribute: A }> }, models: readonly Model[]) => Outcome;

const CHECKS: { [A in ClaimValue['attribute']]: Check<A> } = {
  context: checkContext,
  languages: (_s, c, models) => {
    const stated = models.flatMap((m) => (isKnown(m.languages) ? [{ m, f: m.languages }] : []));
    const match = stated.find((x) => x.f.value.count === c.value.count);
    const first = stated[0];
    if (!first) return out('unverified', text('no language list or count is recorded for these models'));
    if (match) return out('holds', src(match.f, languageCount(match.f.value)), text(` (${match.m.name})`));
    return out('wrong', text(`${nameOf(c.entity)}: `), src(first.f, languageCount(first.f.value, first.f.value.label ? undefined : 'officially supported')), text(` per ${first.m.name}'s card, not ${c.value.count}`));
  },
  params: checkParams,
  experts: (_s, c, models) => {
    const withMoe = models.flatMap((m) => (isKnown(m.architecture) && m.architecture.value.moe ? [{ m, arch: m.architecture, n: m.architecture.value.moe.experts }] : []));
    const match = withMoe.find((x) => x.n === c.value.count);
    if (match) return out('holds', src(match.arch, `${match.n} routed experts`), text(` (${match.m.name})`));
    if (withMoe.length === 0) return out('unverified', text('no expert count is recorded for these models'));
    return out('wrong', ...withMoe.map((x) => [src(x.arch, `${x.m.name}: ${x.n} routed experts`)]).flatMap((r, i) => (i ? [text('; '), ...r] : r)));
  },
  'size-range': (s, c) => {
    const pool = c.entity.kind === 'family' ? familyModels(s.catalog, c.entity.id) : modelsFor(s.catalog, c.entity, s.focus);
    const sized = pool.flatMap((m) => (isKnown(m.params.total) ? [{ m, f: m.params.total }] : []));
    const at = (n: number) => sized.find((x) => near(x.f.value, n, 0.1));
    const lo = at(c.value.from);
    const hi = at(c.value.to);
    if (lo && hi) return out('holds', src(lo.f, `${lo.m.name} (${formatParams(lo.f.value)})`), text(' and '), src(hi.f, `${hi.m.name} (${formatParams(hi.f.value)})`), text(' are in the catalog'));
    const sorted = [...sized].sort((a, b) => a.f.value - b.f.value);
    const [min, max] = [sorted[0], sorted.at(-1)];
    if (!min || !max) return out('unverified', text('no parameter counts are recorded'));
    return out('partly', text(`the catalog's ${nameOf(c.entity)} models run from `), src(min.f, `${formatParams(min.f.value)} (${min.m.name})`), text(' to '), src(max.f, `${formatParams(max.f.value)} (${max.m.name})`));
  },
  vocab: (_s, c, models) => {
    const withArch = models.flatMap((m) => (isKnown(m.architecture) ? [{ m, arch: m.architecture }] : []));
    const match = withArch.find((x) => near(x.arch.value.vocab, c.value.size, 0.03));
    if (match) return out('holds', src(match.arch, `vocab_size ${formatInt(match.arch.value.vocab)}`), text(` (${match.m.name})`));
    const first = withArch[0];
    return first ? out('wrong', src(first.arch, `vocab_size ${formatInt(first.arch.value.vocab)}`), text(` (${first.m.name})`)) : out('unverified', text('no vocabulary size is recorded'));
  },
  'mau-threshold': (s, c, models) => licenceCheck(s, models, (l) => {
    const cap = l.terms.mau_threshold;
    if (!isKnown(cap)) return undefined;
    const shown = cap.value === null ? `${l.name} sets no user threshold` : `${l.name}: ${formatInt(cap.value)} monthly active users (${cap.clause})`;
    const ok = c.value.users === null ? cap.value === null : cap.value !== null && near(cap.value, c.value.users, 0.01);
    return { ok, span: src(cap, shown) };
  }),
  'acceptable-use-policy': (s, c, models) => licenceCheck(s, models, (l) => {
    const aup = l.terms.acceptable_use_policy;
    if (!isKnown(aup)) return undefined;
    const shown = aup.value === null ? `${l.name} has no acceptable use policy` : `${l.name} incorporates an acceptable use policy (${aup.clause})`;
    return { ok: (aup.value !== null) === c.value.present, span: src(aup, shown) };
  }),
  license: (s, c, models) => licenceCheck(s, models, (l) => {
    const ok = l.id === c.value.license || l.id.startsWith(`${c.value.license}-`) || (l.spdx ?? '').toLowerCase() === c.value.license;
    return { ok, span: { text: l.name, refs: [{ source: l.source }] } };
  }),
  released: (s, c) => {
    const date = releaseFact(s, c.entity);
    if (!date) return out('unverified', text('no release date is recorded'));
    const [year, month] = date.value.split('-').map(Number);
    const shown = src(date, `released ${formatMonth(date.value)}`);
    if (year !== c.value.year) return out('wrong', shown);
    if (c.value.month !== undefined) return out(month === c.value.month ? 'holds' : 'wrong', shown);
    if (c.value.part === undefined || month === undefined) return out('holds', shown);
    const [from, to] = { early: [1, 4], mid: [5, 8], late: [9, 12] }[c.value.part];
    return out(month >= (from ?? 1) && month <= (to ?? 12) ? 'holds' : 'partly', shown);
  },
  fit: checkFit,
  modality: (_s, c, models) => {
    const takes = models.filter((m) => isKnown(m.modalities) && m.modalities.value.input.includes(c.value.modality));
    const first = takes[0];
    if (first && isKnown(first.modalities)) return out('holds', src(first.modalities, `${someOf(takes.map((m) => m.name))} take${takes.length === 1 ? 's' : ''} ${c.value.modality} input`));
    return out('unverified', text(`no ${nameOf(c.entity)} model in the catalog lists ${c.value.modality} input`));
  },
  architecture: (_s, c, models) => {
    const has = (m: Model) => isKnown(m.architecture) && (c.value.kind === 'moe' ? m.architecture.value.moe !== undefined : m.architecture.value.attention.some((g) => g.kind === c.value.kind));
    const match = models.find(has);
    if (match && isKnown(match.architecture)) return out('holds', src(match.architecture, `${match.name}'s config`));
    return out('unverified', text(`no ${nameOf(c.entity)} model in the catalog records it`));
  },
  benchmark: (s, c, models) => {
    const results = models.flatMap((m) => m.benchmarks.filter((b) => b.benchmark === c.value.benchmark).map((b) => ({ m, b })));
    const name = s.catalog.benchmark.get(c.value.benchmark)?.name ?? c.value.benchmark;
    const match = results.find((r) => Math.abs(r.b.score - c.value.score) <= 0.05);
    const show = (r: { m: Model; b: Model['benchmarks'][number] }): Span => ({ text: `${r.m.name}: ${r.b.score} (${r.b.setting})`, refs: [{ source: r.b.source }] });
    if (match) return out('holds', show(match));
    if (results.length === 0) return out('unverified', text(`the catalog records no ${name} score for ${nameOf(c.entity)}`));
    const single = models.length === 1 && results.length === 1;
    return out(single ? 'wrong' : 'unverified', text(`the catalog records `), ...results.slice(0, 3).flatMap((r, i) => (i ? [text('; '), show(r)] : [show(r)])));
  },
  'benchmark-lead': checkLead,
  cloud: (_s, c, models) => {
    const offered = models.flatMap((m) => m.clouds.map((f) => ({ m, f })));
    const found = c.value.clouds.map((cloud) => ({ cloud, hit: offered.find((o) => CLOUD_TEXT[cloud]?.test(o.f.value)) }));
    const spans = found.flatMap(({ cloud, hit }, i) => [...(i ? [text('; ')] : []), hit ? src(hit.f, `${cloud}: ${hit.f.value} (${hit.m.name})`) : text(`${cloud}: not in the catalog's sources`)]);
    const n = found.filter((f) => f.hit).length;
    return out(n === found.length ? 'holds' : n > 0 ? 'partly' : 'unverified', ...spans);
  },
  latest: (s, c) => {
    const gen = generationOf(s.catalog, c.entity, s.focus);
    const family = familyIdOf(s.catalog, c.entity);
    const newest = family ? generationsOf(s.catalog, family)[0] : undefined;
    const mine = gen ? s.catalog.generation.get(gen) : undefined;
    if (!newest || !mine) return out('unverified', text('no generations recorded'));
    if (newest.id === mine.id) return out('holds', src(newest.released, `${newest.name} (${formatMonth(newest.released.value)}) is the newest ${family} generation in the catalog`));
    return out('partly', text(`held until `), src(newest.released, `${newest.name} (${formatMonth(newest.released.value)})`), text(` was released; ${mine.name} is no longer the newest`));
  },
};

const CLOUD_TEXT: Record<string, RegExp> = { AWS: /amazon|aws|bedrock/i, Azure: /azure|microsoft/i, 'Google Cloud': /google|vertex/i, 'Alibaba Cloud': /alibaba|model studio|dashscope/i };

/** "A, B, C and 5 more". */
function someOf(names: readonly string[], max = 3): string {
  return names.length <= max ? listing(names) : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

function nameOf(e: Entity): string {
  return e.label;
}

function familyModels(catalog: Catalog, family: string): Model[] {
  const gens = new Set(generationsOf(catalog, family).map((g) => g.id));
  return catalog.models.filter((m) => gens.has(m.generation));
}

function releaseFact(s: Scope, e: Entity): Fact<string> | undefined {
  if (e.kind === 'model') {
    const m = s.catalog.model.get(e.id);
    if (m && isKnown(m.released)) return m.released;
  }
  const gen = generationOf(s.catalog, e, s.focus);
  return gen ? s.catalog.generation.get(gen)?.released : undefined;
}

function checkContext(s: Scope, c: Claim & { value: { attribute: 'context'; tokens: number; superlative: boolean } }, models: readonly Model[]): Outcome {
  const windows = models.flatMap((m) => {
    const native = isKnown(m.context.native) ? [{ m, f: m.context.native, how: 'native' }] : [];
    const ext = m.context.extended && isKnown(m.context.extended) ? [{ m, f: m.context.extended, how: 'with context extension' }] : [];
    return [...native, ...ext];
  });
  if (windows.length === 0) return out('unverified', text('no context window is recorded'));
  const claimed = c.value.tokens;
  const largest = windows.reduce((a, b) => (b.f.value > a.f.value ? b : a));
  const show = (w: (typeof windows)[number]): Span => src(w.f, `${w.m.name}: ${formatInt(w.f.value)} tokens ${w.how}`);
  const match = windows.find((w) => near(w.f.value, claimed));
  let result: Outcome;
  if (match && near(largest.f.value, claimed)) result = out('holds', show(match));
  else if (match) result = out('partly', show(match), text('; but up to '), show(largest));
  else {
    const natives = windows.filter((w) => w.how === 'native');
    const top = natives.reduce((a, b) => (b.f.value > a.f.value ? b : a), natives[0] ?? largest);
    result = out('wrong', show(top), ...(top === largest ? [] : [text('; up to '), show(largest)]));
  }
  if (!c.value.superlative || result.verdict === 'wrong') return result;
  const family = familyIdOf(s.catalog, c.entity);
  const rivals = s.catalog.models.filter((m) => {
    const g = s.catalog.generation.get(m.generation);
    return g?.family !== family && Math.max(known(m.context.native) ?? 0, (m.context.extended && known(m.context.extended)) ?? 0) >= claimed * 0.95;
  });
  if (rivals.length === 0) return out(result.verdict, result.finding, text(`; no other family's model in the catalog (${s.catalog.models.length} models) reaches it`));
  return out('partly', result.finding, text(`; but ${listing(rivals.map((m) => m.name))} also reach${rivals.length === 1 ? 'es' : ''} it`));
}

function checkParams(_s: Scope, c: Claim & { value: Extract<ClaimValue, { attribute: 'params' }> }, models: readonly Model[]): Outcome {
  const v = c.value;
  const fits = (m: Model) => {
    const total = known(m.params.total);
    const active = known(m.params.active) ?? (isKnown(m.architecture) && !m.architecture.value.moe ? total : undefined);
    return (v.total === undefined || (total !== undefined && near(total, v.total, 0.03))) && (v.active === undefined || (active !== undefined && near(active, v.active, 0.03)));
  };
  const cite = (m: Model): Rich => {
    const parts: Span[] = [];
    if (isKnown(m.params.total)) parts.push(src(m.params.total, `${formatParams(m.params.total.value)} total`));
    if (isKnown(m.params.active)) parts.push(text(', '), src(m.params.active, `${formatParams(m.params.active.value)} active`));
    return [text(`${m.name}: `), ...parts];
  };
  if (v.upTo && v.total !== undefined) {
    const biggest = models.reduce<Model | undefined>((a, m) => ((known(m.params.total) ?? 0) > (a ? known(a.params.total) ?? 0 : 0) ? m : a), undefined);
    const top = biggest && known(biggest.params.total);
    if (!biggest || top === undefined) return out('unverified', text('no parameter counts are recorded'));
    return out(near(top, v.total, 0.03) ? 'holds' : 'wrong', cite(biggest));
  }
  const match = models.find(fits);
  if (match) return out('holds', cite(match));
  const recorded = models.filter((m) => isKnown(m.params.total));
  if (recorded.length === 0) return out('unverified', text('no parameter counts are recorded'));
  return out('wrong', ...recorded.slice(0, 4).flatMap((m, i) => (i ? [text('; '), ...cite(m)] : cite(m))));
}

/** A claim about the licences of some models: holds when every licence agrees, partly when some do. */
function licenceCheck(s: Scope, models: readonly Model[], judge: (l: License) => { ok: boolean; span: Span } | undefined): Outcome {
  const licences = [...new Set(models.map((m) => m.license.value))].flatMap((id) => s.catalog.license.get(id) ?? []);
  const judged = licences.map((l) => ({ l, j: judge(l) }));
  if (judged.some((x) => x.j === undefined) || judged.length === 0) return out('unverified', text(`the licence term is not recorded (${listing(licences.map((l) => l.name))})`));
  const ok = judged.filter((x) => x.j?.ok);
  const spans = judged.flatMap((x, i) => [...(i ? [text('; ')] : []), ...(x.j ? [x.j.span] : [])]);
  return out(ok.length === judged.length ? 'holds' : ok.length > 0 ? 'partly' : 'wrong', ...spans);
}

function checkFit(s: Scope, c: Claim & { value: Extract<ClaimValue, { attribute: 'fit' }> }, models: readonly Model[]): Outcome {
  // "Llama 4 … fits on a single H100" in a text about Llama 4 Scout is about Scout.
  const named = models.filter((m) => s.named.has(m.id));
  const model = models.length === 1 ? models[0] : named.length === 1 ? named[0] : undefined;
  const gpu = s.catalog.gpu.get(c.value.gpu);
  if (!model || !gpu) return out('unverified', text(model ? `GPU ${c.value.gpu} is not in the catalog` : `${nameOf(c.entity)} names no single model`));
  let checks;
  try {
    checks = checkFitClaim(s.catalog, model, gpu, { gpus: c.value.gpus });
  } catch {
    return out('unverified', text(`versus cannot compute ${model.name}'s memory on ${c.value.gpus} × ${gpu.name}`));
  }
  const args = (p: string) => `--gpu ${gpu.id} --gpus ${c.value.gpus} --precision ${p}`;
  const fitting = checks.filter((x) => x.largestContext > 0);
  const where = `${c.value.gpus} × ${gpu.name}`;
  if (c.value.multi) {
    const first = fitting[0];
    return first
      ? out('wrong', computed('fit', model, `fits ${where} in ${first.name} up to ${formatInt(first.largestContext)} tokens`, args(first.precision)))
      : out('holds', computed('fit', model, `does not fit ${where} at any precision in the catalog, even the smallest`, args(checks.at(-1)?.precision ?? 'int4')));
  }
  const first = fitting[0];
  if (!first) return out('wrong', computed('fit', model, `does not fit ${where} at any precision in the catalog: the weights alone exceed its memory`, args(checks.at(-1)?.precision ?? 'int4')));
  const best = checks[0];
  if (best && first.precision === best.precision && first.largestContext >= 8192) return out('holds', computed('fit', model, `fits ${where} in ${first.name} up to ${formatInt(first.largestContext)} tokens`, args(first.precision)));
  const names = listing(fitting.map((x) => x.name), 'or');
  return out('partly', computed('fit', model, `fits ${where} only in ${names} (largest context ${formatInt(first.largestContext)} tokens in ${first.name}); not in ${best?.name ?? '16-bit'}`, args(first.precision)));
}

function checkLead(s: Scope, c: Claim & { value: { attribute: 'benchmark-lead'; benchmark: string } }, models: readonly Model[]): Outcome {
  const best = (ms: readonly Model[]) => ms.flatMap((m) => m.benchmarks.filter((b) => b.benchmark === c.value.benchmark).map((b) => ({ m, b }))).sort((a, b) => b.b.score - a.b.score)[0];
  const mine = best(models);
  const name = s.catalog.benchmark.get(c.value.benchmark)?.name ?? c.value.benchmark;
  const family = familyIdOf(s.catalog, c.entity);
  const named = c.rivals.filter((r) => familyIdOf(s.catalog, r) !== family);
  const rivals = named.length > 0 ? named : s.compared.filter((r) => familyIdOf(s.catalog, r) !== family);
  const others = rivals.map((r) => ({ r, top: best(modelsFor(s.catalog, r, s.focus)) }));
  if (!mine || others.length === 0 || others.some((o) => !o.top)) return out('unverified', text(`the catalog lacks ${name} scores for ${listing([c.entity, ...others.filter((o) => !o.top).map((o) => o.r)].filter((e, i) => i > 0 || !mine).map(nameOf))}`));
  const show = (x: { m: Model; b: Model['benchmarks'][number] }): Span => ({ text: `${x.m.name} ${x.b.score} (${x.b.setting})`, refs: [{ source: x.b.source }] });
  const spans = [show(mine), ...others.flatMap((o) => (o.top ? [text(' vs '), show(o.top)] : []))];
  const beaten = others.some((o) => (o.top?.b.score ?? 0) > mine.b.score + 0.5);
  return out(beaten ? 'wrong' : 'holds', ...spans);
}
