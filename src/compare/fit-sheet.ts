// A fit report as cited rich text: the verdict sentence and the memory lines, each citing `versus fit`.
import type { Model } from '../catalog/schema.js';
import { formatBytes, formatInt, formatKiB, formatParams, formatTokens, trim } from '../format.js';
import { fitArgs, type FitReport } from '../measure/fit-report.js';
import { computed, text, type Rich } from './cell.js';
import type { SheetLine } from './model-sheet.js';

/** What a page or a comparison row shows of a fit. */
export interface FitSheet {
  readonly fits: boolean;
  readonly verdict: Rich;
  readonly lines: readonly SheetLine[];
}

/**
 * The report's verdict and memory split as spans that cite the `fit` computation with its flags.
 * @example fitSheet(model, fitReport(catalog, model, gpu, { context: 32768 })).verdict
 */
export function fitSheet(model: Model, r: FitReport): FitSheet {
  const cite = (display: string) => computed('fit', model, display, fitArgs(r));
  const m = r.memory;
  const where = `${r.gpu.count} × ${r.gpu.name}`;
  const largest = r.largestContext.tokens;
  const verdict: Rich = [
    cite(m.fits
      ? `${model.name} fits ${where} in ${r.precision.name} at ${formatTokens(r.context)}: ${formatBytes(m.perGpu.total)} of ${formatBytes(m.usablePerGpu)} per GPU`
      : `${model.name} does not fit ${where} in ${r.precision.name} at ${formatTokens(r.context)}: it needs ${formatBytes(m.perGpu.total)} of ${formatBytes(m.usablePerGpu)} per GPU`),
    text('. '),
    cite(largest > 0 ? `Largest context that fits: ${formatTokens(largest)}` : 'No context fits: the weights alone are too large'),
    text('. '),
    cite(`Decode ceiling ${r.decode.tokensPerSecond >= 100 ? formatInt(r.decode.tokensPerSecond) : trim(r.decode.tokensPerSecond)} tokens/s per sequence (a bound)`),
    text('.'),
  ];
  const line = (label: string, value: string): SheetLine => ({ label, value: [cite(value)] });
  const lines = [
    line('Weights', `${formatBytes(m.perGpu.weights)} per GPU: ${formatParams(r.model.totalParams)} params × ${trim(r.precision.bitsPerWeight)} bits (${r.precision.name})`),
    line('KV cache', `${formatBytes(m.perGpu.kv)} per GPU: ${formatKiB(r.kv.growthPerToken)}/token, ${r.kv.growingLayers} of ${r.kv.layers} layers grow, × ${formatInt(r.concurrency)} × ${formatTokens(r.context)}`),
    line('State', `${formatBytes(m.perGpu.state)} per GPU (linear-attention state, constant per sequence)`),
    line('Overhead', `${formatBytes(m.perGpu.allowance)} per GPU (${r.engine.name} allowance)`),
    line('Total', `${formatBytes(m.perGpu.total)} of ${formatBytes(m.usablePerGpu)} usable per GPU (${formatBytes(r.gpu.memoryBytes)} × ${r.engine.reservation})`),
    ...(m.host ? [line('System RAM', `${formatBytes(m.host.total)} (-ngl ${m.host.gpuLayers}: ${m.host.layers - Math.min(m.host.gpuLayers, m.host.layers)} of ${m.host.layers} layers${m.host.outputOnGpu ? '' : ', the output matrix'} and the token embedding; not checked against the GPU)`)] : []),
  ];
  return { fits: m.fits, verdict, lines };
}
