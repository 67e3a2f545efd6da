// Query and form input, validated by schema: anything that does not parse is a 400 with a message.
import { z } from 'zod';
import type { RecommendQuery, FitQuery } from '../site/engines.js';
import type { Catalog } from '../catalog/catalog.js';
import { resolveGpu, resolvePrecision } from '../catalog/resolve.js';
import { parseRecommendInput, RECOMMEND_FIELDS } from '../compare/recommend-input.js';
import { PAGE_TEXT_LIMIT } from '../site/pages/tokens.js';
import { MAX_SUBJECTS } from '../site/paths.js';
import { KV_DTYPES } from '../measure/fit-report.js';
import { HttpError } from './http-error.js';
import { UsageError } from '../errors.js';
import { parseQuantity, type QuantityUnit } from '../quantity.js';
import { notText } from '../text.js';

/** A query string as Hono gives it: every name with all its values. */
export type RawQuery = Record<string, string[]>;

const last = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

/** One optional value (the last one, if a name repeats); empty means absent. */
const one = <T extends z.ZodType>(schema: T) => z.preprocess((v) => blank(last(v)), schema.optional());

/** A list from repeated names and/or comma-separated values. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean),
    z.array(item).max(max, `at most ${max} values`),
  );

const quantity = (unit: QuantityUnit, max: number, what: string) =>
  z.string().max(40).transform((s, ctx) => {
    const n = parseQuantity(s, unit);
    if (n === undefined || n < 1 || n > max) {
      ctx.addIssue({ code: 'custom', message: `expected ${what} (got "${s.slice(0, 40)}")` });
      return z.NEVER;
    }
    return n;
  });

/** A catalog id as typed; unknown ids are looked up later and get a 404 with suggestions. */
const idText = z.string().max(100, 'an id is at most 100 characters').transform((s) => s.toLowerCase());
const count = (max: number) => z.string().regex(/^\d{1,7}$/, 'expected a whole number').transform(Number).pipe(z.number().int().min(1).max(max));
const language = z.string().regex(/^[a-z]{2,3}$/, 'a language is an ISO 639 code such as ja, hi or tam');

export const CompareQuery = z.strictObject({ subjects: list(idText, MAX_SUBJECTS) }).transform((q, ctx) => {
  if (q.subjects.length < 2) ctx.addIssue({ code: 'custom', path: ['subjects'], message: 'compare needs at least two subjects, e.g. subjects=qwen,llama' });
  return q.subjects;
});

/**
 * The recommend query: the same parser as `versus recommend` (aliases, quantities, regions), names as its flags.
 * An unknown or unsupported parameter is a 400 that names it.
 * @example recommendQuery(catalog, { gpu: ['h100'], region: ['Germany'] }).constraints.gpu // 'h100-sxm'
 */
export function recommendQuery(catalog: Catalog, raw: Readonly<Record<string, readonly string[]>>): RecommendQuery {
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(RECOMMEND_FIELDS, k));
  if (unknown.length > 0) {
    const names = unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ');
    throw new HttpError(400, `Invalid input — unknown parameter${unknown.length === 1 ? '' : 's'} ${names}; recommend takes ${Object.keys(RECOMMEND_FIELDS).join(', ')}.`);
  }
  // A form submits every field; an empty one means "not given" (on the CLI an empty value is an error).
  const given = Object.fromEntries(Object.entries(raw).flatMap(([k, vs]) => { const kept = vs.filter((x) => x.trim() !== ''); return kept.length > 0 ? [[k, kept]] : []; }));
  try {
    return parseRecommendInput(catalog, given, (f) => f);
  } catch (error) {
    if (error instanceof UsageError) throw new HttpError(400, `Invalid input — ${error.message}`);
    throw error;
  }
}

export const FitQuerySchema = z.strictObject({
  model: z.preprocess((v) => blank(last(v)), idText.optional()).pipe(z.string({ message: 'choose a model' })),
  gpu: z.preprocess((v) => blank(last(v)), idText.optional()).pipe(z.string({ message: 'choose a GPU' })),
  gpus: one(count(64)),
  precision: one(idText),
  kv: one(z.enum(KV_DTYPES, { message: `the KV cache type is one of ${KV_DTYPES.join(', ')}` })),
  engine: one(idText),
  context: one(quantity('tokens', 100_000_000, 'a context length such as 32768, 128k or 1m')),
  concurrency: one(count(4096)),
  // The CLI's bounds (--ngl 0 to 10000): 0 keeps every layer in system RAM; more layers than the model has means all.
  ngl: one(z.string().regex(/^\d{1,5}$/, 'expected a whole number of layers').transform(Number).pipe(z.number().max(10_000, 'at most 10,000 layers'))),
  flash_attn: one(z.enum(['on', 'off'], { message: 'flash attention is on or off' })),
}).transform((q): FitQuery => ({
  model: q.model, gpu: q.gpu, gpus: q.gpus ?? 1, concurrency: q.concurrency ?? 1,
  ...(q.precision ? { precision: q.precision } : {}),
  ...(q.kv ? { kv: q.kv } : {}),
  ...(q.engine ? { runtime: q.engine } : {}),
  ...(q.context !== undefined ? { context: q.context } : {}),
  ...(q.ngl !== undefined ? { gpuLayers: q.ngl } : {}),
  ...(q.flash_attn ? { flashAttention: q.flash_attn === 'on' } : {}),
}));

/**
 * The fit query with GPU and precision aliases resolved as on the CLI (h100 → h100-sxm, Q4_K_M → q4-k-m).
 * @example resolveFit(catalog, { model: 'qwen3.5-27b', gpu: 'h100', gpus: 1, concurrency: 1 }).gpu // 'h100-sxm'
 */
export function resolveFit(catalog: Catalog, q: FitQuery): FitQuery {
  return { ...q, gpu: resolveGpu(catalog, q.gpu).id, ...(q.precision ? { precision: resolvePrecision(catalog, q.precision).id } : {}) };
}

/** Unicode text: a lone surrogate (JSON can write "\ud800") is not text, and a tokenizer would count U+FFFD instead. */
const wellFormed = (schema: z.ZodString) => schema.superRefine((t, ctx) => {
  const bad = notText(t);
  if (bad) ctx.addIssue({ code: 'custom', message: `the text ${bad}; send UTF-8 text` });
});

/** Text is kept exactly as typed (no trimming): its tokens are what is counted. */
const textValue = (max: number) => z.preprocess((v) => { const s = last(v); return s === '' ? undefined : s; }, wellFormed(z.string().max(max, `the text is longer than ${max} characters; POST longer texts to /api/tokens`)).optional());

export const TokensQuery = z.strictObject({
  text: textValue(PAGE_TEXT_LIMIT),
  lang: list(language, 40),
  tokenizer: list(idText, 20),
});

/** The JSON body of POST /api/tokens (the body limit caps it first). */
export const TokensBody = z.strictObject({ text: wellFormed(z.string().min(1, 'text is empty').max(1_000_000)) });

/** An article to audit: the page form's field, or the JSON body of POST /api/audit. */
export const AuditBody = z.strictObject({ text: wellFormed(z.string().trim().min(1, 'paste the text to audit').max(60_000, 'the text is longer than 60,000 characters; audit longer files with the CLI (versus audit FILE)')) });

/**
 * Parses input with a schema, or throws a 400 that lists every problem.
 * @example validate(CompareQuery, { subjects: ['qwen,llama'] }) // ['qwen', 'llama']
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new HttpError(400, `Invalid input — ${problems.join('; ')}.`);
}
