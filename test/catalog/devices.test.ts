// The wider device catalog: the new ids resolve, an unknown id gets the nearest ones, the memory fit uses
// is the one the device reports (or an assumed working set, said as such), and hand-checked fits on a
// T4 and an A10G.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { isKnown } from '../../src/catalog/catalog.js';
import { resolveGpu } from '../../src/catalog/resolve.js';
import type { FitReport } from '../../src/measure/fit-report.js';
import { fitInput, gpuSpec, publishedSpeeds, throughputBound } from '../../src/measure/fit-report.js';
import { largestContext } from '../../src/measure/fit.js';
import { run, shippedCatalog } from '../helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

const GIB = 2 ** 30;
/** Llama 3.1 8B: 32 layers × (K + V) × 8 KV heads × 128 dims × 2 bytes (bf16) per token. */
const KV_PER_TOKEN = 32 * 2 * 8 * 128 * 2;
/** 8.0e9 parameters (the card's nominal figure) × 2 bytes. */
const WEIGHTS_BF16 = 8.0e9 * 2;

const NEW_IDS = [
  'a10', 'a10g', 't4', 'rtx-a6000', 'rtx-6000-ada', 'rtx-pro-6000', 'rtx-4080', 'rtx-4070-ti', 'rtx-5080',
  'mi325x', 'mi355x', 'b300', 'gb200', 'gb300', 'h20', 'apple-m3-pro', 'apple-m3-max', 'apple-m4-pro',
];

