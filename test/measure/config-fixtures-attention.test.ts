// The attention side of real configs (sequence-compressed KV, DSA indexers with IndexShare, block-sparse,
// sliding windows of another shape, MLA, plain GQA): KV bytes per token, KV at 128K and constant state
// derived by hand from the config.json fields, against what versus reads from the same files.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { readConfig } from '../../src/catalog/ingest/architecture.js';
import { ingest } from '../../src/catalog/ingest/index.js';
import { kvCacheBytes, kvGrowthPerToken, linearStateBytes, withMtp } from '../../src/measure/memory.js';
import { CONFIGS_DIR as CONFIGS, compiledBesideCatalog, fitFigures, fixtureArch as arch, fixtureConfig as config } from '../config-fixtures.js';
import { run, shippedCatalog } from '../helpers.js';

const count = (list: unknown[], value: unknown) => list.filter((x) => x === value).length;
const BF16 = 2;
const K128 = 131_072;

// DeepSeek V4 (inference/model.py): one 512-dim entry per cached row, keys = values: 512 × 2 B = 1,024 B.
// CSA (ratio 4): + fp4 indexer key 128 × 0.5 B = 64 B per compressed row; HCA (ratio 128): none.
// Compressor buffers, fp32, kv_state + score_state of (coff × ratio) × (coff × dim), coff = 2 for ratio 4:
const CSA_STATE = 2 * (2 * 4) * (2 * 512) * 4 + 2 * (2 * 4) * (2 * 128) * 4; // 65,536 + 16,384 = 81,920
const HCA_STATE = 2 * 128 * 512 * 4; // 524,288
const CSA_AT_128K = (131_072 / 4) * (1024 + 64) + 128 * 1024; // 32,768 rows + the 128-token window = 35,782,656
const HCA_AT_128K = (131_072 / 128) * 1024 + 128 * 1024; // 1,024 rows + the window = 1,179,648

