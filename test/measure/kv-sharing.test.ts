// Cross-layer KV sharing: layers that read another layer's cache instead of keeping their own
// (DeepSeek V4.1's kv_source_layers, Gemma 3n / Gemma 4's num_kv_shared_layers). KV bytes per token,
// KV at 128K and state per sequence are derived by hand from the config fields written out here.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { architectureProblems } from '../../src/catalog/checks.js';
import { readConfig } from '../../src/catalog/ingest/architecture.js';
import { ingest } from '../../src/catalog/ingest/index.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { allFullAttention, growingLayers, kvCacheBytes, kvGrowthPerToken, linearStateBytes, withMtp } from '../../src/measure/memory.js';
import { CONFIGS_DIR, fitFigures, fixtureArch, fixtureConfig } from '../config-fixtures.js';
import { run, shippedCatalog } from '../helpers.js';

const BF16 = 2;
const K128 = 131_072;

/** The architecture read from a config, or a failure naming why it stayed unknown. */
function read(config: Record<string, unknown>): Architecture {
  const r = readConfig(config);
  if (!('value' in r.architecture)) throw new Error(r.architecture.unknown);
  return r.architecture.value;
}

const unknownReason = (config: Record<string, unknown>) => {
  const a = readConfig(config).architecture;
  return 'unknown' in a ? a.unknown : 'known';
};

/** [source layer, layers reading it], in the order the groups come. */
const sharing = (a: Architecture) => a.attention.flatMap((g) => ('kv_from' in g && g.kv_from !== undefined ? [[g.kv_from, g.layers]] : []));

// DeepSeek-V4.1-Flash, inference/config.json: n_layers 40, head_dim 512 (one entry per token, keys = values),
// window_size 128, index_head_dim 128, compress_ratios [0, 0, 2 × 18, 1 × 20, 0 × 3],
// kv_source_layers [2, 8, 14, 20]. In bf16 one entry is 512 × 2 B = 1,024 B; an fp4 index key 128 × 0.5 B = 64 B.
const ENTRY = 512 * 2;
const INDEX_KEY = 128 / 2;
// Sources 2, 8, 14 keep (1,024 + 64) B per 2 tokens = 544 B/token; source 20 keeps 1,088 B per token.
const V41_GROWTH = 3 * ((ENTRY + INDEX_KEY) / 2) + (ENTRY + INDEX_KEY); // 2,720
// Every one of the 40 layers keeps its own last 128 tokens; the sources add their compressed rows.
const V41_AT_128K = 40 * 128 * ENTRY + 3 * (K128 / 2) * (ENTRY + INDEX_KEY) + K128 * (ENTRY + INDEX_KEY); // 361,758,720
// Ratio-2 compressors: fp32 kv_state + score_state of 2 rows × 512; ratio 1 has none; layers reading a source keep none.
const V41_STATE = 3 * 2 * (2 * 512) * 4; // 24,576

