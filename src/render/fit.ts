// Plain-text rendering of `versus fit` answers: one model on a GPU set, or every model that fits.
import { formatBytes, formatInt, formatKiB, formatParams, formatTokens, trim } from '../format.js';
import { fitArgs, type FitReport, type PublishedSpeed } from '../measure/fit-report.js';
import { ATTENTION_LABEL, partSummary, type KvPart } from '../measure/memory.js';


const seq = (n: number) => `${formatInt(n)} sequence${n === 1 ? '' : 's'}`;
const rate = (x: number) => (x >= 100 ? formatInt(x) : trim(x));

/** Memory is not the only limit: a context past every window the model is published with is said beside the verdict. */
function beyondWindow(r: FitReport): string {
  const windows = [r.model.nativeContext, r.model.extendedContext].filter((w): w is number => w !== null);
  const widest = Math.max(...windows);
  if (windows.length === 0 || r.context <= widest) return '';
  return ` But ${formatTokens(r.context)} is more than the model serves: its ${widest === r.model.nativeContext ? 'native' : 'extended'} window is ${formatTokens(widest)}.`;
}

/**
 * The report as text: verdict, memory split, why the KV cache is the size it is, bounds, assumptions.
 * @example fitText(fitReport(catalog, scout, h100, { context: 10485760 }))
 */
export function fitText(r: FitReport): string {
  const m = r.memory;
  const gpus = `${r.gpu.count} × ${r.gpu.name}`;
  const verdict = (m.fits
    ? `Fits: ${formatBytes(m.perGpu.total)} of ${formatBytes(m.usablePerGpu)} usable per GPU (${formatBytes(m.headroomPerGpu)} spare).`
    : `Does not fit: needs ${formatBytes(m.perGpu.total)} per GPU, ${formatBytes(m.usablePerGpu)} usable (${formatBytes(-m.headroomPerGpu)} short).`) + beyondWindow(r);
  const lines = [
    `${r.model.name} on ${gpus} — ${r.precision.name} weights, ${r.kvDtype} KV cache, ${formatTokens(r.context)}, ${seq(r.concurrency)}`,
    '',
    verdict,
    '',
    'Memory per GPU',
    ...table([
      ['weights', formatBytes(m.perGpu.weights), `${formatParams(r.model.totalParams)} params × ${trim(r.precision.bitsPerWeight)} bits (${formatBytes(r.weightsTotal)} in all)${r.gpu.count > 1 ? `, split over ${r.gpu.count} GPUs` : ''}`],
      ['KV cache', formatBytes(m.perGpu.kv), `${seq(r.concurrency)} × ${formatTokens(r.context)}`],
      ['state', formatBytes(m.perGpu.state), r.statePerSequence > 0 ? `${r.kv.parts.some((p) => p.kind === 'compressed' && p.stateBytes > 0) ? 'KV compressor buffers' : 'linear-attention state'}, ${formatBytes(r.statePerSequence)} per sequence` : 'no linear-attention layers'],
      ['runtime', formatBytes(m.perGpu.allowance), `${r.engine.name}: fixed runtime memory${r.gpu.count > 1 ? ' with communication buffers' : ''}${m.perGpu.activation > 0 ? ` + ${formatBytes(m.perGpu.activation)} ${r.engine.computeBuffer ? 'compute buffer' : 'activation peak'}` : ''}`],
      ['total', formatBytes(m.perGpu.total), `of ${formatBytes(m.usablePerGpu)} usable (${formatBytes(r.gpu.memoryBytes)} × ${r.engine.reservation})`],
      ...(m.host ? [['system RAM', formatBytes(m.host.total), `-ngl ${m.host.gpuLayers}: ${formatBytes(m.host.weights)} of weights, ${formatBytes(m.host.kv + m.host.state)} of KV cache and state for ${m.host.layers - Math.min(m.host.gpuLayers, m.host.layers)} of ${m.host.layers} layers${m.host.outputOnGpu ? '' : ' and the output matrix'}, and the token embedding`] as [string, string, string]] : []),
    ]),
    '',
    ...kvLines(r),
    '',
    `KV cache room per GPU (${r.engine.name}'s "available KV cache memory"): ${formatBytes(r.kvCapacity.bytesPerGpu)} — ${formatInt(r.kvCapacity.tokens)} tokens${r.engine.kvBlockTokens ? ` in whole ${r.engine.kvBlockTokens}-token blocks` : ''}`,
    largestLine(r),
    `Fewest ${r.gpu.name} at this precision, context and concurrency: ${r.minGpus ?? 'none up to 64'}`,
    `Decode ceiling (a bound): ${rate(r.decode.tokensPerSecond)} tokens/s per sequence${r.concurrency > 1 ? `, ${rate(r.decode.aggregateTokensPerSecond)} for all ${r.concurrency}` : ''} — ${formatBytes(r.gpu.bandwidth)}/s ÷ ${formatBytes(r.decode.bytesPerStepPerGpu)} read per GPU per step`,
    r.prefill
      ? `Prefill bound: ${rate(r.prefill.tokensPerSecond)} tokens/s (${r.prefill.rate} dense TFLOPS ÷ 2 × ${formatParams(r.model.activeParams)} active params); ≥ ${trim(r.prefill.secondsForContext)} s for a ${formatTokens(r.context)} prompt`
      : `Prefill bound: unknown — ${r.gpu.name} has no published dense TFLOPS in the catalog`,
    ...r.published.map(publishedLine),
    '',
    'Assumptions',
    ...r.notes.map((n) => `  - ${n}`),
    '',
    'Sources',
    ...r.sources.map((s, i) => `  [${i + 1}] ${s.title} — ${s.url} (${s.publisher}, retrieved ${s.retrieved})`),
    '',
    `Reproduce: versus fit ${r.model.id} ${fitArgs(r)}`,
    '',
  ];
  return lines.join('\n');
}