describe('new devices', () => {
  it('every new id is in the catalog, with a sourced memory and bandwidth', () => {
    for (const id of NEW_IDS) {
      const g = catalog.gpu.get(id);
      expect(g, id).toBeDefined();
      expect(catalog.source.get(g!.memory_gb.source), `${id} memory source`).toBeDefined();
      expect(catalog.source.get(g!.bandwidth_gbs.source), `${id} bandwidth source`).toBeDefined();
    }
  });

  it('the short names people type resolve to them', () => {
    const cases: [string, string][] = [
      ['T4', 't4'], ['A10G', 'a10g'], ['a10', 'a10'], ['A6000', 'rtx-a6000'], ['rtx6000ada', 'rtx-6000-ada'], ['pro6000', 'rtx-pro-6000'],
      ['4080', 'rtx-4080'], ['4070ti', 'rtx-4070-ti'], ['RTX 5080', 'rtx-5080'], ['MI355X', 'mi355x'], ['mi325x', 'mi325x'],
      ['B300', 'b300'], ['GB200', 'gb200'], ['H20', 'h20'], ['m3-pro', 'apple-m3-pro'], ['M4 Pro', 'apple-m4-pro'],
    ];
    for (const [typed, id] of cases) expect(resolveGpu(catalog, typed).id, typed).toBe(id);
  });

  it('an unknown or ambiguous id is an error that names the nearest ids, not a silent pick', async () => {
    const unknown = await run(['fit', 'llama-3.1-8b', '--gpu', 'a10x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown GPU "a10x". Did you mean:');
    expect(unknown.stderr).toMatch(/\ba10g?\b/);
    const ambiguous = await run(['fit', 'llama-3.1-8b', '--gpu', '6000']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('rtx-a6000');
    expect(ambiguous.stderr).toContain('rtx-pro-6000');
  });

  it('Blackwell rates are NVIDIA\'s non-sparse table: B300 2,250 BF16 / 4,500 FP8 / 13,500 NVFP4; GB200 2,450 / 4,900 / 9,800', () => {
    const rates = (id: string) => {
      const g = catalog.gpu.get(id)!;
      return [g.bf16_tflops, g.fp8_tflops, g.fp4_tflops].map((f) => (f && isKnown(f) ? f.value : null));
    };
    expect(rates('b300')).toEqual([2250, 4500, 13500]);
    expect(rates('gb200')).toEqual([2450, 4900, 9800]);
    // A T4 (Turing) has no BF16 or FP8 tensor mode: unknown, with the reason, never a number.
    const t4 = catalog.gpu.get('t4')!;
    expect(isKnown(t4.bf16_tflops)).toBe(false);
    expect(isKnown(t4.fp8_tflops)).toBe(false);
  });
});

describe('the memory fit uses on the new devices', () => {
  it('a T4 is the 14.56 GiB torch reports, an A10 22.18 GiB; an A10G with no published log is the vendor\'s 24e9 B', () => {
    expect(gpuSpec(catalog.gpu.get('t4')!).memoryBytes).toBe(Math.round(14.56 * GIB));
    expect(gpuSpec(catalog.gpu.get('a10')!).memoryBytes).toBe(Math.round(22.18 * GIB));
    expect(gpuSpec(catalog.gpu.get('a10g')!).memoryBytes).toBe(24e9);
  });

  it('an M3 Pro\'s working set is assumed (2/3 of 36 GiB = 25.77 GB), and fit says it is an assumption', async () => {
    expect(gpuSpec(catalog.gpu.get('apple-m3-pro')!).memoryBytes).toBe(25.77e9);
    const text = (await run(['fit', 'llama-3.1-8b', '--gpu', 'm3-pro', '--precision', 'Q4_K_M', '--context', '8k'])).stdout;
    expect(text).toContain('That limit is an assumption');
    expect(text).toContain('Usable memory per GPU = 25.77 GB (an assumed working set, not the 36 GB of memory)');
    // A measured budget (the 8 GB phone class) is not called an assumption.
    const phone = (await run(['fit', 'llama-3.1-8b', '--gpu', 'phone-8gb', '--precision', 'Q4_K_M', '--context', '8k'])).stdout;
    expect(phone).not.toContain('That limit is an assumption');
  });
});

describe('hand-checked fits of Llama 3.1 8B in bf16', () => {
  it('on a T4 the weights alone (16e9 B) exceed the 15,633,680,138 B it reports: no context fits, 128K included', async () => {
    expect(WEIGHTS_BF16).toBeGreaterThan(Math.round(14.56 * GIB));
    const { code, stdout } = await run(['fit', 'llama-3.1-8b', '--gpu', 't4', '--context', '128k', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as FitReport;
    expect(r.gpu.id).toBe('t4');
    expect(r.memory.fits).toBe(false);
    expect(r.largestContext.tokens).toBe(0);
  });

  it('on an A10G with 90% of 24e9 B and a 2 GiB allowance: (21.6e9 − 16e9 − 2 GiB) ÷ 131,072 B = 26,340 tokens', () => {
    const input = fitInput(catalog, catalog.model.get('llama-3.1-8b')!, catalog.gpu.get('a10g')!, { precision: 'bf16' });
    const engine = { name: 'hand', reservation: 0.9, allowanceBytes: 2 * GIB, allowanceTpBytes: 2 * GIB };
    // 21,600,000,000 − 16,000,000,000 − 2,147,483,648 = 3,452,516,352 B of room; ÷ 131,072 = 26,340.6
    expect(largestContext({ ...input, engine }, 131_072)).toBe(26_340);
  });

  it('on an A10G with the default engine the largest context is limited by memory, below the 61,035 tokens that 24e9 − 16e9 B would hold with nothing else', async () => {
    const { stdout } = await run(['fit', 'llama-3.1-8b', '--gpu', 'a10g', '--context', '128k', '--json']);
    const r = JSON.parse(stdout) as FitReport;
    expect(r.memory.fits).toBe(false);
    expect(r.largestContext.limitedBy).toBe('memory');
    expect(r.largestContext.tokens).toBeGreaterThan(0);
    expect(r.largestContext.tokens).toBeLessThan(Math.floor((24e9 - WEIGHTS_BF16) / KV_PER_TOKEN)); // 61,035
  });
});

describe('versus gpus lists the new devices with their sources', () => {
  it('JSON has every new id with its source ids; the table stays within 120 columns and cites each URL', async () => {
    const { code, stdout } = await run(['gpus', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; memoryGb: { source: string }; fp4Tflops: { value: number } | null; budgetAssumed: boolean }[];
    for (const id of NEW_IDS) expect(rows.map((r) => r.id), id).toContain(id);
    expect(rows.find((r) => r.id === 'b300')?.fp4Tflops?.value).toBe(13500);
    expect(rows.find((r) => r.id === 'apple-m3-pro')?.budgetAssumed).toBe(true);
    const text = (await run(['gpus'])).stdout;
    const tableLines = text.split('\n\n')[0]!.split('\n');
    for (const line of tableLines) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(text).toContain('https://docs.nvidia.com/datacenter/tesla/mig-user-guide/610/supported-gpus.html');
    expect(text).toMatch(/^t4\s+16 GB \[\d+\]\s+14\.6 GiB reported/m);
  });
});

describe('published throughput beside the bounds', () => {
  it('Llama 3.3 70B FP8 on 2 × H200 at 1,000 in / 1,000 out: the ceiling is 1,979e12 ÷ (2 × 70e9) × 1,000 ÷ 2,000 = 7,067.9 tokens/s per GPU; TensorRT-LLM\'s 2,587 is 36.6% of it', async () => {
    const model = catalog.model.get('llama-3.3-70b')!;
    const input = fitInput(catalog, model, catalog.gpu.get('h200')!, { precision: 'fp8', gpus: 2, context: 2000 });
    expect(throughputBound(input, 1000, 1000)).toBeCloseTo(1979e12 / (2 * 70e9) / 2, 6);
    const published = publishedSpeeds(model, input).find((p) => p.kind === 'throughput' && p.inputTokens === 1000);
    expect(published?.tokensPerSecond).toBe(2587);
    expect(published?.ratio).toBeCloseTo(2587 / 7067.857, 3);
    const text = (await run(['fit', 'llama-3.3-70b', '--gpu', 'h200', '--gpus', '2', '--precision', 'fp8', '--context', '2k'])).stdout;
    expect(text).toContain('Published throughput: 2,587 output tokens/s per GPU at maximum load, 1,000 tokens in / 1,000 out, with TensorRT-LLM — 37% of');
    expect(text).toContain('https://github.com/NVIDIA/TensorRT-LLM/blob/03e27c7d5ff0c6e89f8328838c0a8e64f1b34f9d/docs/source/developer-guide/perf-overview.md');
  });

  it('no published figure beats versus\'s ceiling for its own setting (a catalog bandwidth or TFLOPS set too low would show here), Apple machines included', () => {
    let checked = 0;
    for (const model of catalog.models) {
      for (const t of model.throughput) {
        const only = catalog.precision.get(t.precision)?.engines?.[0]; // a format one engine loads (MLX) is fitted in that engine
        const input = fitInput(catalog, model, catalog.gpu.get(t.gpu)!, { precision: t.precision, gpus: t.gpus, context: t.context ?? 4096, ...(only ? { runtime: only } : {}) });
        for (const p of publishedSpeeds(model, input)) {
          if (p.ratio === null) continue;
          expect(p.ratio, `${model.id} on ${t.gpus} × ${t.gpu} (${p.kind}, ${p.tokensPerSecond} tokens/s)`).toBeLessThanOrEqual(1);
          expect(p.ratio).toBeGreaterThan(0);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('the M3 Max decode figure implies a bandwidth below the catalog\'s 400 GB/s: 50.6 tokens/s × the bytes read per token < 400e9', () => {
    const model = catalog.model.get('llama-3.1-8b')!;
    const input = fitInput(catalog, model, catalog.gpu.get('apple-m3-max')!, { precision: 'q4-k-m', context: 576 });
    const decode = publishedSpeeds(model, input).find((p) => p.kind === 'decode')!;
    const bytesPerToken = 400e9 / decode.bound!;
    expect(50.6 * bytesPerToken).toBeLessThan(400e9);
    expect(50.6 * bytesPerToken).toBeGreaterThan(150e9); // and above what a 150 GB/s M3 Pro could deliver
  });
});
