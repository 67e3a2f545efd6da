// versus prices [model…] [--gpus] [--refresh [--from URL|FILE]]: the dated hosted and GPU prices behind versus cost.
import { suggest } from '../../catalog/suggest.js';
import { ageInDays, STALE_DAYS } from '../../compare/cost.js';
import { liveSnapshotPath, OPENROUTER_MODELS_URL, readLiveSnapshot, refreshLivePrices, withLivePrices } from '../../compare/live-prices.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { list, parse } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus prices [model…] [--provider P,…] [--gpus] [--refresh [--from URL|FILE]] [--json]

  The prices versus cost uses, each with its source and the date it was stated; a price older than
  ${STALE_DAYS} days is marked stale. --refresh fetches OpenRouter's public models listing
  (${OPENROUTER_MODELS_URL}) and keeps it in your cache folder; from then on its prices replace the
  catalog's OpenRouter prices for the models it maps (by Hugging Face repo).

Options:
  --provider P,…   only these providers
  --gpus           GPU rental prices (US dollars per GPU-hour) instead of token prices
  --refresh        fetch the live listing now
  --from SRC       read the listing from another URL or a saved file (with --refresh)
  --json           machine-readable output
  --data DIR       use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('prices', args, {
      provider: { type: 'string' }, gpus: { type: 'boolean' }, refresh: { type: 'boolean' }, from: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' },
    });
    if (values.from !== undefined && !values.refresh) throw new UsageError('--from goes with --refresh.');
    const base = await ctx.catalog(values.data);
    const path = liveSnapshotPath();
    const now = new Date();
    if (values.refresh) {
      const snap = await refreshLivePrices(base, values.from ?? OPENROUTER_MODELS_URL, path, now);
      ctx.io.stderr.write(`fetched ${snap.url} on ${snap.fetched}: ${snap.prices.length} prices for catalog models, saved to ${path}\n`);
    }
    const snapshot = readLiveSnapshot(path);
    const catalog = withLivePrices(base, snapshot);
    for (const id of positionals) if (!catalog.model.has(id.toLowerCase())) throw new NotFoundError('model', id, suggest(id, catalog.model.keys()));
    const providers = list(values.provider);
    for (const p of providers) if (!catalog.provider.has(p)) throw new NotFoundError('provider', p, suggest(p, catalog.provider.keys()));
    const keep = (model: string, provider: string) => (positionals.length === 0 || positionals.some((m) => m.toLowerCase() === model)) && (providers.length === 0 || providers.includes(provider));
    const stale = (date: string) => (ageInDays(date, now) > STALE_DAYS ? ' stale' : '');
    if (values.gpus) {
      const rows = catalog.gpu_prices.filter((g) => keep(g.gpu, g.provider) || (positionals.length > 0 && positionals.includes(g.gpu) && (providers.length === 0 || providers.includes(g.provider))));
      if (values.json) return write(ctx, { version: 1, gpu_prices: rows });
      ctx.io.stdout.write(`${table(['gpu', 'provider', '$/GPU-hour', 'offer', 'as of', 'source'], rows.map((g) => [g.gpu, g.provider, String(g.usd_per_gpu_hour), g.offer, `${g.as_of}${stale(g.as_of)}`, catalog.source.get(g.source)?.url ?? g.source]))}\n${rows.length} GPU prices.\n`);
      return 0;
    }
    const rows = catalog.prices.filter((p) => keep(p.model, p.provider));
    if (values.json) return write(ctx, { version: 1, live: snapshot ? { url: snapshot.url, fetched: snapshot.fetched } : null, prices: rows });
    const head = snapshot ? `OpenRouter prices from ${snapshot.url}, fetched ${snapshot.fetched}.\n` : `Catalog snapshot only (run "versus prices --refresh" for OpenRouter's live listing).\n`;
    ctx.io.stdout.write(`${head}${table(['model', 'provider', 'in $/M', 'out $/M', 'cached $/M', 'context', 'as of', 'source'], rows.map((p) => [p.model, p.provider, String(p.input), String(p.output), p.cached_input === undefined ? '—' : String(p.cached_input), p.context === undefined ? '—' : String(p.context), `${p.as_of}${stale(p.as_of)}`, catalog.source.get(p.source)?.url ?? p.source]))}\n${rows.length} prices.\n`);
    return 0;
  },
};

function write(ctx: { io: { stdout: { write(s: string): unknown } } }, data: unknown): number {
  ctx.io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  return 0;
}

/** A plain aligned text table. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
