// Every verbatim config.json fixture belongs to exactly one catalog model, whose architecture is what the
// config says (layer kinds, KV bytes per token, state per sequence), so the catalog cannot drift from the configs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { repoFromUrl, sourceNotes } from '../../src/catalog/ingest/draft.js';
import { ingest } from '../../src/catalog/ingest/index.js';
import type { Architecture, Model } from '../../src/catalog/schema.js';
import { kvGrowthPerToken, linearStateBytes, withMtp } from '../../src/measure/memory.js';
import { CONFIGS_DIR, fitFigures } from '../config-fixtures.js';
import { run, shippedCatalog } from '../helpers.js';

const FIXTURES = readdirSync(CONFIGS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const BF16 = 2;

/** The Hugging Face repository a fixture's SOURCE.txt names as the config's publisher URL. */
const fixtureRepo = (dir: string) => {
  const text = readFileSync(join(CONFIGS_DIR, dir, 'SOURCE.txt'), 'utf8');
  return repoFromUrl(sourceNotes({ name: 'SOURCE.txt', text, sha256: '' }).url);
};

/** The catalog models a fixture could mean: the one with its folder's name, and any whose repo is the config's. */
const candidates = (catalog: Catalog, dir: string): string[] => {
  const repo = fixtureRepo(dir)?.toLowerCase();
  const byRepo = catalog.models.filter((m) => repo !== undefined && m.repo?.toLowerCase() === repo);
  return [...new Set([catalog.model.get(dir), ...byRepo].filter((m): m is Model => m !== undefined).map((m) => m.id))];
};

/** "count × kind", with the flags that change what a group caches; sorted, so group order does not matter. */
const layerKinds = (a: Architecture) => a.attention.map((g) => `${g.layers} × ${g.kind}${g.mtp ? ' (mtp)' : ''}${g.parallel ? ' (parallel)' : ''}`).sort();

describe('every config.json fixture is one catalog model, with the architecture the config gives', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await shippedCatalog();
  });

  it('the fixtures are there (a wrong folder must not pass by finding none)', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(26);
    expect(FIXTURES).toContain('nemotron-3-ultra-550b-a55b');
  });

  it.each(FIXTURES)('%s', async (dir) => {
    const ids = candidates(catalog, dir);
    expect(ids, `catalog models named ${dir} or published as ${fixtureRepo(dir)}`).toHaveLength(1);
    const r = await ingest(catalog, join(CONFIGS_DIR, dir), { today: '2026-12-02' });
    expect(r.existing?.id, 'the entry versus ingest compares the config with').toBe(ids[0]);
    const model = r.existing!;
    if (!('value' in model.architecture)) throw new Error(`${model.id}: the catalog's architecture is unknown (${model.architecture.unknown}), but ${dir}/config.json gives it`);
    const listed = model.architecture.value;
    const read = (r.draft.model.architecture as { value: Architecture }).value;
    expect(layerKinds(listed), `${model.id}: layer kinds`).toEqual(layerKinds(read));
    expect(kvGrowthPerToken(listed, BF16), `${model.id}: KV bytes per token`).toBe(kvGrowthPerToken(read, BF16));
    expect(kvGrowthPerToken(withMtp(listed), BF16), `${model.id}: KV bytes per token with the MTP layers`).toBe(kvGrowthPerToken(withMtp(read), BF16));
    expect(linearStateBytes(listed, BF16), `${model.id}: state bytes per sequence`).toBe(linearStateBytes(read, BF16));
    expect(r.differences.filter((d) => d.path.startsWith('architecture')), `${model.id}: every other architecture field`).toEqual([]);
  });
});

/**
 * The catalog entries added for the last fixtures, through the CLI: versus fit <id> --gpu h200 --gpus 8
 * --context 128k --json. The figures are written out from each config's fields (bf16 KV, one sequence).
 */
