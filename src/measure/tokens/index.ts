// The tokens engine for the web site: shipped premiums per language, and counts of a visitor's own text.
import type { TokenizerFile } from '../../catalog/schema.js';
import { TokenizerFiles } from '../tokenizers/files.js';
import { TOKENIZERS } from '../tokenizers/registry.js';
import { explainProblem, unready } from '../tokenizers/vendor.js';
import { CountPool, type PoolOptions } from './pool.js';
import { loadTokenResults, premiumTable, type TokenResults } from './results.js';

export interface EngineOptions {
  readonly results?: TokenResults;
  /** Where file-based tokenizers are found; default $VERSUS_TOKENIZER_DIR, else the download cache (the server never downloads). */
  readonly files?: TokenizerFiles;
  /** Each tokenizer's vendor files with URL, size and sha256 (default: the shipped catalog's, data/tokenizers.yaml). */
  readonly listed?: (id: string) => readonly TokenizerFile[] | undefined;
  /** Limits of the worker pool that counts texts (concurrency, queue, time budget). */
  readonly pool?: Omit<PoolOptions, 'tokenizers' | 'tokenizerDir' | 'origin' | 'compactDir'>;
}

/** The shipped catalog's tokenizer files (a server may serve another catalog, which need not list them). */
async function shippedFiles(): Promise<(id: string) => readonly TokenizerFile[] | undefined> {
  const [{ loadCatalog }, { COMPILED_CATALOG, DATA_DIR, TOOL_VERSION }] = await Promise.all([import('../../catalog/index.js'), import('../../paths.js')]);
  const catalog = await loadCatalog({ dataDir: DATA_DIR, compiledPath: COMPILED_CATALOG, toolVersion: TOOL_VERSION });
  return (id) => catalog.tokenizer.get(id)?.files;
}

/**
 * Premiums from the shipped measurements; `count` runs on worker threads, one per tokenizer whose files are ready
 * (checked before each count, so files downloaded meanwhile are used), each running the compact form that
 * `versus tokens --text` runs, loaded on first use and kept. A tokenizer without its files gets the CLI's words for
 * what is missing and how to provide it.
 * @example const e = await engine(); await e.count('Namaste') // [{ tokenizer: 'qwen2', tokens: 3 }, …, { tokenizer: 'gemma3', unavailable: 'gemma3/tokenizer.json: …' }]
 */
export async function engine(options: EngineOptions = {}) {
  const r = options.results ?? loadTokenResults();
  const files = options.files ?? TokenizerFiles.from(undefined, process.env, process.cwd());
  const listed = options.listed ?? (await shippedFiles());
  let pool: CountPool | undefined;
  return {
    ...premiumTable(r),
    async count(text: string) {
      const problems = new Map(TOKENIZERS.map((s) => [s.id, unready(files, (listed(s.id) ?? []).filter((f) => s.files.includes(f.path)))]));
      const ready = TOKENIZERS.filter((s) => problems.get(s.id)?.length === 0).map((s) => s.id);
      pool ??= new CountPool({ ...options.pool, tokenizers: TOKENIZERS.map((s) => s.id), tokenizerDir: files.dir, origin: files.origin, ...(files.compact ? { compactDir: files.compact } : {}) });
      const counts = ready.length ? await pool.count(text, ready) : [];
      const unavailable = TOKENIZERS.filter((s) => !ready.includes(s.id)).map((s) => ({ tokenizer: s.id, unavailable: (problems.get(s.id) ?? []).map(explainProblem).join(' ') }));
      return [...counts, ...unavailable];
    },
    close: () => pool?.close() ?? Promise.resolve(),
  };
}
