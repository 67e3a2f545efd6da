// Deployment rows: inference efficiency, enterprise ecosystem, on-device / edge.
import { isKnown } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { formatBytes, formatInt, formatKiB, formatParams, listing } from '../../format.js';
import { DTYPE_BYTES, describeAttention, growingLayers, kvCacheBytes, kvGrowthPerToken } from '../../measure/memory.js';
import { cite, computed, flagship, num, text, type Cell, type Dimension, type Span } from '../cell.js';
import { datacenterFit, edgeFit } from '../fit-rows.js';
import { bySize } from './lineup.js';

const BF16 = DTYPE_BYTES.bf16;
export const DECODE_CONTEXT = 32_768;

/**
 * " (beyond its 8,192-token native window: for comparison only)" when the model cannot hold the reference
 * context, so a bound at 32K is never read as something the model runs at.
 * @example beyondWindow(nemotronH56b) // ' (beyond its 8,192-token native window: for comparison only)'
 */
export function beyondWindow(model: Model, context = DECODE_CONTEXT): string {
  const native = model.context.native;
  if (!isKnown(native) || native.value >= context) return '';
  const extended = model.context.extended;
  if (isKnown(extended) && extended.value >= context) return '';
  return ` (beyond its ${formatInt(native.value)}-token native window: for comparison only)`;
}

/** Bytes a decode step reads at 32K context in bf16: active weights + one sequence's KV cache. */
export function decodeBytes(model: Model): number | undefined {
  const active = num(model.params.active);
  if (active === undefined || !isKnown(model.architecture)) return undefined;
  return active * BF16 + kvCacheBytes(model.architecture.value, DECODE_CONTEXT, BF16);
}

/** "KV grows 64 KiB/token: 16 of 64 layers keep a growing cache (48 Gated DeltaNet + 16 full-attention)". */
export function kvSpans(model: Model): Span[] {
  if (!isKnown(model.architecture)) return [text('architecture unknown')];
  const arch = model.architecture.value;
  const { growing, total } = growingLayers(arch);
  return [
    computed('kv-growth', model, `KV cache grows ${formatKiB(kvGrowthPerToken(arch, BF16))}/token`),
    ...cite(model.architecture, `: ${growing} of ${total} layers keep a growing cache (${describeAttention(arch)})`),
  ];
}

export const efficiency: Dimension = {
  id: 'efficiency',
  label: 'Inference efficiency',
  metric: `1 ÷ bytes read per decoded token by the flagship (active params × 2 + KV of a ${DECODE_CONTEXT}-token sequence, bf16)`,
  cell(subject, { catalog }): Cell {
    const top = flagship(subject);
    const bytes = top && decodeBytes(top);
    if (!top || bytes === undefined) return { text: [text('active params or architecture unknown')], value: null, metric: null };
    const active = num(top.params.active) ?? 0;
    const total = num(top.params.total) ?? active;
    const spans: Span[] = [
      text(`${top.name}: `),
      ...(isKnown(top.params.active) ? cite(top.params.active, `${formatParams(active)} active`) : []),
      text(` of ${formatParams(total)} (${((active / total) * 100).toFixed(active / total < 0.1 ? 1 : 0)}%); `),
      ...kvSpans(top),
      text('; '),
      computed('decode-bytes', top, `${formatBytes(bytes)} read per token at 32K`),
      text(beyondWindow(top)),
    ];
    const fit = datacenterFit(catalog, top);
    if (fit.length > 0) spans.push(text('. '), ...fit);
    return { text: spans, value: { model: top.id, decodeBytes: bytes }, metric: 1e9 / bytes };
  },
};

export const ecosystem: Dimension = {
  id: 'ecosystem',
  label: 'Enterprise ecosystem',
  metric: 'distinct clouds + inference engines recorded in the catalog with a source',
  cell(subject) {
    const clouds = distinctFacts(subject.models.flatMap((m) => m.clouds));
    const engines = distinctFacts(subject.models.flatMap((m) => m.engines));
    if (clouds.length + engines.length === 0) return { text: [text('no clouds or engines recorded')], value: null, metric: null };
    const list = (facts: typeof clouds): Span[] => facts.flatMap((f, i) => [...(i > 0 ? [text(', ')] : []), ...cite(f, f.value)]);
    const spans: Span[] = [];
    if (clouds.length > 0) spans.push(text('Clouds: '), ...list(clouds));
    if (engines.length > 0) spans.push(text(clouds.length > 0 ? '. Engines: ' : 'Engines: '), ...list(engines));
    return { text: spans, value: { clouds: clouds.map((c) => c.value), engines: engines.map((e) => e.value) }, metric: clouds.length + engines.length };
  },
};

function distinctFacts<T extends { value: string }>(facts: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const f of facts) if (!seen.has(f.value.toLowerCase())) seen.set(f.value.toLowerCase(), f);
  return [...seen.values()];
}

export const edge: Dimension = {
  id: 'edge',
  label: 'On-device / edge',
  metric: '1 ÷ weight memory of the smallest model at 4 bits per weight',
  cell(subject, { catalog }) {
    const small = bySize(subject.models)[0];
    if (!small) return { text: [text('sizes unknown')], value: null, metric: null };
    const bytes = (num(small.params.total) ?? 0) * 0.5;
    // With the precision catalog, the phone check states the real Q4_K_M size; else the plain 4-bit estimate.
    const phone = edgeFit(catalog, small);
    const spans: Span[] = [
      text(`smallest: ${small.name}, `),
      ...(isKnown(small.params.total) ? cite(small.params.total, formatParams(small.params.total.value)) : []),
      ...(phone.length > 0 ? [text(' → '), ...phone] : [text(' → '), computed('weights-4bit', small, `${formatBytes(bytes)} of weights at 4-bit`)]),
    ];
    const tiny = subject.models.filter((m) => (num(m.params.total) ?? Infinity) <= 4.5e9);
    if (tiny.length > 1) spans.push(text(`; ${tiny.length} models ≤ 4.5B (${listing(tiny.map((m) => m.name))})`));
    if (subject.kind !== 'model' && tiny.length === 0) {
      const familySmallest = bySize(catalog.models.filter((m) => catalog.generation.get(m.generation)?.family === subject.family.id))[0];
      if (familySmallest && familySmallest !== small) spans.push(text(`; the family's smallest is ${familySmallest.name} (${catalog.generation.get(familySmallest.generation)?.name ?? ''})`));
    }
    return { text: spans, value: { model: small.id, weights4bit: bytes }, metric: bytes > 0 ? 1e9 / bytes : null };
  },
};
