// versus ingest: config.json or Mistral's params.json (local, or from the hub at a pinned commit) → a draft catalog entry with provenance, or the differences from an existing one.
import type { Catalog } from '../catalog.js';
import type { Model } from '../schema.js';
import { VersusError } from '../../errors.js';
import { readConfig } from './architecture.js';
import { checkGeneration, differences, draftEntry, draftYaml, idFrom, repoFromUrl, sourceNotes, type Difference, type Draft, type DraftOptions } from './draft.js';
import { readHub, readLocal, type HubOptions, type ModelFiles } from './files.js';

export type { Difference, Draft, Provenance } from './draft.js';
export { parseHfRef } from './files.js';

export interface IngestOptions extends Omit<DraftOptions, 'today'> {
  /** The retrieval date written into the source (default: today, UTC). */
  readonly today?: string;
  readonly hub?: HubOptions;
}

export interface IngestResult {
  readonly draft: Draft;
  /** The YAML data file for a new entry. */
  readonly yaml: string;
  /** The catalog's entry for the same model, when there is one: then only `differences` count. */
  readonly existing?: Model;
  /** How `existing` was found: by its id, or by the repository the config is published in. */
  readonly matchedBy?: 'id' | 'repo';
  readonly differences: readonly Difference[];
  readonly origin: string;
}

/**
 * Reads `ref` (a config.json, a folder, or hf:org/name@revision) into a draft entry.
 * @example (await ingest(catalog, 'test/fixtures/configs/qwen3.5-0.8b', { generation: 'qwen3.5', license: 'apache-2.0' })).yaml
 */
export async function ingest(catalog: Catalog, ref: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const files = ref.startsWith('hf:') ? await readHub(ref, opts.hub) : await readLocal(ref);
  const reading = readConfig(parseConfig(files));
  const found = existingEntry(catalog, files, opts);
  const id = opts.id ?? found?.model.id;
  const draft = draftEntry(catalog, files, reading, { ...opts, ...(id ? { id } : {}), today: opts.today ?? new Date().toISOString().slice(0, 10) });
  if (!found) checkGeneration(catalog, draft.model.generation as string);
  const match = found ? { existing: found.model, matchedBy: found.by, differences: differences(found.model, draft) } : { differences: [] };
  return { draft, yaml: draftYaml(draft, ref), ...match, origin: files.origin };
}

/**
 * The catalog's entry for these files: the one with the id asked for (or derived from the folder or
 * repo name); failing that, unless an id was asked for, the one entry whose `repo` is the repository
 * the config is published in (the hub repo, or SOURCE.txt's / --url's Hugging Face URL). A folder
 * named devstral-small-2-24b thus finds devstral-small-2 through mistralai/Devstral-Small-2-24B-Instruct-2512.
 */
function existingEntry(catalog: Catalog, files: ModelFiles, opts: IngestOptions): { model: Model; by: 'id' | 'repo' } | undefined {
  const byId = catalog.model.get(idFrom(opts.id ?? files.stem));
  if (byId) return { model: byId, by: 'id' };
  if (opts.id !== undefined) return undefined;
  const repo = (files.repo ?? repoFromUrl(opts.url ?? sourceNotes(files.files.get('SOURCE.txt')).url))?.toLowerCase();
  const byRepo = repo === undefined ? [] : catalog.models.filter((m) => m.repo?.toLowerCase() === repo);
  return byRepo.length === 1 ? { model: byRepo[0]!, by: 'repo' } : undefined;
}

function parseConfig(files: ModelFiles): Record<string, unknown> {
  const text = files.files.get(files.config)?.text ?? '';
  try {
    const json: unknown = parseConfigJson(text);
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>;
  } catch (e) {
    throw new VersusError('E_CONFIG', `${files.origin}: ${files.config} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`, 1);
  }
  throw new VersusError('E_CONFIG', `${files.origin}: ${files.config} is not a JSON object.`, 1);
}

/** Python's json module writes these bare words for float('inf') and float('nan'); JSON has no spelling for them. */
const PYTHON_FLOATS = ['-Infinity', 'Infinity', 'NaN'] as const;

/**
 * A config.json as transformers saves it: JSON, except that Python writes infinite and NaN floats as
 * bare `Infinity`, `-Infinity` and `NaN` (Nemotron-H's `time_step_limit: [0.0, Infinity]`). Those
 * words, outside strings, are read as the strings "Infinity", "-Infinity" and "NaN" so the value
 * stays visible; anything else that is not JSON still fails as JSON.parse fails.
 * @example parseConfigJson('{"time_step_limit": [0.0, Infinity]}') // { time_step_limit: [0, 'Infinity'] }
 */
export function parseConfigJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const word = PYTHON_FLOATS.find((w) => text.startsWith(w, i) && !/[\w.]/.test(text[i + w.length] ?? ''));
    if (word) {
      out += JSON.stringify(word);
      i += word.length - 1;
      continue;
    }
    out += c;
  }
  return JSON.parse(out);
}
