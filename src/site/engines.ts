// What the site expects from the engines of issues 3–5 (tokens, fit, recommend); a page whose engine is absent says so.
import type { Catalog } from '../catalog/catalog.js';
import type { Modality } from '../catalog/schema.js';
import type { Rich } from '../compare/cell.js';
import { fitSheet, type FitSheet } from '../compare/fit-sheet.js';
import { fitReport, type KvDtypeName } from '../measure/fit-report.js';
import { NotFoundError } from '../errors.js';
import { tryLoadTokenResults, type TokenResults } from '../measure/tokens/results.js';
import { fullLanguageTable, resolverFor, type LanguageResolver } from '../catalog/languages.js';
import { suggest } from '../catalog/suggest.js';
import { text } from '../compare/cell.js';
import type { Check as EngineCheck } from '../compare/constraints.js';
import { buildEvidence } from '../compare/evidence.js';
import { droppedRows, recommend } from '../compare/recommend.js';
import { requestOf, type RecommendInput } from '../compare/recommend-input.js';
import { flipRich, relaxRich } from '../render/recommend.js';

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
  /** Tokens of `text` under every tokenizer, no special tokens. */
  count(text: string): Promise<readonly { readonly tokenizer: string; readonly tokens: number }[]>;
}

/** The engines the site can use; each is absent until its issue lands. */
export interface Engines {
  readonly recommend?: (catalog: Catalog, query: RecommendQuery) => Promise<Recommendation>;
  readonly fit?: (catalog: Catalog, query: FitQuery) => FitSheet;
  /** Called on the first request to /tokens only: tokenizers are heavy to load. */
  readonly tokens?: () => Promise<TokensEngine>;
  /** The shipped token measurements, which comparison pages report on (no tokenizer is loaded for them). */
  readonly measuredTokens?: TokenResults;
}

/**
 * The engines this build has. Wire each one here when it lands, e.g.
 * `tokens: () => import('../measure/tokens/index.js').then((m) => m.engine())`.
 * @example createApp({ catalog, clock, options: { engines: availableEngines() } })
 */
export function availableEngines(): Engines {
  const measuredTokens = tryLoadTokenResults();
  return {
    fit,
    // The measurements are read once, here, not on every request.
    recommend: (catalog, query) => recommendForSite(catalog, query, measuredTokens),
    tokens: () => import('../measure/tokens/index.js').then((m) => m.engine()),
    ...(measuredTokens ? { measuredTokens } : {}),
  };
}

let languages: Promise<LanguageResolver> | undefined;

/**
 * `versus recommend` for the web: the same engine and evidence as the CLI, in the site's shape.
 * The full language table loads once, on the first request.
 */
async function recommendForSite(catalog: Catalog, q: RecommendQuery, tokens: TokenResults | undefined): Promise<Recommendation> {
  languages ??= fullLanguageTable().then(resolverFor);
  const useCase = q.useCase === undefined ? undefined : catalog.useCase.get(q.useCase);
  if (q.useCase !== undefined && !useCase) throw new NotFoundError('use case', q.useCase, suggest(q.useCase, catalog.useCase.keys()));
  const request = requestOf(q, useCase);
  const rec = recommend(catalog, request, await buildEvidence(catalog, request.constraints, tokens), await languages);
  const check = (c: EngineCheck): Check => ({ constraint: c.constraint, pass: c.outcome !== 'fail', why: c.outcome === 'unverified' ? [text('unverified: '), ...c.text] : c.text });
  return {
    ranked: rec.ranked.map((s) => ({
      model: s.model.id,
      score: s.total,
      // Reasons first (each hard constraint with the fact behind it), then what the score is made of.
      reasons: [
        ...(s.verified ? [] : [text('Unverified, admitted by lenient: ranked after every verified model. ')]),
        ...(s.tieBreak ? [text(`Ties with the next model; ranked above it by ${s.tieBreak}. `)] : []),
        ...s.checks.flatMap((c) => [text(`${c.outcome === 'pass' ? '✓' : '?'} ${c.constraint}: `), ...c.text, text('. ')]),
        text(rec.ranked.length === 1
          ? 'The only model that qualifies, so there is nothing to score it against.'
          : `Score decided by ${s.parts.slice(0, 3).map((p) => `${p.label.toLowerCase()} ${p.contribution.toFixed(2)} (weight ${p.weight})`).join(', ')}${droppedRows(rec).length > 0 ? `; on a GPU budget ${droppedRows(rec).join(' and ')} do not count` : ''}.`),
      ],
      checks: s.checks.map(check),
    })),
    // What excluded a model did not pass, unverified included (evidence before ranking).
    excluded: rec.excluded.map((e) => ({ model: e.model.id, failed: e.failed.map((c) => ({ ...check(c), pass: false })) })),
    ...(rec.flips.length > 0 ? { flip: rec.flips.flatMap((f, i) => [...(i > 0 ? [text(' ')] : []), ...flipRich(f)]) } : {}),
    relax: rec.relaxations.map(relaxRich),
  };
}

/** `versus fit` for the web: the same report, as cited lines. */
function fit(catalog: Catalog, q: FitQuery): FitSheet {
  const model = catalog.model.get(q.model);
  const gpu = catalog.gpu.get(q.gpu);
  if (!model) throw new NotFoundError('model', q.model, []);
  if (!gpu) throw new NotFoundError('GPU', q.gpu, []);
  const { model: _m, gpu: _g, ...options } = q;
  return fitSheet(model, fitReport(catalog, model, gpu, options));
}
