// Licence questions: for one model and one company's situation, the blockers and obligations, each with its clause.
import { isKnown, unknownReason } from '../catalog/catalog.js';
import type { License, Maybe, Model, RegionExclusion, RevenueGate } from '../catalog/schema.js';
import type { Region } from '../catalog/jurisdictions.js';
import { formatInt, formatRevenue } from '../format.js';
import { text, type Rich, type Span } from './cell.js';
import { isMultimodal } from './dimensions/license.js';

/** The situation a licence is read against. */
export interface Situation {
  /** Monthly active users of the product or service. */
  readonly mau?: number;
  /** Where the company has its principal place of business, resolved (regionOf). */
  readonly region?: Region;
  /** The user is an end user of a product that incorporates the model, not its developer. */
  readonly endUser?: boolean;
  /** Commercial use (the default). */
  readonly commercial?: boolean;
  /** Distributes the model or a derivative (weights), or makes it available. */
  readonly distribute?: boolean;
  /** Creates a derivative model (fine-tune, distillation). */
  readonly fineTune?: boolean;
  /** Accepts a naming rule for derivatives (the default). */
  readonly namingOk?: boolean;
  /** Yearly revenue in US dollars of the company with its affiliates. */
  readonly revenue?: number;
}

/** `exemption`: a term that would withhold the licence, from which this situation is exempt. */
export type FindingKind = 'blocker' | 'obligation' | 'unknown' | 'exemption';

/** One consequence of the licence for this situation. */
export interface Finding {
  readonly kind: FindingKind;
  readonly term: string;
  /** What it means, citing the licence's source; the clause is in `clause`. */
  readonly text: Rich;
  readonly clause: string;
}

/**
 * Blockers first, then obligations, for `model` under `license` in `situation`.
 * @example checkLicense(llama4, scout, { region: 'EU' })[0].kind // 'blocker'
 */
export function checkLicense(license: License, model: Model, situation: Situation): Finding[] {
  const t = license.terms;
  const findings: Finding[] = [];
  const add = <T>(kind: FindingKind, name: string, term: Maybe<T> & { clause?: string }, say: string) => {
    if (!isKnown(term)) {
      findings.push({ kind: 'unknown', term: name, text: [{ text: `${name}: unknown (${unknownReason(term)})`, mark: 'unknown' }], clause: '' });
      return;
    }
    findings.push({ kind, term: name, text: [{ text: say, refs: [{ source: term.source }] }], clause: term.clause ?? '' });
  };
  const commercial = situation.commercial ?? true;
  // An unread term is never a pass: it is reported as unknown wherever it would matter.
  if (commercial && (!isKnown(t.commercial_use) || !t.commercial_use.value)) {
    add('blocker', 'commercial use', t.commercial_use, `${license.name} does not allow commercial use; a separate licence is needed`);
  }
  const mau = situation.mau;
  if (mau !== undefined) {
    const cap = t.mau_threshold;
    if (!isKnown(cap)) add('unknown', 'user cap', cap, '');
    else if (cap.value !== null && mau > cap.value) {
      add('blocker', 'user cap', cap, `above ${formatInt(cap.value)} monthly active users you must request a licence from the licensor (you have ${formatInt(mau)}); the rights do not apply until it is granted`);
    }
  }
  for (const ex of t.region_exclusions) findings.push(...regionFinding(ex, model, situation));
  if (commercial) for (const gate of t.revenue_gates) findings.push(...gateFindings(gate, situation));
  const derives = situation.fineTune && situation.distribute;
  if (derives && isKnown(t.derivative_naming) && t.derivative_naming.value.required) {
    const rule = t.derivative_naming.value.rule ?? 'a naming rule applies to derivatives';
    add(situation.namingOk === false ? 'blocker' : 'obligation', 'derivative naming', t.derivative_naming, rule);
  } else if (derives && !isKnown(t.derivative_naming)) add('unknown', 'derivative naming', t.derivative_naming, '');
  if (!isKnown(t.acceptable_use_policy)) add('unknown', 'acceptable use', t.acceptable_use_policy, '');
  else if (t.acceptable_use_policy.value !== null) {
    add('obligation', 'acceptable use', t.acceptable_use_policy, `comply with the acceptable-use policy (${t.acceptable_use_policy.value.url})`);
  }
  if (situation.distribute) {
    if (!isKnown(t.attribution)) add('unknown', 'attribution', t.attribution, '');
    else if (t.attribution.value.required) {
      const a = t.attribution.value;
      add('obligation', 'attribution', t.attribution, a.text ? `display "${a.text}"${a.where ? ` (${a.where})` : ''}` : 'give attribution');
    }
    if (!isKnown(t.notice)) add('unknown', 'notice', t.notice, '');
    else if (t.notice.value.required) add('obligation', 'notice', t.notice, t.notice.value.text ? `keep the notice: ${t.notice.value.text}` : 'keep the licence notices');
    if (t.license_copy_with_distribution && isKnown(t.license_copy_with_distribution) && t.license_copy_with_distribution.value) {
      add('obligation', 'licence copy', t.license_copy_with_distribution, 'give recipients a copy of the licence');
    }
  }
  const order: Record<FindingKind, number> = { blocker: 0, unknown: 1, obligation: 2, exemption: 3 };
  return findings.sort((a, b) => order[a.kind] - order[b.kind]);
}

/**
 * A region exclusion for this situation: a blocker when the region lies inside it; an exemption (not an
 * obligation) for end users; unknown when the region spans countries inside and outside it (EEA vs EU).
 */
