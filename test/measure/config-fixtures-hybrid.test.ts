// Recurrent, hybrid and sliding-window models: KV bytes per token and state bytes per sequence derived
// by hand from each fixture's config.json fields, against what versus reads from the same files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { readConfig } from '../../src/catalog/ingest/architecture.js';
import { ingest, parseConfigJson } from '../../src/catalog/ingest/index.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { allFullAttention, kvCacheBytes, kvGrowthPerToken, linearStateBytes, withMtp } from '../../src/measure/memory.js';
import { CONFIGS_DIR as CONFIGS, compiledBesideCatalog, fitFigures } from '../config-fixtures.js';
import { run, shippedCatalog } from '../helpers.js';

type Json = Record<string, any>;
const text = (dir: string) => readFileSync(join(CONFIGS, dir, 'config.json'), 'utf8');
/** The fixture as plain data for the hand derivations (Python's bare Infinity is no JSON; these tests never read that field). */
const config = (dir: string): Json => JSON.parse(text(dir).replace(/\bInfinity\b/g, '1e999')) as Json;
const arch = (dir: string): Architecture => {
  const r = readConfig(parseConfigJson(text(dir)) as Json);
  if (!('value' in r.architecture)) throw new Error(r.architecture.unknown);
  return r.architecture.value;
};
const count = (xs: readonly unknown[], x: unknown) => xs.filter((y) => y === x).length;
const BF16 = 2;
const K128 = 131_072;

