// A draft catalog entry from what ingest read: the model, its config source, every value's provenance, and differences from an existing entry.
import { stringify } from 'yaml';
import type { Catalog } from '../catalog.js';
import type { Model, Source } from '../schema.js';
import { suggest } from '../suggest.js';
import { UsageError } from '../../errors.js';
import type { ConfigReading } from './architecture.js';
import type { ModelFiles, SourceFile } from './files.js';

/** Where one value of the draft came from. */
export interface Provenance {
  readonly field: string;
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  /** The commit (hub) or the URL the file was read at. */
  readonly revision: string;
}

export interface DraftOptions {
  readonly id?: string;
  readonly name?: string;
  readonly generation?: string;
  readonly license?: string;
  /** The publisher's URL of the config (for local files; SOURCE.txt `url:` otherwise). */
  readonly url?: string;
  readonly today: string;
}

export interface Draft {
  readonly model: Record<string, unknown>;
  /** The file the architecture was read from (config.json or params.json). */
  readonly configFile: string;
  readonly source: Source;
  readonly provenance: readonly Provenance[];
  readonly unmapped: readonly string[];
}

const UNKNOWN_FROM_CONFIG = 'not stated in the config; fill it from the model card';

/** `key: value` lines of a SOURCE.txt beside a local config (url, copy, publisher, kind, revision). */
export function sourceNotes(file: SourceFile | undefined): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const line of file?.text.split('\n') ?? []) {
    const m = /^([a-z]+):\s*(.+?)\s*$/.exec(line);
    if (m?.[1] && m[2] && !(m[1] in notes)) notes[m[1]] = m[2];
  }
  return notes;
}

/**
 * The Hugging Face repository a config URL is published in, or undefined for any other URL.
 * @example repoFromUrl('https://huggingface.co/Qwen/Qwen3.5-0.8B/raw/main/config.json') // 'Qwen/Qwen3.5-0.8B'
 */
export function repoFromUrl(url: string | undefined): string | undefined {
  return /^https:\/\/huggingface\.co\/([\w.-]+\/[\w.-]+)(?:\/|$)/.exec(url ?? '')?.[1];
}

/** An id from a repo or folder name: "Qwen3.5-0.8B" → "qwen3.5-0.8b". */
export const idFrom = (stem: string) => stem.toLowerCase().replace(/[^a-z0-9.+-]+/g, '-').replace(/^[^a-z0-9]+/, '');

/**
 * The draft entry for `files` as read into `reading`; throws a UsageError naming the flag to pass
 * when the generation or licence cannot be read from the files.
 */
export function draftEntry(catalog: Catalog, files: ModelFiles, reading: ConfigReading, opts: DraftOptions): Draft {
  const config = files.files.get(files.config)!;
  const notes = sourceNotes(files.files.get('SOURCE.txt'));
  const id = idFrom(opts.id ?? files.stem);
  const source = configSource(id, files, config, notes, opts);
  const revision = files.revision ?? notes.copy ?? source.url;
  const provenance: Provenance[] = reading.taken.map((t) => ({ field: t.field, file: config.name, path: t.path, sha256: config.sha256, revision }));
  const license = licenseFact(catalog, files, opts, provenance);
  const generation = opts.generation ?? catalog.model.get(id)?.generation;
  const model = {
    id,
    name: opts.name ?? files.repo?.split('/')[1] ?? files.stem,
    generation: generation ?? '',
    ...(files.repo ? { repo: files.repo } : {}),
    released: { unknown: UNKNOWN_FROM_CONFIG },
    params: { total: { unknown: 'count the checkpoint\'s tensors or read the model card' }, active: { unknown: UNKNOWN_FROM_CONFIG } },
    architecture: 'value' in reading.architecture
      ? { value: reading.architecture.value, source: source.id, note: `read from ${config.name} (sha256 ${config.sha256.slice(0, 16)}…) by versus ingest` }
      : { unknown: reading.architecture.unknown, checked: [source.id] },
    context: { native: reading.context ? { value: reading.context.native, source: source.id, ...(reading.context.note ? { note: reading.context.note } : {}) } : { unknown: `${config.name} gives no max_position_embeddings or model_max_length that is a positive whole number`, checked: [source.id] } },
    modalities: { unknown: UNKNOWN_FROM_CONFIG },
    languages: { unknown: UNKNOWN_FROM_CONFIG },
    license,
    tokenizer: { unknown: 'name the catalog tokenizer this model uses' },
  };
  return { model, configFile: config.name, source, provenance, unmapped: reading.unmapped };
}

function configSource(id: string, files: ModelFiles, config: SourceFile, notes: Record<string, string>, opts: DraftOptions): Source {
  const url = config.url ?? opts.url ?? notes.url;
  if (url === undefined || !/^https?:\/\//.test(url)) {
    throw new UsageError(`${files.origin}: say where this ${config.name} is published: pass --url https://… or put a "url: https://…" line in a SOURCE.txt beside it.`);
  }
  const kind: Source['kind'] = files.repo ? 'primary' : notes.kind === 'primary' ? 'primary' : 'secondary';
  const read = notes.copy ? `; read at ${notes.copy}` : files.revision ? `; commit ${files.revision}` : '';
  return {
    id: `${id}-config`,
    url,
    title: `${files.repo ?? notes.title ?? id} ${config.name}`,
    publisher: files.repo?.split('/')[0] ?? notes.publisher ?? new URL(url).hostname,
    kind,
    retrieved: opts.today,
    note: `${config.name} sha256 ${config.sha256}${read}`,
  };
}