describe('hand-derived KV and state from config.json (attention side)', () => {
  it('DeepSeek-V4-Flash: 2 window-only + 21 CSA (÷4, fp4 indexer) + 20 HCA (÷128) layers over one 512-dim KV head', () => {
    const c = config('deepseek-v4-flash');
    const ratios = c.compress_ratios.slice(0, c.num_hidden_layers);
    expect([c.num_hidden_layers, c.compress_ratios.length, c.num_key_value_heads, c.head_dim, c.sliding_window, c.index_head_dim]).toEqual([43, 44, 1, 512, 128, 128]);
    expect([count(ratios, 0), count(ratios, 4), count(ratios, 128), c.compress_ratios[43]]).toEqual([2, 21, 20, 0]);
    // growth: CSA (1,024 + 64) ÷ 4 = 272 B, HCA 1,024 ÷ 128 = 8 B per token per layer; window-only layers stop at 128
    expect(kvGrowthPerToken(arch('deepseek-v4-flash'), BF16)).toBe(21 * 272 + 20 * 8); // 5,872
    expect(kvCacheBytes(arch('deepseek-v4-flash'), K128, BF16)).toBe(2 * 128 * 1024 + 21 * CSA_AT_128K + 20 * HCA_AT_128K); // 775,290,880
    expect(linearStateBytes(arch('deepseek-v4-flash'), BF16)).toBe(21 * CSA_STATE + 20 * HCA_STATE); // 12,206,080
    // the MTP layer (compress_ratios[43] = 0) keeps only its window
    expect(kvCacheBytes(withMtp(arch('deepseek-v4-flash')), K128, BF16) - kvCacheBytes(arch('deepseek-v4-flash'), K128, BF16)).toBe(128 * 1024);
  });

  it('DeepSeek-V4-Pro: 30 CSA + 31 HCA layers (layers 0 and 1 compress ÷128)', () => {
    const c = config('deepseek-v4-pro');
    const ratios = c.compress_ratios.slice(0, c.num_hidden_layers);
    expect([c.num_hidden_layers, c.compress_ratios.length, c.compress_ratios[0], c.compress_ratios[1], c.compress_ratios[61]]).toEqual([61, 62, 128, 128, 0]);
    expect([count(ratios, 4), count(ratios, 128)]).toEqual([30, 31]);
    expect(kvGrowthPerToken(arch('deepseek-v4-pro'), BF16)).toBe(30 * 272 + 31 * 8); // 8,408
    expect(kvCacheBytes(arch('deepseek-v4-pro'), K128, BF16)).toBe(30 * CSA_AT_128K + 31 * HCA_AT_128K); // 1,110,048,768
    expect(linearStateBytes(arch('deepseek-v4-pro'), BF16)).toBe(30 * CSA_STATE + 31 * HCA_STATE); // 18,710,528
  });

  it('DeepSeek-V3.2: 61 MLA layers, each with a DSA indexer key (fp8 128 + 4 B scale)', () => {
    const c = config('deepseek-v3.2');
    expect([c.num_hidden_layers, c.kv_lora_rank, c.qk_rope_head_dim, c.index_head_dim, 'indexer_types' in c]).toEqual([61, 512, 64, 128, false]);
    // per layer: (512 + 64) × 2 B = 1,152 + 128 × 1 B + 4 B = 132
    expect(kvGrowthPerToken(arch('deepseek-v3.2'), BF16)).toBe(61 * (1152 + 132)); // 78,324
    expect(kvGrowthPerToken(withMtp(arch('deepseek-v3.2')), BF16)).toBe(62 * (1152 + 132)); // 79,608
    expect(kvCacheBytes(arch('deepseek-v3.2'), K128, BF16)).toBe(61 * 1284 * 131_072); // 10,266,083,328
  });

  it('GLM-5.2: IndexShare, indexer keys on the 21 "full" layers only; 57 "shared" layers keep the latent alone', () => {
    const c = config('glm-5.2');
    expect([c.num_hidden_layers, count(c.indexer_types, 'full'), count(c.indexer_types, 'shared'), c.kv_lora_rank, c.qk_rope_head_dim]).toEqual([78, 21, 57, 512, 64]);
    // "full" at 0, 1, 2 and 6, 10, …, 74 (0-indexed)
    expect(c.indexer_types.flatMap((t: string, i: number) => (t === 'full' ? [i] : []))).toEqual([0, 1, 2, ...Array.from({ length: 18 }, (_, k) => 6 + 4 * k)]);
    expect(kvGrowthPerToken(arch('glm-5.2'), BF16)).toBe(21 * (1152 + 132) + 57 * 1152); // 92,628
    // the MTP layer keeps its own indexer
    expect(kvGrowthPerToken(withMtp(arch('glm-5.2')), BF16)).toBe(22 * 1284 + 57 * 1152); // 93,912
    expect(kvCacheBytes(arch('glm-5.2'), K128, BF16)).toBe(92_628 * 131_072); // 12,140,937,216
  });

  it('GLM-5.1 (and GLM-5): no indexer_types, so all 78 layers keep indexer keys', () => {
    for (const dir of ['glm-5.1', 'glm-5']) {
      const c = config(dir);
      expect([c.num_hidden_layers, 'indexer_types' in c, c.index_head_dim, c.max_position_embeddings]).toEqual([78, false, 128, 202_752]);
      expect(kvGrowthPerToken(arch(dir), BF16)).toBe(78 * 1284); // 100,152
    }
  });

  it('MiniMax-M2.7: 62 full-attention layers × 3,072 hidden, 8 KV heads × 128 (attn_type_list all 1)', () => {
    const c = config('minimax-m2.7');
    expect([c.num_hidden_layers, c.hidden_size, c.num_key_value_heads, c.head_dim, count(c.attn_type_list, 1)]).toEqual([62, 3072, 8, 128, 62]);
    // 2 × 8 × 128 × 2 B = 4,096 B per layer
    expect(kvGrowthPerToken(arch('minimax-m2.7'), BF16)).toBe(62 * 4096); // 253,952
    expect(kvCacheBytes(arch('minimax-m2.7'), K128, BF16)).toBe(62 * 4096 * 131_072); // 33,285,996,544
    expect(arch('minimax-m2.7')).toMatchObject({ layers: 62, hidden: 3072 });
  });

  it('MiniMax-M3: block-sparse attention on 57 layers still caches every token (4 KV heads × 128)', () => {
    const c = config('minimax-m3');
    const freq = c.sparse_attention_config.sparse_attention_freq;
    expect([c.num_hidden_layers, count(freq, 1), count(freq, 0), c.num_key_value_heads, c.head_dim, c.sparse_attention_config.sparse_block_size]).toEqual([60, 57, 3, 4, 128, 128]);
    // 2 × 4 × 128 × 2 B = 2,048 B on every layer, sparse or not
    expect(kvGrowthPerToken(arch('minimax-m3'), BF16)).toBe(60 * 2048); // 122,880
    expect(arch('minimax-m3').attention.filter((g) => !g.mtp).map((g) => [g.kind, g.layers])).toEqual([['full', 3], ['block-sparse', 57]]);
  });

  it('Gemma 4 26B-A4B: 25 sliding (1,024) layers of 8 × 256; 5 global layers of 2 × 512 with keys as values', () => {
    const t = config('gemma-4-26b-a4b').text_config;
    expect([count(t.layer_types, 'sliding_attention'), count(t.layer_types, 'full_attention'), t.sliding_window]).toEqual([25, 5, 1024]);
    expect([t.num_key_value_heads, t.head_dim, t.num_global_key_value_heads, t.global_head_dim, t.attention_k_eq_v]).toEqual([8, 256, 2, 512, true]);
    // global: 1 × 2 × 512 × 2 B = 2,048 B per token; sliding: 2 × 8 × 256 × 2 B = 8,192 B, capped at 1,024 tokens
    expect(kvGrowthPerToken(arch('gemma-4-26b-a4b'), BF16)).toBe(5 * 2048); // 10,240
    expect(kvCacheBytes(arch('gemma-4-26b-a4b'), K128, BF16)).toBe(5 * 2048 * 131_072 + 25 * 8192 * 1024); // 1,551,892,480
  });

  it('MiMo-V2-Flash: 9 full layers of 4 KV heads and 39 sliding (128, sinks) layers of 8; keys 192 wide, values 128', () => {
    const c = config('mimo-v2-flash');
    expect([count(c.hybrid_layer_pattern, 0), count(c.hybrid_layer_pattern, 1), c.sliding_window]).toEqual([9, 39, 128]);
    expect([c.num_key_value_heads, c.swa_num_key_value_heads, c.head_dim, c.swa_head_dim, c.v_head_dim, c.swa_v_head_dim]).toEqual([4, 8, 192, 192, 128, 128]);
    // full: 4 × (192 + 128) × 2 B = 2,560 B per token; sliding: 8 × (192 + 128) × 2 B = 5,120 B, capped at 128 tokens
    expect(kvGrowthPerToken(arch('mimo-v2-flash'), BF16)).toBe(9 * 2560); // 23,040
    expect(kvCacheBytes(arch('mimo-v2-flash'), K128, BF16)).toBe(9 * 2560 * 131_072 + 39 * 5120 * 128); // 3,045,457,920
    expect(arch('mimo-v2-flash').moe).toMatchObject({ experts: 256, experts_per_token: 8, shared_experts: 0 });
  });

  it('Devstral Small 2 24B: 40 full-attention layers of 8 KV heads × 128 (text_config)', () => {
    const t = config('devstral-small-2-24b').text_config;
    expect([t.num_hidden_layers, t.num_key_value_heads, t.head_dim, t.sliding_window]).toEqual([40, 8, 128, null]);
    expect(kvGrowthPerToken(arch('devstral-small-2-24b'), BF16)).toBe(40 * 2 * 8 * 128 * 2); // 163,840
    expect(linearStateBytes(arch('devstral-small-2-24b'), BF16)).toBe(0);
  });
});

