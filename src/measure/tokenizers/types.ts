// What every tokenizer implementation offers: token ids and counts, and how far its ids can be trusted.
import type { TokenizerFidelity } from '../../catalog/schema.js';

/**
 * How far a loaded tokenizer's output is the model's own (see TokenizerFidelity in the catalog):
 * `reconstructed-ids` = exact counts, some ids rebuilt (Qwen 3.5 from merges.txt, ids above about
 * 104K); `proxy` = another tokenizer stands in, counts are estimates.
 */
export type Fidelity = Exclude<TokenizerFidelity, 'unavailable'>;

/** A loaded tokenizer. `encode`/`count` never add special tokens (no BOS/EOS). */
export interface Tokenizer {
  /** Catalog tokenizer id: `qwen3.5`, `llama4`. */
  readonly id: string;
  readonly fidelity: Fidelity;
  /** Which implementation and files: `@lenml/tokenizers on qwen3/tokenizer.json`. */
  readonly implementation: string;
  encode(text: string): number[];
  count(text: string): number;
}
