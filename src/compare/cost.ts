// What a task costs per language: characters → tokens (measured premium) → dollars, hosted and self-hosted.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Gpu, GpuPrice, Model, Price, Provider } from '../catalog/schema.js';
import { VersusError } from '../errors.js';
import { fitInput } from '../measure/fit-report.js';
import { minGpus } from '../measure/fit.js';
import { decodeBound, prefillBound } from '../measure/speed.js';
import { ENGLISH, languageIndex, premium, type LanguageRef, type Premium, type TokenResults } from '../measure/tokens/measured.js';

/** A task's size in characters of its English version; in another language the same content costs premium × the tokens. */
export interface Task {
  readonly inputChars: number;
  readonly outputChars: number;
}

/** A price is stale once it is older than this many days. */
export const STALE_DAYS = 90;

/** Hours in an average month (365 × 24 ÷ 12), for always-on GPUs. */
export const HOURS_PER_MONTH = 730;

export interface HostedCost {
  readonly price: Price;
  readonly provider: Provider | undefined;
  readonly perTask: number;
  readonly perMonth: number;
  readonly ageDays: number;
  readonly stale: boolean;
}

export interface SelfHostedCost {
  readonly gpuPrice: GpuPrice;
  readonly gpu: Gpu;
  readonly gpus: number;
  /** GPUs paid for: the deployment's, rounded up to the offer's unit (an 8-GPU instance rents 8). */
  readonly rented: number;
  readonly precision: string;
  readonly concurrency: number;
  /** Tokens/s the GPUs sustain: the decode and prefill bounds × the efficiency, or the user's measured speed. */
  readonly decodeTokensPerSecond: number;
  /** Where the decode speed comes from. */
  readonly basis: { readonly kind: 'bound'; readonly efficiency: number } | ({ readonly kind: 'measured' } & MeasuredSpeed);
  readonly prefillTokensPerSecond: number;
  readonly secondsPerTask: number;
  /** Cost of one task with the GPUs fully busy. */
  readonly perTask: number;
  /** Copies of the deployment the monthly volume needs, each rented around the clock. */
  readonly replicas: number;
  readonly perMonth: number;
  readonly ageDays: number;
  readonly stale: boolean;
}

export interface LanguageCost {
  readonly premium: Premium;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Cheapest first. */
  readonly hosted: readonly HostedCost[];
  readonly selfHosted?: SelfHostedCost;
}

export interface ModelCost {
  readonly model: Model;
  readonly tokenizer: string | undefined;
  /** True when `tokenizer` is one the user assumed, not the model's own. */
  readonly assumed: boolean;
  /** Characters of English per token under the tokenizer, measured on the UDHR. */
  readonly englishCharsPerToken: number | undefined;
  readonly languages: readonly LanguageCost[];
  /** Why nothing could be priced, when that is so. */
  readonly missing: readonly string[];
}

export interface CostOptions {
  readonly languages: readonly LanguageRef[];
  readonly task: Task;
  readonly tasksPerMonth: number;
  readonly now: Date;
  /** Provider ids to keep (default: all). */
  readonly providers?: readonly string[];
  /** Self-hosting: the GPU, the weight precision and the concurrent requests per deployment. */
  readonly gpu?: Gpu;
  readonly precision?: string;
  readonly concurrency?: number;
  /** Fraction of the decode and prefill bounds a real engine reaches (default 0.5, a stated assumption). */
  readonly efficiency?: number;
  /** A measured tokenizer to count with where the catalog does not know a model's own (shown as assumed). */
  readonly assumeTokenizer?: string;
  /** Output tokens/s measured on the user's own deployment (versus eval --suite speed), used instead of the decode bound. */
  readonly measured?: MeasuredSpeed;
}

/** Throughput measured by a speed run, with where and when. */
export interface MeasuredSpeed {
  /** Output tokens/s of the whole deployment at `concurrency`. */
  readonly tokensPerSecond: number;
  readonly concurrency: number;
  /** "measured on http://…, 2026-12-01, run 3 at concurrency 16". */
  readonly label: string;
  /** The command that shows the run. */
  readonly reproduce: string;
}

