// The detailed analysis: prose generated from the data, with the numbers and their citations in it.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Model } from '../catalog/schema.js';
import { formatBytes, formatInt, formatParams, formatTokens, listing, trim } from '../format.js';
import { DTYPE_BYTES, kvCacheBytes, linearStateBytes } from '../measure/memory.js';
import { cite, citeMaybe, computed, flagship, joinSpans, num, text, type Rich, type Span } from './cell.js';
import { bestResults, commonBenchmarks } from './dimensions/benchmarks.js';
import { DECODE_CONTEXT, decodeBytes, kvSpans } from './dimensions/deployment.js';
import { licensesOf, termSpans } from './dimensions/license.js';
import { claimChecks } from './fit-rows.js';
import { languageCosts } from './token-rows.js';
import type { LanguageRef, TokenResults } from '../measure/tokens/measured.js';
import type { Subject } from './subjects.js';

export interface Section {
  readonly heading: string;
  readonly paragraphs: readonly Rich[];
}

/** Every analysis section that has something to say for these subjects. */
export function analysis(catalog: Catalog, subjects: readonly Subject[], tokens?: TokenResults, langs?: readonly LanguageRef[]): Section[] {
  return [architecture(subjects), hardwareClaims(catalog, subjects), context(subjects), languages(subjects, tokens, langs), licensing(catalog, subjects), benchmarks(catalog, subjects)]
    .filter((s) => s.paragraphs.length > 0);
}

function architecture(subjects: readonly Subject[]): Section {
  const paragraphs: Rich[] = subjects.flatMap((s) => {
    const top = flagship(s);
    if (!top || !isKnown(top.architecture)) return [];
    const arch = top.architecture.value;
    const kind = arch.moe ? `a mixture-of-experts model (${arch.moe.experts} routed experts, ${arch.moe.experts_per_token} per token, ${arch.moe.shared_experts} shared)` : 'a dense model';
    const spans: Span[] = [text(`${top.name} is `), ...cite(top.architecture, kind), text(' with '), ...citeMaybe(top.params.active, (v) => `${formatParams(v)} active`), text(' of '), ...citeMaybe(top.params.total, (v) => `${formatParams(v)} total parameters`), text('. ')];
    spans.push(...kvSpans(top), text('. '));
    const state = linearStateBytes(arch, DTYPE_BYTES.bf16);
    if (state > 0) spans.push(text('Its linear-attention layers hold a constant '), computed('kv-growth', top, `${formatBytes(state)} state per sequence`), text(' whatever the context length. '));
    return [spans];
  });
  const decoders = subjects.flatMap((s) => { const m = flagship(s); const b = m && decodeBytes(m); return m && b ? [{ m, b }] : []; }).sort((a, b) => a.b - b.b);
  const [lean, heavy] = [decoders[0], decoders.at(-1)];
  if (lean && heavy && lean !== heavy) {
    paragraphs.push([
      text(`At ${formatInt(DECODE_CONTEXT)} tokens of context, each decoded token of ${lean.m.name} reads `),
      computed('decode-bytes', lean.m, formatBytes(lean.b)),
      text(` of weights and cache, against `), computed('decode-bytes', heavy.m, formatBytes(heavy.b)),
      text(` for ${heavy.m.name}: on the same memory bandwidth its decode speed bound is ${trim(heavy.b / lean.b)}× higher. Bounds, not benchmarks: batching, kernels and interconnect decide real throughput.`),
    ]);
  }
  return { heading: 'Architecture and efficiency', paragraphs };
}

function hardwareClaims(catalog: Catalog, subjects: readonly Subject[]): Section {
  const paragraphs = subjects.flatMap((s) => s.models.flatMap((m) => claimChecks(catalog, m)));
  const vllm = catalog.runtime.get('vllm');
  if (paragraphs.length > 0 && vllm) {
    paragraphs.push([
      text("Checked with versus's memory model: weights at each precision, the KV cache at the context and the engine's allowance, against "),
      ...cite(vllm.reservation, `${Math.round(vllm.reservation.value * 100)}% of each GPU's memory (vLLM's default)`),
      text('. "Up to" is the largest context that fits one sequence.'),
    ]);
  }
  return { heading: 'Hardware claims checked', paragraphs };
}

