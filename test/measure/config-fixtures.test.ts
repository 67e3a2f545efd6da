// KV bytes per token and state bytes per sequence of real models, derived by hand from their config.json fields,
// against what versus reads from the same files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/catalog/ingest/architecture.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { kvCacheBytes, kvGrowthPerToken, linearStateBytes, withMtp } from '../../src/measure/memory.js';
import { fitFigures } from '../config-fixtures.js';
import { shippedCatalog } from '../helpers.js';

const CONFIGS = join(import.meta.dirname, '..', 'fixtures', 'configs');
type Json = Record<string, any>;
const config = (dir: string): Json => JSON.parse(readFileSync(join(CONFIGS, dir, 'config.json'), 'utf8')) as Json;
const arch = (dir: string): Architecture => {
  const r = readConfig(config(dir));
  if (!('value' in r.architecture)) throw new Error(r.architecture.unknown);
  return r.architecture.value;
};
const BF16 = 2;
const K128 = 131_072;

/** The hand derivations (bf16 KV, whole model, one sequence); also the table in the closing notes. */
describe('hand-derived KV and state from config.json', () => {
  it('gpt-oss-120b: 18 full + 18 sliding-window (128) layers, 8 KV heads × 64', () => {
    const c = config('gpt-oss-120b');
    expect(c.layer_types.filter((t: string) => t === 'full_attention')).toHaveLength(18);
    expect([c.num_key_value_heads, c.head_dim, c.sliding_window]).toEqual([8, 64, 128]);
    // per layer per token: 2 (K, V) × 8 × 64 × 2 B = 2,048 B; only the 18 full layers grow.
    expect(kvGrowthPerToken(arch('gpt-oss-120b'), BF16)).toBe(18 * 2 * 8 * 64 * 2); // 36,864
    // at 128K: 18 × 2,048 × 131,072 + 18 × 2,048 × 128 (windows full)
    expect(kvCacheBytes(arch('gpt-oss-120b'), K128, BF16)).toBe(18 * 2048 * 131_072 + 18 * 2048 * 128); // 4,836,556,800
    expect(linearStateBytes(arch('gpt-oss-120b'), BF16)).toBe(0);
  });

  it('DeepSeek-V3: 61 MLA layers of (512 latent + 64 RoPE) × 2 B; the MTP layer only with --mtp', () => {
    const c = config('deepseek-v3');
    expect([c.num_hidden_layers, c.kv_lora_rank, c.qk_rope_head_dim, c.num_nextn_predict_layers]).toEqual([61, 512, 64, 1]);
    expect(kvGrowthPerToken(arch('deepseek-v3'), BF16)).toBe(61 * (512 + 64) * 2); // 70,272
    expect(kvGrowthPerToken(withMtp(arch('deepseek-v3')), BF16)).toBe(62 * (512 + 64) * 2); // 71,424
    expect(kvCacheBytes(arch('deepseek-v3'), K128, BF16)).toBe(61 * 1152 * 131_072); // 9,210,691,584
    expect(linearStateBytes(arch('deepseek-v3'), BF16)).toBe(0);
  });

  it('Qwen3.5-0.8B: 6 full layers of 2 KV heads × 256; 18 Gated DeltaNet layers with fp32 recurrent state', () => {
    const t = config('qwen3.5-0.8b').text_config;
    expect(t.layer_types.filter((x: string) => x === 'full_attention')).toHaveLength(6);
    expect([t.num_key_value_heads, t.head_dim, t.mamba_ssm_dtype]).toEqual([2, 256, 'float32']);
    expect(kvGrowthPerToken(arch('qwen3.5-0.8b'), BF16)).toBe(6 * 2 * 2 * 256 * 2); // 12,288
    expect(kvGrowthPerToken(withMtp(arch('qwen3.5-0.8b')), BF16)).toBe(7 * 2 * 2 * 256 * 2); // 14,336 with the MTP layer
    // per GDN layer: recurrent 16 value heads × 128 × 128 × 4 B = 1,048,576;
    // conv (4 − 1) × (2 × 16 × 128 + 16 × 128) × 2 B = 36,864; × 18 layers
    expect(linearStateBytes(arch('qwen3.5-0.8b'), BF16)).toBe(18 * (16 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 16 * 128) * 2)); // 19,537,920
  });

  it('Qwen3.5-9B: 8 full layers of 4 KV heads × 256; 24 Gated DeltaNet layers of 32 value heads, fp32 state', () => {
    const t = config('qwen3.5-9b').text_config;
    expect(t.layer_types.filter((x: string) => x === 'full_attention')).toHaveLength(8);
    expect([t.num_key_value_heads, t.linear_num_value_heads, t.mamba_ssm_dtype, t.mtp_num_hidden_layers]).toEqual([4, 32, 'float32', 1]);
    expect(kvGrowthPerToken(arch('qwen3.5-9b'), BF16)).toBe(8 * 2 * 4 * 256 * 2); // 32,768
    expect(kvGrowthPerToken(withMtp(arch('qwen3.5-9b')), BF16)).toBe(9 * 2 * 4 * 256 * 2); // 36,864
    // per layer: 32 × 128 × 128 × 4 B = 2,097,152 + 3 × (2 × 16 × 128 + 32 × 128) × 2 B = 49,152; × 24
    expect(linearStateBytes(arch('qwen3.5-9b'), BF16)).toBe(24 * (32 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 32 * 128) * 2)); // 51,511,296
  });

  it('Olmo 3.1 32B Instruct: 16 full + 48 sliding-window (4,096) layers; head dim 5,120 ÷ 40 = 128', () => {
    const c = config('olmo-3.1-32b-instruct');
    expect(c.layer_types.filter((t: string) => t === 'full_attention')).toHaveLength(16);
    expect([c.num_key_value_heads, c.hidden_size / c.num_attention_heads, c.sliding_window, 'head_dim' in c]).toEqual([8, 128, 4096, false]);
    expect(kvGrowthPerToken(arch('olmo-3.1-32b-instruct'), BF16)).toBe(16 * 2 * 8 * 128 * 2); // 65,536
    expect(kvCacheBytes(arch('olmo-3.1-32b-instruct'), K128, BF16)).toBe(16 * 4096 * 131_072 + 48 * 4096 * 4096); // 9,395,240,960
  });

  it('Devstral 2 123B: 88 full-attention layers of 8 KV heads × 128', () => {
    const c = config('devstral-2-123b');
    expect([c.num_hidden_layers, c.num_key_value_heads, c.head_dim, c.sliding_window]).toEqual([88, 8, 128, null]);
    expect(kvGrowthPerToken(arch('devstral-2-123b'), BF16)).toBe(88 * 2 * 8 * 128 * 2); // 360,448
    expect(linearStateBytes(arch('devstral-2-123b'), BF16)).toBe(0);
  });
});