/** The hand derivations (bf16 KV and conv state, whole model, one sequence). */
describe('hand-derived KV and state from config.json: recurrent, hybrid and sliding-window models', () => {
  it('gpt-oss-20b: 12 full + 12 sliding-window (128) layers, 8 KV heads × 64', () => {
    const c = config('gpt-oss-20b');
    expect([count(c.layer_types, 'full_attention'), count(c.layer_types, 'sliding_attention')]).toEqual([12, 12]);
    expect([c.num_key_value_heads, c.head_dim, c.sliding_window]).toEqual([8, 64, 128]);
    // per layer per token: 2 (K, V) × 8 × 64 × 2 B = 2,048 B; only the 12 full layers grow.
    expect(kvGrowthPerToken(arch('gpt-oss-20b'), BF16)).toBe(12 * 2048); // 24,576
    // at 128K: 12 × 2,048 × 131,072 + 12 × 2,048 × 128 (each window full at 128 tokens)
    expect(kvCacheBytes(arch('gpt-oss-20b'), K128, BF16)).toBe(12 * 2048 * 131_072 + 12 * 2048 * 128); // 3,224,371,200
    expect(linearStateBytes(arch('gpt-oss-20b'), BF16)).toBe(0);
  });

  it('Nemotron 3 Nano 30B-A3B: pattern of 23 M + 23 E + 6 *; Mamba-2 state in float32', () => {
    const c = config('nemotron-3-nano-30b-a3b');
    const p = [...(c.hybrid_override_pattern as string)];
    expect([p.length, count(p, 'M'), count(p, 'E'), count(p, '*')]).toEqual([52, 23, 23, 6]);
    expect([c.num_key_value_heads, c.head_dim, c.mamba_num_heads, c.mamba_head_dim, c.ssm_state_size, c.n_groups, c.conv_kernel, c.mamba_ssm_cache_dtype])
      .toEqual([2, 128, 64, 64, 128, 8, 4, 'float32']);
    // 6 attention layers × 2 × 2 KV heads × 128 × 2 B = 6 × 1,024
    expect(kvGrowthPerToken(arch('nemotron-3-nano-30b-a3b'), BF16)).toBe(6 * 1024); // 6,144
    expect(kvCacheBytes(arch('nemotron-3-nano-30b-a3b'), K128, BF16)).toBe(6 * 1024 * 131_072); // 805,306,368
    // per Mamba-2 layer: ssm 64 heads × 64 × 128 state × 4 B = 2,097,152;
    // conv (4 − 1) × (64 × 64 + 2 × 8 groups × 128) × 2 B = 3 × 6,144 × 2 = 36,864; × 23 layers
    expect(linearStateBytes(arch('nemotron-3-nano-30b-a3b'), BF16)).toBe(23 * (64 * 64 * 128 * 4 + 3 * (64 * 64 + 2 * 8 * 128) * 2)); // 49,082,368
    // tensor parallel over 8 GPUs: 2 KV heads → one replicated head each; 64 SSM heads → 8; 8 groups → 1
    expect(kvGrowthPerToken(arch('nemotron-3-nano-30b-a3b'), BF16, 8)).toBe(6 * 2 * 1 * 128 * 2); // 3,072
    expect(linearStateBytes(arch('nemotron-3-nano-30b-a3b'), BF16, 8)).toBe(23 * (8 * 64 * 128 * 4 + 3 * (512 + 2 * 1 * 128) * 2)); // 6,135,296
  });

  it('Nemotron 3 Super 120B-A12B: 40 M + 40 E + 8 * layers, and one MTP block "*E" with one attention layer', () => {
    const c = config('nemotron-3-super-120b-a12b');
    const p = [...(c.hybrid_override_pattern as string)];
    expect([p.length, count(p, 'M'), count(p, 'E'), count(p, '*'), c.mtp_hybrid_override_pattern, c.num_nextn_predict_layers]).toEqual([88, 40, 40, 8, '*E', 1]);
    expect([c.num_key_value_heads, c.head_dim, c.mamba_num_heads, c.mamba_head_dim, c.ssm_state_size, c.n_groups, c.mamba_ssm_cache_dtype]).toEqual([2, 128, 128, 64, 128, 8, 'float32']);
    expect(kvGrowthPerToken(arch('nemotron-3-super-120b-a12b'), BF16)).toBe(8 * 2 * 2 * 128 * 2); // 8,192
    expect(kvGrowthPerToken(withMtp(arch('nemotron-3-super-120b-a12b')), BF16)).toBe(9 * 2 * 2 * 128 * 2); // 9,216
    // per layer: 128 × 64 × 128 × 4 B = 4,194,304 + 3 × (128 × 64 + 2 × 8 × 128) × 2 B = 61,440; × 40
    expect(linearStateBytes(arch('nemotron-3-super-120b-a12b'), BF16)).toBe(40 * (128 * 64 * 128 * 4 + 3 * (128 * 64 + 2 * 8 * 128) * 2)); // 170,229,760
  });

  it('Nemotron 3 Ultra 550B-A55B: no num_hidden_layers; layers_block_type lists 48 mamba + 48 moe + 12 attention', () => {
    const c = config('nemotron-3-ultra-550b-a55b');
    const b = c.layers_block_type as string[];
    expect(['num_hidden_layers' in c, b.length, count(b, 'mamba'), count(b, 'moe'), count(b, 'attention')]).toEqual([false, 108, 48, 48, 12]);
    expect(arch('nemotron-3-ultra-550b-a55b').layers).toBe(108);
    expect(kvGrowthPerToken(arch('nemotron-3-ultra-550b-a55b'), BF16)).toBe(12 * 2 * 2 * 128 * 2); // 12,288
    // mtp_layers_block_type [attention, moe]: one more attention layer under speculative decoding
    expect(kvGrowthPerToken(withMtp(arch('nemotron-3-ultra-550b-a55b')), BF16)).toBe(13 * 2 * 2 * 128 * 2); // 13,312
    // per layer: 256 × 64 × 128 × 4 B = 8,388,608 + 3 × (256 × 64 + 2 × 8 × 128) × 2 B = 110,592; × 48
    expect(linearStateBytes(arch('nemotron-3-ultra-550b-a55b'), BF16)).toBe(48 * (256 * 64 * 128 * 4 + 3 * (256 * 64 + 2 * 8 * 128) * 2)); // 407,961,600
  });

  it('Nemotron-H 56B: 54 M + 54 - (MLP) + 10 *; attention_head_dim; no state dtype, so the model dtype', () => {
    const c = config('nemotron-h-56b-base-8k');
    const p = [...(c.hybrid_override_pattern as string)];
    expect([p.length, count(p, 'M'), count(p, '-'), count(p, '*'), c.attention_head_dim, 'mamba_ssm_cache_dtype' in c]).toEqual([118, 54, 54, 10, 128, false]);
    expect(kvGrowthPerToken(arch('nemotron-h-56b-base-8k'), BF16)).toBe(10 * 2 * 8 * 128 * 2); // 40,960
    expect(kvCacheBytes(arch('nemotron-h-56b-base-8k'), 8192, BF16)).toBe(10 * 4096 * 8192); // its native 8K: 335,544,320
    // per layer, all in bf16: 256 × 64 × 256 × 2 B = 8,388,608 + 3 × (256 × 64 + 2 × 8 × 256) × 2 B = 122,880; × 54
    expect(linearStateBytes(arch('nemotron-h-56b-base-8k'), BF16)).toBe(54 * (256 * 64 * 256 * 2 + 3 * (256 * 64 + 2 * 8 * 256) * 2)); // 459,620,352
  });

  it('Kimi K2 Instruct: 61 MLA layers of (512 latent + 64 RoPE) × 2 B; num_nextn_predict_layers 0 means no MTP layer', () => {
    const c = config('kimi-k2-instruct');
    expect([c.num_hidden_layers, c.kv_lora_rank, c.qk_rope_head_dim, c.num_nextn_predict_layers]).toEqual([61, 512, 64, 0]);
    expect(kvGrowthPerToken(arch('kimi-k2-instruct'), BF16)).toBe(61 * (512 + 64) * 2); // 70,272
    expect(kvGrowthPerToken(withMtp(arch('kimi-k2-instruct')), BF16)).toBe(61 * 1152);
    expect(kvCacheBytes(arch('kimi-k2-instruct'), K128, BF16)).toBe(61 * 1152 * 131_072); // 9,210,691,584
    expect(linearStateBytes(arch('kimi-k2-instruct'), BF16)).toBe(0);
  });

  it('Kimi K2.5: the same 61 MLA layers inside a multimodal text_config', () => {
    const t = config('kimi-k2.5').text_config;
    expect([t.num_hidden_layers, t.kv_lora_rank, t.qk_rope_head_dim, t.max_position_embeddings]).toEqual([61, 512, 64, 262_144]);
    expect(kvGrowthPerToken(arch('kimi-k2.5'), BF16)).toBe(61 * 1152); // 70,272
    expect(kvCacheBytes(arch('kimi-k2.5'), 262_144, BF16)).toBe(61 * 1152 * 262_144); // 18,421,383,168 at its native context
  });

  it('Kimi K3: 69 KDA + 24 MLA layers from 1-indexed lists; MLA caches the RoPE dims though mla_use_nope; KDA state in fp32', () => {
    const t = config('kimi-k3').text_config;
    const l = t.linear_attn_config;
    expect([t.num_hidden_layers, l.kda_layers.length, l.full_attn_layers.length, l.full_attn_layers[0], l.full_attn_layers.at(-1), t.mla_use_nope]).toEqual([93, 69, 24, 4, 93, true]);
    expect([l.num_heads, l.head_dim, l.short_conv_kernel_size, t.kv_lora_rank, t.qk_rope_head_dim]).toEqual([96, 128, 4, 512, 64]);
    // vLLM caches kv_lora_rank + qk_rope_head_dim per MLA layer even for NoPE models: 24 × 576 × 2 B
    expect(kvGrowthPerToken(arch('kimi-k3'), BF16)).toBe(24 * 576 * 2); // 27,648
    expect(kvCacheBytes(arch('kimi-k3'), K128, BF16)).toBe(24 * 1152 * 131_072); // 3,623,878,656
    // per KDA layer: recurrent 96 heads × 128 × 128 × 4 B (fp32) = 6,291,456;
    // conv: q, k and v each (4 − 1) × 96 × 128 × 2 B = 73,728, × 3 = 221,184; × 69 layers
    expect(linearStateBytes(arch('kimi-k3'), BF16)).toBe(69 * (96 * 128 * 128 * 4 + 3 * 3 * 96 * 128 * 2)); // 449,372,160
    // over 8 GPUs: 12 KDA heads each; the MLA latent is one head every GPU keeps whole
    expect(linearStateBytes(arch('kimi-k3'), BF16, 8)).toBe(69 * (12 * 128 * 128 * 4 + 3 * 3 * 1536 * 2)); // 56,171,520
    expect(kvGrowthPerToken(arch('kimi-k3'), BF16, 8)).toBe(24 * 1152);
    // A calculator that ignores the mix makes all 93 layers MLA (its only global kind): 93 × 1,152, not 93 × 2 × 96 × 192 × 2
    expect(kvGrowthPerToken(allFullAttention(arch('kimi-k3')), BF16)).toBe(93 * 1152); // 107,136
  });

  it('Qwen3-Next-80B-A3B: full_attention_interval 4 and no layer_types; 36 Gated DeltaNet layers with no state dtype, so bf16', () => {
    const c = config('qwen3-next-80b-a3b');
    expect([c.num_hidden_layers, c.full_attention_interval, 'layer_types' in c, c.num_key_value_heads, c.head_dim]).toEqual([48, 4, false, 2, 256]);
    expect([c.linear_num_key_heads, c.linear_num_value_heads, c.linear_key_head_dim, c.linear_value_head_dim, c.linear_conv_kernel_dim, 'mamba_ssm_dtype' in c, 'mtp_num_hidden_layers' in c])
      .toEqual([16, 32, 128, 128, 4, false, false]);
    const a = arch('qwen3-next-80b-a3b');
    // every 4th of 48 layers is full attention: 12 layers × 2 × 2 KV heads × 256 × 2 B = 12 × 2,048
    expect(kvGrowthPerToken(a, BF16)).toBe(12 * 2 * 2 * 256 * 2); // 24,576
    expect(kvCacheBytes(a, K128, BF16)).toBe(12 * 2048 * 131_072); // 3,221,225,472
    // the config declares no MTP layer, so speculative decoding adds none
    expect(kvGrowthPerToken(withMtp(a), BF16)).toBe(12 * 2048);
    // per layer, both states in the model dtype (vLLM's gated_delta_net_state_dtype, mamba_utils.py at
    // vllm-project/vllm 2afe1e8573cf51b73569ae1d35f59078a2032a91): recurrent 32 × 128 × 128 × 2 B = 1,048,576;
    // conv (4 − 1) × (2 × 16 × 128 + 32 × 128) × 2 B = 49,152; × 36 layers
    expect(linearStateBytes(a, BF16)).toBe(36 * (32 * 128 * 128 * 2 + 3 * (2 * 16 * 128 + 32 * 128) * 2)); // 39,518,208
    // over 8 GPUs: 2 KV heads → one replicated head each; 32 value heads → 4; conv width 8,192 → 1,024
    expect(kvGrowthPerToken(a, BF16, 8)).toBe(12 * 2 * 1 * 256 * 2); // 12,288
    expect(linearStateBytes(a, BF16, 8)).toBe(36 * (4 * 128 * 128 * 2 + 3 * 1024 * 2)); // 4,939,776
  });

  it('Kimi Linear 48B-A3B: 20 KDA + 7 MLA layers from 1-indexed lists; no max_position_embeddings, so model_max_length', () => {
    const c = config('kimi-linear-48b-a3b-instruct');
    const l = c.linear_attn_config;
    expect([c.num_hidden_layers, l.kda_layers.length, l.full_attn_layers.length, l.full_attn_layers[0], l.full_attn_layers.at(-1), c.mla_use_nope, c.num_nextn_predict_layers])
      .toEqual([27, 20, 7, 4, 27, true, 0]);
    expect([l.num_heads, l.head_dim, l.short_conv_kernel_size, c.kv_lora_rank, c.qk_rope_head_dim, 'max_position_embeddings' in c, c.model_max_length])
      .toEqual([32, 128, 4, 512, 64, false, 1_048_576]);
    const a = arch('kimi-linear-48b-a3b-instruct');
    // 7 MLA layers × (512 latent + 64 RoPE) × 2 B, cached although mla_use_nope
    expect(kvGrowthPerToken(a, BF16)).toBe(7 * (512 + 64) * 2); // 8,064
    expect(kvCacheBytes(a, K128, BF16)).toBe(7 * 1152 * 131_072); // 1,056,964,608
    expect(kvGrowthPerToken(withMtp(a), BF16)).toBe(7 * 1152);
    // per KDA layer: recurrent 32 heads × 128 × 128 × 4 B (fp32: vLLM's kda_state_dtype) = 2,097,152;
    // conv: q, k and v each (4 − 1) × 32 × 128 × 2 B = 24,576, × 3 = 73,728; × 20 layers
    expect(linearStateBytes(a, BF16)).toBe(20 * (32 * 128 * 128 * 4 + 3 * 3 * 32 * 128 * 2)); // 43,417,600
    // over 8 GPUs: 4 KDA heads each; every GPU keeps the whole MLA latent
    expect(linearStateBytes(a, BF16, 8)).toBe(20 * (4 * 128 * 128 * 4 + 3 * 3 * 512 * 2)); // 5,427,200
    expect(kvGrowthPerToken(a, BF16, 8)).toBe(7 * 1152);
    // native context from model_max_length, named as such; max_position_embeddings wins where a config has both
    const read = readConfig(c);
    expect([read.context, read.taken.find((t) => t.field === 'context.native')?.path]).toEqual([{ native: 1_048_576 }, '$.model_max_length']);
    expect(readConfig({ ...c, max_position_embeddings: 8192 }).context).toEqual({ native: 8192 });
  });

  it('Granite-4.0-H-Small: layer_types 36 mamba + 4 attention; no head_dim and no state dtype; experts of intermediate_size beside a shared MLP', () => {
    const c = config('granite-4.0-h-small');
    expect([c.num_hidden_layers, count(c.layer_types, 'mamba'), count(c.layer_types, 'attention'), c.layer_types.indexOf('attention'), 'head_dim' in c, c.hidden_size / c.num_attention_heads, c.num_key_value_heads])
      .toEqual([40, 36, 4, 5, false, 128, 8]);
    expect([c.mamba_n_heads, c.mamba_d_head, c.mamba_d_state, c.mamba_n_groups, c.mamba_d_conv, c.mamba_n_heads * c.mamba_d_head, c.mamba_expand * c.hidden_size, 'mamba_ssm_cache_dtype' in c])
      .toEqual([128, 64, 128, 1, 4, 8192, 8192, false]);
    const a = arch('granite-4.0-h-small');
    // 4 attention layers × 2 × 8 KV heads × 128 × 2 B = 4 × 4,096
    expect(kvGrowthPerToken(a, BF16)).toBe(4 * 2 * 8 * 128 * 2); // 16,384
    expect(kvCacheBytes(a, K128, BF16)).toBe(4 * 4096 * 131_072); // 2,147,483,648
    // per Mamba-2 layer, all in bf16 (mamba2_state_dtype: the model dtype when mamba_ssm_cache_dtype is "auto"):
    // recurrent 128 heads × 64 × 128 state × 2 B = 2,097,152; conv (4 − 1) × (128 × 64 + 2 × 1 × 128) × 2 B = 50,688; × 36
    expect(linearStateBytes(a, BF16)).toBe(36 * (128 * 64 * 128 * 2 + 3 * (128 * 64 + 2 * 1 * 128) * 2)); // 77,322,240
    // over 8 GPUs: 8 KV heads → 1 each; 128 SSM heads → 16; the one B/C group is copied to every GPU
    expect(kvGrowthPerToken(a, BF16, 8)).toBe(4 * 2 * 1 * 128 * 2); // 2,048
    expect(linearStateBytes(a, BF16, 8)).toBe(36 * (16 * 64 * 128 * 2 + 3 * (1024 + 2 * 1 * 128) * 2)); // 9,713,664
    // intermediate_size (768) is the routed experts' width; shared_intermediate_size (1536) a shared MLP in every layer
    expect([a.intermediate, a.moe]).toEqual([undefined, { experts: 72, experts_per_token: 10, shared_experts: 1, expert_intermediate: 768 }]);
    // Granite's dense hybrids (num_local_experts 0) have only the shared MLP: it is then each layer's FFN
    const dense = readConfig({ ...c, num_local_experts: 0 }).architecture;
    expect('value' in dense && [dense.value.moe, dense.value.intermediate]).toEqual([undefined, 1536]);
  });

  it('Qwen3.6-27B: 16 full layers of 4 KV heads × 256; 48 Gated DeltaNet layers with fp32 recurrent state; one MTP layer', () => {
    const t = config('qwen3.6-27b').text_config;
    expect([count(t.layer_types, 'full_attention'), count(t.layer_types, 'linear_attention')]).toEqual([16, 48]);
    expect([t.num_key_value_heads, t.head_dim, t.linear_num_key_heads, t.linear_num_value_heads, t.linear_conv_kernel_dim, t.mamba_ssm_dtype, t.mtp_num_hidden_layers])
      .toEqual([4, 256, 16, 48, 4, 'float32', 1]);
    expect(kvGrowthPerToken(arch('qwen3.6-27b'), BF16)).toBe(16 * 2 * 4 * 256 * 2); // 65,536
    expect(kvGrowthPerToken(withMtp(arch('qwen3.6-27b')), BF16)).toBe(17 * 2 * 4 * 256 * 2); // 69,632
    // per layer: 48 × 128 × 128 × 4 B = 3,145,728 + 3 × (2 × 16 × 128 + 48 × 128) × 2 B = 61,440; × 48
    expect(linearStateBytes(arch('qwen3.6-27b'), BF16)).toBe(48 * (48 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 48 * 128) * 2)); // 153,944,064
  });
});

