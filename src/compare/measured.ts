// Stored eval runs as measured facts about catalog models: pass rates and speed, each marked where, when and which
// run, with the command that reproduces it. Pure: the runs are read from SQLite at the edge (CLI, server).
import type { Catalog } from '../catalog/catalog.js';
import { measuredLabel, publicEndpoint, reproduceCommand } from '../measure/eval/provenance.js';
import type { LoadedRun, StoredRun } from '../measure/eval/store.js';
import { summarize } from '../measure/eval/summary.js';
import { servedCatalogModel } from '../measure/eval/target.js';

/** What one run measured for one catalog model. */
export interface Measurement {
  readonly model: string;
  readonly modelName: string;
  readonly run: number;
  /** "measured on <endpoint>, <date>, run <id>" */
  readonly label: string;
  readonly endpoint: string;
  readonly date: string;
  readonly servedModel: string | null;
  readonly reproduce: string;
  /** Quality suites: tasks passed of tasks run. */
  readonly suites: readonly { readonly suite: string; readonly passed: number; readonly tasks: number }[];
  /** Speed per concurrency: median output tokens/s per request and median TTFT. */
  readonly speed: readonly { readonly concurrency: number; readonly tokensPerSecond: number | null; readonly ttftMs: number | null }[];
}

/**
 * The catalog model a run measured: the one it was run against (--catalog-model), else the one its served or
 * requested id names; undefined when neither maps to the catalog.
 */
export function runModel(catalog: Catalog, run: StoredRun): string | undefined {
  const named = run.settings.catalogModel;
  if (typeof named === 'string' && catalog.model.has(named)) return named;
  return [run.servedModel, run.requestedModel].flatMap((id) => (id ? [servedCatalogModel(catalog, id)?.id ?? []] : [])).flat()[0];
}

/**
 * What the runs measured for `models` (catalog ids), newest run first per model; runs that map to no catalog
 * model, or that finished no task, are left out.
 * @example measurements(catalog, runs, ['llama-3.1-8b'])[0].label // 'measured on http://localhost:8000/v1, 2026-12-02, run 3'
 */
export function measurements(catalog: Catalog, runs: readonly LoadedRun[], models: readonly string[]): Measurement[] {
  return runs.flatMap(({ run, results }): Measurement[] => {
    const model = runModel(catalog, run);
    if (!model || !models.includes(model) || results.length === 0) return [];
    const summary = summarize(results);
    return [{
      model, modelName: catalog.model.get(model)?.name ?? model, run: run.id, label: measuredLabel(run), endpoint: publicEndpoint(run.endpoint),
      date: run.started.slice(0, 10), servedModel: run.servedModel ?? null, reproduce: reproduceCommand(run),
      suites: summary.filter((s) => s.suite !== 'speed').map((s) => ({ suite: s.suite, passed: s.passed, tasks: s.tasks })),
      speed: summary.filter((s) => s.suite === 'speed').map((s) => ({ concurrency: s.concurrency, tokensPerSecond: s.tokens_per_s_p50, ttftMs: s.ttft_ms.p50 })),
    }];
  }).sort((a, b) => models.indexOf(a.model) - models.indexOf(b.model) || b.run - a.run);
}

/** A measurement's results in one line: "smoke 3/3 · math 19/20 · speed c1 41.2 tok/s, TTFT 180 ms". */
export function measurementText(m: Measurement): string {
  const parts = [
    ...m.suites.map((s) => `${s.suite} ${s.passed}/${s.tasks}`),
    ...m.speed.map((s) => `speed c${s.concurrency} ${s.tokensPerSecond === null ? '—' : s.tokensPerSecond.toFixed(1)} tok/s, TTFT ${s.ttftMs === null ? '—' : Math.round(s.ttftMs)} ms`),
  ];
  return parts.join(' · ');
}