function regionFinding(ex: RegionExclusion, model: Model, situation: Situation): Finding[] {
  const bites = ex.applies_to === 'all-models' || isMultimodal(model);
  const region = situation.region;
  if (!bites || region === undefined) return [];
  const where = region.within(ex.jurisdictions);
  if (where === 'outside') return [];
  const span: Span = { text: `no licence to ${ex.applies_to === 'multimodal-models' ? 'this multimodal model' : 'this model'} for ${ex.who}`, refs: [{ source: ex.source }] };
  const term = 'region exclusion';
  if (situation.endUser && ex.exempt !== undefined) return [{ kind: 'exemption', term, text: [span, text(`; you are exempt as ${ex.exempt}`)], clause: ex.clause }];
  if (where === 'partly') {
    return [{ kind: 'unknown', term, text: [span, text(`; ${region.jurisdiction.name} includes countries inside and outside it: name the country of your principal place of business`)], clause: ex.clause }];
  }
  const j = region.jurisdiction;
  const inside: Span = { text: `${j.name} is in the excluded region`, refs: j.source ? [{ source: j.source }] : [] };
  const exempt = ex.exempt === undefined ? 'the licence exempts nobody' : `exempt only: ${ex.exempt}`;
  return [{ kind: 'blocker', term, text: [span, text(' ('), inside, text(`; ${exempt})`)], clause: ex.clause }];
}

type Trips = 'yes' | 'no' | 'unknown';

/**
 * Whether a yearly revenue exceeds a gate. A monthly gate is decided only where the year settles it:
 * a year at or below the monthly amount has no month above it; a year above twelve times it has
 * at least one. In between, and when the revenue is not given, it is unknown.
 */
export function revenueTrips(gate: Pick<RevenueGate, 'amount' | 'currency' | 'period'>, yearly: number | undefined): Trips {
  if (yearly === undefined || gate.currency !== 'USD') return 'unknown';
  if (gate.period === 'year') return yearly > gate.amount ? 'yes' : 'no';
  if (yearly <= gate.amount) return 'no';
  return yearly > 12 * gate.amount ? 'yes' : 'unknown';
}

/** Either condition of a gate (revenue, or users where the gate names a count) trips it. */
function gateTrips(gate: RevenueGate, s: Situation): Trips {
  const users: Trips = gate.or_mau === undefined ? 'no' : s.mau === undefined ? 'unknown' : s.mau > gate.or_mau ? 'yes' : 'no';
  const revenue = revenueTrips(gate, s.revenue);
  if (users === 'yes' || revenue === 'yes') return 'yes';
  return users === 'no' && revenue === 'no' ? 'no' : 'unknown';
}

/**
 * A revenue gate for this situation. Above it, an authorization is a blocker and a display or
 * notice duty an obligation; an unknown revenue never passes an authorization gate it could trip.
 */
function gateFindings(gate: RevenueGate, s: Situation): Finding[] {
  const condition = `${gate.scope ? `${gate.scope} with ` : ''}revenue above ${formatRevenue(gate.amount, gate.currency, gate.period)} (${gate.basis})${gate.or_mau ? ` or more than ${formatInt(gate.or_mau)} monthly active users` : ''}`;
  const exempt = gate.exempt ? ` (exempt: ${gate.exempt})` : '';
  const say = (kind: FindingKind, words: string): Finding => ({ kind, term: 'revenue gate', text: [{ text: words, refs: [{ source: gate.source }] }, text(exempt)], clause: gate.clause });
  const trips = gateTrips(gate, s);
  if (trips === 'no') return gate.below ? [say('obligation', `below ${formatRevenue(gate.amount, gate.currency, gate.period)}: ${gate.below}`)] : [];
  const binding = gate.effect === 'authorization';
  if (trips === 'yes') {
    if (!binding) return [say('obligation', `${gate.requirement} (you are above the gate: ${condition})`)];
    // A gate scoped to a line of business binds only licensees in it, which the situation does not say.
    return [say(gate.scope ? 'unknown' : 'blocker', `${gate.requirement} (applies to ${condition}; you are above it${gate.scope ? ', if you are in that business' : ''})`)];
  }
  const given = s.revenue === undefined ? 'your revenue is not given' : `your yearly revenue of ${formatRevenue(s.revenue, 'USD')} does not settle a monthly figure`;
  return [say(binding ? 'unknown' : 'obligation', `${binding ? '' : 'if '}${condition}: ${gate.requirement}${binding ? ` — ${given}` : ''}`)];
}

/**
 * The licence's parties, as lines for a licence report: who grants it (by where the licensee is) and which law and courts govern it.
 * @example licenceParties(llama4)[0] // Licensor: Meta Platforms Ireland Limited (…EEA or Switzerland); Meta Platforms, Inc. (…)
 */
export function licenceParties(license: License): Rich[] {
  const lines: Rich[] = [];
  const { licensor, governing_law: law } = license.terms;
  if (licensor) {
    lines.push(isKnown(licensor)
      ? [{ text: `Licensor: ${licensor.value.map((p) => `${p.entity} (${p.applies})`).join('; ')}`, refs: [{ source: licensor.source }] }, text(` — ${licensor.clause}`)]
      : [{ text: `Licensor: unknown (${unknownReason(licensor)})`, mark: 'unknown' }]);
  }
  if (law) {
    lines.push(isKnown(law)
      ? [{ text: `Governing law: ${law.value.law}${law.value.courts ? `; ${law.value.courts}` : ''}${law.value.cisg_excluded ? '; the UN Convention on Contracts for the International Sale of Goods does not apply' : ''}`, refs: [{ source: law.source }] }, text(` — ${law.clause}`)]
      : [{ text: `Governing law: unknown (${unknownReason(law)})`, mark: 'unknown' }]);
  }
  return lines;
}
