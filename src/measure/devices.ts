// A device's memory, bandwidth and compute as fit uses them: the catalog's GPUs, or one given on the command line.
import { isKnown } from '../catalog/catalog.js';
import type { Gpu } from '../catalog/schema.js';
import type { GpuSpec } from './fit.js';

const GIB = 2 ** 30;

/**
 * The memory fit computes with, in bytes: a stated per-app or GPU working-set budget (phones, Apple
 * silicon) first, then the memory the device reports to engines (GiB), else the vendor's decimal GB.
 * @example deviceMemoryBytes(h100) // 79.22 × 2^30 (what vLLM logs as total_gpu_memory), not 80e9
 */
export function deviceMemoryBytes(g: Gpu): number {
  if (g.budget_gb) return g.budget_gb.value * 1e9;
  if (g.reported_memory_gib) return Math.round(g.reported_memory_gib.value * GIB);
  return g.memory_gb.value * 1e9;
}

/** Where a device given on the command line gets its facts from (not a catalog source). */
export const USER_DEVICE_SOURCE = 'given-on-the-command-line';

/**
 * A device that is not in the catalog, from the memory it reports and its bandwidth
 * (`versus fit --memory 24GiB --bandwidth 936GB/s`). It has no TFLOPS, so no prefill bound.
 * @example customGpu(24 * 2 ** 30, 936e9).name // 'Device with 24 GiB at 936 GB/s'
 */
export function customGpu(memoryBytes: number, bandwidth: number): Gpu {
  const given = (value: number) => ({ value, source: USER_DEVICE_SOURCE });
  const gib = Math.round((memoryBytes / GIB) * 100) / 100;
  const unknown = { unknown: 'Not given: pass only --memory and --bandwidth for a device outside the catalog.' };
  return {
    id: 'custom', name: `Device with ${gib} GiB at ${Math.round(bandwidth / 1e9)} GB/s`, vendor: 'given on the command line', class: 'datacenter',
    memory_gb: given(memoryBytes / 1e9), reported_memory_gib: given(memoryBytes / GIB), bandwidth_gbs: given(bandwidth / 1e9),
    bf16_tflops: unknown, fp8_tflops: unknown,
  };
}

/** A GPU's catalog facts in bytes and FLOP/s. */
export function gpuSpec(g: Gpu): GpuSpec {
  return {
    id: g.id,
    name: g.name,
    memoryBytes: deviceMemoryBytes(g),
    bandwidth: g.bandwidth_gbs.value * 1e9,
    ...(isKnown(g.bf16_tflops) ? { bf16Flops: g.bf16_tflops.value * 1e12 } : {}),
    ...(isKnown(g.fp8_tflops) ? { fp8Flops: g.fp8_tflops.value * 1e12 } : {}),
  };
}

