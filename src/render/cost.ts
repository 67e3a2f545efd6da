// Cost → Markdown table per model (hosted and self-hosted, per language) or JSON, every price with its source and date.
import type { Catalog } from '../catalog/catalog.js';
import type { Task, ModelCost } from '../compare/cost.js';
import { HOURS_PER_MONTH, STALE_DAYS } from '../compare/cost.js';
import { formatInt, trim } from '../format.js';

/** "$0.00123" for small amounts, "$1,234" for large ones. */
export function usd(n: number): string {
  if (n >= 100) return `$${formatInt(Math.round(n))}`;
  if (n >= 1) return `$${n.toFixed(2)}`;
  return `$${n.toPrecision(3)}`;
}

/**
 * The cost report: per model, a row per language with the cheapest hosted price and self-hosting, then
 * every provider, then the numbered sources.
 * @example renderCost(catalog, costs, { task, volume: 1e6, json: false })
 */
export function renderCost(catalog: Catalog, costs: readonly ModelCost[], o: { task: Task; volume: number; json: boolean }): string {
  const sources = new Map<string, number>();
  const cite = (id: string) => {
    if (!sources.has(id)) sources.set(id, sources.size + 1);
    return `[${sources.get(id)}]`;
  };
  if (o.json) return `${JSON.stringify({ version: 1, task: o.task, tasks_per_month: o.volume, stale_after_days: STALE_DAYS, models: costs.map(jsonOf) }, null, 2)}\n`;
  const out = [`# What it costs: ${formatInt(o.task.inputChars)} characters in, ${formatInt(o.task.outputChars)} out (English-equivalent), ${formatInt(o.volume)} tasks a month`, ''];
  for (const c of costs) {
    const tok = c.tokenizer ? ` (tokenizer ${c.tokenizer}${c.assumed ? ', ASSUMED: the catalog does not know this model\'s own' : ''}, ${trim(c.englishCharsPerToken ?? 0)} English characters per token)` : '';
    out.push(`## ${c.model.name}${tok}`, '');
    if (c.languages.length > 0) {
      out.push('| language | premium | tokens in / out | cheapest hosted per task | per month | self-hosted per task | per month |', '|---|---|---|---|---|---|---|');
      for (const l of c.languages) {
        const best = l.hosted[0];
        const hosted = best ? `${usd(best.perTask)} ${best.provider?.name ?? best.price.provider}${cite(best.price.source)}${best.stale ? ' (stale)' : ''}` : '—';
        const s = l.selfHosted;
        const self = s ? `${usd(s.perTask)} on ${s.gpus} × ${s.gpu.name}${cite(s.gpuPrice.source)}${s.stale ? ' (stale)' : ''}` : '—';
        out.push(`| ${l.premium.language.name} | ${trim(l.premium.premium)}× | ${formatInt(Math.round(l.inputTokens))} / ${formatInt(Math.round(l.outputTokens))} | ${hosted} | ${best ? usd(best.perMonth) : '—'} | ${self} | ${s ? usd(s.perMonth) : '—'} |`);
      }
      out.push('');
      const first = c.languages[0];
      if (first && first.hosted.length > 1) {
        out.push(`Every provider, for ${first.premium.language.name}: ${first.hosted.map((h) => `${h.provider?.name ?? h.price.provider} ${usd(h.perTask)} ($${h.price.input}/$${h.price.output} per M tokens, as of ${h.price.as_of}${h.stale ? ', stale' : ''})${cite(h.price.source)}`).join('; ')}.`, '');
      }
      const s = first?.selfHosted;
      if (s) {
        out.push(`Self-hosted: ${s.gpus} × ${s.gpu.name}${s.rented > s.gpus ? ` (${s.rented} rented: the offer's unit)` : ''} at ${s.precision}, ${s.concurrency} requests at once, $${s.gpuPrice.usd_per_gpu_hour}/GPU-hour (${s.gpuPrice.offer}, as of ${s.gpuPrice.as_of})${cite(s.gpuPrice.source)}; ` +
          (s.basis.kind === 'measured'
            ? `${formatInt(Math.round(s.decodeTokensPerSecond))} output tokens/s ${s.basis.label} (reproduce: ${s.basis.reproduce}); input ${formatInt(Math.round(s.prefillTokensPerSecond))} tokens/s (the prefill bound × 0.5). `
            : `${formatInt(Math.round(s.decodeTokensPerSecond))} output and ${formatInt(Math.round(s.prefillTokensPerSecond))} input tokens/s: the decode and prefill bounds × the stated efficiency ${s.basis.efficiency} (reproduce: versus fit ${c.model.id} --gpu ${s.gpu.id} --gpus ${s.gpus} --precision ${s.precision} --concurrency ${s.concurrency}). `) +
          `A month rents ${s.replicas} deployment${s.replicas === 1 ? '' : 's'} around the clock (${HOURS_PER_MONTH} h).`, '');
      }
    }
    for (const m of c.missing) out.push(`- not priced: ${m}`);
    if (c.missing.length > 0) out.push('');
  }
  out.push(`Prices older than ${STALE_DAYS} days are marked stale. Tokens = English characters ÷ English characters per token × the language's measured premium (versus tokens).`, '', 'Sources', '');
  for (const [id, n] of sources) {
    const s = catalog.source.get(id);
    out.push(`[${n}] ${s ? `${s.title} — ${s.url} (${s.publisher}, ${s.kind}, retrieved ${s.retrieved})` : id}`);
  }
  return `${out.join('\n')}\n`;
}

function jsonOf(c: ModelCost) {
  return {
    model: c.model.id, tokenizer: c.tokenizer ?? null, tokenizer_assumed: c.assumed, english_chars_per_token: c.englishCharsPerToken ?? null, not_priced: c.missing,
    languages: c.languages.map((l) => ({
      language: l.premium.language.code, name: l.premium.language.name, premium: l.premium.premium,
      input_tokens: l.inputTokens, output_tokens: l.outputTokens,
      hosted: l.hosted.map((h) => ({ provider: h.price.provider, input_per_mtok: h.price.input, output_per_mtok: h.price.output, per_task: h.perTask, per_month: h.perMonth, as_of: h.price.as_of, stale: h.stale, source: h.price.source })),
      self_hosted: l.selfHosted ? {
        gpu: l.selfHosted.gpu.id, gpus: l.selfHosted.gpus, precision: l.selfHosted.precision, concurrency: l.selfHosted.concurrency,
        rented: l.selfHosted.rented, usd_per_gpu_hour: l.selfHosted.gpuPrice.usd_per_gpu_hour, offer: l.selfHosted.gpuPrice.offer, as_of: l.selfHosted.gpuPrice.as_of, stale: l.selfHosted.stale, source: l.selfHosted.gpuPrice.source,
        decode_tokens_per_s: l.selfHosted.decodeTokensPerSecond, decode_basis: l.selfHosted.basis, prefill_tokens_per_s: l.selfHosted.prefillTokensPerSecond,
        seconds_per_task: l.selfHosted.secondsPerTask, per_task: l.selfHosted.perTask, replicas: l.selfHosted.replicas, per_month: l.selfHosted.perMonth,
      } : null,
    })),
  };
}
