// Headline answers for pages and comparison rows: the short summary, a claimed fit checked, memory curves.
import type { Catalog } from '../catalog/catalog.js';
import type { Gpu, Model } from '../catalog/schema.js';
import { fitMemory, largestContext } from './fit.js';
import { defaultRuntime, fitInput, fitReport, precisionsByFidelity, type FitOptions } from './fit-report.js';
import { weightBytes } from './weights.js';

/** The short answer the comparison report needs: fits or not, and the headline numbers. */
export interface FitSummary {
  readonly model: string;
  readonly gpu: string;
  readonly gpus: number;
  readonly precision: string;
  readonly fits: boolean;
  readonly weightsBytes: number;
  readonly kvGrowthPerToken: number;
  readonly largestContext: number;
  readonly minGpus: number | null;
  readonly decodeTokensPerSecond: number;
}

/**
 * The headline of a fit, for a comparison row: "55 GB in int4 fits 1 H100 at ≤ N tokens".
 * @example fitSummary(catalog, scout, h100, { precision: 'int4', context: 32768 }).largestContext
 */
export function fitSummary(catalog: Catalog, model: Model, gpu: Gpu, opts: FitOptions = {}): FitSummary {
  const r = fitReport(catalog, model, gpu, opts);
  return {
    model: model.id, gpu: gpu.id, gpus: r.gpu.count, precision: r.precision.id, fits: r.memory.fits,
    weightsBytes: r.weightsTotal, kvGrowthPerToken: r.kv.growthPerToken, largestContext: r.largestContext.tokens,
    minGpus: r.minGpus, decodeTokensPerSecond: r.decode.tokensPerSecond,
  };
}

/**
 * Powers of two from `from` to `to`, plus `to` itself: the contexts a memory curve is drawn at.
 * @example contextSteps(1024, 10_485_760) // [1024, 2048, …, 8388608, 10485760]
 */
export function contextSteps(from: number, to: number): number[] {
  const steps: number[] = [];
  for (let c = from; c < to; c *= 2) steps.push(c);
  return [...steps, to];
}

/**
 * Memory per GPU against context length, for a chart: one point per context, stopping at the
 * model's native window (which gets a point of its own).
 * @example memoryCurve(catalog, scout, h100, [8192, 131072], { precision: 'int4' })
 */
export function memoryCurve(catalog: Catalog, model: Model, gpu: Gpu, contexts: readonly number[], opts: FitOptions = {}): { context: number; bytes: number }[] {
  const input = fitInput(catalog, model, gpu, opts);
  const max = input.facts.maxContext ?? Infinity;
  const within = contexts.filter((c) => c <= max);
  const last = within.at(-1);
  const all = last !== undefined && last < max && contexts.some((c) => c > max) ? [...within, max] : within;
  return all.map((context) => ({ context, bytes: fitMemory({ ...input, context }).perGpu.total }));
}

/** Under which precisions a claimed fit holds, and up to what context. */
export interface ClaimCheck {
  readonly precision: string;
  readonly name: string;
  /** Largest context that fits (capped at the model's native window); 0 = the weights alone do not fit. */
  readonly largestContext: number;
  readonly weightsBytes: number;
}

/**
 * Checks a claim such as "Scout fits on a single H100": for every precision, the largest context
 * that fits (0 where it does not), most precise first.
 * @example checkFitClaim(catalog, scout, h100).filter((c) => c.largestContext > 0).map((c) => c.precision) // ['q4-k-m', 'int4']
 */
export function checkFitClaim(catalog: Catalog, model: Model, gpu: Gpu, opts: Omit<FitOptions, 'precision' | 'context'> = {}): ClaimCheck[] {
  return precisionsByFidelity(catalog, opts.runtime ?? defaultRuntime(gpu, catalog)).map((p) => {
    const input = fitInput(catalog, model, gpu, { ...opts, precision: p.id });
    return { precision: p.id, name: p.name, largestContext: largestContext(input, input.facts.maxContext ?? input.context), weightsBytes: weightBytes(input.facts.total, input.facts.arch, input.format) };
  });
}
