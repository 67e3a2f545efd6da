// Builds the measurements recommend's checks use: hardware fit, and tokenizer premiums where shipped.
import type { Catalog } from '../catalog/catalog.js';
import type { Constraints, Gpu, Model } from '../catalog/schema.js';
import { isKnown } from '../catalog/catalog.js';
import { computed, text, type Rich } from './cell.js';
import type { Evidence } from './constraints.js';
import { VersusError } from '../errors.js';
import { formatBytes, formatInt, formatParams, formatTokens, trim } from '../format.js';
import { bestFit, deviceMemoryBytes, fitReport } from '../measure/fit-report.js';
import { premium, type TokenResults } from '../measure/tokens/measured.js';
import { resolveGpu, resolvePrecision } from '../catalog/resolve.js';
import { loadText, serveCapacity } from './load.js';
import { modelCost } from './cost.js';
import { ROW_TASK } from './dimensions/cost.js';

/** Tasks a month when a monthly cost budget gives no volume. */
export const DEFAULT_TASKS_PER_MONTH = 1_000_000;

/** The context a hardware check assumes when the user gives none. */
export const DEFAULT_FIT_CONTEXT = 32_768;

/**
 * Evidence for recommend: resolves the GPU and precision up front (unknown ids fail before any model is checked).
 * @example const evidence = await buildEvidence(catalog, { gpu: 'h100', gpus: 2 })
 */
export async function buildEvidence(catalog: Catalog, c: Constraints, tokens: TokenResults | undefined): Promise<Evidence> {
  const gpu = c.gpu === undefined ? undefined : resolveGpu(catalog, c.gpu);
  const precision = c.precision === undefined ? undefined : resolvePrecision(catalog, c.precision);
  return {
    ...(gpu ? { fit: (model: Model, constraints: Constraints) => fitEvidence(catalog, model, constraints, gpu, precision?.id) } : {}),
    ...(gpu ? { load: (model: Model, constraints: Constraints) => loadEvidence(catalog, model, constraints, gpu, precision?.id) } : {}),
    ...(tokens ? { premium: premiumEvidence(tokens) } : {}),
    ...(tokens && c.max_cost ? { cost: (model: Model, constraints: Constraints) => costEvidence(catalog, tokens, model, constraints) } : {}),
  };
}

/** The model's cheapest hosted cost for recommend's task in the dearest requested language, citing the price. */
function costEvidence(catalog: Catalog, tokens: TokenResults, model: Model, c: Constraints): { usd: number; text: Rich } | { unknown: string } {
  const languages = (c.languages ?? ['eng']).map((l) => {
    const lang = catalog.resolveLanguage(l);
    return { iso6393: lang.iso6393, ...(lang.iso6391 ? { iso6391: lang.iso6391 } : {}) };
  });
  const perMonth = c.max_cost?.per === 'month';
  const tasks = c.max_cost?.tasks_per_month ?? DEFAULT_TASKS_PER_MONTH;
  const r = modelCost(catalog, tokens, model, { languages, task: ROW_TASK, tasksPerMonth: tasks, now: new Date() });
  const dearest = [...r.languages].sort((a, b) => (b.hosted[0]?.perTask ?? 0) - (a.hosted[0]?.perTask ?? 0))[0];
  const best = dearest?.hosted[0];
  if (!dearest || !best || r.languages.length < languages.length) return { unknown: r.missing[0] ?? 'no dated hosted price' };
  const usd = perMonth ? best.perMonth : best.perTask;
  const shown = perMonth ? `$${formatInt(Math.round(usd))} a month for ${formatInt(tasks)} tasks` : `$${usd.toPrecision(3)} per task`;
  return { usd, text: [{ text: `${shown} in ${dearest.premium.language.name} at ${best.provider?.name ?? best.price.provider} (as of ${best.price.as_of}${best.stale ? ', stale' : ''})`, refs: [{ source: best.price.source }] }] };
}

/** Premium lookups for the language check, citing the measurement with the command that reproduces it. */
export function premiumEvidence(tokens: TokenResults): NonNullable<Evidence['premium']> {
  return (tokenizer, language) => {
    const p = premium(tokens, tokenizer, language);
    return p && { premium: p.premium, ref: { computed: 'tokens', model: tokenizer, args: `--lang ${p.language.code}` } };
  };
}

