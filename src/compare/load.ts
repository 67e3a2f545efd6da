// Serving capacity: can a GPU set carry a load (requests/s with typical input and output tokens) within the
// decode and prefill bounds of `versus fit`, and how many GPUs would it take?
import type { Catalog } from '../catalog/catalog.js';
import type { Gpu, Model } from '../catalog/schema.js';
import { formatInt, trim } from '../format.js';
import { fitMemory, type FitInput } from '../measure/fit.js';
import { fitInput } from '../measure/fit-report.js';
import { decodeBound, prefillBound } from '../measure/speed.js';
import { computed, text, type Rich } from './cell.js';

/** Requests per second, each with typical input (prompt) and output tokens. */
export interface Load {
  readonly rps: number;
  readonly input: number;
  readonly output: number;
}

export interface Capacity {
  /** Most sequences of `input + output` tokens that fit at once on the GPU set (one replica). */
  readonly concurrency: number;
  /** Decode bound for that batch, tokens/s (all sequences together). */
  readonly decodeTokensPerSecond: number;
  /** Prefill bound, tokens/s; undefined when the GPU's dense rate is not published. */
  readonly prefillTokensPerSecond?: number;
  /** Share of one replica's time the load needs: rps × out ÷ decode + rps × in ÷ prefill (≤ 1 serves it). */
  readonly share: number;
  /** Replicas (copies of the GPU set) the load needs, and the GPUs that makes. */
  readonly replicas: number;
  readonly gpus: number;
}

const MAX_CONCURRENCY = 65_536;

/**
 * The capacity of `gpus` × `gpu` serving `model` at `precision` for `load`, from the memory model and speed bounds.
 * Decode and prefill share the GPUs, so their shares add up; both are bounds (real engines are slower), so
 * a load that needs more than one replica here needs at least that many in practice.
 * @example serveCapacity(catalog, qwen27b, h100, 2, 'fp8', { rps: 20, input: 2048, output: 500 })?.replicas // 1
 */
export function serveCapacity(catalog: Catalog, model: Model, gpu: Gpu, gpus: number, precision: string, load: Load): Capacity | undefined {
  const base = fitInput(catalog, model, gpu, { gpus, precision, context: load.input + load.output, concurrency: 1 });
  const concurrency = largestBatch(base);
  if (concurrency === 0) return undefined;
  const decode = decodeBound({ ...base, concurrency }).aggregateTokensPerSecond;
  const prefill = prefillBound(base)?.tokensPerSecond;
  const share = (load.rps * load.output) / decode + (prefill === undefined ? 0 : (load.rps * load.input) / prefill);
  const replicas = Math.max(1, Math.ceil(share));
  return { concurrency, decodeTokensPerSecond: decode, ...(prefill === undefined ? {} : { prefillTokensPerSecond: prefill }), share, replicas, gpus: replicas * gpus };
}

/** The largest batch that fits (memory is monotone in the batch size): binary search. */
function largestBatch(input: FitInput): number {
  if (!fitMemory(input).fits) return 0;
  let [lo, hi] = [1, 2];
  while (hi <= MAX_CONCURRENCY && fitMemory({ ...input, concurrency: hi }).fits) [lo, hi] = [hi, hi * 2];
  hi = Math.min(hi, MAX_CONCURRENCY + 1);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitMemory({ ...input, concurrency: mid }).fits) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The load check in words, citing the fit computation that reproduces each bound.
 * @example loadText(model, capacity, load, 'h100-sxm', 2, 'fp8')
 */
export function loadText(model: Model, cap: Capacity, load: Load, gpu: Gpu, gpus: number, precision: string): Rich {
  const args = `--gpu ${gpu.id} --gpus ${gpus} --precision ${precision} --context ${load.input + load.output} --concurrency ${cap.concurrency}`;
  const asked = `${trim(load.rps)} requests/s × (${formatInt(load.input)} in + ${formatInt(load.output)} out)`;
  const bounds: Rich = [
    computed('fit', model, `decode ≤ ${formatInt(Math.round(cap.decodeTokensPerSecond))} tokens/s for ${formatInt(cap.concurrency)} concurrent sequences`, args),
    text(cap.prefillTokensPerSecond === undefined ? ', prefill bound unknown (no dense TFLOPS for this GPU)' : `, prefill ≤ ${formatInt(Math.round(cap.prefillTokensPerSecond))} tokens/s`),
  ];
  const verdict = cap.share <= 1
    ? text(`: ${asked} uses ${Math.round(cap.share * 100)}% of that on ${gpus}× ${gpu.name}`)
    : text(`: ${asked} needs ${trim(cap.share)}× that — at least ${formatInt(cap.replicas)} copies of ${gpus}× ${gpu.name}, ${formatInt(cap.gpus)} GPUs (bounds: real engines need more)`);
  return [...bounds, verdict];
}