describe('DeepSeek-V4.1-Flash: KV on 4 source layers, read by the layers after them', () => {
  it('the config says which layers compress and which read whose cache', () => {
    const c = fixtureConfig('deepseek-v4.1-flash');
    const r: number[] = c.compress_ratios;
    expect([c.n_layers, c.n_mtp_layers, r.length, c.head_dim, c.window_size, c.index_head_dim]).toEqual([40, 3, 43, 512, 128, 128]);
    expect([r.slice(0, 2), r.slice(2, 20).every((x) => x === 2), r.slice(20, 40).every((x) => x === 1), r.slice(40)]).toEqual([[0, 0], true, true, [0, 0, 0]]);
    expect([c.kv_source_layers, c.index_source_layers]).toEqual([[2, 8, 14, 20], [2, 8, 14, 20, 24, 28, 32, 36]]);
    const a = fixtureArch('deepseek-v4.1-flash');
    // layers 3-7 read layer 2, 9-13 layer 8, 15-19 layer 14, 21-39 layer 20
    expect(sharing(a)).toEqual([[2, 5], [8, 5], [14, 5], [20, 19]]);
    expect(a.attention.filter((g) => g.kind === 'compressed' && 'indexer' in g && g.indexer).map((g) => g.layers)).toEqual([3, 1]);
    expect(growingLayers(a)).toEqual({ growing: 4, total: 40 });
    expect([a.layers, a.hidden, a.heads, a.kv_heads, a.tied_embeddings, a.moe]).toEqual([40, 5120, 64, 1, false, { experts: 384, experts_per_token: 6, shared_experts: 1, expert_intermediate: 2304 }]);
  });

  it('KV per token, KV at 128K and compressor state, by hand', () => {
    const a = fixtureArch('deepseek-v4.1-flash');
    expect(kvGrowthPerToken(a, BF16)).toBe(V41_GROWTH);
    expect(V41_GROWTH).toBe(2720);
    expect(kvCacheBytes(a, K128, BF16)).toBe(V41_AT_128K);
    expect(V41_AT_128K).toBe(361_758_720);
    expect(linearStateBytes(a, BF16)).toBe(V41_STATE);
    // the 3 DSpark draft layers (compress_ratios 40-42 = 0) keep a 128-token window each, only with --mtp
    expect(kvCacheBytes(withMtp(a), K128, BF16) - kvCacheBytes(a, K128, BF16)).toBe(3 * 128 * ENTRY);
    // a calculator that ignores the mix: 40 full layers of one 512-dim entry
    expect(kvGrowthPerToken(allFullAttention(a), BF16)).toBe(40 * ENTRY);
  });

  it('without the sharing the same config would cost nearly 11 times the KV per token', () => {
    const a = fixtureArch('deepseek-v4.1-flash');
    const own: Architecture = { ...a, attention: a.attention.map((g) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'kv_from')) as typeof g) };
    // every ratio-2 layer at 544 B and every ratio-1 layer at 1,024 B per token (only sources hold index keys)
    expect(kvGrowthPerToken(own, BF16)).toBe(3 * 544 + 15 * (ENTRY / 2) + 1088 + 19 * ENTRY);
  });

  describe('through the catalog and the CLI', () => {
    let catalog: Catalog;
    beforeAll(async () => {
      catalog = await shippedCatalog();
    });

    it('versus ingest finds the catalog entry and no difference', async () => {
      const r = await ingest(catalog, join(CONFIGS_DIR, 'deepseek-v4.1-flash'), { today: '2026-12-02' });
      expect([r.existing?.id, r.matchedBy, r.differences]).toEqual(['deepseek-v4.1-flash', 'id', []]);
      expect(r.draft.provenance.find((p) => p.field === 'attention.compressed.kv_from')?.path).toMatch(/^\$\.kv_source_layers: /);
      expect(r.draft.unmapped).toContain('$.engram_layer_ids');
    });

    it('versus fit --json gives the hand-derived KV and state', async () => {
      const r = await fitFigures(shippedCatalog, 'deepseek-v4.1-flash');
      expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([V41_GROWTH, V41_AT_128K, V41_STATE]);
      const mtp = await fitFigures(shippedCatalog, 'deepseek-v4.1-flash', '--mtp');
      expect([mtp.kv.growthPerToken, mtp.kv.atContext]).toEqual([V41_GROWTH, V41_AT_128K + 3 * 128 * ENTRY]);
    });

    it('versus fit says which layers read whose cache', async () => {
      const { code, stdout } = await run(['fit', 'deepseek-v4.1-flash', '--gpu', 'h200', '--gpus', '8', '--context', '128k'], { catalog: () => shippedCatalog() });
      expect(code).toBe(0);
      expect(stdout).toContain('only 4 of 40 layers keep a growing cache');
      expect(stdout).toMatch(/19 compressed-KV \(shared KV\)\s+2\.49 MB\s+reads layer 20's compressed KV and stores none of it; keeps only its own window: 1 × 1 KV heads × 512 dims × 2 B × 128 tokens = 131 kB per layer/);
      expect(stdout).toMatch(/3 compressed-KV\s+214 MB\s+grows by 544 B\/token\/layer: .* per 2 tokens \+ the last 128 tokens uncompressed; compressor buffers 8\.19 kB per layer, constant/);
      expect(stdout).toMatch(/1 compressed-KV\s+143 MB\s+grows by 1\.06 KiB\/token\/layer: .* per token \+ the last 128 tokens uncompressed$/m);
    });

    it('versus show lists the sharing groups and their sources', async () => {
      const { code, stdout } = await run(['show', 'deepseek-v4.1-flash'], { catalog: () => shippedCatalog() });
      expect(code).toBe(0);
      for (const source of [2, 8, 14, 20]) expect(stdout).toContain(`reads layer ${source}'s compressed KV and stores none of it`);
      expect(stdout).toContain("19 compressed-KV (KV ÷1 + window 128, reads layer 20's KV)");
    });

    it('the active parameters, counted by hand from the inference config and model.py', () => {
      // per layer: attention 64 + 5,120·1,280 + 1,280 + 1,280·64·512 + 5,120·512 + 512 + 4,096·8·1,024 + 8·1,024·5,120,
      // two RMSNorms, hyper-connection mixers 2·(24·4·5,120 + 24 + 3), router 384·5,120 + 384, 7 experts of 3·5,120·2,304
      const attention = 64 + 5120 * 1280 + 1280 + 1280 * 64 * 512 + 5120 * 512 + 512 + 4096 * 8 * 1024 + 8 * 1024 * 5120;
      const perLayer = attention + 2 * 5120 + 2 * (24 * 4 * 5120 + 24 + 3) + 384 * 5120 + 384 + 7 * 3 * 5120 * 2304;
      const compressors = 3 * (2 * 5120 * 512 + 512) + (5120 * 512 + 512);
      const indexers = 8 * (1280 * 32 * 128 + 5120 * 32) + 4 * (512 * 128 + 128);
      const engram = 2 * (3 * 8 * 256 * 5120 * 5 + 2 * 4 * 5120);
      const head = 129_280 * 5120 + 5120;
      const active = catalog.model.get('deepseek-v4.1-flash')!.params.active;
      expect('value' in active && active.value).toBe(40 * perLayer + compressors + indexers + engram + head); // 16,130,573,424
    });
  });
});