describe('layer lists read the way the config counts them', () => {
  const kimi = (kda: number[], full: number[]) => {
    const c = config('kimi-k3');
    const t = { ...c.text_config, num_hidden_layers: kda.length + full.length, linear_attn_config: { ...c.text_config.linear_attn_config, kda_layers: kda, full_attn_layers: full } };
    return readConfig({ ...c, text_config: t }).architecture;
  };
  it('a list that holds 0 counts from 0; either way each layer is named once', () => {
    const zero = kimi([0, 1, 2, 4], [3]);
    const one = kimi([1, 2, 3, 5], [4]);
    for (const a of [zero, one]) {
      expect('value' in a && a.value.attention.map((g) => [g.kind, g.layers])).toEqual([['kda', 4], ['mla', 1]]);
    }
  });
  it('lists that leave a layer out, or name one twice, leave the architecture unknown with the reason', () => {
    expect(kimi([1, 2, 3, 3], [4])).toEqual({ unknown: expect.stringContaining('do not name each of the 5 layers exactly once') });
    expect(kimi([1, 2, 3, 6], [4])).toEqual({ unknown: expect.stringContaining('kda_layers and .full_attn_layers') });
  });
  it('Llama 4: attention_chunk_size with no layer_types — RoPE layers chunked, every 4th (NoPE) layer full', () => {
    // Llama 4 Scout's text fields as the catalog's sources quote them (48 layers, 8 KV heads × 128, chunk 8,192).
    const scout = { num_hidden_layers: 48, hidden_size: 5120, num_attention_heads: 40, num_key_value_heads: 8, head_dim: 128, vocab_size: 202048, tie_word_embeddings: false, attention_chunk_size: 8192 };
    const groups = (extra: Json) => {
      const a = readConfig({ ...scout, ...extra }).architecture;
      return 'value' in a ? a.value.attention.map((g) => [g.kind, g.layers]) : a.unknown;
    };
    // no_rope_layers empty: transformers' default interval 4 makes layers 3, 7, … 47 NoPE
    expect(groups({ no_rope_layers: [] })).toEqual([['chunked', 36], ['full', 12]]);
    expect(groups({ no_rope_layer_interval: 2 })).toEqual([['chunked', 24], ['full', 24]]);
    expect(groups({ no_rope_layers: Array.from({ length: 48 }, (_, i) => (i < 40 ? 1 : 0)) })).toEqual([['chunked', 40], ['full', 8]]);
    expect(groups({ no_rope_layers: [1, 0, 2] })).toEqual(expect.stringContaining('should give 0 or 1 for each of the 48 layers'));
    // At 128K: 36 × 2 × 8 × 128 × 2 B × 8,192 + 12 × 4,096 B × 131,072 (the full layers grow)
    const a = readConfig({ ...scout, no_rope_layers: [] }).architecture;
    expect('value' in a && kvCacheBytes(a.value, K128, BF16)).toBe(36 * 4096 * 8192 + 12 * 4096 * 131_072); // 7,650,410,496
  });

  it('a parallel hybrid (mamba_d_ssm, no layer list, as Falcon-H1 writes it): every layer keeps KV and a Mamba-2 state', () => {
    // A small made-up config in Falcon-H1's field names; no Falcon-H1 config.json was available to copy.
    const base = { num_hidden_layers: 4, hidden_size: 256, num_attention_heads: 8, num_key_value_heads: 2, head_dim: 32, vocab_size: 1000, tie_word_embeddings: false,
      mamba_d_ssm: 512, mamba_n_heads: 8, mamba_d_head: 64, mamba_n_groups: 1, mamba_d_state: 16, mamba_d_conv: 4 };
    const read = readConfig(base).architecture;
    if (!('value' in read)) throw new Error(read.unknown);
    expect(read.value.attention.map((g) => [g.kind, g.layers, g.parallel ?? false])).toEqual([['full', 4, false], ['mamba2', 4, true]]);
    expect(kvGrowthPerToken(read.value, BF16)).toBe(4 * 2 * 2 * 32 * 2); // 1,024: all 4 layers grow
    // per layer, bf16 (no state dtype given): 8 × 64 × 16 × 2 B + 3 × (8 × 64 + 2 × 1 × 16) × 2 B = 16,384 + 3,264
    expect(linearStateBytes(read.value, BF16)).toBe(4 * (8 * 64 * 16 * 2 + 3 * (512 + 32) * 2)); // 78,592
    expect(readConfig({ ...base, mamba_d_ssm: 1024 }).architecture).toEqual({ unknown: expect.stringContaining('$.mamba_d_ssm is 1024, not mamba heads × head dim (512)') });
  });

  it("Python's bare Infinity and NaN are read as words, not as a JSON error; other bad JSON still fails", () => {
    expect(parseConfigJson('{"time_step_limit": [0.0, Infinity], "x": -Infinity, "s": "NaN Infinity", "y": NaN}'))
      .toEqual({ time_step_limit: [0, 'Infinity'], x: '-Infinity', s: 'NaN Infinity', y: 'NaN' });
    expect(() => parseConfigJson('{"a": Infinit}')).toThrow();
  });
});

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

