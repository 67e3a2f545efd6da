// versus ingest on Mistral's params.json: a real file (mistral-7B-v0.1, every layer sliding over 4,096 tokens), the
// per-layer window pattern, latent attention and experts, a hub repository with only params.json, and bad input.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { readConfig } from '../../src/catalog/ingest/architecture.js';
import { ingest } from '../../src/catalog/ingest/index.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { kvCacheBytes, kvGrowthPerToken, linearStateBytes } from '../../src/measure/memory.js';
import { compiledBesideCatalog } from '../config-fixtures.js';
import { shippedCatalog } from '../helpers.js';

type Json = Record<string, any>;
// Kept apart from fixtures/configs, whose every folder is a catalog model: mistral-7B-v0.1 is not catalogued.
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'mistral-params', 'mistral-7b-v0.1');
const TEXT = readFileSync(join(FIXTURE, 'params.json'), 'utf8');
const params = (): Json => JSON.parse(TEXT) as Json;
const arch = (json: Json): Architecture => {
  const r = readConfig(json);
  if (!('value' in r.architecture)) throw new Error(r.architecture.unknown);
  return r.architecture.value;
};
const BF16 = 2;
const K128 = 131_072;
// 2 (K, V) × 8 KV heads × 128 × 2 B
const PER_LAYER = 2 * 8 * 128 * 2; // 4,096 B per token per layer

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

describe('a params.json read under the names its engine maps it to', () => {
  it('mistral-7B-v0.1: 32 layers, each sliding over 4,096 tokens with 8 KV heads × 128; no tied_embeddings means untied', () => {
    const p = params();
    expect([p.n_layers, p.n_kv_heads, p.head_dim, p.sliding_window, 'tied_embeddings' in p]).toEqual([32, 8, 128, 4096, false]);
    expect(arch(p)).toEqual({
      layers: 32, hidden: 4096, heads: 32, kv_heads: 8, head_dim: 128, intermediate: 14336, vocab: 32000, tied_embeddings: false,
      attention: [{ kind: 'sliding', layers: 32, window: 4096 }],
    });
    // every layer stops growing at its window: nothing grows past 4,096 tokens
    expect(kvGrowthPerToken(arch(p), BF16)).toBe(0);
    expect(kvCacheBytes(arch(p), K128, BF16)).toBe(32 * PER_LAYER * 4096); // 536,870,912
    expect(kvCacheBytes(arch(p), 2048, BF16)).toBe(32 * PER_LAYER * 2048); // 268,435,456
    expect(linearStateBytes(arch(p), BF16)).toBe(0);
  });

  it('a list of windows is a per-layer pattern, null = full attention (Ministral-8B-2410 style): 8 full + 24 sliding', () => {
    const p = { ...params(), sliding_window: [null, 4096, 4096, 4096] };
    expect(arch(p).attention).toEqual([{ kind: 'full', layers: 8 }, { kind: 'sliding', layers: 24, window: 4096 }]);
    expect(kvGrowthPerToken(arch(p), BF16)).toBe(8 * PER_LAYER); // 32,768
    expect(kvCacheBytes(arch(p), K128, BF16)).toBe(8 * PER_LAYER * K128 + 24 * PER_LAYER * 4096); // 4,697,620,480
  });

  it('latent attention when qk_nope_head_dim is set, and the moe block (Mistral Large 3 style)', () => {
    const p = params();
    delete p.sliding_window;
    Object.assign(p, {
      q_lora_rank: 1536, kv_lora_rank: 512, qk_rope_head_dim: 64, qk_nope_head_dim: 128, v_head_dim: 128,
      moe: { num_experts: 128, num_experts_per_tok: 4, num_shared_experts: 1, expert_hidden_dim: 4096, first_k_dense_replace: 3, route_every_n: 1 },
    });
    const a = arch(p);
    expect(a.attention).toEqual([{ kind: 'mla', layers: 32, kv_lora_rank: 512, qk_rope_head_dim: 64, qk_nope_head_dim: 128, v_head_dim: 128, q_lora_rank: 1536 }]);
    expect(a.head_dim).toBe(128 + 64);
    expect(a.moe).toEqual({ experts: 128, experts_per_token: 4, shared_experts: 1, moe_layers: 32 - 3, expert_intermediate: 4096 });
    // (512 latent + 64 RoPE) × 2 B per layer
    expect(kvGrowthPerToken(a, BF16)).toBe(32 * (512 + 64) * 2); // 36,864
  });

  it('null latent ranks (Devstral 2 style) mean plain attention, read and not reported as unmapped', () => {
    const p = { ...params(), sliding_window: null, q_lora_rank: null, kv_lora_rank: null, qk_rope_head_dim: null, qk_nope_head_dim: null, v_head_dim: null };
    const r = readConfig(p);
    expect('value' in r.architecture && r.architecture.value.attention).toEqual([{ kind: 'full', layers: 32 }]);
    expect(r.unmapped).toEqual([]);
  });

  it('what versus cannot count leaves the architecture unknown, with the reason', () => {
    const every2 = { ...params(), moe: { num_experts: 8, num_experts_per_tok: 2, route_every_n: 2 } };
    expect(readConfig(every2).architecture).toEqual({ unknown: expect.stringContaining('$.moe.route_every_n is 2') });
    const two = { ...params(), sliding_window: [null, 4096, 8192, 4096] };
    expect(readConfig(two).architecture).toEqual({ unknown: expect.stringContaining('$.sliding_window lists windows of 4096 and 8192 tokens') });
    const uneven = { ...params(), sliding_window: [null, 4096, 4096] };
    expect(readConfig(uneven).architecture).toEqual({ unknown: expect.stringContaining('do not repeat evenly over 32 layers') });
  });
});

