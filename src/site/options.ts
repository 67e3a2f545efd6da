// Select options built from the catalog: comparison subjects, models, GPUs, use cases.
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, modelsOf } from '../catalog/catalog.js';
import type { Option } from './form.js';

type Groups = readonly (readonly [string, readonly Option[]])[];

/**
 * Per family: the family (its latest generation), each generation, each model.
 * @example subjectGroups(catalog)[0] // ['Qwen', [{ value: 'qwen', label: 'Qwen — latest (Qwen3.8)' }, …]]
 */
export function subjectGroups(catalog: Catalog): Groups {
  return catalog.families.map((f) => {
    const generations = generationsOf(catalog, f.id);
    const latest = generations[0];
    return [f.name, [
      { value: f.id, label: `${f.name} — latest${latest ? ` (${latest.name})` : ''}` },
      ...generations.map((g) => ({ value: g.id, label: `${g.name} (all models)` })),
      ...generations.flatMap((g) => modelsOf(catalog, g.id).map((m) => ({ value: m.id, label: m.name }))),
    ]] as const;
  });
}

/**
 * Per family, its models, newest generation first.
 * @example modelGroups(catalog)[0] // ['Qwen', [{ value: 'qwen3.5-397b-a17b', label: 'Qwen3.5-397B-A17B' }, …]]
 */
export function modelGroups(catalog: Catalog): Groups {
  return catalog.families.map((f) => [f.name, generationsOf(catalog, f.id).flatMap((g) => modelsOf(catalog, g.id).map((m) => ({ value: m.id, label: m.name })))] as const);
}

/**
 * Every GPU, as the catalog names it.
 * @example gpuOptions(catalog)[0] // { value: 'h100-sxm', label: 'NVIDIA H100 SXM5 80GB' }
 */
export function gpuOptions(catalog: Catalog): Option[] {
  return catalog.gpus.map((g) => ({ value: g.id, label: g.name }));
}
