// Layers that keep a fixed state per sequence instead of a growing cache: Gated DeltaNet, Mamba-2 and Falcon-H1's parallel Mamba heads.
import type { AttentionGroup } from '../schema.js';
import type { ConfigReader } from './config-reader.js';
import type { LayerSpec } from './layers.js';

const STATE_DTYPES: Record<string, 'fp32' | 'bf16' | 'fp16'> = { float32: 'fp32', bfloat16: 'bf16', float16: 'fp16' };

/** Qwen3-Next / 3.5 Gated DeltaNet. */
export function gatedDeltaNet(r: ConfigReader): LayerSpec | undefined {
  const keyHeads = r.int('linear_num_key_heads', 'attention.gated-deltanet.key_heads');
  const valueHeads = r.int('linear_num_value_heads', 'attention.gated-deltanet.value_heads');
  const keyDim = r.int('linear_key_head_dim', 'attention.gated-deltanet.key_head_dim');
  const valueDim = r.int('linear_value_head_dim', 'attention.gated-deltanet.value_head_dim');
  const kernel = r.int('linear_conv_kernel_dim', 'attention.gated-deltanet.conv_kernel');
  if ([keyHeads, valueHeads, keyDim, valueDim, kernel].some((x) => x === undefined)) return undefined;
  const dtype = stateDtype(r, ['mamba_ssm_dtype'], 'attention.gated-deltanet.recurrent_dtype');
  return { kind: 'gated-deltanet', key_heads: keyHeads!, value_heads: valueHeads!, key_head_dim: keyDim!, value_head_dim: valueDim!, conv_kernel: kernel!, ...(dtype ? { recurrent_dtype: dtype } : {}) };
}

/** Mamba-2 under either naming: Granite 4.0-H / Falcon-H1 (mamba_n_heads …) or Nemotron-H (mamba_num_heads …). */
export function mamba2(r: ConfigReader): LayerSpec | undefined {
  const f = 'attention.mamba2';
  const heads = r.intOf(['mamba_n_heads', 'mamba_num_heads'], `${f}.heads`);
  const headDim = r.intOf(['mamba_d_head', 'mamba_head_dim'], `${f}.head_dim`);
  const state = r.intOf(['mamba_d_state', 'ssm_state_size'], `${f}.state_size`);
  const groups = r.intOf(['mamba_n_groups', 'n_groups'], `${f}.groups`);
  const kernel = r.intOf(['mamba_d_conv', 'conv_kernel'], `${f}.conv_kernel`);
  if ([heads, headDim, state, groups, kernel].some((x) => x === undefined)) return undefined;
  const dtype = stateDtype(r, ['mamba_ssm_cache_dtype', 'mamba_ssm_dtype'], `${f}.recurrent_dtype`);
  return { kind: 'mamba2', heads: heads!, head_dim: headDim!, state_size: state!, groups: groups!, conv_kernel: kernel!, ...(dtype ? { recurrent_dtype: dtype } : {}) };
}

function stateDtype(r: ConfigReader, keys: readonly string[], field: string): 'fp32' | 'bf16' | 'fp16' | undefined {
  const key = keys.find((k) => r.has(k));
  if (key === undefined) return undefined;
  const value = r.raw(key);
  const dtype = STATE_DTYPES[String(value)];
  if (dtype === undefined) {
    r.problems.push(`${r.pathOf(key)} is ${JSON.stringify(value)}, not float32, bfloat16 or float16`);
    return undefined;
  }
  return r.take(field, r.pathOf(key) ?? key, dtype);
}

/** Falcon-H1: every decoder layer runs Mamba-2 heads beside its attention (transformers FalconH1DecoderLayer). */
export function parallelState(r: ConfigReader, layers: number): AttentionGroup | undefined {
  if (!r.has('mamba_d_ssm') || r.has('layer_types')) return undefined;
  const spec = mamba2(r);
  const dSsm = r.raw('mamba_d_ssm');
  // vLLM sizes the conv window with mamba_d_ssm (FalconH1 intermediate_size) and the SSM state with heads × head_dim: they must agree.
  if (spec?.kind === 'mamba2' && dSsm !== null && dSsm !== spec.heads * spec.head_dim) {
    r.problems.push(`${r.pathOf('mamba_d_ssm')} is ${JSON.stringify(dSsm)}, not mamba heads × head dim (${spec.heads * spec.head_dim})`);
    return undefined;
  }
  return spec ? ({ ...spec, layers, parallel: true } as AttentionGroup) : undefined;
}
