// versus gpus [--json]: the catalog's devices — vendor memory, the memory fit uses and its basis, bandwidth, dense TFLOPS — with sources.
import { isKnown } from '../../catalog/catalog.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { Gpu, Maybe } from '../../catalog/schema.js';
import { trim } from '../../format.js';
import { defaultRuntime, deviceMemoryBytes } from '../../measure/fit-report.js';
import { parse } from '../args.js';
import type { Command } from '../main.js';

/** One device as `versus gpus` lists it; every number with the id of its source. */
export interface GpuRow {
  readonly id: string;
  readonly name: string;
  readonly class: Gpu['class'];
  readonly memoryGb: { value: number; source: string };
  readonly reportedGib: { value: number; source: string } | null;
  readonly budgetGb: { value: number; source: string } | null;
  /** True when the budget applies a share measured on another machine (no measurement of this one is published). */
  readonly budgetAssumed: boolean;
  /** The bytes `versus fit` computes with (budget, else reported, else the vendor's GB). */
  readonly fitBytes: number;
  readonly bandwidthGbs: { value: number; source: string };
  readonly bf16Tflops: { value: number; source: string } | null;
  readonly fp8Tflops: { value: number; source: string } | null;
  readonly fp4Tflops: { value: number; source: string } | null;
  readonly engine: string;
}

const cited = (f: Maybe<number> | undefined) => (f && isKnown(f) ? { value: f.value, source: f.source } : null);

/** @example gpuRows(catalog)[0].reportedGib // { value: 79.22, source: 'gpu-vllm-pr-10511-profile' } */
export function gpuRows(catalog: Catalog): GpuRow[] {
  return catalog.gpus.map((g) => ({
    id: g.id, name: g.name, class: g.class,
    memoryGb: cited(g.memory_gb)!, reportedGib: cited(g.reported_memory_gib), budgetGb: cited(g.budget_gb), budgetAssumed: g.budget_basis === 'assumed',
    fitBytes: deviceMemoryBytes(g), bandwidthGbs: cited(g.bandwidth_gbs)!,
    bf16Tflops: cited(g.bf16_tflops), fp8Tflops: cited(g.fp8_tflops), fp4Tflops: cited(g.fp4_tflops), engine: defaultRuntime(g, catalog),
  }));
}

export const command: Command = {
  usage: `versus gpus [--json]

  Every device in the catalog: memory as the vendor prints it, the memory versus fit uses (a working-set
  budget, what the device reports to engines, or the vendor's GB), bandwidth, dense BF16/FP8/FP4 TFLOPS
  and the default engine; numbered sources below the table. A device that is not listed: versus fit <model> --memory 24GiB --bandwidth 936GB/s.

Options:
  --json       machine-readable output (every value with its source id)
  --data DIR   use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values } = parse('gpus', args, { json: { type: 'boolean' }, data: { type: 'string' } });
    const catalog = await ctx.catalog(values.data);
    const rows = gpuRows(catalog);
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const sources: string[] = [];
    const ref = (c: { value: number; source: string } | null, text = (v: number) => trim(v)) => {
      if (!c) return '—';
      const i = sources.indexOf(c.source);
      return `${text(c.value)} [${(i < 0 ? sources.push(c.source) : i + 1)}]`;
    };
    // The memory fit uses, with where it comes from: a budget (Apple, phones), what the device reports, or the vendor's GB.
    const fitUses = (r: GpuRow) => {
      const gib = `${trim(Math.round((r.fitBytes / 2 ** 30) * 100) / 100)} GiB`;
      if (r.budgetGb) return ref(r.budgetGb, () => `${gib} budget${r.budgetAssumed ? '*' : ''}`);
      if (r.reportedGib) return ref(r.reportedGib, () => `${gib} reported`);
      return `${gib} = vendor`;
    };
    const table = rows.map((r) => [
      r.id, ref(r.memoryGb, (v) => `${trim(v)} GB`), fitUses(r), ref(r.bandwidthGbs), ref(r.bf16Tflops), ref(r.fp8Tflops), ref(r.fp4Tflops), r.engine,
    ]);
    const header = ['id', 'memory (vendor)', 'fit uses', 'GB/s', 'BF16', 'FP8', 'FP4', 'engine'];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
    const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    const notes = sources.map((id, i) => {
      const s = catalog.source.get(id);
      return `  [${i + 1}] ${s ? `${s.title} — ${s.url} (${s.kind}, retrieved ${s.retrieved})` : id}`;
    });
    const legend = rows.some((r) => r.budgetAssumed) ? ' * budget assumed from the share measured on other machines (see the device\'s note).' : '';
    ctx.io.stdout.write([line(header), ...table.map(line), '', `${rows.length} devices. BF16/FP8/FP4: dense tensor TFLOPS (no sparsity); — is unknown. "fit uses": the memory versus fit computes with — a working-set budget, what the device reports to engines, or the vendor's GB.${legend} Sources:`, ...notes, ''].join('\n'));
    return 0;
  },
};