describe('versus ingest on these fixtures', () => {
  const NEW = [
    { dir: 'nemotron-3-super-120b-a12b', generation: 'nemotron-3', license: 'nvidia-nemotron-open-model' },
    { dir: 'nemotron-3-ultra-550b-a55b', generation: 'nemotron-3', license: 'nvidia-nemotron-open-model' },
    { dir: 'nemotron-h-56b-base-8k', generation: 'nemotron-3', license: 'nvidia-nemotron-open-model' },
    { dir: 'qwen3-next-80b-a3b', generation: 'qwen3-next', license: 'apache-2.0' },
    { dir: 'kimi-linear-48b-a3b-instruct', generation: 'kimi-linear', license: 'mit' },
    { dir: 'granite-4.0-h-small', generation: 'granite-4.0', license: 'apache-2.0' },
  ];
  it.each(NEW)('$dir: the draft passes versus validate beside the shipped catalog', async ({ dir, generation, license }) => {
    const id = `${dir}-ingest-draft`;
    const r = await ingest(catalog, join(CONFIGS, dir), { id, generation, license, today: '2026-12-02' });
    expect('value' in (r.draft.model.architecture as object)).toBe(true);
    expect(await compiledBesideCatalog(r.yaml)).toContain(id);
  });
  it.each(['gpt-oss-20b', 'nemotron-3-nano-30b-a3b', 'kimi-k2-instruct', 'kimi-k2.5', 'kimi-k3', 'qwen3.6-27b', 'qwen3-next-80b-a3b', 'kimi-linear-48b-a3b-instruct', 'granite-4.0-h-small'])('%s: the catalog entry agrees with the config', async (dir) => {
    const r = await ingest(catalog, join(CONFIGS, dir), { today: '2026-12-02' });
    expect(r.existing?.id).toBe(dir);
    expect(r.differences).toEqual([]);
  });
});

