// Helpers for the tests over real config.json fixtures: the catalog's fit figures through the CLI, and a draft entry compiled beside the shipped catalog.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Catalog } from '../src/catalog/catalog.js';
import { compileCatalog } from '../src/catalog/compile.js';
import { readConfig } from '../src/catalog/ingest/architecture.js';
import type { Architecture } from '../src/catalog/schema.js';
import { DATA_DIR, TOOL_VERSION } from '../src/paths.js';
import { run } from './helpers.js';

export const CONFIGS_DIR = join(import.meta.dirname, 'fixtures', 'configs');

/** What `versus fit --json` says about a catalog model's KV cache and state. */
export interface FitFigures {
  readonly kv: { readonly growthPerToken: number; readonly growthPerTokenPerGpu: number; readonly atContext: number };
  readonly statePerSequence: number;
  readonly mtp: boolean;
}

/**
 * `versus fit <id> --gpu h200 --gpus 8 --context 128k --json [extra]`, checked to succeed quietly.
 * @example (await fitFigures(catalog, 'gpt-oss-120b')).kv.growthPerToken // 36864
 */
export async function fitFigures(catalog: () => Promise<Catalog>, id: string, ...extra: string[]): Promise<FitFigures> {
  const { code, stdout, stderr } = await run(['fit', id, '--gpu', 'h200', '--gpus', '8', '--context', '128k', '--json', ...extra], { catalog });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as FitFigures;
}

/** Compiles a draft YAML file beside a copy of the shipped catalog; returns the ids of the models that result. */
export async function compiledBesideCatalog(yaml: string): Promise<string[]> {
  const data = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
  cpSync(DATA_DIR, data, { recursive: true });
  writeFileSync(join(data, 'draft.yaml'), yaml);
  const compiled = await compileCatalog({ dataDir: data, toolVersion: TOOL_VERSION });
  return compiled.models.map((m) => m.id);
}

type Json = Record<string, any>;

/** A fixture's config.json, parsed. */
export const fixtureConfig = (dir: string): Json => JSON.parse(readFileSync(join(CONFIGS_DIR, dir, 'config.json'), 'utf8')) as Json;

/** The architecture versus reads from a fixture's config.json (throws with the reason when it stays unknown). */
export function fixtureArch(dir: string): Architecture {
  const r = readConfig(fixtureConfig(dir));
  if (!('value' in r.architecture)) throw new Error(r.architecture.unknown);
  return r.architecture.value;
}