function kvLines(r: FitReport): string[] {
  const { kv } = r;
  const why = kv.growingLayers < kv.layers ? `, because only ${kv.growingLayers} of ${kv.layers} layers keep a growing cache` : `: all ${kv.layers} layers keep a growing cache`;
  const full = kv.allFullAttention;
  const ratio = kv.growthPerToken > 0 ? `${trim(full.growthPerToken / kv.growthPerToken)}× the growth` : 'against none';
  return [
    `KV cache: ${formatKiB(kv.growthPerToken)} per token (${r.kvDtype})${why}; ${formatBytes(kv.atContext)} per sequence at ${formatTokens(r.context)}`,
    ...table(kv.parts.map(partRow)),
    ...(full.growthPerToken !== kv.growthPerToken
      ? [`  If every layer were ${full.as === 'mla' ? 'an MLA layer' : 'full attention'}: ${formatKiB(full.growthPerToken)} per token, ${formatBytes(full.atContext)} at this context (${ratio}).`]
      : []),
    ...(kv.denseReference
      ? [`  For scale, the catalog's nearest dense full-attention model, ${kv.denseReference.name} (${formatParams(kv.denseReference.totalParams)}), grows ${formatKiB(kv.denseReference.growthPerToken)} per token.`]
      : []),
  ];
}

function partRow(p: KvPart): [string, string, string] {
  const label = `${p.layers} ${ATTENTION_LABEL[p.kind]}${p.parallel ? ' (in parallel)' : ''}${p.kvFrom === undefined ? '' : ' (shared KV)'}${p.mtp ? ' (MTP)' : ''}`;
  const bytes = p.kind === 'compressed' ? formatBytes(p.bytes) : p.stateBytes > 0 ? `${formatBytes(p.stateBytes)} state` : formatBytes(p.bytes);
  return [label, bytes, partSummary(p)];
}

/** A published measured speed beside versus's bound for the same setting, with the ratio. */
function publishedLine(p: PublishedSpeed): string {
  const share = (what: string) => (p.ratio === null ? '' : ` — ${Math.round(p.ratio * 100)}% of ${what} (${rate(p.bound ?? 0)} tokens/s)`);
  if (p.kind === 'throughput') {
    const shape = p.inputTokens && p.outputTokens ? `, ${formatInt(p.inputTokens)} tokens in / ${formatInt(p.outputTokens)} out` : '';
    return `Published throughput: ${rate(p.tokensPerSecond)} output tokens/s per GPU at maximum load${shape}, with ${p.engine}${share("versus's compute ceiling per GPU for that shape")}: "${p.quote}"`;
  }
  return `Published ${p.kind} speed: ${rate(p.tokensPerSecond)} tokens/s${p.concurrency > 1 ? ` per sequence at ${p.concurrency} sequences` : ''} with ${p.engine}${share(`versus's bound for that setting at ${formatInt(p.context)} tokens`)}: "${p.quote}"`;
}

function largestLine(r: FitReport): string {
  const { tokens, limitedBy } = r.largestContext;
  if (tokens === 0) return `Largest context that fits: none — weights and runtime alone need ${formatBytes(r.memory.perGpu.weights + r.memory.perGpu.allowance)} per GPU`;
  const why = limitedBy === 'model-maximum' ? ' (the model\'s whole native window)' : '';
  return `Largest context that fits: ${formatTokens(tokens)}${why} × ${seq(r.concurrency)}`;
}

/** Left-aligned columns, indented two spaces. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((row) => `  ${row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join('   ')}`.trimEnd());
}

/** One line of `versus fit --gpu …` without a model. */
export interface FitListing {
  readonly fits: readonly FitReport[];
  readonly none: readonly string[];
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * Every model that fits, at its best precision, then those that fit at none and those skipped.
 * @example fitListText(listing, 'NVIDIA GeForce RTX 4090', 1, 32768)
 */
export function fitListText(l: FitListing, gpuName: string, gpus: number, context: number, concurrency: number, kv: string): string {
  const header = ['model', 'precision', 'memory/GPU', 'usable', 'largest context', 'decode bound'];
  const rows = l.fits.map((r) => [
    r.model.id, r.precision.name, formatBytes(r.memory.perGpu.total), formatBytes(r.memory.usablePerGpu),
    formatInt(r.largestContext.tokens), `${rate(r.decode.tokensPerSecond)} tok/s`,
  ]);
  const lines = [
    `Models that fit ${gpus} × ${gpuName} at ${formatTokens(context)}, ${seq(concurrency)}, ${kv} KV cache — each at the most precise format that fits`,
    '',
    ...(rows.length > 0 ? table([header, ...rows]) : ['  none']),
    '',
    `Fit at no precision: ${l.none.length > 0 ? l.none.join(', ') : 'none'}`,
  ];
  if (l.skipped.length > 0) lines.push(`Skipped: ${l.skipped.map((s) => `${s.id} (${s.reason})`).join('; ')}`);
  lines.push('', 'Details: versus fit <model> --gpu … ; bounds and assumptions are listed there.', '');
  return lines.join('\n');
}