/** Days from a YYYY-MM(-DD) date to `now`. */
export function ageInDays(date: string, now: Date): number {
  const at = Date.parse(date.length === 7 ? `${date}-01` : date);
  return Math.max(0, Math.floor((now.getTime() - at) / 86_400_000));
}

/**
 * Cost of `task` in each language for one model: hosted at every provider with a price, and self-hosted on `gpu`.
 * Tokens = English characters ÷ English characters per token × the language's measured premium, so for one
 * model and provider the cost ratio between two languages is the ratio of their premiums.
 * @example modelCost(catalog, tokens, scout, { languages: ['hin'], task: { inputChars: 2000, outputChars: 600 }, tasksPerMonth: 1e6, now })
 */
export function modelCost(catalog: Catalog, tokens: TokenResults, model: Model, o: CostOptions): ModelCost {
  const own = isKnown(model.tokenizer) ? model.tokenizer.value : undefined;
  const tokenizer = own ?? o.assumeTokenizer;
  const english = tokens.languages[languageIndex(tokens, ENGLISH)];
  const englishTokens = tokenizer ? tokens.counts[tokenizer]?.[languageIndex(tokens, ENGLISH)] : undefined;
  const englishCharsPerToken = english && englishTokens ? english.chars / englishTokens : undefined;
  const missing: string[] = [];
  if (!tokenizer) missing.push(`${model.name}'s tokenizer is not in the catalog, so its token counts cannot be measured (--assume-tokenizer T counts with another, labelled as assumed)`);
  else if (!englishCharsPerToken) missing.push(`the ${tokenizer} tokenizer has no measured token counts (versus tokens)`);
  const prices = catalog.prices.filter((p) => p.model === model.id && (!o.providers?.length || o.providers.includes(p.provider)));
  if (prices.length === 0) missing.push(`no hosted price for ${model.id}${o.providers?.length ? ` at ${o.providers.join(', ')}` : ''} in the catalog`);
  const assumed = own === undefined && tokenizer !== undefined;
  if (!tokenizer || !englishCharsPerToken) return { model, tokenizer, assumed, englishCharsPerToken, languages: [], missing };
  const self = o.gpu ? selfHosting(catalog, model, o.gpu, o) : undefined;
  if (o.gpu && typeof self === 'string') missing.push(self);
  const languages = o.languages.flatMap((lang): LanguageCost[] => {
    const p = premium(tokens, tokenizer, lang);
    if (!p) {
      missing.push(`no measured premium for ${String(typeof lang === 'string' ? lang : lang.iso6393)} under ${tokenizer}`);
      return [];
    }
    const inputTokens = (o.task.inputChars / englishCharsPerToken) * p.premium;
    const outputTokens = (o.task.outputChars / englishCharsPerToken) * p.premium;
    const hosted = prices.map((price) => hostedCost(catalog, price, inputTokens, outputTokens, o)).sort((a, b) => a.perTask - b.perTask);
    const selfHosted = self && typeof self !== 'string' ? self(inputTokens, outputTokens) : undefined;
    return [{ premium: p, inputTokens, outputTokens, hosted, ...(selfHosted ? { selfHosted } : {}) }];
  });
  return { model, tokenizer, assumed, englishCharsPerToken, languages, missing };
}

function hostedCost(catalog: Catalog, price: Price, inputTokens: number, outputTokens: number, o: CostOptions): HostedCost {
  const perTask = (inputTokens * price.input + outputTokens * price.output) / 1e6;
  const ageDays = ageInDays(price.as_of, o.now);
  return { price, provider: catalog.provider.get(price.provider), perTask, perMonth: perTask * o.tasksPerMonth, ageDays, stale: ageDays > STALE_DAYS };
}

/**
 * The cheapest sourced way to rent `n` of a GPU: each offer rents whole units (an 8-GPU instance), so `n`
 * rounds up to the offer's unit. Call only when the catalog has a price for the GPU.
 * @example cheapestRental(catalog, 'h100-sxm', 2).rented // 2 at a per-GPU offer, 8 at an 8-GPU instance
 */
