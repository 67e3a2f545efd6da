// Weight memory at a precision, and the weight bytes one decode step reads. Pure arithmetic.
import type { Architecture, Checkpoint, Precision } from '../catalog/schema.js';

/** The parts of a precision the arithmetic needs (from a catalog `Precision`). */
export interface WeightFormat {
  readonly id: string;
  readonly name: string;
  readonly bitsPerWeight: number;
  /** 'bf16': embedding and output matrices stay 16-bit; 'as-weights': the bits per weight cover them. */
  readonly embeddings: 'bf16' | 'as-weights';
  /** A published checkpoint that quantizes only some tensors; everything else stays 16-bit. */
  readonly checkpoint?: CheckpointScope;
}

/** Which tensors a published checkpoint quantizes (from a catalog `Checkpoint`). */
export interface CheckpointScope {
  readonly id: string;
  readonly repo: string;
  readonly quantized: Checkpoint['quantized']['value'];
  /** Layers whose quantized tensors are at the low precision; undefined = every layer that has them. */
  readonly quantizedLayers?: number;
}

/** @example weightFormat(catalog.precision.get('int4')!).bitsPerWeight // 4.15625 */
export function weightFormat(p: Precision, checkpoint?: Checkpoint): WeightFormat {
  const scope = checkpoint && checkpoint.quantized.value !== 'all-linear'
    ? { id: checkpoint.id, repo: checkpoint.repo, quantized: checkpoint.quantized.value, ...(checkpoint.quantized_layers ? { quantizedLayers: checkpoint.quantized_layers.value } : {}) }
    : undefined;
  return { id: p.id, name: p.name, bitsPerWeight: p.bits_per_weight.value, embeddings: p.embeddings.value, ...(scope ? { checkpoint: scope } : {}) };
}

const BF16_BITS = 16;

/** Parameters in the token-embedding and output (LM head) matrices: vocab × hidden each, once when tied. */
export function vocabParams(arch: Architecture): { readonly embedding: number; readonly head: number } {
  const matrix = arch.vocab * arch.hidden;
  return { embedding: matrix, head: arch.tied_embeddings ? 0 : matrix };
}

/**
 * Bytes of the token-embedding and output matrices at a precision: 16-bit for engine formats, at the
 * format's bits per weight where it covers them (GGUF, MLX); the output is 0 when tied.
 * @example vocabWeightBytes(llama31_8b, q4_0).embedding // 128256 × 4096 × 4.5 / 8
 */
export function vocabWeightBytes(arch: Architecture, format: WeightFormat): { readonly embedding: number; readonly head: number } {
  const { embedding, head } = vocabParams(arch);
  const bits = format.embeddings === 'as-weights' ? format.bitsPerWeight : BF16_BITS;
  return { embedding: (embedding * bits) / 8, head: (head * bits) / 8 };
}

/**
 * Parameters a checkpoint quantizes: the gate, up and down matrices (3 × hidden × width) of the
 * dense FFN layers (`ffn`) or of every routed expert (`routed-experts`), in `quantizedLayers` layers.
 * @example quantizedParams(llama405b, { quantized: 'ffn', quantizedLayers: 124 }) // 124 × 3 × 16384 × 53248
 */
export function quantizedParams(arch: Architecture, scope: Pick<CheckpointScope, 'quantized' | 'quantizedLayers'>): number | undefined {
  if (scope.quantized === 'ffn' && arch.intermediate !== undefined && !arch.moe) {
    return (scope.quantizedLayers ?? arch.layers) * 3 * arch.hidden * arch.intermediate;
  }
  if (scope.quantized === 'routed-experts' && arch.moe?.expert_intermediate !== undefined) {
    const layers = scope.quantizedLayers ?? arch.moe.moe_layers ?? arch.layers;
    return layers * arch.moe.experts * 3 * arch.hidden * arch.moe.expert_intermediate;
  }
  return undefined;
}

/**
 * Bytes of all weights at a precision. `total` counts every parameter once (tied matrices once,
 * every expert of a mixture-of-experts model, which all stay resident). A checkpoint that quantizes
 * only some tensors counts those at the precision and the rest at 16 bits.
 * @example weightBytes(109e9, scout, int4) // (109e9 − 2.07e9) × 4.15625/8 + 2.07e9 × 2
 */
export function weightBytes(total: number, arch: Architecture, format: WeightFormat): number {
  const low = format.checkpoint ? quantizedParams(arch, format.checkpoint) : undefined;
  if (low !== undefined) return (low * format.bitsPerWeight + Math.max(0, total - low) * BF16_BITS) / 8;
  const { embedding, head } = vocabParams(arch);
  return split(total, embedding + head, format);
}

/**
 * Weight bytes one decode step reads: every active parameter once, except the input embedding,
 * of which a step reads only one row per token (not counted). The output matrix is read whole.
 * @example activeWeightBytes(8e9, llama31_8b, bf16) // (8e9 − 128256 × 4096) × 2
 */
export function activeWeightBytes(active: number, arch: Architecture, format: WeightFormat): number {
  const { embedding, head } = vocabParams(arch);
  const inputOnly = head > 0 ? embedding : 0; // when tied, the one matrix is also the output matrix
  return split(Math.max(0, active - inputOnly), head > 0 ? head : embedding, format);
}

/** `params` bytes, of which `vocab` are embedding/output parameters that may stay 16-bit. */
function split(params: number, vocab: number, format: WeightFormat): number {
  if (format.embeddings === 'as-weights') return (params * format.bitsPerWeight) / 8;
  const body = Math.max(0, params - vocab);
  return (body * format.bitsPerWeight + Math.min(params, vocab) * BF16_BITS) / 8;
}
