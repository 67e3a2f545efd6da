// The one parser of recommend's options for every surface: CLI flags, API query strings and web forms.
// Ids and aliases resolve through the catalog (h100 → h100-sxm, Q4_K_M → q4-k-m, Germany → de).
import type { Catalog } from '../catalog/catalog.js';
import { regionOf } from '../catalog/jurisdictions.js';
import { resolveGpu, resolvePrecision } from '../catalog/resolve.js';
import { DimensionId, Modality, type Constraints, type UseCase, type Weights } from '../catalog/schema.js';
import { DEFAULT_WEIGHTS, type RecommendRequest } from './recommend.js';
import { suggest } from '../catalog/suggest.js';
import { NotFoundError, UsageError } from '../errors.js';
import { parseQuantity, type QuantityUnit } from '../quantity.js';

/** Every option, named as on the CLI (`--name`) and in query strings (`name=`); booleans are flags / checkboxes. */
export const RECOMMEND_FIELDS = {
  'use-case': 'string', weights: 'string', languages: 'string', 'max-premium': 'string', context: 'string', modalities: 'string',
  mau: 'string', revenue: 'string', region: 'string', 'end-user': 'boolean', commercial: 'boolean', 'non-commercial': 'boolean', license: 'string', distribute: 'boolean',
  'fine-tune': 'boolean', 'no-naming': 'boolean', gpu: 'string', gpus: 'string', precision: 'string', 'max-params': 'string', 'max-cost': 'string', volume: 'string',
  load: 'string', strict: 'boolean', lenient: 'boolean',
} as const satisfies Record<string, 'string' | 'boolean'>;

export type RecommendField = keyof typeof RECOMMEND_FIELDS;

/** Raw values as a surface has them: a CLI string or flag, or a query's repeated values. */
export type RawInput = Readonly<Partial<Record<string, string | boolean | readonly string[]>>>;

import type { Load } from './load.js';

/** Parsed options: the constraints and weight overrides given (a use case's are merged by the caller). */
export interface RecommendInput {
  readonly useCase?: string;
  readonly constraints: Constraints;
  readonly weights: Weights;
  readonly strict: boolean;
  readonly lenient: boolean;
}

/** How a surface names an option in messages: `--context` on the CLI, `context` in a query string. */
export type Namer = (field: string) => string;
export const cliName: Namer = (f) => `--${f}`;

const YES = ['yes', 'on', 'true', '1'];

/**
 * Parses and resolves every option; any problem is a UsageError (or NotFoundError with suggestions) naming the option.
 * @example parseRecommendInput(catalog, { gpu: 'h100', gpus: '2', region: 'Germany' }).constraints // { gpu: 'h100-sxm', gpus: 2, region: 'Germany' }
 */
