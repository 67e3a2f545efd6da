// Catalog architectures taken from a Transformers config class whose defaults the class documents against
// a checkpoint (no copy of the checkpoint's own config was found): KV and state derived by hand from
// those defaults, against versus fit on the catalog entry.
import { describe, expect, it } from 'vitest';
import { fitFigures } from '../config-fixtures.js';
import { shippedCatalog } from '../helpers.js';

describe('versus fit --json on architectures read from config-class defaults', () => {
  it('Mistral Small 4 (Mistral4Config): 36 MLA layers, each caching a 256-wide latent + a 64-wide RoPE key', async () => {
    // (kv_lora_rank 256 + qk_rope_head_dim 64) × 2 B = 640 B per layer per token; the latent is on every GPU
    const growth = 36 * (256 + 64) * 2; // 23,040
    const r = await fitFigures(shippedCatalog, 'mistral-small-4');
    expect([r.kv.growthPerToken, r.kv.growthPerTokenPerGpu, r.kv.atContext, r.statePerSequence]).toEqual([growth, growth, growth * 131_072, 0]);
  });
});
