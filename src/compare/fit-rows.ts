// Hardware fit for the comparison: reference-GPU fits for rows, and every recorded fit claim checked.
import type { Catalog } from '../catalog/catalog.js';
import type { Gpu, Model } from '../catalog/schema.js';
import { isKnown } from '../catalog/catalog.js';
import { formatBytes, formatTokens } from '../format.js';
import { deviceMemoryBytes, fitArgs, fitInput, fitReport, type FitOptions, type FitReport } from '../measure/fit-report.js';
import { fitMemory, largestContext, minGpus, usableBytes } from '../measure/fit.js';
import { weightBytes } from '../measure/weights.js';
import { checkFitClaim, contextSteps, memoryCurve } from '../measure/fit-summary.js';
import { computed, flagship, text, type Rich, type Span } from './cell.js';
import type { Subject } from './subjects.js';

/** The data-center GPU rows are sized against, and the context they assume. */
export const REFERENCE_GPU = 'h100-sxm';
export const EDGE_DEVICE = 'phone-8gb';
export const ROW_CONTEXT = 32_768;

/** A fit report, or undefined when the catalog lacks the GPU, the precision or a model fact. */
function tryFit(catalog: Catalog, model: Model, gpu: Gpu, opts: FitOptions): FitReport | undefined {
  if (opts.precision !== undefined && !catalog.precision.has(opts.precision)) return undefined;
  try {
    return fitReport(catalog, model, gpu, opts);
  } catch {
    return undefined; // a missing fact: the row simply shows no fit
  }
}

/** The headline of a fit, computed without the full report (rows need only this). */
interface Headline {
  readonly precision: string;
  readonly name: string;
  readonly weights: number;
  readonly fits: boolean;
  readonly largestContext: number;
  readonly minGpus: number | undefined;
}

function headline(catalog: Catalog, model: Model, gpu: Gpu, precision: string, context: number): Headline | undefined {
  const p = catalog.precision.get(precision);
  if (!p) return undefined;
  try {
    const input = fitInput(catalog, model, gpu, { precision, context });
    const fits = fitMemory(input).fits;
    return {
      precision, name: p.name, weights: weightBytes(input.facts.total, input.facts.arch, input.format), fits,
      largestContext: fits ? largestContext(input, input.facts.maxContext ?? context) : 0,
      minGpus: fits ? 1 : minGpus(input),
    };
  } catch {
    return undefined; // a missing fact: the row simply shows no fit
  }
}

const short = (gpu: Gpu) => gpu.name.replace(/^NVIDIA /, '').split(/\s/)[0] ?? gpu.id;

/**
 * "bf16: 218 GB needs ≥ 4 H100 at 32K; int4: 57 GB fits 1 H100 up to 159,203 tokens", citing `versus fit`.
 * @example datacenterFit(catalog, scout).map((s) => s.text).join('')
 */
export function datacenterFit(catalog: Catalog, model: Model): Span[] {
  const gpu = catalog.gpu.get(REFERENCE_GPU);
  if (!gpu) return [];
  const name = short(gpu);
  return ['bf16', 'int4'].flatMap((precision, i) => {
    const h = headline(catalog, model, gpu, precision, ROW_CONTEXT);
    if (!h) return [];
    const say = h.fits
      ? `${h.name}: ${formatBytes(h.weights)} of weights fits 1 ${name}, up to ${formatTokens(h.largestContext)}`
      : `${h.name}: ${formatBytes(h.weights)} of weights needs ${h.minGpus === undefined ? 'more than 64' : `≥ ${h.minGpus}`} ${name} at ${formatTokens(ROW_CONTEXT)}`;
    const gpus = h.fits || h.minGpus === undefined ? 1 : h.minGpus;
    const args = `--gpu ${gpu.id}${gpus > 1 ? ` --gpus ${gpus}` : ''}${precision === 'bf16' ? '' : ` --precision ${precision}`} --context ${ROW_CONTEXT}`;
    return [...(i > 0 ? [text('; ')] : []), computed('fit', model, say, args)];
  });
}

/**
 * "Q4_K_M: 489 MB; fits an 8 GB phone's 3 GB app budget up to 262,144 tokens", citing `versus fit`.
 * @example edgeFit(catalog, qwen08b)
 */
export function edgeFit(catalog: Catalog, model: Model): Span[] {
  const device = catalog.gpu.get(EDGE_DEVICE);
  if (!device) return [];
  const r = tryFit(catalog, model, device, { precision: 'q4-k-m', context: 8192 });
  if (!r) return [];
  const budget = device.budget_gb ?? device.memory_gb;
  const say = r.largestContext.tokens > 0
    ? `${r.precision.name}: ${formatBytes(r.weightsTotal)}; fits the ${budget.value} GB app budget of an ${device.memory_gb.value} GB phone up to ${formatTokens(r.largestContext.tokens)}`
    : `${r.precision.name}: ${formatBytes(r.weightsTotal)}; does not fit the ${budget.value} GB app budget of an ${device.memory_gb.value} GB phone`;
  return [computed('fit', model, say, fitArgs({ ...r, context: r.largestContext.tokens > 0 ? r.largestContext.tokens : r.context }))];
}

