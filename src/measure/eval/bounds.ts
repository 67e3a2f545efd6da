// A speed run beside versus's ceilings for the same model, GPU set and precision: measured decode tokens/s and
// prefill (from TTFT) as fractions of the decode and prefill bounds in ../speed.ts.
import type { Catalog } from '../../catalog/catalog.js';
import type { Gpu, Model } from '../../catalog/schema.js';
import { fitInput } from '../fit-report.js';
import { decodeBound, prefillBound } from '../speed.js';
import type { SuiteSummary } from './summary.js';

/** One concurrency level: what was measured and the bound for the same setting. */
export interface BoundRow {
  readonly concurrency: number;
  /** Median output tokens/s of one request after its first token. */
  readonly decodeMeasured: number | null;
  /** Decode ceiling for one sequence at this concurrency and context. */
  readonly decodeBound: number;
  readonly decodeFraction: number | null;
  /** Prompt tokens/s the level reached: concurrency × input tokens ÷ median TTFT (queueing and network count against it). */
  readonly prefillMeasured: number | null;
  readonly prefillBound: number | null;
  readonly prefillFraction: number | null;
  /** The TTFT the prefill bound allows for this level's prompts, in ms. */
  readonly ttftBoundMs: number | null;
}

export interface BoundSetting {
  readonly model: Model;
  readonly gpu: Gpu;
  readonly gpus: number;
  readonly precision: string;
  /** Tokens of each request's input and output, for the context the bound is computed at. */
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Measured speed ÷ versus's bound per concurrency level of a speed run.
 * @example speedBounds(catalog, setting, summaries)[0].decodeFraction // 0.41: 41% of the bandwidth ceiling
 */
export function speedBounds(catalog: Catalog, s: BoundSetting, summaries: readonly SuiteSummary[]): BoundRow[] {
  return summaries.filter((x) => x.suite === 'speed').map((level) => {
    const input = fitInput(catalog, s.model, s.gpu, { precision: s.precision, gpus: s.gpus, concurrency: level.concurrency, context: s.inputTokens + s.outputTokens });
    const decode = decodeBound(input).tokensPerSecond;
    const prefill = prefillBound(input)?.tokensPerSecond ?? null;
    const ttft = level.ttft_ms.p50;
    const prefillMeasured = ttft === null || ttft <= 0 ? null : (level.concurrency * s.inputTokens) / (ttft / 1000);
    return {
      concurrency: level.concurrency,
      decodeMeasured: level.tokens_per_s_p50, decodeBound: decode, decodeFraction: level.tokens_per_s_p50 === null ? null : level.tokens_per_s_p50 / decode,
      prefillMeasured, prefillBound: prefill, prefillFraction: prefillMeasured === null || prefill === null ? null : prefillMeasured / prefill,
      ttftBoundMs: prefill === null ? null : ((level.concurrency * s.inputTokens) / prefill) * 1000,
    };
  });
}
