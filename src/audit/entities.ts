// Finds the catalog's families, generations and models where a text names them ("Qwen 3.5", "Llama 4 Scout", "Maverick").
import type { Catalog } from '../catalog/catalog.js';
import { generationsOf, modelsOf } from '../catalog/catalog.js';
import type { Model } from '../catalog/schema.js';

export type EntityKind = 'family' | 'generation' | 'model';

/** A catalog entity a text can name. */
export interface Entity {
  readonly kind: EntityKind;
  readonly id: string;
  readonly label: string;
}

/** One place where a text names an entity. */
export interface Mention {
  readonly entity: Entity;
  /** Character offsets in the searched text. */
  readonly start: number;
  readonly end: number;
}

/** Words as the matcher sees them: letters, or digits with decimals and a unit suffix ("3.5", "17b"). */
const WORD = /[a-z]+|\d+(?:\.\d+)*[a-z]*/gi;

interface Word {
  readonly w: string;
  readonly start: number;
  readonly end: number;
  /** Written with a capital first letter. */
  readonly capital: boolean;
}

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => ({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length, capital: /^[A-Z]/.test(m[0]) }));
}

/** Suffixes that name a checkpoint's tuning, not the model: "Instruct", "IT". */
const TUNING = new Set(['instruct', 'it', 'chat', 'base', 'preview', 'thinking']);
/** Words too common to name a model on their own. */
const GENERIC = new Set(['instruct', 'it', 'vision', 'base', 'chat', 'large', 'small', 'medium', 'mini', 'nano', 'flash', 'pro', 'max', 'ultra', 'plus', 'lite', 'preview', 'exp', 'coder', 'distill']);

/** The names a model goes by: its full name, without tuning suffixes, and "<generation> <variant word>". */
function modelNames(model: Model, generationName: string): string[][] {
  const full = words(model.name.replace(/\(.*?\)/g, ' ')).map((x) => x.w);
  const names = [full, words(model.id).map((x) => x.w)];
  const bare = [...full];
  while (bare.length > 1 && TUNING.has(bare.at(-1) ?? '')) bare.pop();
  names.push(bare);
  const gen = words(generationName).map((x) => x.w);
  const rest = startsWith(bare, gen) ? bare.slice(gen.length) : [];
  const variant = rest[0];
  // "Llama 4 Scout 17B-16E" is also "Llama 4 Scout", and "Scout" alone when no other model uses the word.
  if (variant && /^[a-z]+$/.test(variant) && !GENERIC.has(variant)) names.push([...gen, variant], [variant]);
  return names;
}

function startsWith(a: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.length <= a.length && prefix.every((p, i) => a[i] === p);
}

/** A trie over word sequences; the longest match wins. */
export interface AliasIndex {
  find(text: string): Mention[];
  /** Every entity by kind and id. */
  readonly entities: ReadonlyMap<string, Entity>;
}

/**
 * Every name the catalog knows, as a matcher.
 * @example aliasIndex(catalog).find('Llama 4 Scout fits one H100')[0].entity.id // 'llama-4-scout-17b-16e'
 */
export function aliasIndex(catalog: Catalog): AliasIndex {
  const byName = new Map<string, Entity[]>();
  const entities = new Map<string, Entity>();
  const add = (name: readonly string[], e: Entity) => {
    if (name.length === 0) return;
    const key = name.join(' ');
    const list = byName.get(key) ?? [];
    if (!list.some((x) => x.kind === e.kind && x.id === e.id)) list.push(e);
    byName.set(key, list);
  };
  for (const family of catalog.families) {
    const e: Entity = { kind: 'family', id: family.id, label: family.name };
    entities.set(`family:${family.id}`, e);
    add(words(family.name).map((x) => x.w), e);
    add(words(family.id).map((x) => x.w), e);
  }
  for (const gen of catalog.generations) {
    const e: Entity = { kind: 'generation', id: gen.id, label: gen.name.replace(/\s*\(.*\)$/, '') };
    entities.set(`generation:${gen.id}`, e);
    add(words(gen.name.replace(/\(.*?\)/g, ' ')).map((x) => x.w), e);
    add(words(gen.id).map((x) => x.w), e);
    for (const model of modelsOf(catalog, gen.id)) {
      const m: Entity = { kind: 'model', id: model.id, label: model.name };
      entities.set(`model:${model.id}`, m);
      for (const name of modelNames(model, gen.name)) add(name, m);
    }
  }
  // A name shared by several entities is ambiguous and dropped (two models with the same variant
  // word), unless they are one generation and its models ("DeepSeek-V3" the generation and the model):
  // then it names the generation.
  const generationOfEntity = (e: Entity) => (e.kind === 'generation' ? e.id : e.kind === 'model' ? catalog.model.get(e.id)?.generation : undefined);
  const names = new Map<string, Entity>();
  for (const [key, list] of byName) {
    const gens = new Set(list.map(generationOfEntity));
    const generation = list.find((e) => e.kind === 'generation');
    const one = list.length === 1 ? list[0] : gens.size === 1 && !gens.has(undefined) ? generation : undefined;
    if (one) names.set(key, one);
  }
  const longest = Math.max(...[...names.keys()].map((k) => k.split(' ').length));
  return {
    entities,
    find(text) {
      const ws = words(text);
      const found: Mention[] = [];
      for (let i = 0; i < ws.length; ) {
        let hit: { entity: Entity; n: number } | undefined;
        for (let n = Math.min(longest, ws.length - i); n >= 1 && !hit; n--) {
          const entity = names.get(ws.slice(i, i + n).map((x) => x.w).join(' '));
          // A one-word name that is also an ordinary word ("Step", "Command", "Scout") counts only as a name: capitalised.
          if (entity && (n > 1 || /\d/.test(ws[i]?.w ?? '') || ws[i]?.capital)) hit = { entity, n };
        }
        const first = ws[i];
        const last = hit && ws[i + hit.n - 1];
        if (hit && first && last) {
          found.push({ entity: hit.entity, start: first.start, end: last.end });
          i += hit.n;
        } else i += 1;
      }
      return found;
    },
  };
}

/** The generation an entity stands for: a family's newest generation unless the text focuses on another. */
export function generationOf(catalog: Catalog, entity: Entity, focus: ReadonlyMap<string, string>): string | undefined {
  if (entity.kind === 'generation') return entity.id;
  if (entity.kind === 'model') return catalog.model.get(entity.id)?.generation;
  return focus.get(entity.id) ?? generationsOf(catalog, entity.id)[0]?.id;
}

/** The models an entity covers: one model, a generation's models, or a family's focused generation's. */
export function modelsFor(catalog: Catalog, entity: Entity, focus: ReadonlyMap<string, string>): Model[] {
  if (entity.kind === 'model') {
    const m = catalog.model.get(entity.id);
    return m ? [m] : [];
  }
  const gen = generationOf(catalog, entity, focus);
  return gen ? modelsOf(catalog, gen) : [];
}

/** The family an entity belongs to. */
export function familyIdOf(catalog: Catalog, entity: Entity): string | undefined {
  if (entity.kind === 'family') return entity.id;
  const gen = entity.kind === 'generation' ? entity.id : catalog.model.get(entity.id)?.generation;
  return gen ? catalog.generation.get(gen)?.family : undefined;
}