function fitEvidence(catalog: Catalog, model: Model, c: Constraints, gpu: ReturnType<typeof resolveGpu>, precision: string | undefined) {
  const gpus = c.gpus ?? 1;
  const context = c.min_context ?? DEFAULT_FIT_CONTEXT;
  const args = `--gpu ${gpu.id} --gpus ${gpus} --context ${context}${precision ? ` --precision ${precision}` : ''}`;
  const where = `${gpus}× ${gpu.name} at ${formatTokens(context)}`;
  try {
    if (precision) {
      const r = fitReport(catalog, model, gpu, { gpus, context, precision });
      const need = r.minGpus === null ? 'needs more than 64' : `needs ${r.minGpus}`;
      return { fits: r.memory.fits, text: [computed('fit', model, r.memory.fits ? `fits ${where} in ${r.precision.name}` : `does not fit ${where} in ${r.precision.name} (${need} GPUs)`, args)] };
    }
    const best = bestFit(catalog, model, gpu, { gpus, context });
    return best
      ? { fits: true, text: [computed('fit', model, `fits ${where}, at best in ${best.precision.name}`, `${args} --precision ${best.precision.id}`)] }
      : { fits: false, text: [computed('fit', model, `does not fit ${where} at any precision in the catalog`, args), text(` (${formatInt(gpus)} GPU${gpus === 1 ? '' : 's'})`)] };
  } catch (error) {
    // A missing fact: use the bound that can be proved without it, else the check reports "unverified".
    if (error instanceof VersusError) return weightsBound(catalog, model, gpu, gpus);
    throw error;
  }
}

/**
 * When the full fit cannot be computed: the weights alone at the smallest precision in the catalog, against
 * the whole memory of the GPUs. Above it nothing fits (a proof); below it, nothing is proved (undefined).
 * @example weightsBound(catalog, v4Pro, rtx4090, 1) // { fits: false, text: […'needs at least 800 GB'…] }
 */
export function weightsBound(catalog: Catalog, model: Model, gpu: Gpu, gpus: number): { fits: boolean; text: Rich } | undefined {
  const total = model.params.total;
  const smallest = [...catalog.precisions].sort((a, b) => a.bits_per_weight.value - b.bits_per_weight.value)[0];
  if (!isKnown(total) || !smallest) return undefined;
  const need = (total.value * smallest.bits_per_weight.value) / 8;
  // A stated working-set budget (Apple Metal, phones) or the memory the device reports, as the fit uses.
  const have = gpus * deviceMemoryBytes(gpu);
  if (need <= have) return undefined;
  return {
    fits: false,
    text: [
      text('does not fit: its weights alone at the smallest precision in the catalog ('),
      { text: `${smallest.name}, ${trim(smallest.bits_per_weight.value)} bits per weight`, refs: [{ source: smallest.bits_per_weight.source }] },
      text(') take '),
      computed('weights-bound', model, `${formatBytes(need)} for ${formatParams(total.value)} params`),
      text(` > the ${formatBytes(have)} of ${gpus}× ${gpu.name} (the full fit is not computed: architecture facts missing)`),
    ],
  };
}

/** The load check: the capacity of the GPU budget at the precision that fits a request's context. */
function loadEvidence(catalog: Catalog, model: Model, c: Constraints, gpu: Gpu, precision: string | undefined): { fits: boolean; text: Rich } | undefined {
  const load = c.load;
  if (!load) return undefined;
  const gpus = c.gpus ?? 1;
  try {
    const chosen = precision ?? bestFit(catalog, model, gpu, { gpus, context: load.input + load.output })?.precision.id;
    const cap = chosen === undefined ? undefined : serveCapacity(catalog, model, gpu, gpus, chosen, load);
    return cap && chosen ? { fits: cap.share <= 1, text: loadText(model, cap, load, gpu, gpus, chosen) } : undefined;
  } catch (error) {
    if (error instanceof VersusError) return undefined;
    throw error;
  }
}