export function parseRecommendInput(catalog: Catalog, raw: RawInput, name: Namer = cliName): RecommendInput {
  const str = (f: RecommendField): string | undefined => {
    const v = raw[f];
    if (v === undefined || typeof v === 'boolean') return undefined;
    const s = typeof v === 'string' ? v : v.join(',');
    if (s.trim() === '') throw new UsageError(`${name(f)} is empty; give a value or leave it out.`);
    return s.trim();
  };
  const flag = (f: RecommendField): boolean => {
    const v = raw[f];
    if (v === undefined || typeof v === 'boolean') return v === true;
    const s = (typeof v === 'string' ? v : v.at(-1) ?? '').trim().toLowerCase();
    if (s === '' || YES.includes(s)) return s !== '';
    throw new UsageError(`${name(f)} is a yes/no option: give yes or leave it out (got "${s.slice(0, 40)}").`);
  };
  const c: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  // Every option is parsed, and every problem reported at once, each naming its option.
  const problems: string[] = [];
  const field = <T>(f: RecommendField, parse: (value: string) => T, set: (value: T) => void) => {
    try {
      const value = str(f);
      if (value !== undefined) set(parse(value));
    } catch (error) {
      // An unknown id keeps its own error (with suggestions); malformed values are collected.
      if (!(error instanceof UsageError)) throw error;
      problems.push(error.message);
    }
  };
  field('languages', (x) => items(x, name('languages')).map((l) => language(l, name('languages'))), (x) => { c.languages = x; });
  field('max-premium', (x) => decimal(x, name('max-premium'), 1, 'a premium ≥ 1 (English itself is 1.0), e.g. 2'), (x) => { c.max_premium = x; });
  field('context', (x) => quantity(x, 'tokens', name('context'), 'a number of tokens such as 128k, 1m or 131072', 100_000_000), (x) => { c.min_context = x; });
  field('modalities', (x) => parseModalities(x, name('modalities')), (x) => { c.modalities = x; });
  field('mau', (x) => quantity(x, 'count', name('mau'), 'a number such as 50k, 700m, 1.2b or 1000000', 1e11, 0), (x) => { c.mau = x; });
  field('revenue', (x) => quantity(x.replace(/^(US)?\$/i, ''), 'count', name('revenue'), 'a yearly amount in US dollars such as 30m, 1.5b or $250k', 1e15, 0), (x) => { c.revenue = x; });
  field('region', (x) => regionOf(catalog, x).jurisdiction.name, (x) => { c.region = x; });
  field('license', (x) => licenseKind(x, name('license')), (x) => { if (x) c.permissive = true; });
  field('gpu', (x) => resolveGpu(catalog, x).id, (x) => { c.gpu = x; });
  field('gpus', (x) => quantity(x, 'count', name('gpus'), 'a whole number of GPUs from 1 to 1024', 1024), (x) => { c.gpus = x; });
  field('precision', (x) => resolvePrecision(catalog, x).id, (x) => { c.precision = x; });
  field('max-params', (x) => quantity(x, 'count', name('max-params'), 'a number of parameters such as 10b or 70000000000', 1e14), (x) => { c.max_params = x; });
  field('max-cost', (x) => maxCost(x, name('max-cost')), (x) => { c.max_cost = { ...c.max_cost, ...x }; });
  field('volume', (x) => quantity(x.replace(/\/\s*month$/i, ''), 'count', name('volume'), 'tasks a month such as 1m or 50k', 1e13, 1), (x) => { c.max_cost = { usd: c.max_cost?.usd ?? 0, per: c.max_cost?.per ?? 'month', ...c.max_cost, tasks_per_month: x }; });
  let weights: Weights = {};
  field('weights', (x) => parseWeights(x, name('weights')), (x) => { weights = x; });
  field('load', (x) => parseLoad(x, name('load')), (x) => { c.load = x; });
  const flags = (['end-user', 'non-commercial', 'distribute', 'fine-tune', 'no-naming', 'strict', 'lenient', 'commercial'] as const).map((f) => {
    try { return flag(f); } catch (error) { problems.push(error instanceof Error ? error.message : String(error)); return false; }
  });
  const [endUser, nonCommercial, distribute, fineTune, noNaming, strict = false, lenient = false, commercial = false] = flags;
  if (endUser) c.end_user = true;
  // Commercial use is the default; --commercial says so explicitly.
  if (commercial) c.commercial = true;
  if (nonCommercial) c.commercial = false;
  if (commercial && nonCommercial) problems.push(`${name('commercial')} and ${name('non-commercial')} contradict each other; give one.`);
  if (distribute) c.distribute = true;
  if (fineTune) c.fine_tune = true;
  if (noNaming) c.naming_ok = false;
  if (strict && lenient) problems.push(`${name('strict')} and ${name('lenient')} contradict each other; give one.`);
  if (problems.length > 0) throw new UsageError(problems.join(' '));
  // The use case is looked up by the caller: the CLI also reads use cases from a user's file.
  const useCase = str('use-case')?.toLowerCase();
  return { ...(useCase ? { useCase } : {}), constraints: c, weights, strict, lenient };
}

/** `--license permissive` (or `osi`): only an OSI-approved licence passes. */
function licenseKind(value: string, label: string): boolean {
  if (['permissive', 'osi', 'osi-approved'].includes(value.toLowerCase())) return true;
  throw new UsageError(`${label} takes "permissive": an OSI-approved licence such as Apache 2.0 or MIT (got "${value.slice(0, 40)}").`);
}

function items(value: string, label: string): string[] {
  const out = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (out.length === 0) throw new UsageError(`${label} lists nothing (got "${value.slice(0, 40)}").`);
  return out;
}

function quantity(value: string, unit: QuantityUnit, label: string, what: string, max: number, min = 1): number {
  if (/^\s*-/.test(value)) throw new UsageError(`${label} cannot be negative: expected ${what} (got "${value.slice(0, 40)}").`);
  const n = parseQuantity(value, unit);
  if (n === undefined || n < min || n > max || (unit === 'count' && max <= 1024 && !/^\d+$/.test(value))) {
    throw new UsageError(`${label} must be ${what} (got "${value.slice(0, 40)}").`);
  }
  return n;
}

function language(l: string, label: string): string {
  if (!/^[\p{L}][\p{L} ()'-]{1,40}$/u.test(l)) throw new UsageError(`${label}: "${l.slice(0, 40)}" is not a language; give ISO 639 codes or English names such as ja, hi or Tamil.`);
  return l;
}

function decimal(value: string, label: string, min: number, what: string): number {
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n >= min)) throw new UsageError(`${label} must be ${what} (got "${value.slice(0, 40)}").`);
  return n;
}

