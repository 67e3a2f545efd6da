// What the site expects from the engines of issues 3–5 (tokens, fit, recommend); a page whose engine is absent says so.
import type { Catalog } from '../catalog/catalog.js';
import type { Rich } from '../compare/cell.js';
import type { FitSheet } from '../compare/fit-sheet.js';
import type { KvDtypeName } from '../measure/fit-report.js';
import { tryLoadTokenResults, type TokenResults } from '../measure/tokens/results.js';
import { fullLanguageTable, resolverFor, type LanguageResolver } from '../catalog/languages.js';
import type { RecommendInput } from '../compare/recommend-input.js';
import { fitForSite, recommendForSite } from './calculators.js';
import type { BrowserTokenizers } from './tokenizer-index.js';

/** The options of `versus recommend`, parsed and resolved by the same parser as the CLI. */
export type RecommendQuery = RecommendInput;

/** One hard constraint checked against one model, with the fact (and its source) that decided it. */
export interface Check {
  readonly constraint: string;
  readonly pass: boolean;
  readonly why: Rich;
}

export interface Recommendation {
  /** Models that pass every constraint, best first; `reasons` says what contributed most. */
  readonly ranked: readonly { readonly model: string; readonly score: number; readonly reasons: Rich; readonly checks: readonly Check[] }[];
  readonly excluded: readonly { readonly model: string; readonly failed: readonly Check[] }[];
  /** Margin to the runner-up and the smallest change that would flip first place. */
  readonly flip?: Rich;
  /** When nothing passes: which constraint to relax, and what relaxing it costs. */
  readonly relax: readonly Rich[];
}

/** The inputs of `versus fit`; an absent option takes the engine's default (e.g. the native context). */
export interface FitQuery {
  readonly model: string;
  readonly gpu: string;
  readonly gpus: number;
  readonly precision?: string;
  readonly kv?: KvDtypeName;
  /** The engine whose memory rules apply (catalog `runtimes` id); default by the GPU's class. */
  readonly runtime?: string;
  readonly context?: number;
  readonly concurrency: number;
  /** llama.cpp: layers on the GPU (-ngl); the rest stays in system RAM. */
  readonly gpuLayers?: number;
  /** llama.cpp: flash attention on (default) or off, which sizes its compute buffer. */
  readonly flashAttention?: boolean;
}

/** Measured tokenizer premium for one language: tokens(language) ÷ tokens(English) per tokenizer id. */
export interface LanguagePremium {
  readonly code: string;
  readonly name: string;
  readonly script: string;
  readonly premiums: Readonly<Record<string, number | null>>;
}

export interface TokensEngine {
  /** `proxy` marks a tokenizer that stands in for a model's own; it is labelled everywhere. */
  readonly tokenizers: readonly { readonly id: string; readonly name: string; readonly proxy: boolean }[];
  readonly languages: readonly LanguagePremium[];
  /** Tokens of `text` under every tokenizer, no special tokens; a tokenizer without its files says what is missing. */
  count(text: string): Promise<readonly TokenCount[]>;
  /** Stops whatever counting keeps running (worker threads), so a stopping server can exit. */
  close?(): Promise<void>;
}

/** One tokenizer's count of a text, or why it could not count it (its files are missing, in the CLI's words). */
export type TokenCount = { readonly tokenizer: string; readonly tokens: number } | { readonly tokenizer: string; readonly unavailable: string };

/** The engines the site can use; each is absent until its issue lands. */
export interface Engines {
  readonly recommend?: (catalog: Catalog, query: RecommendQuery) => Promise<Recommendation>;
  readonly fit?: (catalog: Catalog, query: FitQuery) => FitSheet;
  /** Called on the first request to /tokens only: tokenizers are heavy to load. */
  readonly tokens?: () => Promise<TokensEngine>;
  /** The shipped token measurements, which comparison pages report on (no tokenizer is loaded for them). */
  readonly measuredTokens?: TokenResults;
  /** The tokenizers a static copy carries, so its Tokens page counts text in the browser (versus build-site --tokenizers). */
  readonly browserTokenizers?: BrowserTokenizers;
}

/**
 * The engines this build has; `tokenizerDir` is where the tokens engine reads the vendor tokenizer files (default
 * $VERSUS_TOKENIZER_DIR, else the download cache).
 * @example createApp({ catalog, clock, options: { engines: availableEngines() } })
 */
export function availableEngines(options: { readonly tokenizerDir?: string } = {}): Engines {
  const measuredTokens = tryLoadTokenResults();
  return {
    fit: fitForSite,
    // The measurements are read once, here, and the full language table on the first request, not on every one.
    recommend: async (catalog, query) => recommendForSite(catalog, query, measuredTokens, await (languages ??= fullLanguageTable().then(resolverFor))),
    tokens: async () => {
      const [{ engine }, { TokenizerFiles }] = await Promise.all([import('../measure/tokens/index.js'), import('../measure/tokenizers/files.js')]);
      return engine({ files: TokenizerFiles.from(options.tokenizerDir, process.env, process.cwd()) });
    },
    ...(measuredTokens ? { measuredTokens } : {}),
  };
}

let languages: Promise<LanguageResolver> | undefined;
