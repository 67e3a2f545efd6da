// The tokens engine for the web site: shipped premiums per language, and counts of a visitor's own text.
import { TokenizerFiles } from '../tokenizers/files.js';
import { TOKENIZERS, isAvailable } from '../tokenizers/registry.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { ENGLISH, languageIndex, loadTokenResults, type TokenResults } from './results.js';

export interface EngineOptions {
  readonly results?: TokenResults;
  /** Where file-based tokenizers are found; default $VERSUS_TOKENIZER_DIR (none: npm-shipped ones only). */
  readonly files?: TokenizerFiles;
}

/**
 * Premiums from the shipped measurements; `count` loads every available tokenizer on first use
 * and keeps them (seconds, and about 1 GB, once per process).
 * @example const e = await engine(); await e.count('Namaste') // [{ tokenizer: 'qwen2', tokens: 3 }, …]
 */
export async function engine(options: EngineOptions = {}) {
  const r = options.results ?? loadTokenResults();
  const files = options.files ?? TokenizerFiles.from(undefined, process.env, process.cwd());
  const eng = languageIndex(r, ENGLISH);
  let loaded: Promise<Tokenizer[]> | undefined;
  return {
    tokenizers: r.tokenizers.map((t) => ({ id: t.id, name: t.label, proxy: t.fidelity === 'proxy' })),
    languages: r.languages.map((l, i) => ({
      code: l.code,
      name: l.name,
      script: l.script,
      premiums: Object.fromEntries(r.tokenizers.map((t) => {
        const [n, e] = [r.counts[t.id]?.[i], r.counts[t.id]?.[eng]];
        return [t.id, n == null || e == null ? null : n / e];
      })),
    })),
    async count(text: string) {
      loaded ??= Promise.all(TOKENIZERS.filter((s) => isAvailable(s, files)).map((s) => s.load(files)));
      return (await loaded).map((t) => ({ tokenizer: t.id, tokens: t.count(text) }));
    },
  };
}
