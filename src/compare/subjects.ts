// Turns what the user typed (families, generations or models) into comparison subjects.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, modelsOf } from '../catalog/catalog.js';
import type { Family, Generation, Model } from '../catalog/schema.js';
import { suggest } from '../catalog/suggest.js';
import { NotFoundError, UsageError } from '../errors.js';

/** One column of a comparison: a family's generation, a generation, or a single model. */
export interface Subject {
  readonly id: string;
  readonly kind: 'family' | 'generation' | 'model';
  readonly label: string;
  readonly family: Family;
  readonly generation: Generation;
  readonly models: readonly Model[];
}

/**
 * Resolves ids to subjects. A family means its latest generation unless `generations` names one of it.
 * @example resolveSubjects(catalog, ['qwen', 'llama']) // [Qwen3.8, Llama 4]
 * @throws NotFoundError with the nearest ids for an unknown id
 */
export function resolveSubjects(catalog: Catalog, ids: readonly string[], generations: readonly string[] = []): Subject[] {
  const picked = generations.map((g) => catalog.generation.get(g) ?? notFound(catalog, 'generation', g, [...catalog.generation.keys()]));
  const subjects = ids.map((id) => resolveOne(catalog, id.toLowerCase(), picked));
  const seen = new Set<string>();
  for (const s of subjects) {
    if (seen.has(s.id)) throw new UsageError(`"${s.id}" is listed twice; compare different subjects.`);
    seen.add(s.id);
  }
  return subjects;
}

function resolveOne(catalog: Catalog, id: string, picked: readonly Generation[]): Subject {
  const family = catalog.family.get(id);
  if (family) {
    const generation = picked.find((g) => g.family === family.id) ?? generationsOf(catalog, family.id)[0];
    if (!generation) throw new UsageError(`Family "${id}" has no generations in the catalog.`);
    return generationSubject(catalog, family, generation, 'family');
  }
  const generation = catalog.generation.get(id);
  if (generation) return generationSubject(catalog, familyOfGeneration(catalog, generation), generation, 'generation');
  const model = catalog.model.get(id);
  if (model) return modelSubject(catalog, model);
  return notFound(catalog, 'model, generation or family', id, [...catalog.family.keys(), ...catalog.generation.keys(), ...catalog.model.keys()]);
}

/** A single model as a subject. */
export function modelSubject(catalog: Catalog, model: Model): Subject {
  const gen = catalog.generation.get(model.generation);
  if (!gen) throw new UsageError(`Model "${model.id}" names an unknown generation.`);
  return { id: model.id, kind: 'model', label: model.name, family: familyOfGeneration(catalog, gen), generation: gen, models: [model] };
}

function generationSubject(catalog: Catalog, family: Family, generation: Generation, kind: 'family' | 'generation'): Subject {
  const models = modelsOf(catalog, generation.id);
  return { id: kind === 'family' ? family.id : generation.id, kind, label: generation.name, family, generation, models };
}

function familyOfGeneration(catalog: Catalog, generation: Generation): Family {
  const family = catalog.family.get(generation.family);
  if (!family) throw new UsageError(`Generation "${generation.id}" names an unknown family.`);
  return family;
}

function notFound(catalog: Catalog, kind: string, id: string, ids: string[]): never {
  void catalog;
  // A generation and its only model can share an id (command-a): suggest each id once.
  throw new NotFoundError(kind, id, suggest(id, new Set(ids)));
}