export function cheapestRental(catalog: Catalog, gpu: string, n: number): { price: GpuPrice; rented: number } {
  const offers = catalog.gpu_prices.filter((g) => g.gpu === gpu).map((price) => ({ price, rented: Math.ceil(n / price.gpus) * price.gpus }));
  const best = offers.sort((a, b) => a.rented * a.price.usd_per_gpu_hour - b.rented * b.price.usd_per_gpu_hour)[0];
  if (!best) throw new VersusError('E_PRICES', `No rental price for GPU "${gpu}" in the catalog.`);
  return best;
}

/**
 * Self-hosted cost per task on the fewest GPUs that hold the model: GPU-seconds the task occupies
 * (input at the prefill bound, output at the decode bound for the whole batch, both × efficiency) × the
 * hourly price; a month rents whole deployments around the clock. A string says why it cannot be priced.
 */
function selfHosting(catalog: Catalog, model: Model, gpu: Gpu, o: CostOptions): ((inputTokens: number, outputTokens: number) => SelfHostedCost) | string {
  if (!catalog.gpu_prices.some((g) => g.gpu === gpu.id)) return `no sourced rental price for ${gpu.name}; see versus prices --gpus`;
  const efficiency = o.efficiency ?? 0.5;
  const concurrency = o.measured?.concurrency ?? o.concurrency ?? 16;
  // Serving engines run FP8 weights where the GPU has FP8 tensor cores; elsewhere the model's BF16.
  const precision = o.precision ?? (isKnown(gpu.fp8_tflops) ? 'fp8' : 'bf16');
  const context = Math.ceil((o.task.inputChars + o.task.outputChars) / 2) + 4096;
  let input;
  try {
    input = fitInput(catalog, model, gpu, { precision, context, concurrency });
  } catch (error) {
    return error instanceof VersusError ? error.message : `${model.id}: its memory cannot be computed`;
  }
  const gpus = minGpus(input);
  if (gpus === undefined) return `${model.name} does not fit 64 × ${gpu.name} at ${precision} with ${concurrency} concurrent requests`;
  const { price: gpuPrice, rented } = cheapestRental(catalog, gpu.id, gpus);
  const placed = { ...input, gpus };
  const decode = o.measured ? o.measured.tokensPerSecond : decodeBound(placed).aggregateTokensPerSecond * efficiency;
  const basis = o.measured ? { kind: 'measured' as const, ...o.measured } : { kind: 'bound' as const, efficiency };
  const prefill = (prefillBound(placed)?.tokensPerSecond ?? Number.NaN) * efficiency;
  const ageDays = ageInDays(gpuPrice.as_of, o.now);
  const hourly = gpuPrice.usd_per_gpu_hour * rented;
  return (inputTokens, outputTokens) => {
    const secondsPerTask = (Number.isFinite(prefill) ? inputTokens / prefill : 0) + outputTokens / decode;
    const perTask = (hourly * secondsPerTask) / 3600;
    const replicas = Math.max(1, Math.ceil((secondsPerTask * o.tasksPerMonth) / (HOURS_PER_MONTH * 3600)));
    return {
      gpuPrice, gpu, gpus, rented, precision, concurrency, decodeTokensPerSecond: decode, basis, prefillTokensPerSecond: prefill,
      secondsPerTask, perTask, replicas, perMonth: replicas * hourly * HOURS_PER_MONTH, ageDays, stale: ageDays > STALE_DAYS,
    };
  };
}

/**
 * Parses a task such as "2000 chars in, 600 chars out" (also "2k in 600 out").
 * @example parseTask('2000 chars in, 600 chars out') // { inputChars: 2000, outputChars: 600 }
 */
export function parseTask(text: string): Task | undefined {
  const side = (dir: 'in' | 'out') => {
    const m = new RegExp(`(\\d[\\d,_]*(?:\\.\\d+)?)(k?)\\s*(?:chars?|characters)?\\s*${dir}\\b`, 'i').exec(text);
    return m ? Number((m[1] ?? '').replace(/[,_]/g, '')) * (m[2] ? 1000 : 1) : undefined;
  };
  const inputChars = side('in');
  const outputChars = side('out');
  return inputChars !== undefined && outputChars !== undefined && Number.isFinite(inputChars) && outputChars > 0 ? { inputChars, outputChars } : undefined;
}
