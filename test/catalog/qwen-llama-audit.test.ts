// The audit's findings on the Qwen and Llama data, pinned to the values their sources state.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isKnown, type Catalog } from '../../src/catalog/catalog.js';
import type { Model } from '../../src/catalog/schema.js';
import { ROOT } from '../../src/paths.js';
import { run, shippedCatalog } from '../helpers.js';
import { REF } from '../measure/tokens/reference.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

const model = (id: string): Model => {
  const m = catalog.model.get(id);
  if (!m) throw new Error(`no model ${id}`);
  return m;
};
const urlOf = (source: string) => catalog.source.get(source)?.url;
const fact = <T>(m: { value: T; source: string } | { unknown: string }) => {
  if (!('value' in m)) throw new Error(`unknown: ${m.unknown}`);
  return m;
};

describe('Qwen3.5 audit items', () => {
  it.each(['qwen3.5-27b', 'qwen3.5-35b-a3b', 'qwen3.5-122b-a10b'])('%s takes video input, per the medium-size card\'s video results', (id) => {
    const m = fact(model(id).modalities);
    expect(m.value.input).toEqual(['text', 'image', 'video']);
    expect(urlOf(m.source)).toBe('https://huggingface.co/Qwen/Qwen3.5-122B-A10B-FP8');
  });

  it('keeps the recurrent state of every Qwen Gated DeltaNet layer in fp32 (config mamba_ssm_dtype float32)', () => {
    const groups = catalog.models
      .filter((m) => m.id.startsWith('qwen3.'))
      .flatMap((m) => (isKnown(m.architecture) ? m.architecture.value.attention.map((g) => ({ id: m.id, g })) : []))
      .filter(({ g }) => g.kind === 'gated-deltanet');
    // 8 Qwen3.5 + 2 Qwen3.6 + 1 Qwen3.8 hybrids.
    expect(groups.length).toBe(11);
    for (const { id, g } of groups) expect(g.kind === 'gated-deltanet' && g.recurrent_dtype, id).toBe('fp32');
  });

  it("carries Qwen3.5-397B-A17B's GPQA 88.4 from its card", () => {
    const gpqa = model('qwen3.5-397b-a17b').benchmarks.filter((b) => b.benchmark === 'gpqa-diamond');
    expect(gpqa.map((b) => b.score)).toEqual([88.4]);
    expect(urlOf(gpqa[0]!.source)).toBe('https://modelscope.cn/models/Qwen/Qwen3.5-397B-A17B');
  });
});

describe('Qwen3 exact parameters and context, from the Qwen cards', () => {
  it.each([
    ['qwen3-8b', 8.2e9, 8.2e9, 'https://huggingface.co/Qwen/Qwen3-8B'],
    ['qwen3-32b', 32.8e9, 32.8e9, 'https://huggingface.co/Qwen/Qwen3-32B-GGUF'],
    ['qwen3-30b-a3b', 30.5e9, 3.3e9, 'https://huggingface.co/Qwen/Qwen3-30B-A3B-GGUF'],
    ['qwen3-4b', 4.0e9, 4.0e9, 'https://huggingface.co/Qwen/Qwen3-4B'],
    ['qwen3-0.6b', 0.6e9, 0.6e9, 'https://huggingface.co/Qwen/Qwen3-0.6B'],
    ['qwen3-235b-a22b', 235e9, 22e9, 'https://huggingface.co/Qwen/Qwen3-235B-A22B'],
  ])('%s: %d total, %d active', (id, total, active, url) => {
    const p = model(id).params;
    expect(fact(p.total).value).toBe(total);
    expect(fact(p.active).value).toBe(active);
    expect(urlOf(fact(p.total).source)).toBe(url);
  });

  it('Qwen3-4B extends to 131,072 tokens with YaRN (32,768 native)', () => {
    const ctx = model('qwen3-4b').context;
    expect(fact(ctx.native).value).toBe(32_768);
    expect(ctx.extended && fact(ctx.extended).value).toBe(131_072);
    expect(urlOf(fact(ctx.extended!).source)).toBe('https://huggingface.co/Qwen/Qwen3-4B');
  });
});

describe('benchmark scores name the checkpoint they were measured on', () => {
  it('gives GPQA 81.1 and MMLU-Pro 84.4 to Qwen3-235B-A22B-Thinking-2507, not to the April 2025 model', () => {
    const score = (id: string, b: string) => model(id).benchmarks.filter((r) => r.benchmark === b).map((r) => r.score);
    expect(score('qwen3-235b-a22b-thinking-2507', 'gpqa-diamond')).toEqual([81.1]);
    expect(score('qwen3-235b-a22b-thinking-2507', 'mmlu-pro')).toEqual([84.4]);
    // The April model in thinking mode, from the same card's "Qwen3-235B-A22B Thinking" column.
    expect(score('qwen3-235b-a22b', 'gpqa-diamond')).toEqual([71.1]);
    expect(score('qwen3-235b-a22b', 'mmlu-pro')).toEqual([82.8]);
    expect(model('qwen3-235b-a22b').benchmarks.map((r) => urlOf(r.source))).toEqual(
      model('qwen3-235b-a22b').benchmarks.map(() => 'https://huggingface.co/Qwen/Qwen3-235B-A22B-Thinking-2507-FP8'));
  });
});

