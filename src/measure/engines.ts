// Engines' memory rules from the catalog (data/precisions.yaml `runtimes`): which engine runs a device, what it reserves and profiles, and its KV cache types.
import type { Catalog } from '../catalog/catalog.js';
import type { Gpu, Runtime } from '../catalog/schema.js';
import { suggest } from '../catalog/suggest.js';
import { NotFoundError, UsageError, VersusError } from '../errors.js';
import type { EngineRules, GpuSpec } from './fit.js';
import { DTYPE_BYTES } from './memory.js';

const GIB = 2 ** 30;

export type KvDtypeName = 'bf16' | 'fp8' | 'q8_0' | 'q4_0';
/** KV cache types: bf16 and fp8 in every engine; q8_0 and q4_0 where the engine lists them (llama.cpp). */
export const KV_DTYPES: readonly KvDtypeName[] = ['bf16', 'fp8', 'q8_0', 'q4_0'];

/** Phones and unified-memory machines run llama.cpp-style engines; data-center and desktop GPUs, vLLM (each engine's `default_for` in the catalog). */
export function defaultRuntime(gpu: Gpu, catalog?: Catalog): string {
  const listed = catalog?.runtimes.find((r) => r.default_for.includes(gpu.class));
  if (listed) return listed.id;
  return gpu.class === 'edge' || gpu.class === 'unified-memory' ? 'llama.cpp' : 'vllm';
}

/** An engine by id; an unknown id is a NotFoundError with the nearest ids. */
export function runtimeById(catalog: Catalog, id: string): Runtime {
  const r = catalog.runtime.get(id);
  if (r) return r;
  if (catalog.runtimes.length === 0) throw new VersusError('E_CATALOG_MISSING', `The catalog has no engine rules "${id}" (data/precisions.yaml, section runtimes).`, 1);
  throw new NotFoundError('engine', id, suggest(id, catalog.runtime.keys()));
}

/**
 * The batch an engine profiles on this device: vLLM takes max_num_batched_tokens 8192 and max_num_seqs
 * 1024 on devices of at least 70 GiB other than the A100, 2048 and 256 elsewhere (`profile_batch`).
 */
export function profileBatch(r: Runtime, gpu?: Pick<GpuSpec, 'memoryBytes' | 'name'>): { tokens: number; seqs: number } | undefined {
  const pb = r.profile_batch?.value;
  if (!pb) return r.activation ? { tokens: r.activation.value.tokens, seqs: 0 } : undefined;
  const name = gpu?.name.toLowerCase() ?? '';
  const large = gpu !== undefined && gpu.memoryBytes >= pb.large_from_gib * GIB && !pb.except.some((e) => name.includes(e.toLowerCase()));
  return large ? pb.large : pb.small;
}

/** The engine's memory rules from the catalog (data/precisions.yaml `runtimes`), for this device when one is given. */
export function engineRules(catalog: Catalog, id = 'vllm', gpu?: Pick<GpuSpec, 'memoryBytes' | 'name'>): EngineRules {
  const r = runtimeById(catalog, id);
  const profile = profileBatch(r, gpu);
  const cb = r.compute_buffer?.value;
  return {
    name: r.name, reservation: r.reservation.value, reservationOf: r.reservation_of,
    allowanceBytes: Math.round(r.allowance_gib.value * GIB), allowanceTpBytes: Math.round(r.allowance_tp_gib.value * GIB),
    ...(r.activation && profile ? { activationBytesPerFfnColumn: profile.tokens * r.activation.value.bytes_per_ffn_value, profile } : {}),
    ...(r.sampler && profile ? { samplerBytesPerVocab: profile.seqs * r.sampler.value.bytes_per_logit } : {}),
    ...(cb ? { computeBuffer: { ubatch: cb.ubatch, bytesPerValue: cb.bytes_per_value, flashAttention: cb.flash_attention } } : {}),
    ...(r.layer_offload ? { layerOffload: true } : {}),
    ...(r.kv_block_tokens ? { kvBlockTokens: r.kv_block_tokens.value } : {}),
    ...(r.allowance_gib.note ? { basis: r.allowance_gib.note } : {}),
  };
}

/**
 * Bytes per KV value of a cache type: bf16 2, fp8 1; block-quantized types (llama.cpp q8_0: 34 bytes
 * per 32 values = 1.0625) as the engine lists them. A type the engine does not offer is a UsageError.
 */
export function kvValueBytes(runtime: Runtime, kv: KvDtypeName): number {
  const listed = runtime.kv_cache_types.find((t) => t.id === kv);
  if (listed) return listed.bytes_per_value.value;
  if (kv === 'bf16' || kv === 'fp8') return DTYPE_BYTES[kv];
  const offered = ['bf16', 'fp8', ...runtime.kv_cache_types.map((t) => t.id)].filter((v, i, a) => a.indexOf(v) === i);
  throw new UsageError(`${runtime.name} has no "${kv}" KV cache; it offers ${offered.join(', ')} (q8_0 and q4_0 are llama.cpp types: --engine llama.cpp).`);
}

