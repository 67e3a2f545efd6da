// The cost row: what a standard task costs with the flagship, hosted at the cheapest dated price and self-hosted on H100s.
import { modelCost, type LanguageCost, type Task } from '../cost.js';
import { ENGLISH, type LanguageRef } from '../../measure/tokens/measured.js';
import { computed, flagship, text, type Cell, type Dimension, type Span } from '../cell.js';

/** The task every comparison prices: a typical chat turn, sized by its English version. */
export const ROW_TASK: Task = { inputChars: 2000, outputChars: 600 };
const ROW_TASK_ARGS = '--task "2000 chars in, 600 chars out"';
const SELF_HOST_GPU = 'h100-sxm';

/** "$0.44" per 1,000 tasks. */
const perThousand = (usd: number) => `$${(usd * 1000).toFixed(usd * 1000 >= 10 ? 1 : 2)}`;

/** English plus the report's languages (at most four in all), as codes the token results know. */
function rowLanguages(languages: readonly LanguageRef[] | undefined): LanguageRef[] {
  const chosen = languages && languages.length > 0 ? languages : ['hin', 'tam', 'jpn'];
  return [ENGLISH, ...chosen.filter((l) => l !== ENGLISH)].slice(0, 4);
}

export const cost: Dimension = {
  id: 'cost',
  label: 'Cost per 1,000 tasks',
  metric: '1 ÷ the cheapest dated hosted price of the flagship for 1,000 tasks of 2,000 characters in and 600 out, in English',
  cell(subject, { catalog, tokens, languages }): Cell {
    const top = flagship(subject);
    if (!top || !tokens) return { text: [text('not priced: no measured token counts in this build')], value: null, metric: null };
    const gpu = catalog.gpu.get(SELF_HOST_GPU);
    const c = modelCost(catalog, tokens, top, { languages: rowLanguages(languages), task: ROW_TASK, tasksPerMonth: 1000, now: new Date(), ...(gpu ? { gpu } : {}) });
    const english = c.languages.find((l) => l.premium.language.code === ENGLISH);
    const best = english?.hosted[0];
    if (!english || !best) return { text: [{ text: `${top.name}: not priced (${c.missing[0] ?? 'no hosted price'})`, mark: 'unknown' }], value: null, metric: null };
    const langArgs = `--lang ${c.languages.map((l) => l.premium.language.code).join(',')} ${ROW_TASK_ARGS}`;
    const spans: Span[] = [
      text(`${top.name}: `),
      { text: `${perThousand(best.perTask)} in English at ${best.provider?.name ?? best.price.provider} (as of ${best.price.as_of}${best.stale ? ', stale' : ''})`, refs: [{ source: best.price.source }], ...(best.stale ? { mark: 'caution' as const } : {}) },
      ...others(c.languages, top.id, langArgs),
    ];
    const self = english.selfHosted;
    if (self) spans.push(text('; self-hosted: '), computed('cost', top, `${perThousand(self.perTask)} on ${self.gpus} × H100 in ${self.precision}, ${self.concurrency} at once`, `${langArgs} --gpu ${SELF_HOST_GPU}`), { text: ` ($${self.gpuPrice.usd_per_gpu_hour}/GPU-hour)`, refs: [{ source: self.gpuPrice.source }] });
    const value = { model: top.id, languages: c.languages.map((l) => ({ language: l.premium.language.name, hosted: l.hosted[0]?.perTask ?? null, selfHosted: l.selfHosted?.perTask ?? null })) };
    return { text: spans, value, metric: 1 / best.perTask };
  },
};

/** "; Hindi $0.93, Tamil $1.31 (tokenizer premium)" at the same provider, backed by the cost computation. */
function others(languages: readonly LanguageCost[], model: string, args: string): Span[] {
  const rest = languages.filter((l) => l.premium.language.code !== ENGLISH && l.hosted[0]);
  if (rest.length === 0) return [];
  const shown = rest.map((l) => `${l.premium.language.name} ${perThousand(l.hosted[0]?.perTask ?? 0)}`).join(', ');
  return [text('; '), computed('cost', { id: model }, `${shown} (× the measured token premium)`, args)];
}
