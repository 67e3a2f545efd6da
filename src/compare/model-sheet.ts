// Every fact about one model, with its source, plus what versus computes from them.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Model } from '../catalog/schema.js';
import { formatBytes, formatInt, formatMonth, formatParams, formatTokens, languageCount, listing } from '../format.js';
import { ATTENTION_LABEL, DTYPE_BYTES, kvCacheBytes, kvParts, linearStateBytes, partSummary } from '../measure/memory.js';
import { cite, citeMaybe, computed, joinSpans, text, type Rich, type Span } from './cell.js';
import { beyondWindow, DECODE_CONTEXT, decodeBytes, kvSpans } from './dimensions/deployment.js';
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
    ...layerLines(m),
    { label: 'Context', value: contextSpans(m) },
    { label: 'Modalities', value: citeMaybe(m.modalities, (v) => `in: ${listing(v.input)}; out: ${listing(v.output)}`) },
    { label: 'Languages', value: citeMaybe(m.languages, (v) => `${languageCount(v)}${v.list ? ` (${v.list.join(', ')})` : ''}`) },
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
        text(beyondWindow(m)),
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

/** One line per layer group: which layers grow with the context, their arithmetic, and the constant state per sequence (bf16, at the native context). */
function layerLines(m: Model): SheetLine[] {
  if (!isKnown(m.architecture)) return [];
  const arch = m.architecture.value;
  const context = isKnown(m.context.native) ? m.context.native.value : DECODE_CONTEXT;
  const lines = kvParts(arch, context, DTYPE_BYTES.bf16).map((p) => ({
    label: `  ${p.layers} ${ATTENTION_LABEL[p.kind]}${p.parallel ? ' (parallel)' : ''}${p.kvFrom === undefined ? '' : ' (shared KV)'}`,
    value: [computed('kv-growth', m, `${partSummary(p)}${p.bytes > 0 ? ` → ${formatBytes(p.bytes)} at ${formatTokens(context)}` : ''}`)],
  }));
  const mtp = arch.attention.filter((g) => g.mtp).map((g) => ({ label: `  ${g.layers} ${ATTENTION_LABEL[g.kind]} (MTP)`, value: [text('multi-token-prediction layer: its KV counts only with speculative decoding (versus fit --mtp)')] }));
  return [...lines, ...mtp];
}

/** Native, YaRN-extended and card-claimed context, each with its own source. */
function contextSpans(m: Model): Span[] {
  const extra = [
    ...(isKnown(m.context.extended) ? [text('; '), ...cite(m.context.extended, `${formatTokens(m.context.extended.value)} extended`)] : []),
    ...(isKnown(m.context.claimed) ? [text('; '), ...cite(m.context.claimed, `${formatTokens(m.context.claimed.value)} claimed`)] : []),
  ];
  return [...citeMaybe(m.context.native, (v) => `${formatTokens(v)} native`), ...extra];
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