describe('versus ingest on a folder or hub repository with params.json', () => {
  it('the draft names params.json and its JSON paths, and passes versus validate beside the shipped catalog', async () => {
    const r = await ingest(catalog, FIXTURE, { id: 'mistral-7b-params-draft', generation: 'mistral-3', license: 'apache-2.0', today: '2026-12-02' });
    const sha = createHash('sha256').update(TEXT).digest('hex');
    expect(r.draft.provenance.find((p) => p.field === 'architecture.layers')).toEqual({
      field: 'architecture.layers', file: 'params.json', path: '$.n_layers', sha256: sha, revision: 'https://github.com/ggml-org/llama.cpp/pull/3362',
    });
    expect(r.draft.provenance.find((p) => p.field === 'architecture.tied_embeddings')?.path).toMatch(/^no tied_embeddings: untied/);
    expect(r.draft.source).toMatchObject({ title: 'mistral-7b-params-draft params.json', kind: 'secondary' });
    expect(r.draft.model.context).toEqual({ native: { unknown: 'params.json gives no max_position_embeddings or model_max_length that is a positive whole number', checked: ['mistral-7b-params-draft-config'] } });
    expect(r.draft.unmapped).toEqual([]);
    expect(r.yaml).toContain('#   architecture.layers <- params.json $.n_layers');
    expect(await compiledBesideCatalog(r.yaml)).toContain('mistral-7b-params-draft');
  });

  it('a folder with neither config.json nor params.json is a clear error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
    writeFileSync(join(empty, 'README.md'), '# nothing\n');
    await expect(ingest(catalog, empty, { url: 'https://example.org/x' })).rejects.toThrow(/config\.json: no such file or folder \(ENOENT\), and there is no params\.json beside it/);
  });

  describe('against a local server standing in for the hub', () => {
    const COMMIT = 'b'.repeat(40);
    let server: Server;
    let endpoint = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (/^\/api\/models\/[\w-]+\/[\w.-]+\/revision\/main$/.test(req.url ?? '')) return void res.writeHead(200).end(JSON.stringify({ sha: COMMIT }));
        if (req.url === `/mistralai/Params-Only/resolve/${COMMIT}/params.json`) return void res.writeHead(200).end(TEXT);
        res.writeHead(404).end();
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it('reads params.json where the repository has no config.json, pinned to the commit', async () => {
      const r = await ingest(catalog, 'hf:mistralai/Params-Only', { generation: 'mistral-3', license: 'apache-2.0', hub: { endpoint }, today: '2026-12-02' });
      expect(r.draft.source).toMatchObject({ url: `${endpoint}/mistralai/Params-Only/blob/${COMMIT}/params.json`, kind: 'primary' });
      expect(r.draft.provenance.every((p) => p.file === 'params.json' && p.revision === COMMIT)).toBe(true);
      expect((r.draft.model.architecture as { value: Architecture }).value.attention).toEqual([{ kind: 'sliding', layers: 32, window: 4096 }]);
      await expect(ingest(catalog, 'hf:mistralai/Nothing-Here', { generation: 'mistral-3', license: 'apache-2.0', hub: { endpoint } })).rejects.toThrow(/neither config\.json nor params\.json/);
    });
  });
});