// A hand-written Gemma-style config (transformers Gemma4TextAttention): 10 layers, every 5th global,
// the last 4 (6-9) compute no K/V and read the last layer before 6 of their own type:
// sliding 6, 7, 8 read layer 5; global 9 reads layer 4.
const gemmaLike = () => ({
  model_type: 'gemma4_text',
  num_hidden_layers: 10,
  hidden_size: 1024,
  num_attention_heads: 8,
  num_key_value_heads: 2,
  head_dim: 256,
  vocab_size: 1000,
  tie_word_embeddings: true,
  max_position_embeddings: 32_768,
  sliding_window: 512,
  layer_types: Array.from({ length: 10 }, (_, i) => ((i + 1) % 5 === 0 ? 'full_attention' : 'sliding_attention')),
  num_kv_shared_layers: 4,
});

describe('Gemma-style num_kv_shared_layers', () => {
  // one layer's K and V: 2 × 2 KV heads × 256 × 2 B = 2,048 B per token
  const PER_TOKEN = 2 * 2 * 256 * 2;

  it('the shared layers read the last earlier layer of their type and add no KV', () => {
    const a = read(gemmaLike());
    expect(sharing(a)).toEqual([[5, 3], [4, 1]]);
    expect(a.attention.map((g) => [g.kind, g.layers])).toEqual([['sliding', 5], ['full', 1], ['sliding', 3], ['full', 1]]);
    // only global layer 4 grows; sliding layers 0-3 and 5 stop at 512 tokens
    expect(kvGrowthPerToken(a, BF16)).toBe(PER_TOKEN);
    expect(kvCacheBytes(a, 32_768, BF16)).toBe(PER_TOKEN * 32_768 + 5 * PER_TOKEN * 512); // 72,351,744
    expect(growingLayers(a)).toEqual({ growing: 1, total: 10 });
    expect(linearStateBytes(a, BF16)).toBe(0);
  });

  it('no sharing when num_kv_shared_layers is 0, or covers every layer (transformers: layer_idx >= first > 0)', () => {
    for (const n of [0, 10]) {
      const a = read({ ...gemmaLike(), num_kv_shared_layers: n });
      expect(sharing(a)).toEqual([]);
      expect(kvGrowthPerToken(a, BF16)).toBe(2 * PER_TOKEN);
    }
  });

  it('sharing it cannot place leaves the architecture unknown, with the reason', () => {
    const { layer_types: _, ...noTypes } = gemmaLike();
    expect(unknownReason({ ...noTypes, sliding_window_pattern: 5 })).toContain('num_kv_shared_layers is 4, but the config has no layer_types of 10 entries');
    // layers 0-7 all sliding, so the global layer 9 has no earlier layer of its type
    const types = [...Array(9).fill('sliding_attention'), 'full_attention'];
    expect(unknownReason({ ...gemmaLike(), layer_types: types, num_kv_shared_layers: 2 })).toContain('layer 9 shares its KV ($.num_kv_shared_layers), but no layer before 8 is "full_attention"');
    expect(unknownReason({ ...gemmaLike(), num_kv_shared_layers: 11 })).toContain('$.num_kv_shared_layers is 11, not a whole number of layers from 0 to 10');
  });
});

// A hand-written DeepSeek-V4.1-style Hugging Face config (text_config names): 5 layers + 1 MTP layer;
// layer 1 compresses ÷2 and layer 2 reads it; layer 3 keeps every token (÷1) and layer 4 reads it.
const v41Like = () => ({
  text_config: {
    model_type: 'deepseek_v41_text',
    num_hidden_layers: 5,
    hidden_size: 64,
    num_attention_heads: 4,
    num_key_value_heads: 1,
    head_dim: 32,
    sliding_window: 8,
    compress_ratios: [0, 2, 2, 1, 1, 0],
    kv_source_layer_ids: [1, 3],
    index_source_layer_ids: [1, 3, 4],
    index_head_dim: 16,
    index_n_heads: 2,
    index_topk: 4,
    num_nextn_predict_layers: 1,
    vocab_size: 100,
    tie_word_embeddings: false,
    n_routed_experts: 4,
    num_experts_per_tok: 2,
    n_shared_experts: 1,
    moe_intermediate_size: 32,
    max_position_embeddings: 4096,
  },
});

