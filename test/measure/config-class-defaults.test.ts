// Catalog architectures taken from Transformers code that states a checkpoint's config (a config class whose
// defaults it documents against the checkpoint, or the conversion script that writes the config) where no
// copy of the checkpoint's own config was found: KV and state derived by hand, against versus fit.
import { describe, expect, it } from 'vitest';
import { fitFigures } from '../config-fixtures.js';
import { shippedCatalog } from '../helpers.js';

describe('versus fit --json on architectures read from Transformers config classes and conversion scripts', () => {
  it('Mistral Small 4 (Mistral4Config): 36 MLA layers, each caching a 256-wide latent + a 64-wide RoPE key', async () => {
    // (kv_lora_rank 256 + qk_rope_head_dim 64) × 2 B = 640 B per layer per token; the latent is on every GPU
    const growth = 36 * (256 + 64) * 2; // 23,040
    const r = await fitFigures(shippedCatalog, 'mistral-small-4');
    expect([r.kv.growthPerToken, r.kv.growthPerTokenPerGpu, r.kv.atContext, r.statePerSequence]).toEqual([growth, growth, growth * 131_072, 0]);
  });

  it('Gemma 4 12B (convert_gemma4_unified_weights.py): 8 global layers of one 512-wide head with keys as values; 40 sliding (1,024) of 8 × 256', async () => {
    const global = 1 * 512 * 2; // one cached tensor (K = V) × 512 × 2 B = 1,024 B per layer per token
    const sliding = 2 * 8 * 256 * 2; // 8,192 B per layer per token, kept for the last 1,024 tokens
    const r = await fitFigures(shippedCatalog, 'gemma-4-12b');
    // one global KV head on 8 GPUs is replicated, so every GPU grows by the whole model's 8,192 B
    expect([r.kv.growthPerToken, r.kv.growthPerTokenPerGpu, r.statePerSequence]).toEqual([8 * global, 8 * global, 0]);
    expect(r.kv.atContext).toBe(8 * global * 131_072 + 40 * sliding * 1024); // 1,073,741,824 + 335,544,320 = 1,409,286,144
  });
});
