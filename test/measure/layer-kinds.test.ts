// Each layer kind's KV and state formula on small made-up architectures, against arithmetic written out by hand.
import { describe, expect, it } from 'vitest';
import { architectureProblems } from '../../src/catalog/checks.js';
import { AttentionGroup, type Architecture } from '../../src/catalog/schema.js';
import { allFullAttention, growingLayers, kvCacheBytes, kvGrowthPerToken, kvParts, linearStateBytes, partSummary, withMtp } from '../../src/measure/memory.js';

const base = { hidden: 1024, heads: 16, kv_heads: 4, head_dim: 64, vocab: 1000, tied_embeddings: false };
const arch = (layers: number, attention: AttentionGroup[]): Architecture => ({ ...base, layers, attention });

describe('layer kinds', () => {
  it('sliding window with sinks: capped at the window, the sinks add no tokens', () => {
    const a = arch(4, [{ kind: 'sliding', layers: 2, window: 128, sinks: true }, { kind: 'full', layers: 2 }]);
    // per token per layer: 2 × 4 × 64 × 2 B = 1,024 B
    expect(kvCacheBytes(a, 1000, 2)).toBe(2 * 1024 * 128 + 2 * 1024 * 1000);
    expect(kvGrowthPerToken(a, 2)).toBe(2 * 1024);
  });

  it('MLA with an indexer on some layers: latent in the KV dtype, indexer keys in their own dtype', () => {
    const mla = { kind: 'mla' as const, kv_lora_rank: 512, qk_rope_head_dim: 64, qk_nope_head_dim: 128, v_head_dim: 128, q_lora_rank: 1536 };
    const a = arch(4, [{ ...mla, layers: 1, indexer: { head_dim: 128, dtype: 'fp8', scale_bytes: 4 } }, { ...mla, layers: 3 }]);
    // latent (512 + 64) × 2 B = 1,152 B on all 4 layers; indexer 128 × 1 B + 4 B = 132 B on 1 layer
    expect(kvGrowthPerToken(a, 2)).toBe(4 * 1152 + 132);
    // an fp8 KV cache halves the latent but not the indexer key: 4 × 576 + 132
    expect(kvGrowthPerToken(a, 1)).toBe(4 * 576 + 132);
  });

  it('compressed KV: ⌊context ÷ ratio⌋ blocks with indexer keys, plus the window and the buffer uncompressed', () => {
    const a = arch(2, [
      { kind: 'compressed', layers: 1, ratio: 4, window: 128, kv_heads: 1, head_dim: 512, kv_shared: true, indexer: { head_dim: 128, dtype: 'fp4' } },
      { kind: 'compressed', layers: 1, ratio: 128, window: 128, kv_heads: 1, head_dim: 512, kv_shared: true, buffer_tokens: 128 },
    ]);
    // entry = 1 × 1 × 512 × 2 B = 1,024 B; fp4 indexer key = 128 × 0.5 = 64 B
    // ratio 4 at 1,000 tokens: 250 × (1,024 + 64) + 128 × 1,024 = 403,072
    // ratio 128: ⌊1000/128⌋ = 7 × 1,024 + (128 + 128) × 1,024 = 269,312
    expect(kvCacheBytes(a, 1000, 2)).toBe(403_072 + 269_312);
    // growth: (1,024 + 64) / 4 + 1,024 / 128 = 272 + 8
    expect(kvGrowthPerToken(a, 2)).toBe(280);
    expect(growingLayers(a)).toEqual({ growing: 2, total: 2 });
  });

  it('block-sparse attention keeps the full KV cache', () => {
    const a = arch(2, [{ kind: 'block-sparse', layers: 2, block: 128, top_k: 16 }]);
    expect(kvCacheBytes(a, 4096, 2)).toBe(2 * 2 * 4 * 64 * 2 * 4096);
  });

  it('KDA: fp32 recurrent state per head plus q, k, v short convs in the model dtype', () => {
    const a = arch(2, [{ kind: 'kda', layers: 1, heads: 32, head_dim: 128, conv_kernel: 4 }, { kind: 'full', layers: 1 }]);
    // recurrent 32 × 128 × 128 × 4 B = 2,097,152; conv 3 × 3 × 4,096 × 2 B = 73,728
    expect(linearStateBytes(a, 2)).toBe(2_097_152 + 73_728);
    // over 8 GPUs: 4 heads × 128 × 128 × 4 + 3 × 3 × 512 × 2
    expect(linearStateBytes(a, 2, 8)).toBe(262_144 + 9216);
  });

  it('Mamba-2: heads × head_dim × state in its dtype, conv over x, B and C; groups replicated when fewer than GPUs', () => {
    const a = arch(2, [{ kind: 'mamba2', layers: 1, heads: 128, head_dim: 64, state_size: 128, groups: 8, conv_kernel: 4, recurrent_dtype: 'fp32' }, { kind: 'full', layers: 1 }]);
    // recurrent 128 × 64 × 128 × 4 B = 4,194,304; conv 3 × (8,192 + 2 × 8 × 128) × 2 B = 61,440
    expect(linearStateBytes(a, 2)).toBe(4_194_304 + 61_440);
    // 1 group over 4 GPUs: each keeps the group: conv 3 × (2,048 + 2 × 1 × 128) × 2; recurrent 32 × 64 × 128 × 4
    const one = arch(1, [{ kind: 'mamba2', layers: 1, heads: 128, head_dim: 64, state_size: 128, groups: 1, conv_kernel: 4, recurrent_dtype: 'fp32' }]);
    expect(linearStateBytes(one, 2, 4)).toBe(1_048_576 + 13_824);
  });

  it('parallel hybrid: every layer keeps a growing KV cache and a Mamba-2 state; the parallel group adds no layers', () => {
    const a = arch(4, [{ kind: 'full', layers: 4 }, { kind: 'mamba2', layers: 4, parallel: true, heads: 8, head_dim: 64, state_size: 16, groups: 1, conv_kernel: 4 }]);
    expect(architectureProblems(a)).toEqual([]);
    expect(growingLayers(a)).toEqual({ growing: 4, total: 4 });
    // state per layer: 8 × 64 × 16 × 2 + 3 × (512 + 32) × 2 = 16,384 + 3,264
    expect(linearStateBytes(a, 2)).toBe(4 * 19_648);
    expect(kvParts(a, 10, 2).map((p) => [p.kind, p.stateBytes])).toEqual([['full', 0], ['mamba2', 4 * 19_648]]);
    // "all full" drops the parallel state heads instead of adding layers
    expect(allFullAttention(a).attention).toHaveLength(1);
  });

  it('MTP layers count only with speculative decoding on, and sit outside the layer count', () => {
    const a = arch(2, [{ kind: 'full', layers: 2 }, { kind: 'full', layers: 1, mtp: true }]);
    expect(architectureProblems(a)).toEqual([]);
    expect(kvGrowthPerToken(a, 2)).toBe(2 * 1024);
    expect(kvGrowthPerToken(withMtp(a), 2)).toBe(3 * 1024);
    expect(growingLayers(withMtp(a))).toEqual({ growing: 3, total: 3 });
  });

  it('the schema rejects a group with a field of another kind', () => {
    expect(AttentionGroup.safeParse({ kind: 'kda', layers: 1, heads: 1, head_dim: 1, conv_kernel: 4, window: 4 }).success).toBe(false);
    expect(AttentionGroup.safeParse({ kind: 'mla', layers: 1, kv_lora_rank: 1, qk_rope_head_dim: 1, qk_nope_head_dim: 1, v_head_dim: 1, q_lora_rank: null, indexer: { head_dim: 128, dtype: 'int3' } }).success).toBe(false);
  });

  it('each group says whether it grows, is capped or holds a constant state, with its arithmetic', () => {
    const a = arch(3, [
      { kind: 'full', layers: 1 }, { kind: 'sliding', layers: 1, window: 128 },
      { kind: 'kda', layers: 1, heads: 2, head_dim: 4, conv_kernel: 4 },
    ]);
    const [full, sliding, kda] = kvParts(a, 1000, 2).map(partSummary);
    expect(full).toBe('grows: 2 × 4 KV heads × 64 dims × 2 B = 1 KiB/token/layer × 1,000 tokens');
    expect(sliding).toBe('capped at 128 tokens: 2 × 4 KV heads × 64 dims × 2 B = 1 KiB/token/layer × 128 tokens');
    // 2 × 4 × 4 × 4 B + 3 × 3 × 8 × 2 B = 128 + 144 = 272 B
    expect(kda).toBe('constant per sequence: 272 B per layer (2 × 4 × 4 recurrent (fp32) + 3 × 3 × 8 conv per sequence)');
  });
});