describe('DeepSeek-V4.1-style Hugging Face config (kv_source_layer_ids)', () => {
  it('reads the same sharing under the Hugging Face names', () => {
    const a = read(v41Like());
    expect(sharing(a)).toEqual([[1, 1], [3, 1]]);
    // entry 32 × 2 B = 64 B, fp4 index key 16 × 0.5 B = 8 B: layer 1 (64 + 8) ÷ 2 = 36 B, layer 3 72 B per token
    expect(kvGrowthPerToken(a, BF16)).toBe(36 + 72);
    // window 8 on all 5 layers + layer 1's 1,024 ÷ 2 rows + layer 3's 1,024 rows, at 1,024 tokens
    expect(kvCacheBytes(a, 1024, BF16)).toBe(5 * 8 * 64 + 512 * 72 + 1024 * 72);
    // layer 1's ratio-2 compressor: 2 buffers of 2 × 32 fp32
    expect(linearStateBytes(a, BF16)).toBe(2 * 2 * 32 * 4);
    expect(a.attention.filter((g) => g.mtp).map((g) => [g.kind, g.layers])).toEqual([['sliding', 1]]);
  });

  it('a layer that would read a cache of another ratio, or none, is an error, not a guess', () => {
    const mismatch = v41Like();
    mismatch.text_config.compress_ratios = [0, 2, 1, 1, 1, 0];
    expect(unknownReason(mismatch)).toContain("layer 2 reads layer 1's compressed KV at ratio 1, but $.text_config.compress_ratios[1] is 2");
    const early = v41Like();
    early.text_config.compress_ratios = [2, 2, 2, 1, 1, 0];
    expect(unknownReason(early)).toContain('$.text_config.compress_ratios[0] is 2, but no layer of $.text_config.kv_source_layer_ids comes before layer 0');
    const unordered = v41Like();
    unordered.text_config.kv_source_layer_ids = [3, 1];
    expect(unknownReason(unordered)).toContain('$.text_config.kv_source_layer_ids should list layer numbers from 0 to 4 in increasing order');
  });
});

describe('the catalog check on kv_from', () => {
  it('names a layer past the last one', () => {
    const a = read(gemmaLike());
    const bad: Architecture = { ...a, attention: a.attention.map((g) => ('kv_from' in g && g.kv_from === 5 ? { ...g, kv_from: 10 } : g)) };
    expect(architectureProblems(bad)).toEqual([[['attention', 2, 'kv_from'], "kv_from names layer 10, but the model's layers are 0 to 9"]]);
    expect(architectureProblems(a)).toEqual([]);
  });
});

// Gemma 4 E2B / E4B from Google DeepMind's JAX library: frac_shared_layers 20/35 and 18/42, sharing global
// and local. create_kv_cache_sharing_patterns: num_unshared = layers − frac × layers (15 and 24); a shared
// global layer reads layer num_unshared − 1, a shared sliding layer num_unshared − 2.
describe('Gemma 4 E2B and E4B: only the unshared layers keep KV', () => {
  it.each([
    // E2B: 4 sliding : 1 global, globals at 4, 9, 14 (unshared) and 19, 24, 29, 34 (shared); 1 KV head;
    // global K + V 2 × 1 × 512 × 2 B = 2,048 B/token; sliding 2 × 1 × 256 × 2 B = 1,024 B up to 512 tokens
    { id: 'gemma-4-e2b', growth: 3 * 2048, at128k: 3 * 2048 * K128 + 12 * 1024 * 512, sources: [[13, 16], [14, 4]] },
    // E4B: 5 sliding : 1 global, globals at 5, 11, 17, 23 (unshared) and 29, 35, 41 (shared); 2 KV heads;
    // global 2 × 2 × 512 × 2 B = 4,096 B/token; sliding 2 × 2 × 256 × 2 B = 2,048 B up to 512 tokens
    { id: 'gemma-4-e4b', growth: 4 * 4096, at128k: 4 * 4096 * K128 + 20 * 2048 * 512, sources: [[22, 15], [23, 3]] },
  ])('$id', async ({ id, growth, at128k, sources }) => {
    const catalog = await shippedCatalog();
    const a = catalog.model.get(id)!.architecture;
    expect('value' in a && sharing(a.value)).toEqual(sources);
    const r = await fitFigures(shippedCatalog, id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([growth, at128k, 0]);
  });
});