describe('versus fit --json on the entries for the Nemotron, MiMo, DeepSeek-V3.2 and OLMo 3.1 configs', () => {
  const K128 = 131_072;
  // Mamba-2 state per layer: heads × head_dim × d_state × state bytes + (conv_kernel − 1) × (heads × head_dim + 2 × groups × d_state) × 2 B
  const HAND = [
    // Super: 8 attention layers of 2 KV heads × 128 (+1 in the MTP block); 40 Mamba-2 layers of 128 heads × 64, d_state 128, 8 groups, fp32 state
    { id: 'nemotron-3-super-120b-a12b', growth: 8 * 2 * 2 * 128 * 2, at128k: 8 * 1024 * K128, state: 40 * (128 * 64 * 128 * 4 + 3 * (128 * 64 + 2 * 8 * 128) * 2), mtp: 9 * 1024 },
    // Ultra: 12 attention layers of 2 KV heads × 128 (+1 MTP); 48 Mamba-2 layers of 256 heads × 64, fp32 state
    { id: 'nemotron-3-ultra-550b-a55b', growth: 12 * 2 * 2 * 128 * 2, at128k: 12 * 1024 * K128, state: 48 * (256 * 64 * 128 * 4 + 3 * (256 * 64 + 2 * 8 * 128) * 2), mtp: 13 * 1024 },
    // Nemotron-H 56B: 10 attention layers of 8 KV heads × 128; 54 Mamba-2 layers of 256 heads × 64, d_state 256, state in the model's bf16
    { id: 'nemotron-h-56b-base-8k', growth: 10 * 2 * 8 * 128 * 2, at128k: 10 * 4096 * K128, state: 54 * (256 * 64 * 256 * 2 + 3 * (256 * 64 + 2 * 8 * 256) * 2), mtp: 10 * 4096 },
    // MiMo-V2-Flash: 9 full layers of 4 KV heads × (192 key + 128 value); 39 sliding layers of 8 heads, capped at 128 tokens
    { id: 'mimo-v2-flash', growth: 9 * 4 * (192 + 128) * 2, at128k: 9 * 2560 * K128 + 39 * 8 * 320 * 2 * 128, state: 0 },
    // DeepSeek-V3.2: 61 MLA layers of (512 + 64) × 2 B plus a DSA indexer key of 128 fp8 + a 4 B scale (+1 MTP layer)
    { id: 'deepseek-v3.2', growth: 61 * ((512 + 64) * 2 + 128 + 4), at128k: 61 * 1284 * K128, state: 0, mtp: 62 * 1284 },
    // Olmo 3.1 32B Instruct: 16 full layers of 8 KV heads × 128 (5,120 ÷ 40); 48 sliding layers capped at 4,096 tokens
    { id: 'olmo-3.1-32b-instruct', growth: 16 * 2 * 8 * 128 * 2, at128k: 16 * 4096 * K128 + 48 * 4096 * 4096, state: 0, mtp: 16 * 4096 },
  ];
  it.each(HAND)('$id', async ({ id, growth, at128k, state, mtp }) => {
    const r = await fitFigures(shippedCatalog, id);
    expect([r.kv.growthPerToken, r.kv.atContext, r.statePerSequence]).toEqual([growth, at128k, state]);
    if (mtp !== undefined) expect((await fitFigures(shippedCatalog, id, '--mtp')).kv.growthPerToken).toBe(mtp);
  });
});

describe('versus ingest finds the catalog entry through the repository the config is published in', () => {
  it('a folder named otherwise than the entry (devstral-small-2-24b) is compared with devstral-small-2, and says how it was matched', async () => {
    const catalog = await shippedCatalog();
    const r = await ingest(catalog, join(CONFIGS_DIR, 'devstral-small-2-24b'), { today: '2026-12-02' });
    expect([r.existing?.id, r.matchedBy, r.differences.filter((d) => d.path.startsWith('architecture'))]).toEqual(['devstral-small-2', 'repo', []]);
    const cli = await run(['ingest', join(CONFIGS_DIR, 'devstral-small-2-24b')], { catalog: shippedCatalog });
    expect(cli.stdout).toMatch(/^devstral-small-2 \(the catalog entry for mistralai\/Devstral-Small-2-24B-Instruct-2512, where this config is published\) is in the catalog/);
  });

  it('an id asked for is never swapped for the repository\'s entry', async () => {
    const catalog = await shippedCatalog();
    const r = await ingest(catalog, join(CONFIGS_DIR, 'devstral-small-2-24b'), { id: 'devstral-small-2-24b-draft', generation: 'devstral-2', license: 'apache-2.0', today: '2026-12-02' });
    expect([r.existing, r.draft.model.id]).toEqual([undefined, 'devstral-small-2-24b-draft']);
  });
});

describe('versus show and fit say what limits these models besides memory', () => {
  it('a research-only licence says "no commercial use" on the model sheet', async () => {
    const h = await run(['show', 'nemotron-h-56b-base-8k'], { catalog: shippedCatalog });
    expect(h.stdout).toMatch(/^Licence +NVIDIA Internal Scientific Research and Development Model License\[\d+\]: no commercial use \(research or non-commercial only\)\[\d+\]/m);
  });

  it('fit at 128K says beside the verdict that 8K and 64K models do not serve that window; within the extended window it does not', async () => {
    const fit = (id: string, context: string) => run(['fit', id, '--gpu', 'h200', '--gpus', '8', '--context', context], { catalog: shippedCatalog });
    expect((await fit('nemotron-h-56b-base-8k', '128k')).stdout).toMatch(/^Fits: .* But 131,072 tokens \(128K\) is more than the model serves: its native window is 8,192 tokens \(8K\)\.$/m);
    expect((await fit('olmo-3.1-32b-instruct', '128k')).stdout).toContain('its native window is 65,536 tokens (64K).');
    expect((await fit('nemotron-3-super-120b-a12b', '512k')).stdout).not.toContain('more than the model serves');
    expect((await fit('nemotron-3-super-120b-a12b', '2m')).stdout).toContain('its extended window is 1,048,576 tokens (1.05M).');
  });
});
