// Measures token counts for languages × tokenizers: cached counts are reused, the rest are swept on worker threads.
import type { Corpus } from '../corpus/udhr.js';
import type { TokenizerFiles } from '../tokenizers/files.js';
import type { TokenizerSpec } from '../tokenizers/registry.js';
import type { CacheKey, CountCache } from './cache.js';
import type { TokenResults } from './results.js';
import { runSweep, type SweepEvents } from './sweep.js';

export interface MeasureOptions {
  readonly corpus: Corpus;
  /** Language codes to measure; English is always added (premiums divide by it). */
  readonly languages: readonly string[];
  readonly tokenizers: readonly TokenizerSpec[];
  readonly files: TokenizerFiles;
  readonly toolVersion: string;
  /** undefined: no cache. */
  readonly cache?: CountCache;
  /** Ignore cached counts (still stores the new ones). */
  readonly fresh?: boolean;
  readonly threads: number;
  /** Today's date (YYYY-MM-DD), passed in so results are reproducible in tests. */
  readonly today: string;
  readonly regenerate: string;
  readonly events?: SweepEvents;
}

/**
 * Counts every selected language under every selected tokenizer; returns the results file and
 * how many of its counts came from the cache.
 * @example const { results } = await measureTokens({ corpus, languages: ['hin'], tokenizers: [qwen2], files, toolVersion, threads: 2, today, regenerate })
 */
export async function measureTokens(o: MeasureOptions): Promise<{ results: TokenResults; reused: number }> {
  const codes = [...new Set(['eng', ...o.languages])];
  const keys = new Map<string, CacheKey>(o.tokenizers.map((t) => [t.id, { tokenizer: t.id, source: t.source(o.files), corpus: o.corpus.version, tool: o.toolVersion }]));
  const cached = new Map(o.tokenizers.map((t) => [t.id, o.fresh ? undefined : o.cache?.get(keys.get(t.id)!)]));
  const jobs = new Map<string, string[]>();
  for (const t of o.tokenizers) {
    const missing = codes.filter((c) => !cached.get(t.id)?.counts.has(c));
    if (missing.length > 0) jobs.set(t.id, missing);
  }
  const byCode = new Map(o.corpus.texts.map((t) => [t.code, t]));
  const texts = new Map([...new Set([...jobs.values()].flat())].map((c) => [c, byCode.get(c)!.text]));
  const swept = await runSweep({ texts, jobs, tokenizerDir: o.files.dir, threads: o.threads, ...(o.events ? { events: o.events } : {}) });
  for (const [id, counts] of swept.counts) o.cache?.put(keys.get(id)!, swept.tokenizers.get(id)!, counts);

  const languages = codes.map((c) => byCode.get(c)!).map(({ text: _text, bytes: _bytes, articles: _articles, ...meta }) => meta);
  const tokenizers = o.tokenizers.map((t) => {
    const how = swept.tokenizers.get(t.id) ?? cached.get(t.id)!;
    return { id: t.id, label: t.label, fidelity: how.fidelity, implementation: how.implementation, source: keys.get(t.id)!.source };
  });
  const count = (id: string, code: string) => swept.counts.get(id)?.get(code) ?? cached.get(id)?.counts.get(code) ?? null;
  const reused = o.tokenizers.length * codes.length - [...jobs.values()].reduce((n, c) => n + c.length, 0);
  const results: TokenResults = {
    kind: 'versus/token-counts',
    schema: 1,
    regenerate: o.regenerate,
    tool_version: o.toolVersion,
    corpus: o.corpus.version,
    measured: o.today,
    tokenizers,
    languages,
    counts: Object.fromEntries(o.tokenizers.map((t) => [t.id, codes.map((c) => count(t.id, c))])),
  };
  return { results, reused };
}

/**
 * The results file as committed: one line per language and per tokenizer's counts, so diffs stay readable.
 * @example writeFileSync('data/measured/tokens.json', formatTokenResults(results))
 */
export function formatTokenResults(r: TokenResults): string {
  const { languages, counts, tokenizers, ...head } = r;
  const lines = (items: string[]) => items.map((s) => `    ${s}`).join(',\n');
  const headJson = JSON.stringify(head, null, 2).slice(0, -2);
  return `${headJson},
  "tokenizers": [
${lines(tokenizers.map((t) => JSON.stringify(t)))}
  ],
  "languages": [
${lines(languages.map((l) => JSON.stringify(l)))}
  ],
  "counts": {
${lines(Object.entries(counts).map(([id, c]) => `${JSON.stringify(id)}: ${JSON.stringify(c)}`))}
  }
}
`;
}