/** The same figures from the catalog entries, through the CLI: versus fit <id> --gpu h200 --gpus 8 --context 128k --json. */
describe('versus fit --json on the catalog entries agrees with the hand derivations', () => {
  const HAND = [
    // id, KV growth per token (whole model, bf16), KV of one sequence at 128K, state per sequence, growth with --mtp
    { id: 'gpt-oss-120b', growth: 18 * 2 * 8 * 64 * 2, at128k: 18 * 2048 * 131_072 + 18 * 2048 * 128, state: 0, mtp: 18 * 2 * 8 * 64 * 2 },
    { id: 'deepseek-v3', growth: 61 * 576 * 2, at128k: 61 * 576 * 2 * 131_072, state: 0, mtp: 62 * 576 * 2 },
    { id: 'devstral-2-123b', growth: 88 * 2 * 8 * 128 * 2, at128k: 88 * 4096 * 131_072, state: 0, mtp: 88 * 2 * 8 * 128 * 2 },
    { id: 'qwen3.5-9b', growth: 8 * 2 * 4 * 256 * 2, at128k: 8 * 4096 * 131_072, state: 24 * (32 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 32 * 128) * 2), mtp: 9 * 2 * 4 * 256 * 2 },
    { id: 'qwen3.5-0.8b', growth: 6 * 2 * 2 * 256 * 2, at128k: 6 * 2 * 2 * 256 * 2 * 131_072, state: 18 * (16 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 16 * 128) * 2), mtp: 7 * 2 * 2 * 256 * 2 },
  ];
  it.each(HAND)('$id', async ({ id, growth, at128k, state, mtp }) => {
    const r = await fitFigures(shippedCatalog, id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([growth, at128k, state]);
    const withHead = await fitFigures(shippedCatalog, id, '--mtp');
    expect([withHead.mtp, withHead.kv.growthPerToken]).toEqual([true, mtp]);
  });
});