/** The same figures from the catalog entries: versus fit <id> --gpu h200 --gpus 8 --context 128k --json. */
describe('versus fit --json on the catalog entries agrees with the hand derivations', () => {
  const HAND = [
    // id, KV growth per token (whole model, bf16; MLA latents and V4's single KV head are on every GPU), KV at 128K, state, growth with --mtp
    { id: 'deepseek-v4-flash', growth: 21 * 272 + 20 * 8, at128k: 2 * 128 * 1024 + 21 * CSA_AT_128K + 20 * HCA_AT_128K, state: 21 * CSA_STATE + 20 * HCA_STATE, mtp: 21 * 272 + 20 * 8 },
    { id: 'deepseek-v4-pro', growth: 30 * 272 + 31 * 8, at128k: 30 * CSA_AT_128K + 31 * HCA_AT_128K, state: 30 * CSA_STATE + 31 * HCA_STATE, mtp: 30 * 272 + 31 * 8 },
    { id: 'glm-5.2', growth: 21 * 1284 + 57 * 1152, at128k: (21 * 1284 + 57 * 1152) * 131_072, state: 0, mtp: 22 * 1284 + 57 * 1152 },
    { id: 'glm-5.1', growth: 78 * 1284, at128k: 78 * 1284 * 131_072, state: 0, mtp: 79 * 1284 },
    { id: 'deepseek-v3.2-exp', growth: 61 * 1284, at128k: 61 * 1284 * 131_072, state: 0, mtp: 61 * 1284 },
    { id: 'gemma-4-26b-a4b', growth: 5 * 2048, at128k: 5 * 2048 * 131_072 + 25 * 8192 * 1024, state: 0, mtp: 5 * 2048 },
    { id: 'minimax-m3', growth: 60 * 2048, at128k: 60 * 2048 * 131_072, state: 0, mtp: 61 * 2048 },
    { id: 'devstral-small-2', growth: 40 * 4096, at128k: 40 * 4096 * 131_072, state: 0, mtp: 40 * 4096 },
  ];
  it.each(HAND)('$id', async ({ id, growth, at128k, state, mtp }) => {
    const r = await fitFigures(shippedCatalog, id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([growth, at128k, state]);
    expect((await fitFigures(shippedCatalog, id, '--mtp')).kv.growthPerToken).toBe(mtp);
  });

  it('the text report shows a compressed group growing and its compressor buffers as constant state', async () => {
    const { stdout } = await run(['fit', 'deepseek-v4-flash', '--gpu', 'h200', '--gpus', '8', '--context', '128k'], { catalog: () => shippedCatalog() });
    expect(stdout).toContain('KV compressor buffers');
    expect(stdout).toMatch(/21 compressed-KV\s+751 MB\s+grows by 272 B\/token\/layer: .*per 4 tokens \+ the last 128 tokens uncompressed; compressor buffers 81\.9 kB per layer, constant/);
  });
});

describe('versus ingest on the attention-side fixtures', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await shippedCatalog();
  });

  it.each(['deepseek-v3.2', 'mimo-v2-flash', 'devstral-small-2-24b', 'minimax-m2.7'])('%s: the draft passes versus validate beside the shipped catalog', async (dir) => {
    const id = `${dir}-ingest-draft`;
    const r = await ingest(catalog, join(CONFIGS, dir), { id, generation: 'deepseek-v3', license: 'mit', today: '2026-12-02' });
    expect('value' in (r.draft.model.architecture as object)).toBe(true);
    expect(await compiledBesideCatalog(r.yaml)).toContain(id);
  });

  it.each(['deepseek-v4-flash', 'deepseek-v4-pro', 'glm-5', 'glm-5.1', 'glm-5.2', 'minimax-m2.7', 'minimax-m3', 'gemma-4-26b-a4b'])('%s: the catalog entry agrees with its config.json', async (dir) => {
    const r = await ingest(catalog, join(CONFIGS, dir), { today: '2026-12-02' });
    expect(r.existing?.id).toBe(dir);
    expect(r.differences).toEqual([]);
  });

  it('a lightning-attention layer in attn_type_list leaves the architecture unknown, with the reason', () => {
    const c = config('minimax-m2.7');
    c.attn_type_list[5] = 0;
    const r = readConfig(c);
    expect(r.architecture).toEqual({ unknown: expect.stringContaining('$.attn_type_list[5] is 0, a lightning-attention layer') });
  });

  it('a Gemma config without layer_types: every sliding_window_pattern-th layer is global', () => {
    // Gemma 4 26B-A4B's text_config with its layer list replaced by the older pattern field (6: five local, one global)
    const c = config('gemma-4-26b-a4b');
    delete c.text_config.layer_types;
    c.text_config.sliding_window_pattern = 6;
    const a = readConfig(c).architecture;
    expect('value' in a && a.value.attention.map((g) => [g.kind, g.layers])).toEqual([['sliding', 25], ['full', 5]]);
  });

  it('a compress_ratios list shorter than the layers is an error, not a guess', () => {
    const c = config('deepseek-v4-flash');
    c.compress_ratios = c.compress_ratios.slice(0, 40);
    const r = readConfig(c);
    expect(r.architecture).toEqual({ unknown: expect.stringContaining('the config\'s layer list has 40 entries but num_hidden_layers is 43') });
  });
});