/** --license, else the model card's `license:` front matter matched to a catalog licence by id or SPDX id. */
function licenseFact(catalog: Catalog, files: ModelFiles, opts: DraftOptions, provenance: Provenance[]): { value: string; source: string } {
  const fromCard = /^---\n[\s\S]*?^license:\s*["']?([\w.+-]+)["']?\s*$[\s\S]*?^---/m.exec(files.files.get('README.md')?.text ?? '')?.[1];
  const wanted = opts.license ?? fromCard;
  const existing = catalog.model.get(idFrom(opts.id ?? files.stem))?.license;
  if (wanted === undefined && existing) return { value: existing.value, source: existing.source };
  if (wanted === undefined) throw new UsageError('name the licence with --license <id> (the model card states none); list ids with "versus license --help".');
  const found = catalog.licenses.find((l) => l.id === wanted.toLowerCase() || l.spdx?.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new UsageError(`the catalog has no licence "${wanted}".${hint(wanted, catalog.licenses.map((l) => l.id))}`);
  if (opts.license === undefined) {
    const card = files.files.get('README.md')!;
    provenance.push({ field: 'license', file: 'README.md', path: 'front matter license', sha256: card.sha256, revision: files.revision ?? card.url ?? files.origin });
  }
  return { value: found.id, source: found.source };
}

const hint = (id: string, ids: readonly string[]) => {
  const near = suggest(id, ids);
  return near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : '';
};

/** Checks the generation exists (a new entry needs one). */
export function checkGeneration(catalog: Catalog, generation: string | undefined): void {
  if (generation === undefined || generation === '') throw new UsageError('a new entry needs --generation <id> (the generation it belongs to); list them with "versus models".');
  if (!catalog.generations.some((g) => g.id === generation)) {
    throw new UsageError(`the catalog has no generation "${generation}".${hint(generation, catalog.generations.map((g) => g.id))}`);
  }
}

/**
 * The draft as a YAML data file, headed by each value's provenance and the fields left unmapped.
 * @example draftYaml(draft, 'hf:Qwen/Qwen3.5-0.8B@main')
 */
export function draftYaml(d: Draft, origin: string): string {
  const header = [
    `# Draft entry written by "versus ingest ${origin}". Check it, fill the unknowns, then move it under data/.`,
    '# Provenance (catalog field <- file, JSON path, sha256, revision or URL):',
    ...d.provenance.map((p) => `#   ${p.field} <- ${p.file} ${p.path} (sha256 ${p.sha256.slice(0, 16)}…, ${p.revision})`),
    ...(d.unmapped.length > 0 ? [`# Fields of ${d.configFile} not mapped to the catalog:`, ...d.unmapped.map((u) => `#   ${u}`)] : []),
  ];
  return `${header.join('\n')}\n${stringify({ sources: [d.source], models: [d.model] }, { lineWidth: 0 })}`;
}

/** One difference between the catalog's entry and what the config says. */
export interface Difference {
  readonly path: string;
  readonly catalog: unknown;
  readonly config: unknown;
}

/**
 * What the config says differently from the catalog's entry for the same model: the architecture
 * (layer groups compared as a set) and the native context. Nothing is written.
 */
export function differences(existing: Model, draft: Draft): Difference[] {
  const out: Difference[] = [];
  const arch = draft.model.architecture as { value?: Record<string, unknown> };
  const known = 'value' in existing.architecture ? (existing.architecture.value as unknown as Record<string, unknown>) : undefined;
  if (!arch.value || !known) {
    if (Boolean(arch.value) !== Boolean(known)) out.push({ path: 'architecture', catalog: known ? 'known' : existing.architecture, config: arch.value ? 'known' : draft.model.architecture });
  } else {
    for (const key of new Set([...Object.keys(known), ...Object.keys(arch.value)])) {
      if (key === 'attention') continue;
      const [k, c] = [known[key], arch.value[key]];
      if (isRecord(k) && isRecord(c)) {
        // Only what the config states can contradict the catalog (gpt-oss's config has no moe_layers).
        for (const sub of Object.keys(c)) if (JSON.stringify(k[sub]) !== JSON.stringify(c[sub])) out.push({ path: `architecture.${key}.${sub}`, catalog: k[sub], config: c[sub] });
      } else if (c !== undefined && JSON.stringify(k) !== JSON.stringify(c)) {
        out.push({ path: `architecture.${key}`, catalog: k, config: c });
      }
    }
    const groups = (a: Record<string, unknown>) => (a.attention as Record<string, unknown>[]).map((g) => JSON.stringify(sortKeys(withShape(g, a)))).sort();
    const [c, d] = [groups(known), groups(arch.value)];
    if (JSON.stringify(c) !== JSON.stringify(d)) out.push({ path: 'architecture.attention', catalog: c.filter((g) => !d.includes(g)).map((g) => JSON.parse(g)), config: d.filter((g) => !c.includes(g)).map((g) => JSON.parse(g)) });
  }
  const native = (draft.model.context as { native: { value?: number } }).native.value;
  const knownNative = 'value' in existing.context.native ? existing.context.native.value : undefined;
  if (native !== knownNative) out.push({ path: 'context.native', catalog: knownNative ?? 'unknown', config: native ?? 'unknown' });
  return out;
}

/** A group with the model's KV heads and head dim written out where it inherits them, so both ways of writing compare equal. */
function withShape(g: Record<string, unknown>, arch: Record<string, unknown>): Record<string, unknown> {
  if (!['full', 'sliding', 'chunked', 'block-sparse', 'compressed'].includes(g.kind as string)) return g;
  return { ...g, kv_heads: g.kv_heads ?? arch.kv_heads, head_dim: g.head_dim ?? arch.head_dim };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys no config states: notes, and gpt-oss's learned sinks (weights, not a config field). */
const NOT_IN_CONFIGS = new Set(['note', 'sinks']);

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isRecord(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !NOT_IN_CONFIGS.has(k)).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
}
