// Cross-reference checks over the merged catalog: ids, references and numbers that must agree.
import type { Problem } from '../errors.js';
import type { CatalogData } from './catalog.js';
import { isKnown } from './catalog.js';
import type { Architecture, Model } from './schema.js';

/** Locates a path inside an item of the catalog, in the file it came from. */
export type Where = (item: object, path: readonly PropertyKey[], message: string) => Problem;

/**
 * Every cross-file problem: duplicate ids, unknown references, params and architecture that disagree.
 * @example crossCheck(data, where) // [] when the catalog is consistent
 */
export function crossCheck(data: CatalogData, where: Where): Problem[] {
  const ids = idSets(data);
  const problems: Problem[] = [];
  const cited = new Set<string>();
  const sections: (readonly { id: string }[])[] = [
    data.sources, data.families, data.generations, data.models, data.licenses, data.tokenizers, data.benchmarks, data.gpus, data.use_cases,
    data.precisions, data.runtimes, data.jurisdictions, data.providers,
  ];
  for (const items of sections) {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) problems.push(where(item, ['id'], `duplicate id "${item.id}"`));
      seen.add(item.id);
      for (const [path, ref] of sourceRefs(item)) {
        cited.add(ref);
        if (!ids.sources.has(ref)) problems.push(where(item, path, `unknown source id "${ref}"`));
      }
    }
  }
  for (const g of data.generations) {
    if (!ids.families.has(g.family)) problems.push(where(g, ['family'], `unknown family "${g.family}"`));
  }
  for (const m of data.models) problems.push(...modelChecks(m, ids, (path, message) => where(m, path, message)));
  problems.push(...jurisdictionChecks(data, where));
  problems.push(...priceChecks(data, ids, where, cited));
  for (const s of data.sources) {
    if (!cited.has(s.id)) problems.push(where(s, ['id'], `source "${s.id}" is never cited; remove it or cite it`));
  }
  return problems;
}

/** Prices name a known model (or GPU), provider and source. */
function priceChecks(data: CatalogData, ids: IdSets, where: Where, cited: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const models = new Set(data.models.map((m) => m.id));
  const providers = new Set(data.providers.map((p) => p.id));
  const check = (item: object, path: string, set: Set<string>, kind: string, id: string) => {
    if (!set.has(id)) problems.push(where(item, [path], `unknown ${kind} "${id}"`));
  };
  for (const p of [...data.prices, ...data.gpu_prices]) {
    if ('model' in p) check(p, 'model', models, 'model', p.model);
    else check(p, 'gpu', ids.gpus, 'GPU', p.gpu);
    check(p, 'provider', providers, 'provider', p.provider);
    check(p, 'source', ids.sources, 'source id', p.source);
    cited.add(p.source);
  }
  return problems;
}

type IdSets = Record<'sources' | 'families' | 'generations' | 'licenses' | 'tokenizers' | 'benchmarks' | 'gpus' | 'precisions', Set<string>>;

function idSets(data: CatalogData): IdSets {
  const set = (items: readonly { id: string }[]) => new Set(items.map((i) => i.id));
  return {
    sources: set(data.sources), families: set(data.families), generations: set(data.generations),
    licenses: set(data.licenses), tokenizers: set(data.tokenizers), benchmarks: set(data.benchmarks),
    gpus: set(data.gpus), precisions: set(data.precisions),
  };
}

/** Every `source: id` and `checked: [ids]` reference inside an item, with its path. */
export function* sourceRefs(value: unknown, path: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* sourceRefs(v, [...path, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'source' && typeof v === 'string') yield [[...path, key], v];
      else if (key === 'checked' && Array.isArray(v)) for (const [i, ref] of v.entries()) yield [[...path, key, i], String(ref)];
      else yield* sourceRefs(v, [...path, key]);
    }
  }
}

