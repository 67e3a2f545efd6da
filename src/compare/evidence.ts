// Builds the measurements recommend's checks use: hardware fit, and tokenizer premiums where shipped.
import type { Catalog } from '../catalog/catalog.js';
import type { Constraints, Model } from '../catalog/schema.js';
import { computed, text } from './cell.js';
import type { Evidence } from './constraints.js';
import { VersusError } from '../errors.js';
import { formatInt, formatTokens } from '../format.js';
import { bestFit, fitReport } from '../measure/fit-report.js';
import { premium, tryLoadTokenResults, type TokenResults } from '../measure/tokens/results.js';
import { resolveGpu, resolvePrecision } from '../catalog/resolve.js';

/** The context a hardware check assumes when the user gives none. */
export const DEFAULT_FIT_CONTEXT = 32_768;

/**
 * Evidence for recommend: resolves the GPU and precision up front (unknown ids fail before any model is checked).
 * @example const evidence = await buildEvidence(catalog, { gpu: 'h100', gpus: 2 })
 */
export async function buildEvidence(catalog: Catalog, c: Constraints, tokens: TokenResults | undefined = tryLoadTokenResults()): Promise<Evidence> {
  const gpu = c.gpu === undefined ? undefined : resolveGpu(catalog, c.gpu);
  const precision = c.precision === undefined ? undefined : resolvePrecision(catalog, c.precision);
  return {
    ...(gpu ? { fit: (model: Model, constraints: Constraints) => fitEvidence(catalog, model, constraints, gpu, precision?.id) } : {}),
    ...(tokens ? { premium: premiumEvidence(tokens) } : {}),
  };
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
    if (error instanceof VersusError) return undefined; // a missing fact: the check reports "unverified"
    throw error;
  }
}