describe('Qwen3.8 and Qwen3.6 as their sources state them', () => {
  it('Qwen3.8-27B: Apache-2.0, text/image/video in, 262,144 native and 1,000,000 extended, released 2026-08-14', () => {
    const q = model('qwen3.8-27b');
    expect(q.license.value).toBe('apache-2.0');
    expect(fact(q.modalities).value.input).toEqual(['text', 'image', 'video']);
    expect(fact(q.context.native).value).toBe(262_144);
    expect(fact(q.context.extended!).value).toBe(1_000_000);
    expect(fact(q.released).value).toBe('2026-08-14');
    // Not assumed to share Qwen3.5's tokenizer: no tokenizer files were compared.
    expect(isKnown(q.tokenizer)).toBe(false);
  });

  it('Qwen3.6: 27B dense (2026-04-22) and 35B-A3B (2026-04-16), both extending to 1,010,000 tokens', () => {
    expect(fact(model('qwen3.6-27b').released).value).toBe('2026-04-22');
    expect(fact(model('qwen3.6-35b-a3b').released).value).toBe('2026-04-16');
    expect(fact(model('qwen3.6-35b-a3b').params.active).value).toBe(3e9);
    for (const id of ['qwen3.6-27b', 'qwen3.6-35b-a3b']) expect(fact(model(id).context.extended!).value).toBe(1_010_000);
  });
});

describe('Llama licences: licensor entity and governing law', () => {
  const licences = [['llama-3.1-community', 'llama3_1'], ['llama-3.2-community', 'llama3_2'], ['llama-3.3-community', 'llama3_3'], ['llama-4-community', 'llama4']];

  it.each(licences)('%s: Meta Platforms Ireland Limited for the EEA and Switzerland, Meta Platforms, Inc. elsewhere; California law', (id, file) => {
    const text = readFileSync(join(dirname(REF), 'licenses', `${file}-LICENSE.txt`), 'utf8').replace(/\*\*|\\/g, '');
    const { licensor, governing_law: law } = catalog.license.get(id)!.terms;
    const parties = fact(licensor!).value;
    expect(parties.map((p) => p.entity)).toEqual(['Meta Platforms Ireland Limited', 'Meta Platforms, Inc.']);
    expect(parties[0]!.jurisdictions).toEqual(['eea', 'ch']);
    // The licence text names both entities and the EEA-or-Switzerland split.
    expect(text).toContain('means Meta Platforms Ireland Limited (if you are located in or, if you are an entity, your principal place of business is in the EEA or Switzerland) and Meta Platforms, Inc. (if you are located outside of the EEA or Switzerland)');
    expect(fact(law!).value).toMatchObject({ cisg_excluded: true });
    expect(text).toContain('governed and construed under the laws of the State of California without regard to choice of law principles, and the UN Convention on Contracts for the International Sale of Goods does not apply');
    expect(text).toContain('The courts of California shall have exclusive jurisdiction');
  });

  it('versus license names the licensor and the governing law, with the clause', async () => {
    const { code, stdout } = await run(['license', 'llama-4-scout-17b-16e']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Licensor: Meta Platforms Ireland Limited \(if you are located in or, if you are an entity, your principal place of business is in the EEA or Switzerland\); Meta Platforms, Inc\. \(if you are located outside of the EEA or Switzerland\)\[\d+\] — definitions, "Meta" or "we"/);
    expect(stdout).toMatch(/Governing law: the laws of the State of California.*\[\d+\] — §7 Governing Law and Jurisdiction/);
  });
});

describe('Llama 3.1 availability from the catalog\'s own sources', () => {
  it.each(['llama-3.1-8b', 'llama-3.1-70b', 'llama-3.1-405b'])('%s lists engines and a cloud', (id) => {
    const m = model(id);
    expect(m.engines.map((e) => e.value)).toEqual(['llama.cpp', 'Hugging Face Transformers']);
    expect(m.clouds.map((e) => e.value)).toEqual(['Google Vertex AI']);
    expect(urlOf(m.engines[0]!.source)).toMatch(/^https:\/\/github\.com\/ggml-org\/llama\.cpp\/blob\/[0-9a-f]{40}\/tools\/quantize\/README\.md$/);
  });
});

describe('provenance notes name public addresses, not opaque internal ids', () => {
  const files = ['data/families/qwen.yaml', 'data/families/llama.yaml', 'data/licenses/qwen.yaml', 'data/licenses/llama.yaml',
    'data/licenses/apache-2.0.yaml', 'data/tokenizers.yaml', 'data/benchmarks.yaml', 'data/use-cases.yaml', 'data/sources/articles.yaml'];
  it.each(files)('%s', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    // A note points a reader to a URL; a numeric id ("id 54350341376") is a private handle nobody can follow.
    expect(text.match(/\bids? \d{9,}/gi) ?? []).toEqual([]);
  });
});
