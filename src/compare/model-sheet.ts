// Every fact about one model, with its source, plus what versus computes from them.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Model } from '../catalog/schema.js';
import { formatBytes, formatInt, formatMonth, formatParams, formatTokens, listing } from '../format.js';
import { DTYPE_BYTES, kvCacheBytes, linearStateBytes } from '../measure/memory.js';
import { cite, citeMaybe, computed, joinSpans, text, type Rich, type Span } from './cell.js';
import { DECODE_CONTEXT, decodeBytes, kvSpans } from './dimensions/deployment.js';
import { sizeSpans } from './dimensions/lineup.js';
import { termSpans } from './dimensions/license.js';

export interface SheetLine {
  readonly label: string;
  readonly value: Rich;
}

/**
 * The model's facts as labelled lines; unknowns say why.
 * @example modelSheet(catalog, catalog.model.get('qwen3.5-27b')!)[0].label // 'Released'
 */
export function modelSheet(catalog: Catalog, m: Model): SheetLine[] {
  const lines: SheetLine[] = [
    { label: 'Released', value: citeMaybe(m.released, formatMonth) },
    { label: 'Parameters', value: sizeSpans(m) },
    { label: 'Architecture', value: architectureSpans(m) },
    { label: 'KV cache', value: kvSpans(m) },
    { label: 'Context', value: [...citeMaybe(m.context.native, (v) => `${formatTokens(v)} native`), ...(isKnown(m.context.extended) ? [text('; '), ...cite(m.context.extended, `${formatTokens(m.context.extended.value)} extended`)] : [])] },
    { label: 'Modalities', value: citeMaybe(m.modalities, (v) => `in: ${listing(v.input)}; out: ${listing(v.output)}`) },
    { label: 'Languages', value: citeMaybe(m.languages, (v) => `${v.count} ${v.label ?? 'languages'}${v.list ? ` (${v.list.join(', ')})` : ''}`) },
    { label: 'Licence', value: licenceSpans(catalog, m) },
    { label: 'Tokenizer', value: citeMaybe(m.tokenizer, (id) => catalog.tokenizer.get(id)?.name ?? id) },
    { label: 'Engines', value: m.engines.length ? joinSpans(m.engines.map((f) => cite(f, f.value)), ', ') : [text('none recorded')] },
    { label: 'Clouds', value: m.clouds.length ? joinSpans(m.clouds.map((f) => cite(f, f.value)), ', ') : [text('none recorded')] },
  ];
  const bytes = decodeBytes(m);
  if (bytes !== undefined && isKnown(m.architecture) && isKnown(m.context.native)) {
    const arch = m.architecture.value;
    const state = linearStateBytes(arch, DTYPE_BYTES.bf16);
    lines.push({
      label: 'Computed',
      value: [
        computed('decode-bytes', m, `${formatBytes(bytes)} read per decoded token at ${formatInt(DECODE_CONTEXT)} tokens (bf16)`),
        text('; '),
        computed('kv-growth', m, `${formatBytes(kvCacheBytes(arch, m.context.native.value, DTYPE_BYTES.bf16))} of KV cache at the full native context`),
        ...(state > 0 ? [text('; '), computed('kv-growth', m, `${formatBytes(state)} constant linear-attention state per sequence`)] : []),
      ],
    });
  }
  for (const b of m.benchmarks) {
    lines.push({ label: `Benchmark: ${catalog.benchmark.get(b.benchmark)?.name ?? b.benchmark}`, value: [{ text: `${b.score}`, refs: [{ source: b.source }] }, text(` (${b.setting}; ${b.date})`)] });
  }
  return lines;
}

function architectureSpans(m: Model): Span[] {
  if (!isKnown(m.architecture)) return citeMaybe(m.architecture, () => '');
  const a = m.architecture.value;
  const moe = a.moe ? `; MoE: ${a.moe.experts} experts, ${a.moe.experts_per_token} per token, ${a.moe.shared_experts} shared${a.moe.moe_layers ? `, in ${a.moe.moe_layers} layers` : ''}` : '';
  return cite(m.architecture, `${a.layers} layers, hidden ${a.hidden}, ${a.heads} heads / ${a.kv_heads} KV heads × ${a.head_dim}, vocab ${formatInt(a.vocab)}${a.tied_embeddings ? ' (tied embeddings)' : ''}${moe}`);
}

function licenceSpans(catalog: Catalog, m: Model): Span[] {
  const license = catalog.license.get(m.license.value);
  if (!license) return cite(m.license, m.license.value);
  return [...cite(m.license, license.name), text(': '), ...termSpans(license, [m])];
}

/** Total params for a heading: "Qwen3.5-27B (27B)". */
export function modelTitle(m: Model): string {
  return isKnown(m.params.total) ? `${m.name} (${formatParams(m.params.total.value)})` : m.name;
}
