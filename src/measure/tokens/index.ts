// The tokens engine for the web site: shipped premiums per language, and counts of a visitor's own text.
import { TokenizerFiles } from '../tokenizers/files.js';
import { TOKENIZERS, isAvailable } from '../tokenizers/registry.js';
import { CountPool, type PoolOptions } from './pool.js';
import { loadTokenResults, premiumTable, type TokenResults } from './results.js';

export interface EngineOptions {
  readonly results?: TokenResults;
  /** Where file-based tokenizers are found; default $VERSUS_TOKENIZER_DIR, else the download cache (the server never downloads). */
  readonly files?: TokenizerFiles;
  /** Limits of the worker pool that counts texts (concurrency, queue, time budget). */
  readonly pool?: Omit<PoolOptions, 'tokenizers' | 'tokenizerDir'>;
}

/**
 * Premiums from the shipped measurements; `count` runs on worker threads, one per available tokenizer,
 * each loaded on first use and kept (seconds, and about 150 MB each, once per process).
 * @example const e = await engine(); await e.count('Namaste') // [{ tokenizer: 'qwen2', tokens: 3 }, …]
 */
export async function engine(options: EngineOptions = {}) {
  const r = options.results ?? loadTokenResults();
  const files = options.files ?? TokenizerFiles.from(undefined, process.env, process.cwd());
  let pool: CountPool | undefined;
  return {
    ...premiumTable(r),
    count(text: string) {
      pool ??= new CountPool({ ...options.pool, tokenizers: TOKENIZERS.filter((s) => isAvailable(s, files)).map((s) => s.id), tokenizerDir: files.dir });
      return pool.count(text);
    },
    close: () => pool?.close() ?? Promise.resolve(),
  };
}
