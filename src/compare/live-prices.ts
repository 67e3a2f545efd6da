// Live hosted prices: OpenRouter's public models listing, mapped to catalog models by their Hugging Face repo.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { Price } from '../catalog/schema.js';
import { ioReason, VersusError } from '../errors.js';
import { cacheDir } from '../paths.js';
import { readBounded } from '../read-file.js';

/** OpenRouter's documented endpoint: every model with `pricing` in US dollars per token. */
export const OPENROUTER_MODELS_URL = 'https://openrouter.ai/api/v1/models';

/** The part of OpenRouter's models listing that versus reads (docs: openrouter.ai/docs/api-reference/list-available-models). */
const Listing = z.object({
  data: z.array(z.object({
    id: z.string(),
    hugging_face_id: z.string().nullish(),
    context_length: z.number().nullish(),
    pricing: z.object({ prompt: z.string(), completion: z.string(), input_cache_read: z.string().nullish() }),
  })),
});

/** A refreshed snapshot as saved in the user's cache folder. */
export interface LiveSnapshot {
  readonly url: string;
  readonly fetched: string;
  readonly prices: readonly Price[];
}

/** Where `versus prices --refresh` keeps its snapshot: in versus's cache folder, beside the tokenizer files (see cacheDir). */
export function liveSnapshotPath(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string {
  return join(cacheDir(env, home), 'prices-openrouter.json');
}

/**
 * Maps OpenRouter's listing to catalog prices (US dollars per million tokens) for the models whose
 * Hugging Face repo it names. Free and zero-priced variants are left out.
 * @example livePrices(catalog, json, OPENROUTER_MODELS_URL, '2026-12-01').prices[0].provider // 'openrouter'
 */
export function livePrices(catalog: Catalog, json: unknown, url: string, fetched: string): LiveSnapshot {
  const parsed = Listing.safeParse(json);
  if (!parsed.success) throw new VersusError('E_PRICES', `${url} did not answer with OpenRouter's models listing (${parsed.error.issues[0]?.message ?? 'unexpected shape'}); the catalog's snapshot is still used.`);
  const byRepo = new Map(catalog.models.flatMap((m) => (m.repo ? [[m.repo.toLowerCase(), m.id] as const] : [])));
  const prices = parsed.data.data.flatMap((entry): Price[] => {
    const model = entry.hugging_face_id ? byRepo.get(entry.hugging_face_id.toLowerCase()) : undefined;
    const input = Number(entry.pricing.prompt) * 1e6;
    const output = Number(entry.pricing.completion) * 1e6;
    if (!model || entry.id.endsWith(':free') || !(input > 0 && output > 0)) return [];
    const cached = entry.pricing.input_cache_read ? Number(entry.pricing.input_cache_read) * 1e6 : undefined;
    return [{
      model, provider: 'openrouter', input: round(input), output: round(output),
      ...(cached !== undefined && cached > 0 ? { cached_input: round(cached) } : {}),
      ...(entry.context_length ? { context: entry.context_length } : {}),
      as_of: fetched, source: 'openrouter-live', note: `${entry.id} in ${url}, fetched ${fetched}`,
    }];
  });
  return { url, fetched, prices };
}

/** Float dust from "0.00000015" × 1e6. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The listing is a few MB; a file larger than this (or a device that never ends) is refused, not read. */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

/** Fetches the listing (or reads it from a local file) and saves the mapped snapshot. */
export async function refreshLivePrices(catalog: Catalog, from: string, path: string, now: Date): Promise<LiveSnapshot> {
  let text: string;
  try {
    if (/^https?:\/\//i.test(from)) {
      const res = await fetch(from, { signal: AbortSignal.timeout(30_000), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } else {
      const bytes = readBounded(from, MAX_LISTING_BYTES);
      if (!bytes) throw new Error(`the file is larger than ${MAX_LISTING_BYTES.toLocaleString('en-US')} bytes`);
      text = bytes.toString('utf8');
    }
  } catch (error) {
    throw new VersusError('E_PRICES', `Could not read prices from ${from}: ${ioReason(error)}. The catalog's snapshot is still used.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text; the answer names the problem, not the content.
    throw new VersusError('E_PRICES', `Could not read prices from ${from}: it is not JSON. The catalog's snapshot is still used.`);
  }
  const snapshot = livePrices(catalog, json, from, now.toISOString().slice(0, 10));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
  return snapshot;
}

/** The saved snapshot, or undefined when there is none (or it cannot be read). */
export function readLiveSnapshot(path: string): LiveSnapshot | undefined {
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as LiveSnapshot;
    return Array.isArray(s.prices) && typeof s.fetched === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalog with a refreshed snapshot laid over it: the snapshot's OpenRouter prices replace the
 * catalog's OpenRouter prices for the same models, and cite the listing they came from.
 * @example withLivePrices(catalog, readLiveSnapshot(liveSnapshotPath()))
 */
export function withLivePrices(catalog: Catalog, snapshot: LiveSnapshot | undefined): Catalog {
  if (!snapshot || snapshot.prices.length === 0) return catalog;
  const replaced = new Set(snapshot.prices.map((p) => `${p.provider}:${p.model}`));
  const source = { id: 'openrouter-live', url: snapshot.url, title: 'OpenRouter models listing (versus prices --refresh)', publisher: 'OpenRouter', kind: 'primary' as const, retrieved: snapshot.fetched };
  return {
    ...catalog,
    prices: [...catalog.prices.filter((p) => !replaced.has(`${p.provider}:${p.model}`)), ...snapshot.prices],
    sources: [...catalog.sources, source],
    source: new Map([...catalog.source, [source.id, source]]),
  };
}
