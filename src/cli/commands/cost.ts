// versus cost <model…> --lang hi,ta --task "2000 chars in, 600 chars out" --volume 1m/month [--gpu h100]: dollars per task and month.
import { resolveGpu } from '../../catalog/resolve.js';
import { suggest } from '../../catalog/suggest.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelCost, parseTask, STALE_DAYS, type MeasuredSpeed, type ModelCost } from '../../compare/cost.js';
import { RunStore } from '../../measure/eval/store.js';
import { measuredThroughput } from '../../measure/eval/summary.js';
import { liveSnapshotPath, readLiveSnapshot, withLivePrices } from '../../compare/live-prices.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { loadTokenResults } from '../../measure/tokens/results.js';
import { selectLanguages } from '../../measure/tokens/select.js';
import { renderCost } from '../../render/cost.js';
import { list, parse, parseCountFlag } from '../args.js';
import { parseCount, parseFraction } from '../fit-options.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus cost <model…> [--lang L,…] [--task "2000 chars in, 600 chars out"] [--volume 1m/month] [--provider P,…] [--gpu G] [--json]

  What a task costs in each of your languages, for every provider with a sourced price and for
  renting GPUs yourself. Characters become tokens with each model's measured tokenizer premium:
  the task is sized by its English version, and the same content in Hindi costs premium(Hindi) ×
  the English tokens. Prices are dated; one older than ${STALE_DAYS} days is marked stale.

Options:
  --lang L,…          languages (ISO or UDHR codes, names); default en
  --task T            characters in and out per task (default "2000 chars in, 600 chars out")
  --volume V          tasks per month, e.g. 1m/month, 50k (default 1m)
  --provider P,…      only these providers (see versus prices)
  --gpu G             also price self-hosting on this GPU (fewest GPUs that hold the model)
  --precision P       self-hosted weight precision (default bf16)
  --concurrency N     requests served at once per deployment (default 16)
  --efficiency F      fraction of the decode/prefill bounds an engine reaches (default 0.5, an assumption)
  --assume-tokenizer T  count with measured tokenizer T where the catalog does not know a model's own
                      (the report labels it assumed)
  --runs FILE --run N  self-host at the output tokens/s a speed run measured (versus eval --suite speed)
                      instead of the decode bound; give --gpu for the GPU it ran on
  --json              machine-readable output
  --data DIR          use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('cost', args, {
      lang: { type: 'string' }, task: { type: 'string' }, volume: { type: 'string' }, provider: { type: 'string' },
      gpu: { type: 'string' }, precision: { type: 'string' }, concurrency: { type: 'string' }, efficiency: { type: 'string' },
      'assume-tokenizer': { type: 'string' }, runs: { type: 'string' }, run: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('cost needs at least one model id, e.g. "versus cost qwen3.8-27b llama-4-scout-17b-16e --lang hi".');
    const task = parseTask(values.task ?? '2000 chars in, 600 chars out');
    if (!task) throw new UsageError(`--task must read like "2000 chars in, 600 chars out" (got "${values.task}").`);
    const volume = parseVolume(values.volume ?? '1m');
    // A refreshed OpenRouter listing (versus prices --refresh) replaces the catalog's OpenRouter prices.
    const catalog = withLivePrices(await ctx.catalog(values.data), readLiveSnapshot(liveSnapshotPath()));
    const models = positionals.map((id) => {
      const m = catalog.model.get(id.toLowerCase());
      if (!m) throw new NotFoundError('model', id, suggest(id, catalog.model.keys()));
      return m;
    });
    const providers = list(values.provider);
    for (const p of providers) if (!catalog.provider.has(p)) throw new NotFoundError('provider', p, suggest(p, catalog.provider.keys()));
    const tokens = loadTokenResults();
    // One text per language named ("ta" is Tamil of India, the first complete text), in the order given.
    const languages = (list(values.lang).length > 0 ? list(values.lang) : ['eng']).flatMap((item) => selectLanguages(tokens.languages, [item]).slice(0, 1).map((l) => l.code));
    const gpu = values.gpu === undefined ? undefined : resolveGpu(catalog, values.gpu);
    if (values.precision !== undefined && !catalog.precision.has(values.precision)) throw new NotFoundError('precision', values.precision, suggest(values.precision, catalog.precision.keys()));
    const assume = values['assume-tokenizer'];
    if (assume !== undefined && !tokens.counts[assume]) throw new NotFoundError('measured tokenizer', assume, suggest(assume, Object.keys(tokens.counts)));
    const measured = values.runs === undefined ? undefined : measuredFrom(resolve(ctx.io.cwd, values.runs), values.run, values.concurrency);
    if (measured && !gpu) throw new UsageError('--runs prices self-hosting: give --gpu for the GPU the speed run used.');
    const options = {
      ...(assume ? { assumeTokenizer: assume } : {}),
      ...(measured ? { measured } : {}),
      languages, task, tasksPerMonth: volume, now: new Date(), providers,
      ...(gpu ? { gpu } : {}),
      ...(values.precision ? { precision: values.precision } : {}),
      ...(values.concurrency ? { concurrency: parseCount('concurrency', values.concurrency, 4096) } : {}),
      ...(values.efficiency ? { efficiency: parseFraction('efficiency', values.efficiency, 0.01, 1) } : {}),
    };
    const costs: ModelCost[] = models.map((m) => modelCost(catalog, tokens, m, options));
    ctx.io.stdout.write(renderCost(catalog, costs, { task, volume, json: values.json ?? false }));
    return 0;
  },
};

/** The measured throughput of a stored speed run, or a usage error that says what is missing. */
function measuredFrom(db: string, run: string | undefined, concurrency: string | undefined): MeasuredSpeed {
  if (!existsSync(db)) throw new UsageError(`No results database "${db}". Run "versus eval --suite speed --db ${db}" first.`);
  const id = run === undefined ? undefined : parseCount('run', run, 2 ** 31 - 1);
  const store = new RunStore(db, 'read');
  try {
    const runs = store.runs(id === undefined ? [] : [id]);
    const chosen = id ?? runs.filter((r) => r.suites.includes('speed')).at(-1)?.id;
    const level = concurrency === undefined ? undefined : parseCount('concurrency', concurrency, 4096);
    const m = chosen === undefined ? undefined : measuredThroughput(store, chosen, level);
    if (chosen === undefined || !m) throw new UsageError(`No speed results${chosen === undefined ? '' : ` in run ${chosen}`}${level ? ` at concurrency ${level}` : ''} in ${db}.`);
    return { tokensPerSecond: m.tokensPerSecond, concurrency: m.concurrency, label: `measured on ${m.endpoint}${m.servedModel ? ` (${m.servedModel})` : ''}, ${m.started.slice(0, 10)}, run ${chosen} at concurrency ${m.concurrency}`, reproduce: `versus eval report ${chosen} --db ${db}` };
  } finally {
    store.close();
  }
}

/**
 * Tasks per month: "1m/month", "50k", "2000/day" (× 30), "100/hour" (× 730).
 * @example parseVolume('1m/month') // 1_000_000
 */
export function parseVolume(text: string): number {
  const m = /^([^/]+?)(?:\s*\/\s*(month|mo|day|hour|h))?$/i.exec(text.trim());
  const per = { month: 1, mo: 1, day: 30, hour: 730, h: 730 }[(m?.[2] ?? 'month').toLowerCase() as 'month'];
  const n = m?.[1] ? parseCountFlag('volume', m[1].trim()) : undefined;
  if (n === undefined || n <= 0) throw new UsageError(`--volume must be a number of tasks such as 1m/month, 2000/day or 50k (got "${text}").`);
  return n * per;
}