/** The same figures from the catalog entries, through the CLI: versus fit <id> --gpu h200 --gpus 8 --context 128k --json. */
describe('versus fit --json on the catalog entries agrees with the hand derivations', () => {
  const HAND = [
    // id, KV growth per token (whole model, bf16), KV of one sequence at 128K, state per sequence, growth with --mtp
    { id: 'gpt-oss-20b', growth: 12 * 2048, at128k: 12 * 2048 * 131_072 + 12 * 2048 * 128, state: 0, mtp: 12 * 2048 },
    { id: 'nemotron-3-nano-30b-a3b', growth: 6 * 1024, at128k: 6 * 1024 * 131_072, state: 23 * (64 * 64 * 128 * 4 + 3 * (64 * 64 + 2 * 8 * 128) * 2), mtp: 6 * 1024 },
    { id: 'kimi-k2-instruct', growth: 61 * 1152, at128k: 61 * 1152 * 131_072, state: 0, mtp: 61 * 1152 },
    { id: 'kimi-k2.5', growth: 61 * 1152, at128k: 61 * 1152 * 131_072, state: 0, mtp: 61 * 1152 },
    { id: 'kimi-k3', growth: 24 * 1152, at128k: 24 * 1152 * 131_072, state: 69 * (96 * 128 * 128 * 4 + 3 * 3 * 96 * 128 * 2), mtp: 24 * 1152 },
    { id: 'qwen3.6-27b', growth: 16 * 4096, at128k: 16 * 4096 * 131_072, state: 48 * (48 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 48 * 128) * 2), mtp: 17 * 4096 },
    { id: 'qwen3-next-80b-a3b', growth: 12 * 2048, at128k: 12 * 2048 * 131_072, state: 36 * (32 * 128 * 128 * 2 + 3 * (2 * 16 * 128 + 32 * 128) * 2), mtp: 12 * 2048 },
    { id: 'kimi-linear-48b-a3b-instruct', growth: 7 * 1152, at128k: 7 * 1152 * 131_072, state: 20 * (32 * 128 * 128 * 4 + 3 * 3 * 32 * 128 * 2), mtp: 7 * 1152 },
    { id: 'granite-4.0-h-small', growth: 4 * 4096, at128k: 4 * 4096 * 131_072, state: 36 * (128 * 64 * 128 * 2 + 3 * (128 * 64 + 2 * 128) * 2), mtp: 4 * 4096 },
    // Qwen3.5-397B-A17B (config: 15 full layers of 2 KV heads × 256, 45 GDN layers of 64 V / 16 QK heads, mtp_num_hidden_layers 1)
    { id: 'qwen3.5-397b-a17b', growth: 15 * 2 * 2 * 256 * 2, at128k: 15 * 2048 * 131_072, state: 45 * (64 * 128 * 128 * 4 + 3 * (2 * 16 * 128 + 64 * 128) * 2), mtp: 16 * 2048 },
  ];
  it.each(HAND)('$id', async ({ id, growth, at128k, state, mtp }) => {
    const r = await fitFigures(() => Promise.resolve(catalog), id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([growth, at128k, state]);
    const withHead = await fitFigures(() => Promise.resolve(catalog), id, '--mtp');
    expect([withHead.mtp, withHead.kv.growthPerToken]).toEqual([true, mtp]);
  });

  it('versus show and versus fit name each layer group, what grows and the constant state', async () => {
    const show = await run(['show', 'nemotron-3-nano-30b-a3b'], { catalog: () => Promise.resolve(catalog) });
    expect(show.stdout).toMatch(/23 Mamba-2 +constant per sequence: 2\.13 MB per layer/);
    expect(show.stdout).toMatch(/6 full-attention +grows: 2 × 2 KV heads × 128 dims × 2 B = 1 KiB\/token\/layer/);
    expect(show.stdout).toMatch(/23 MLP\/MoE-only/);
    const fit = await run(['fit', 'kimi-k3', '--gpu', 'h100'], { catalog: () => Promise.resolve(catalog) });
    expect(fit.stdout).toMatch(/69 KDA +449 MB state +constant per sequence: 6\.51 MB per layer/);
    expect(fit.stdout).toMatch(/24 MLA +\S+ GB +grows: \(512 latent \+ 64 RoPE dims\) × 2 B/);
    // 93 × 1,152 B = 107,136 B ≈ 105 KiB, 93 ÷ 24 = 3.88× the growth of the 24 MLA layers
    expect(fit.stdout).toContain('If every layer were an MLA layer: 105 KiB per token, 112 GB at this context (3.88× the growth)');
    // --mtp on a model whose architecture names no MTP layer says so instead of adding nothing silently
    const mtp = await run(['fit', 'qwen3-next-80b-a3b', '--gpu', 'h200', '--mtp'], { catalog: () => Promise.resolve(catalog) });
    expect(mtp.stdout).toContain('--mtp adds nothing here: the cited architecture names no multi-token-prediction layer');
    expect((await run(['fit', 'qwen3-next-80b-a3b', '--gpu', 'h200'], { catalog: () => Promise.resolve(catalog) })).stdout).not.toContain('--mtp adds nothing');
    expect((await run(['fit', 'qwen3.6-27b', '--gpu', 'h200', '--mtp'], { catalog: () => Promise.resolve(catalog) })).stdout).not.toContain('--mtp adds nothing');
    const next = await run(['show', 'qwen3-next-80b-a3b'], { catalog: () => Promise.resolve(catalog) });
    // 32 × 128 × 128 × 2 B + 3 × 8,192 × 2 B = 1,097,728 B per layer
    expect(next.stdout).toMatch(/36 Gated DeltaNet +constant per sequence: 1\.1 MB per layer \(32 × 128 × 128 recurrent \(model dtype\) \+ 3 × 8192 conv per sequence\)/);
    expect(next.stdout).toMatch(/12 full-attention +grows: 2 × 2 KV heads × 256 dims × 2 B = 2 KiB\/token\/layer/);
  });
});
