// Rows about the lineup itself: latest flagship, size range, maximum context.
import { isKnown } from '../../catalog/catalog.js';
import type { Model } from '../../catalog/schema.js';
import { formatMonth, formatParams, formatTokens } from '../../format.js';
import { cite, citeMaybe, flagship, joinSpans, num, text, type Dimension, type Span } from '../cell.js';

/** True when the model routes tokens to a subset of its params (an MoE block, or active < total). */
export function isSparse(model: Model): boolean {
  const { total, active } = model.params;
  return (isKnown(model.architecture) && model.architecture.value.moe !== undefined) ||
    (isKnown(total) && isKnown(active) && active.value < total.value);
}

/** "397B total, 17B active (MoE, 512 experts, 10 routed per token)" with citations. */
export function sizeSpans(model: Model): Span[] {
  const { total, active } = model.params;
  const spans = citeMaybe(total, (v) => `${formatParams(v)} total`);
  if (!isSparse(model)) return isKnown(model.architecture) ? [...spans, ...cite(model.architecture, ' (dense)')] : spans;
  if (isKnown(active)) spans.push(text(', '), ...cite(active, `${formatParams(active.value)} active`));
  const moe = isKnown(model.architecture) ? model.architecture.value.moe : undefined;
  if (moe && isKnown(model.architecture)) spans.push(...cite(model.architecture, ` (MoE, ${moe.experts} experts, ${moe.experts_per_token} routed per token)`));
  else spans.push(text(' (MoE)'));
  return spans;
}

export const latestFlagship: Dimension = {
  id: 'flagship',
  label: 'Latest flagship',
  cell(subject) {
    const top = flagship(subject);
    if (!top) return { text: [text('no models in the catalog')], value: null, metric: null };
    const released = isKnown(top.released) ? cite(top.released, formatMonth(top.released.value)) : [text('release date unknown')];
    return {
      text: [text(`${top.name} (`), ...released, text(') — '), ...sizeSpans(top)],
      value: { model: top.id, released: isKnown(top.released) ? top.released.value : null },
      metric: null,
    };
  },
};

export const sizeRange: Dimension = {
  id: 'sizes',
  label: 'Model size range',
  cell(subject) {
    const sorted = bySize(subject.models);
    const small = sorted[0];
    const large = sorted.at(-1);
    if (!small || !large) return { text: [text('unknown')], value: null, metric: null };
    if (small === large) return { text: sizeSpans(small), value: { total: num(small.params.total) }, metric: null };
    const moe = sorted.filter(isSparse);
    const dense = sorted.length - moe.length;
    const spans: Span[] = [
      ...citeMaybe(small.params.total, formatParams), text(' to '), ...citeMaybe(large.params.total, formatParams),
      text(` total across ${sorted.length} models: ${dense} dense`),
    ];
    if (moe.length > 0) spans.push(text(`, ${moe.length} MoE (`), ...joinSpans(moe.map((m) => text(m.name)), ', '), text(')'));
    return { text: spans, value: { min: num(small.params.total), max: num(large.params.total), models: sorted.length, moe: moe.length }, metric: null };
  },
};

/** Models with a known total size, smallest first. */
export function bySize(models: readonly Model[]): Model[] {
  return models.filter((m) => isKnown(m.params.total)).sort((a, b) => (num(a.params.total) ?? 0) - (num(b.params.total) ?? 0));
}

export const maxContext: Dimension = {
  id: 'context',
  label: 'Maximum context window',
  metric: 'the largest native context in tokens',
  cell(subject) {
    const best = subject.models
      .filter((m) => isKnown(m.context.native))
      .sort((a, b) => (num(b.context.native) ?? 0) - (num(a.context.native) ?? 0))[0];
    if (!best || !isKnown(best.context.native)) return { text: [text('unknown')], value: null, metric: null };
    const spans: Span[] = [...cite(best.context.native, `${formatTokens(best.context.native.value)} native`, formatTokens)];
    if (subject.models.length > 1) spans.push(text(` (${best.name})`));
    const ext = best.context.extended;
    if (isKnown(ext)) spans.push(text('; '), ...cite(ext, `${formatTokens(ext.value)} extended`, formatTokens));
    return { text: spans, value: { model: best.id, native: best.context.native.value, extended: num(ext) ?? null }, metric: best.context.native.value };
  },
};
