// Rows about who and what a model can serve: languages and modalities.
import { isKnown } from '../../catalog/catalog.js';
import type { Modality, Model } from '../../catalog/schema.js';
import { languageCount, listing } from '../../format.js';
import { cite, joinSpans, text, type Dimension, type Span } from '../cell.js';
import { premiumSpans, subjectTokenizer } from '../token-rows.js';

export const multilingual: Dimension = {
  id: 'languages',
  label: 'Multilingual support',
  metric: 'the number of officially supported languages',
  cell(subject, ctx) {
    const counted = subject.models.filter((m) => isKnown(m.languages));
    const best = counted.sort((a, b) => count(b) - count(a))[0];
    const tokenizer = ctx.tokens && subjectTokenizer(subject, ctx.tokens);
    // The measured premium is shown even when the vendor states no languages: it is ours, not theirs.
    const measured = ctx.tokens && tokenizer ? premiumSpans(ctx.tokens, tokenizer, ctx.languages) : [];
    if (!best || !isKnown(best.languages)) return { text: [text('official language count unknown'), ...measured], value: null, metric: null };
    const { count: n, list } = best.languages.value;
    const listed = list ? ` (${list.join(', ')})` : '';
    const spans: Span[] = [...cite(best.languages, `${languageCount(best.languages.value, 'official')}${listed}`, (v) => languageCount(v)), ...measured];
    const counts = new Set(subject.models.map(count));
    if (counts.size > 1) spans.push(text(`; varies by model (${[...counts].filter((c) => c > 0).sort((a, b) => b - a).join(', ')})`));
    return { text: spans, value: { count: n, list: list ?? null }, metric: n };
  },
};

const count = (m: Model): number => (isKnown(m.languages) ? m.languages.value.count : 0);

const ORDER: Modality[] = ['text', 'image', 'video', 'audio'];

export const multimodal: Dimension = {
  id: 'multimodal',
  label: 'Multimodal capabilities',
  metric: 'the number of input modalities (text, image, video, audio) accepted by some model',
  cell(subject) {
    const facts = subject.models.flatMap((m) => (isKnown(m.modalities) ? [{ model: m, fact: m.modalities }] : []));
    const first = facts[0];
    if (!first) return { text: [text('modalities unknown')], value: null, metric: null };
    const inputs = ORDER.filter((mod) => facts.some((f) => f.fact.value.input.includes(mod)));
    const outputs = ORDER.filter((mod) => facts.some((f) => f.fact.value.output.includes(mod)));
    const parts = inputs.filter((mod) => mod !== 'text').map((mod) => {
      const takers = facts.filter((f) => f.fact.value.input.includes(mod));
      const who = takers.length === subject.models.length ? (takers.length > 1 ? ' (all models)' : '') : ` (${listing(takers.map((t) => t.model.name))})`;
      return [...cite(takers[0]!.fact, `${mod} input`), text(who)];
    });
    const spans: Span[] = parts.length > 0 ? joinSpans(parts, '; ') : cite(first.fact, 'text only');
    spans.push(text(`; output: ${listing(outputs)}`));
    return { text: spans, value: { input: inputs, output: outputs }, metric: inputs.length };
  },
};