/**
 * "image,audio" → ['image', 'audio']; text is implied, anything else is an error naming the option.
 * @example parseModalities('image', '--modalities') // ['image']
 */
export function parseModalities(value: string, label: string): Modality[] {
  return items(value, label).map((m) => modality(m, label));
}

function modality(m: string, label: string): Modality {
  const found = Modality.options.find((x) => x === m.toLowerCase() && x !== 'text');
  if (!found) throw new UsageError(`${label} takes ${Modality.options.filter((x) => x !== 'text').join(', ')} (got "${m.slice(0, 40)}").`);
  return found;
}

/**
 * "languages=3,coding=1" → { languages: 3, coding: 1 }; an unknown row gets suggestions, an empty list is an error.
 * @example parseWeights('coding=3,agentic=1') // { coding: 3, agentic: 1 }
 */
export function parseWeights(value: string, label = '--weights'): Weights {
  const weights: { -readonly [K in keyof Weights]: Weights[K] } = {};
  for (const pair of items(value, label)) {
    const [row = '', w = '', ...rest] = pair.split('=').map((s) => s.trim());
    const id = DimensionId.options.find((d) => d === row);
    if (!id) throw new NotFoundError('row', row, suggest(row, DimensionId.options));
    const n = /^\d+(\.\d+)?$/.test(w) && rest.length === 0 ? Number(w) : NaN;
    if (!(n > 0)) throw new UsageError(`${label}: "${pair.slice(0, 40)}" needs a positive number, e.g. ${id}=2.`);
    weights[id] = n;
  }
  return weights;
}

/**
 * "20/s,in=2k,out=500" (or "20rps,…"): requests per second and typical tokens in and out (k = 1024).
 * @example parseLoad('20/s,in=2k,out=500') // { rps: 20, input: 2048, output: 500 }
 */
export function parseLoad(value: string, label = '--load'): Load {
  const [head = '', ...rest] = items(value, label);
  const example = `e.g. ${label}${label.startsWith('--') ? ' ' : '='}20/s,in=2k,out=500`;
  const rate = /^(\d+(?:\.\d+)?)\s*(?:\/s|rps)?$/i.exec(head);
  const rps = rate ? Number(rate[1]) : NaN;
  if (!(rps > 0 && rps <= 1e7)) throw new UsageError(`${label} starts with requests per second (got "${head.slice(0, 40)}"); ${example}.`);
  const tokens: Record<string, number> = {};
  for (const part of rest) {
    const [k = '', t = ''] = part.split('=').map((s) => s.trim().toLowerCase());
    const n = parseQuantity(t, 'tokens');
    if ((k !== 'in' && k !== 'out') || n === undefined || n < 1 || n > 100_000_000) throw new UsageError(`${label}: "${part.slice(0, 40)}" is not in=TOKENS or out=TOKENS; ${example}.`);
    tokens[k] = n;
  }
  if (tokens.in === undefined || tokens.out === undefined) throw new UsageError(`${label} needs the typical input and output tokens per request; ${example}.`);
  return { rps, input: tokens.in, output: tokens.out };
}

/**
 * The request recommend runs: the use case's constraints and weights, overridden by the options given.
 * @example requestOf(parseRecommendInput(catalog, { gpu: 'h100' }), catalog.useCase.get('coding'))
 */
export function requestOf(input: RecommendInput, useCase: UseCase | undefined): RecommendRequest {
  return {
    constraints: { ...useCase?.constraints, ...input.constraints },
    weights: { ...(useCase?.weights ?? DEFAULT_WEIGHTS), ...input.weights },
    strict: input.strict,
    lenient: input.lenient,
  };
}

/**
 * A cost budget: "0.002" or "0.002/task" (US$ per task), "500/month" (US$ a month at --volume tasks).
 * @example maxCost('$500/month', '--max-cost') // { usd: 500, per: 'month' }
 */
function maxCost(value: string, flag: string): { usd: number; per: 'task' | 'month' } {
  const m = /^\$?(\d+(?:\.\d+)?)\s*(?:\/\s*(task|month))?$/i.exec(value.trim());
  const usd = m ? Number(m[1]) : NaN;
  if (!m || !(usd > 0)) throw new UsageError(`${flag} must be US dollars per task or per month, such as 0.002, 0.002/task or 500/month (got "${value.slice(0, 40)}").`);
  return { usd, per: (m[2]?.toLowerCase() ?? 'task') as 'task' | 'month' };
}
