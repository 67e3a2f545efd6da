// Parameter counts the catalog records as derived from config.json, redone by hand here from the config
// fields; and the KV figures of the GLM-4.x entries, whose shapes come from Z.ai's technical report.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { fitFigures, fixtureConfig as config } from '../config-fixtures.js';
import { shippedCatalog } from '../helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

const params = (id: string) => {
  const p = catalog.model.get(id)!.params;
  return { total: 'value' in p.total ? p.total.value : undefined, active: 'value' in p.active ? p.active.value : undefined };
};

describe('parameter counts derived from config.json', () => {
  it('MiniMax-M2.7: 62 layers of GQA attention and 256 experts of 3 × 3,072 × 1,536', () => {
    const c = config('minimax-m2.7');
    expect([c.hidden_size, c.num_hidden_layers, c.num_attention_heads, c.num_key_value_heads, c.head_dim]).toEqual([3072, 62, 48, 8, 128]);
    expect([c.num_local_experts, c.num_experts_per_tok, c.intermediate_size, c.shared_intermediate_size, c.vocab_size]).toEqual([256, 8, 1536, 0, 200064]);
    expect([c.use_qk_norm, c.use_routing_bias, c.tie_word_embeddings]).toEqual([true, true, false]);
    // q 3,072 × 6,144, k and v 3,072 × 1,024 each, o 6,144 × 3,072; q_norm 6,144 and k_norm 1,024; two RMSNorms.
    const attention = 3072 * 6144 + 2 * 3072 * 1024 + 6144 * 3072 + 6144 + 1024 + 2 * 3072; // 44,053,504
    const expert = 3 * 3072 * 1536; // 14,155,776
    const router = 256 * 3072 + 256; // gate + e_score_correction_bias
    const head = 200_064 * 3072; // 614,596,608, as is the (untied) embedding
    expect(params('minimax-m2.7').total).toBe(62 * (attention + 256 * expert + router) + 2 * head + 3072); // 228,689,764,864
    expect(params('minimax-m2.7').active).toBe(62 * (attention + 8 * expert + router) + head); // 10,415,953,408
  });

  it('GLM-5.2: MLA + DSA indexer on the 21 "full" layers; the same arithmetic gives the checkpoint\'s 753,329,940,480 tensors', () => {
    const c = config('glm-5.2');
    expect([c.hidden_size, c.num_hidden_layers, c.first_k_dense_replace, c.num_attention_heads, c.q_lora_rank, c.kv_lora_rank]).toEqual([6144, 78, 3, 64, 2048, 512]);
    expect([c.qk_nope_head_dim, c.qk_rope_head_dim, c.v_head_dim, c.index_n_heads, c.index_head_dim]).toEqual([192, 64, 256, 32, 128]);
    expect([c.n_routed_experts, c.n_shared_experts, c.num_experts_per_tok, c.moe_intermediate_size, c.intermediate_size, c.vocab_size]).toEqual([256, 1, 8, 2048, 12288, 154880]);
    expect(c.indexer_types.filter((t: string) => t === 'full')).toHaveLength(21);
    // wq_a, q_norm, wq_b, wkv_a, kv_norm, wkv_b, wo; then the two RMSNorms of the layer
    const mla = 6144 * 2048 + 2048 + 2048 * 64 * 256 + 6144 * (512 + 64) + 512 + 512 * 64 * (192 + 256) + 64 * 256 * 6144 + 2 * 6144; // 165,034,496
    const indexer = 2048 * 32 * 128 + 6144 * 128 + 2 * 128 + 6144 * 32; // 9,371,904
    const expert = 3 * 6144 * 2048; // 37,748,736
    const router = 256 * 6144 + 256;
    const dense = 3 * 6144 * 12288;
    const table = 154_880 * 6144; // embeddings, and again the output head
    const mtp = mla + indexer + 257 * expert + router + 2 * 6144 + 2 * 6144 * 6144 + 6144; // + enorm, hnorm, eh_proj, shared_head.norm
    const whole = 78 * mla + 21 * indexer + 3 * dense + 75 * (257 * expert + router) + 2 * table + 6144 + mtp;
    expect(whole).toBe(753_329_940_480); // Hugging Face's tensor count for zai-org/GLM-5.2, as glm-5.2-inferencex quotes it
    const active = 78 * mla + 21 * indexer + 3 * dense + 75 * (9 * expert + router) + table; // 40,298,941,440
    expect(params('glm-5.2').active).toBe(active);
    expect(params('glm-5.3').active).toBe(active);
  });

  it('DeepSeek-V3.2-Exp: V3\'s activated parameters plus a 64-head lightning indexer on each of 61 layers', () => {
    // inference/config_671B_v3.2.json: dim 7168, inter_dim 18432, moe_inter_dim 2048, n_layers 61, n_dense_layers 3,
    // n_heads 128, 256 routed + 1 shared experts, 8 activated, q_lora_rank 1536, kv_lora_rank 512, qk_nope 128,
    // qk_rope 64, v_head_dim 128, index_n_heads 64, index_head_dim 128, vocab 129280 (as the catalog architecture has them).
    const a = catalog.model.get('deepseek-v3.2-exp')!.architecture;
    expect('value' in a && [a.value.hidden, a.value.layers, a.value.heads, a.value.intermediate, a.value.vocab, a.value.moe?.expert_intermediate]).toEqual([7168, 61, 128, 18432, 129280, 2048]);
    const mla = 7168 * 1536 + 1536 + 1536 * 128 * (128 + 64) + 7168 * (512 + 64) + 512 + 512 * 128 * (128 + 128) + 128 * 128 * 7168 + 2 * 7168;
    const indexer = 1536 * 64 * 128 + 7168 * 128 + 2 * 128 + 7168 * 64; // 13,959,424
    const expert = 3 * 7168 * 2048;
    const router = 256 * 7168 + 256;
    expect(params('deepseek-v3.2-exp').active).toBe(61 * (mla + indexer) + 3 * 3 * 7168 * 18432 + 58 * (9 * expert + router) + 129_280 * 7168); // 37,477,136,128
  });
});

/** versus fit <id> --gpu h200 --gpus 8 --context 128k --json: GQA caches 2 (K, V) × 8 KV heads × 128 × 2 B = 4,096 B per token per layer. */
describe('versus fit on the GLM-4.x and MiniMax-M2.7 entries agrees with the hand derivations', () => {
  const PER_LAYER = 2 * 8 * 128 * 2;
  const HAND = [
    // GLM-4.5 / 4.6 / 4.7 (technical report Table 1): 92 layers + 1 MTP layer; GLM-4.5-Air: 46 + 1; MiniMax-M2.7: 62, no MTP layer in its config
    { id: 'glm-4.5', layers: 92, mtp: 1 },
    { id: 'glm-4.6', layers: 92, mtp: 1 },
    { id: 'glm-4.7', layers: 92, mtp: 1 },
    { id: 'glm-4.5-air', layers: 46, mtp: 1 },
    { id: 'minimax-m2.7', layers: 62, mtp: 0 },
  ];
  it.each(HAND)('$id: $layers full-attention layers', async ({ id, layers, mtp }) => {
    const r = await fitFigures(shippedCatalog, id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([layers * PER_LAYER, layers * PER_LAYER * 131_072, 0]);
    expect((await fitFigures(shippedCatalog, id, '--mtp')).kv.growthPerToken).toBe((layers + mtp) * PER_LAYER);
  });
});
