// The immutable in-memory catalog: validated data plus lookup indexes. Imports no schema code.
import { byText } from '../format.js';
import type {
  Benchmark, Fact, Family, Generation, Gpu, GpuPrice, Jurisdiction, Price, Provider, License, Maybe, Model, Precision, Runtime, Source, Tokenizer, UseCase,
} from './schema.js';
import { resolverFor, type Language, type LanguageResolver } from './languages.js';

/** The validated, merged content of data/, as the compiler writes it. */
export interface CatalogData {
  readonly sources: readonly Source[];
  readonly families: readonly Family[];
  readonly generations: readonly Generation[];
  readonly models: readonly Model[];
  readonly licenses: readonly License[];
  readonly tokenizers: readonly Tokenizer[];
  readonly benchmarks: readonly Benchmark[];
  readonly gpus: readonly Gpu[];
  readonly use_cases: readonly UseCase[];
  /** Derived at compile time: the languages the data names (model lists, use-case constraints). */
  readonly languages: readonly Language[];
  readonly precisions: readonly Precision[];
  readonly runtimes: readonly Runtime[];
  readonly jurisdictions: readonly Jurisdiction[];
  readonly providers: readonly Provider[];
  /** Hosted list prices per million tokens (data/prices/). */
  readonly prices: readonly Price[];
  readonly gpu_prices: readonly GpuPrice[];
}

export interface Catalog extends CatalogData {
  readonly source: ReadonlyMap<string, Source>;
  readonly family: ReadonlyMap<string, Family>;
  readonly generation: ReadonlyMap<string, Generation>;
  readonly model: ReadonlyMap<string, Model>;
  readonly license: ReadonlyMap<string, License>;
  readonly tokenizer: ReadonlyMap<string, Tokenizer>;
  readonly benchmark: ReadonlyMap<string, Benchmark>;
  readonly gpu: ReadonlyMap<string, Gpu>;
  readonly useCase: ReadonlyMap<string, UseCase>;
  /** Resolves the languages the data names; other codes need the full table (languages.ts). */
  readonly resolveLanguage: LanguageResolver;
  readonly precision: ReadonlyMap<string, Precision>;
  readonly runtime: ReadonlyMap<string, Runtime>;
  readonly jurisdiction: ReadonlyMap<string, Jurisdiction>;
  readonly provider: ReadonlyMap<string, Provider>;
}

const byId = <T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> =>
  new Map(items.map((item) => [item.id, item]));

/**
 * Wraps validated data with indexes. The collections are frozen; the records are immutable by type
 * (readonly everywhere), since deep-freezing every record costs milliseconds on each CLI start.
 */
export function createCatalog(data: CatalogData): Catalog {
  for (const items of Object.values(data)) Object.freeze(items);
  return Object.freeze({
    ...data,
    source: byId(data.sources),
    family: byId(data.families),
    generation: byId(data.generations),
    model: byId(data.models),
    license: byId(data.licenses),
    tokenizer: byId(data.tokenizers),
    benchmark: byId(data.benchmarks),
    gpu: byId(data.gpus),
    useCase: byId(data.use_cases),
    resolveLanguage: resolverFor(data.languages),
    precision: byId(data.precisions),
    runtime: byId(data.runtimes),
    jurisdiction: byId(data.jurisdictions),
    provider: byId(data.providers),
  });
}

/** True when a catalog value is a sourced fact rather than an explicit or implicit unknown. */
export function isKnown<T>(m: Maybe<T> | undefined): m is Fact<T> {
  return m !== undefined && 'value' in m;
}

/** The value of a fact, or undefined when it is unknown. */
export function known<T>(m: Maybe<T> | undefined): T | undefined {
  return isKnown(m) ? m.value : undefined;
}

/** Why a value is unknown, for display. */
export function unknownReason(m: Maybe<unknown> | undefined): string {
  return m !== undefined && 'unknown' in m ? m.unknown : 'not recorded in the catalog';
}

/** The models of a generation, in catalog order. */
export function modelsOf(catalog: Catalog, generationId: string): Model[] {
  return catalog.models.filter((m) => m.generation === generationId);
}

/** A family's generations, newest first (by release date, then catalog order). */
export function generationsOf(catalog: Catalog, familyId: string): Generation[] {
  return catalog.generations
    .filter((g) => g.family === familyId)
    .sort((a, b) => byText(b.released.value, a.released.value));
}

/** The family a model belongs to. */
export function familyOf(catalog: Catalog, model: Model): Family | undefined {
  const generation = catalog.generation.get(model.generation);
  return generation && catalog.family.get(generation.family);
}