function modelChecks(model: Model, ids: IdSets, at: (path: PropertyKey[], message: string) => Problem): Problem[] {
  const problems: Problem[] = [];
  const ref = (path: PropertyKey[], set: Set<string>, kind: string, id: string | undefined) => {
    if (id !== undefined && !set.has(id)) problems.push(at(path, `unknown ${kind} "${id}"; known: ${[...set].join(', ')}`));
  };
  ref(['generation'], ids.generations, 'generation', model.generation);
  ref(['license', 'value'], ids.licenses, 'licence', model.license.value);
  ref(['tokenizer', 'value'], ids.tokenizers, 'tokenizer', isKnown(model.tokenizer) ? model.tokenizer.value : undefined);
  model.benchmarks.forEach((b, i) => ref(['benchmarks', i, 'benchmark'], ids.benchmarks, 'benchmark', b.benchmark));
  model.fit_claims.forEach((c, i) => {
    ref(['fit_claims', i, 'gpu'], ids.gpus, 'GPU', c.gpu);
    ref(['fit_claims', i, 'precision'], ids.precisions, 'precision', c.precision);
  });
  model.checkpoints.forEach((c, i) => ref(['checkpoints', i, 'precision'], ids.precisions, 'precision', c.precision));
  model.throughput.forEach((t, i) => {
    ref(['throughput', i, 'gpu'], ids.gpus, 'GPU', t.gpu);
    ref(['throughput', i, 'precision'], ids.precisions, 'precision', t.precision);
  });
  const total = isKnown(model.params.total) ? model.params.total.value : undefined;
  const active = isKnown(model.params.active) ? model.params.active.value : undefined;
  if (total !== undefined && active !== undefined && active > total) {
    problems.push(at(['params', 'active', 'value'], `active params (${active}) are greater than total params (${total})`));
  }
  const native = isKnown(model.context.native) ? model.context.native.value : undefined;
  const extended = isKnown(model.context.extended) ? model.context.extended.value : undefined;
  if (native !== undefined && extended !== undefined && extended < native) {
    problems.push(at(['context', 'extended', 'value'], `extended context (${extended}) is shorter than native (${native})`));
  }
  if (isKnown(model.architecture)) {
    for (const [path, message] of architectureProblems(model.architecture.value, total, active)) {
      problems.push(at(['architecture', 'value', ...path], message));
    }
  }
  return problems;
}

/** Numbers inside one architecture block that contradict each other or the params. */
export function architectureProblems(a: Architecture, total?: number, active?: number): [PropertyKey[], string][] {
  const problems: [PropertyKey[], string][] = [];
  // MTP layers sit outside num_hidden_layers; parallel groups share their decoder layers with another group.
  const own = a.attention.filter((g) => !g.mtp && !g.parallel);
  const sum = own.reduce((n, g) => n + g.layers, 0);
  if (sum !== a.layers) {
    const parts = own.map((g) => `${g.layers} ${g.kind}`).join(' + ');
    problems.push([['attention'], `attention groups add up to ${sum} layers (${parts}), but layers is ${a.layers}`]);
  }
  for (const [i, g] of a.attention.entries()) {
    if (g.parallel && g.layers > a.layers) problems.push([['attention', i, 'layers'], `a parallel group cannot span more layers (${g.layers}) than the model has (${a.layers})`]);
    const from = 'kv_from' in g ? g.kv_from : undefined;
    if (from !== undefined && from >= a.layers) problems.push([['attention', i, 'kv_from'], `kv_from names layer ${from}, but the model's layers are 0 to ${a.layers - 1}`]);
  }
  if (a.heads % a.kv_heads !== 0) problems.push([['kv_heads'], `kv_heads (${a.kv_heads}) does not divide heads (${a.heads})`]);
  if (a.moe) {
    const { experts, experts_per_token, moe_layers } = a.moe;
    if (experts_per_token > experts) problems.push([['moe', 'experts_per_token'], `experts_per_token (${experts_per_token}) exceeds experts (${experts})`]);
    if (moe_layers !== undefined && moe_layers > a.layers) problems.push([['moe', 'moe_layers'], `moe_layers (${moe_layers}) exceeds layers (${a.layers})`]);
    if (total !== undefined && active !== undefined && active === total) {
      problems.push([['moe'], 'a mixture-of-experts model cannot have active params equal to total params']);
    }
  } else if (total !== undefined && active !== undefined && active < total * 0.9) {
    problems.push([[], `a dense model (no moe block) should activate all its params, but active ${active} < total ${total}`]);
  }
  return problems;
}

/** Members, ambiguities, licence region exclusions and licensors name known jurisdictions; every jurisdiction but an ambiguous name cites a source. */
function jurisdictionChecks(data: CatalogData, where: Where): Problem[] {
  const known = new Set(data.jurisdictions.map((j) => j.id));
  const problems: Problem[] = [];
  const ref = (item: object, path: PropertyKey[], id: string) => {
    if (!known.has(id)) problems.push(where(item, path, `unknown jurisdiction "${id}" (data/jurisdictions.yaml)`));
  };
  for (const j of data.jurisdictions) {
    j.members?.forEach((id, i) => ref(j, ['members', i], id));
    j.ambiguous?.forEach((id, i) => ref(j, ['ambiguous', i], id));
    if (!j.ambiguous && !j.source) problems.push(where(j, ['source'], `jurisdiction "${j.id}" needs a source for its codes or members`));
  }
  for (const l of data.licenses) {
    l.terms.region_exclusions.forEach((ex, i) => ex.jurisdictions.forEach((id, k) => ref(l, ['terms', 'region_exclusions', i, 'jurisdictions', k], id)));
    const licensor = l.terms.licensor;
    if (licensor && 'value' in licensor) {
      licensor.value.forEach((party, i) => party.jurisdictions?.forEach((id, k) => ref(l, ['terms', 'licensor', 'value', i, 'jurisdictions', k], id)));
    }
  }
  return problems;
}