/**
 * Each recorded claim that the model fits some hardware, quoted with its source, then checked:
 * under which precisions it holds and up to what context.
 * @example claimChecks(catalog, scout)[0] // "“can fit within a single H100 …”[n] — holds in int4 up to …"
 */
export function claimChecks(catalog: Catalog, model: Model): Rich[] {
  return model.fit_claims.flatMap((claim): Rich[] => {
    const gpu = catalog.gpu.get(claim.gpu);
    if (!gpu) return [];
    let checks: ReturnType<typeof checkFitClaim>;
    try {
      checks = checkFitClaim(catalog, model, gpu, { gpus: claim.gpus });
    } catch {
      return [];
    }
    const relevant = claim.precision ? checks.filter((c) => c.precision === claim.precision) : checks;
    const holds = relevant.filter((c) => c.largestContext > 0);
    const where = `${claim.gpus} × ${short(gpu)}`;
    const args = `--gpu ${gpu.id} --gpus ${claim.gpus}`;
    const verdict = holds.length === 0
      ? computed('fit', model, `does not hold: ${model.name} fits ${where} in none of ${relevant.map((c) => c.name).join(', ')}`, args)
      : computed('fit', model, `holds on ${where} in ${holds.map((c) => `${c.name} up to ${formatTokens(c.largestContext)}`).join('; ')}`, `${args} --precision ${holds[0]?.precision ?? ''}`);
    const fails = relevant.filter((c) => c.largestContext === 0).map((c) => c.name);
    return [[
      text(`${model.name}: “${claim.quote}”`), { text: '', refs: [{ source: claim.source }] }, text(' — '), verdict,
      text(fails.length > 0 && holds.length > 0 ? `; not in ${fails.join(', ')}` : ''), text('.'),
    ]];
  });
}

/** Memory against context, as data; render/charts/memory.ts draws it. */
export interface MemoryCurves {
  readonly title: string;
  readonly description: string;
  readonly series: readonly { readonly label: string; readonly points: readonly { readonly context: number; readonly bytes: number }[] }[];
  readonly capacities: readonly { readonly label: string; readonly bytes: number }[];
}

const CURVE_PRECISION = 'int4';

/**
 * Whole-model memory (int4 weights, bf16 KV, one sequence) from 4K tokens to each model's native
 * window, for the given models, with the usable memory of 1 and 8 reference GPUs as lines.
 * @example memoryCurves(catalog, [qwen397, maverick, scout])?.series.length // 3
 */
export function memoryCurves(catalog: Catalog, models: readonly Model[]): MemoryCurves | undefined {
  const gpu = catalog.gpu.get(REFERENCE_GPU);
  const vllm = catalog.runtime.get('vllm');
  if (!gpu || !vllm || !catalog.precision.has(CURVE_PRECISION)) return undefined;
  const series = models.flatMap((m) => {
    const max = isKnown(m.context.native) ? m.context.native.value : undefined;
    if (max === undefined) return [];
    try {
      return [{ label: m.name, points: memoryCurve(catalog, m, gpu, contextSteps(4096, max), { precision: CURVE_PRECISION, gpus: 1 }) }];
    } catch {
      return [];
    }
  });
  if (series.length === 0) return undefined;
  const one = usableBytes({ id: gpu.id, name: gpu.name, memoryBytes: deviceMemoryBytes(gpu), bandwidth: 0 }, { name: vllm.name, reservation: vllm.reservation.value, allowanceBytes: 0, allowanceTpBytes: 0 });
  const name = short(gpu);
  return {
    title: `Memory against context length (${CURVE_PRECISION} weights, bf16 KV cache, one sequence)`,
    description: `Whole-model memory for ${series.map((s) => s.label).join(', ')} from 4K tokens to each model's native window, computed by versus (versus fit <model> --precision ${CURVE_PRECISION}); dashed lines are the usable memory of 1 and 8 ${name} GPUs (${vllm.reservation.value} of ${gpu.reported_memory_gib ? `the ${gpu.reported_memory_gib.value} GiB the device reports` : `${gpu.memory_gb.value} GB`} each).`,
    series,
    capacities: [{ label: `1 × ${name} usable`, bytes: one }, { label: `8 × ${name} usable`, bytes: 8 * one }],
  };
}

/** The models a comparison charts: each subject's flagship and its longest-context model. */
export function chartedModels(subjects: readonly Subject[]): Model[] {
  return subjects.flatMap((s) => {
    const top = flagship(s);
    const longest = [...s.models].filter((m) => isKnown(m.context.native)).sort((a, b) => (isKnown(b.context.native) ? b.context.native.value : 0) - (isKnown(a.context.native) ? a.context.native.value : 0))[0];
    return [...new Set([top, longest].filter((m): m is Model => m !== undefined))];
  });
}