function context(subjects: readonly Subject[]): Section {
  const paragraphs = subjects.flatMap((s): Rich[] => {
    const best = [...s.models].filter((m) => isKnown(m.context.native)).sort((a, b) => (num(b.context.native) ?? 0) - (num(a.context.native) ?? 0))[0];
    if (!best || !isKnown(best.context.native) || !isKnown(best.architecture)) return [];
    const native = best.context.native.value;
    const kv = kvCacheBytes(best.architecture.value, native, DTYPE_BYTES.bf16);
    const weights = (num(best.params.total) ?? 0) * DTYPE_BYTES.bf16;
    return [[
      text(`${best.name} has the longest native window in ${s.label}: `), ...cite(best.context.native, formatTokens(native)),
      text('. Filling it takes '), computed('kv-growth', best, `${formatBytes(kv)} of KV cache for one sequence in bf16`),
      text(weights > 0 ? `, next to ${formatBytes(weights)} of bf16 weights` : ''), text('. '),
      ...extendedSpans(best),
    ]];
  });
  return { heading: 'Context windows', paragraphs };
}

function extendedSpans(m: Model): Span[] {
  const ext = m.context.extended;
  return isKnown(ext) ? [text('The card also gives '), ...cite(ext, formatTokens(ext.value)), text(' as an extended window.')] : [];
}

function languages(subjects: readonly Subject[], tokens: TokenResults | undefined, langs: readonly LanguageRef[] | undefined): Section {
  const paragraphs = subjects.flatMap((s): Rich[] => {
    const m = [...s.models].filter((x) => isKnown(x.languages)).sort((a, b) => (isKnown(b.languages) ? b.languages.value.count : 0) - (isKnown(a.languages) ? a.languages.value.count : 0))[0];
    if (!m || !isKnown(m.languages)) return [[text(`${s.label}: no official language count is recorded.`)]];
    const { count, list, label } = m.languages.value;
    const listed = list ? `: ${list.join(', ')}` : '; the source gives a count, not a list';
    return [[text(`${s.label} officially supports `), ...cite(m.languages, `${count} ${label ?? 'languages'}`), text(`${listed}.`), text(list ? ' Languages outside this list may work but are not supported by the vendor.' : '')]];
  });
  const costs = tokens ? languageCosts(subjects, tokens, langs) : [];
  return { heading: 'Languages', paragraphs: [...paragraphs, ...costs] };
}

function licensing(catalog: Catalog, subjects: readonly Subject[]): Section {
  const paragraphs = subjects.flatMap((s): Rich[] => licensesOf(catalog, s.models).map(({ license, models }) => {
    const who = models.length === s.models.length ? `${s.label}` : listing(models.map((m) => m.name));
    return [text(`${who}: `), { text: license.name, refs: [{ source: license.source }] }, text(' — '), ...termSpans(license, models), text('.')];
  }));
  return { heading: 'Licensing', paragraphs };
}

function benchmarks(catalog: Catalog, subjects: readonly Subject[]): Section {
  const categories = ['coding', 'math', 'reasoning', 'agentic', 'multilingual', 'knowledge', 'vision', 'long-context'];
  const shared = commonBenchmarks({ catalog, subjects }, categories);
  if (shared.length === 0) {
    return { heading: 'Benchmarks', paragraphs: subjects.length > 1 ? [[text('The catalog holds no benchmark that every subject reports, so scores are shown per row but not compared.')]] : [] };
  }
  const paragraphs: Rich[] = shared.map((b) => {
    const name = catalog.benchmark.get(b)?.name ?? b;
    const results = subjects.flatMap((s) => {
      const r = bestResults(catalog, s, categories).get(b);
      return r ? [[{ text: `${r.model.name} ${r.result.score}`, refs: [{ source: r.result.source }] }, text(` (${r.result.setting})`)]] : [];
    });
    return [text(`${name}: `), ...joinSpans(results, '; '), text('.')];
  });
  paragraphs.push([text('Vendors report these under their own settings (thinking on or off, shots, versions); read the setting beside each score before comparing.')]);
  return { heading: 'Benchmarks every subject reports', paragraphs };
}
