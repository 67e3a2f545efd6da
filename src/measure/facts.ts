// The catalog facts memory and speed need from one model, or an error that names the missing one.
import { isKnown, unknownReason } from '../catalog/catalog.js';
import type { Architecture, Model } from '../catalog/schema.js';
import { VersusError } from '../errors.js';

/** A fact the computation needs is unknown, or contradicts another; the message names it. */
export class MissingFactError extends VersusError {
  constructor(
    /** The fact at fault, as a catalog path: `architecture`, `params.total`, … */
    readonly fact: string,
    message: string,
  ) {
    super('E_FACT', message, 2);
  }
}

/** What `versus fit` computes from: the architecture and the parameter counts, all known. */
export interface ModelFacts {
  readonly id: string;
  readonly name: string;
  readonly arch: Architecture;
  /** Every parameter the checkpoint holds, as the card counts them (tied matrices once, all experts). */
  readonly total: number;
  /** Parameters one token passes through (all of them for a dense model). */
  readonly active: number;
  /** The model's native context window, when known. */
  readonly maxContext?: number;
}

/**
 * The facts of a model, or a MissingFactError naming the first one that is unknown or inconsistent.
 * @example modelFacts(catalog.model.get('llama-3.1-8b')!).total // 8e9
 */
export function modelFacts(model: Model): ModelFacts {
  const missing = (fact: string, what: string, m: Parameters<typeof unknownReason>[0]) =>
    new MissingFactError(fact, `${model.id} has no ${what} in the catalog: ${fact} is unknown (${unknownReason(m)}).`);
  if (!isKnown(model.architecture)) throw missing('architecture', 'architecture', model.architecture);
  if (!isKnown(model.params.total)) throw missing('params.total', 'total parameter count', model.params.total);
  if (!isKnown(model.params.active)) throw missing('params.active', 'active parameter count', model.params.active);
  const arch = model.architecture.value;
  const total = model.params.total.value;
  const active = model.params.active.value;
  const vocabMatrices = arch.vocab * arch.hidden * (arch.tied_embeddings ? 1 : 2);
  if (vocabMatrices >= total) {
    throw new MissingFactError(
      'architecture',
      `${model.id} has inconsistent facts: its embedding and output matrices (vocab ${arch.vocab} × hidden ${arch.hidden}${arch.tied_embeddings ? '' : ' × 2'} = ${vocabMatrices}) are not smaller than params.total (${total}).`,
    );
  }
  if (active > total) throw new MissingFactError('params.active', `${model.id} has inconsistent facts: params.active (${active}) exceeds params.total (${total}).`);
  const maxContext = isKnown(model.context.native) ? model.context.native.value : undefined;
  return { id: model.id, name: model.name, arch, total, active, ...(maxContext === undefined ? {} : { maxContext }) };
}
