// End to end on the shipped catalog: the newer DeepSeek, Gemma and Mistral releases and OpenAI's gpt-oss, with numbers worked out by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { isKnown, type Catalog } from '../../src/catalog/catalog.js';
import type { Architecture } from '../../src/catalog/schema.js';
import { cellText, compare } from '../../src/compare/comparison.js';
import { checkLicense } from '../../src/compare/license-check.js';
import { resolveSubjects } from '../../src/compare/subjects.js';
import { kvCacheBytes, kvGrowthPerToken } from '../../src/measure/memory.js';
import { loadTokenResults } from '../../src/measure/tokens/results.js';
import { shippedCatalog } from '../helpers.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await shippedCatalog();
});

const arch = (id: string): Architecture => {
  const a = catalog.model.get(id)?.architecture;
  if (!isKnown(a)) throw new Error(`${id} has no known architecture`);
  return a.value;
};

describe('a family means its newest generation', () => {
  it('versus compare deepseek gemma mistral gpt-oss opens with DeepSeek-V4.1, Gemma 4, Mistral Medium 3.5 and gpt-oss', () => {
    const c = compare(catalog, resolveSubjects(catalog, ['deepseek', 'gemma', 'mistral', 'gpt-oss']));
    expect(c.subjects.map((s) => s.generation.id)).toEqual(['deepseek-v4.1', 'gemma4', 'mistral-medium-3.5', 'gpt-oss-2508']);
  });

  it('DeepSeek-V4-Pro-0813 is in the V4 generation, released 2026-08-13, 1.7T total with the DSpark drafter', () => {
    const m = catalog.model.get('deepseek-v4-pro-0813')!;
    expect(m.generation).toBe('deepseek-v4');
    expect(isKnown(m.released) && m.released.value).toBe('2026-08-13');
    expect(isKnown(m.params.total) && m.params.total.value).toBe(1.7e12);
  });
});

describe('Gemma', () => {
  it('Gemma 4 holds every size: 31B flagship, 26B A4B, 12B Unified (June 2026), E4B, E2B', () => {
    const c = compare(catalog, resolveSubjects(catalog, ['gemma']));
    expect(c.subjects[0]?.generation.id).toBe('gemma4');
    expect(new Set(c.subjects[0]?.models.map((m) => m.id))).toEqual(new Set(['gemma-4-31b', 'gemma-4-26b-a4b', 'gemma-4-12b', 'gemma-4-e4b', 'gemma-4-e2b']));
    const m = catalog.model.get('gemma-4-12b')!;
    expect(isKnown(m.released) && m.released.value).toBe('2026-06-03');
  });

  it("Gemma 3's vocabulary is stated one way: 262,144 tokens, and the tokenizer's 262,145 ids are those plus one image token", () => {
    expect(arch('gemma-3-27b').vocab).toBe(262_144);
    expect(arch('gemma-3-4b').vocab).toBe(262_144);
    const t = catalog.tokenizer.get('gemma3')!;
    expect(isKnown(t.vocab_size) && t.vocab_size.value).toBe(262_144 + 1);
    expect(JSON.stringify(catalog.model.get('gemma-3-27b'))).not.toMatch(/262,?208/);
  });

  it('Gemma 3 pre-trained scores name the pre-trained checkpoint they were measured on', () => {
    const pt = catalog.model.get('gemma-3-27b')!.benchmarks.filter((b) => b.source === 'gemma3-card');
    expect(pt.length).toBeGreaterThan(0);
    for (const b of pt) expect(b.setting).toContain('google/gemma-3-27b-pt');
  });
});

describe('Mistral', () => {
  const finding = (modelId: string, situation: Parameters<typeof checkLicense>[2]) => {
    const model = catalog.model.get(modelId)!;
    return checkLicense(catalog.license.get(model.license.value)!, model, situation);
  };

  it("Devstral 2's Modified MIT withholds every right above US$20M of monthly revenue; Devstral Small 2 is Apache 2.0", () => {
    // US$300M a year averages US$25M a month, so some month is above US$20M: a blocker.
    expect(finding('devstral-2-123b', { revenue: 300e6 }).filter((f) => f.kind === 'blocker').map((f) => f.term)).toEqual(['revenue gate']);
    // US$10M a year: no month can be above US$20M.
    expect(finding('devstral-2-123b', { revenue: 10e6 }).filter((f) => f.kind === 'blocker')).toEqual([]);
    expect(catalog.model.get('devstral-small-2')!.license.value).toBe('apache-2.0');
  });

  it("Mistral Medium 3.5's unread licence terms are unknown, never a pass", () => {
    const kinds = finding('mistral-medium-3.5', {}).map((f) => [f.term, f.kind]);
    expect(kinds).toContainEqual(['commercial use', 'unknown']);
    expect(kinds.some(([, k]) => k === 'blocker')).toBe(false);
  });

  it('Mistral Medium 3.5 is a dense 128B model with a 256K context; Mistral Small 3.2 has 128K', () => {
    const m = catalog.model.get('mistral-medium-3.5')!;
    expect([isKnown(m.params.total) && m.params.total.value, isKnown(m.params.active) && m.params.active.value]).toEqual([128e9, 128e9]);
    expect(isKnown(m.context.native) && m.context.native.value).toBe(262_144);
    const small = catalog.model.get('mistral-small-3.2')!;
    expect(isKnown(small.context.native) && small.context.native.value).toBe(131_072);
  });
});

describe('architectures, by hand', () => {
  it('Gemma 4 26B A4B: only the 5 global layers grow, one 512-dim entry per KV head (keys are values)', () => {
    // global: 1 (K = V) × 2 KV heads × 512 × 2 B = 2,048 B per token; sliding: 2 × 8 × 256 × 2 B = 8,192 B up to 1,024 tokens
    expect(kvGrowthPerToken(arch('gemma-4-26b-a4b'), 2)).toBe(5 * 2048);
    expect(kvCacheBytes(arch('gemma-4-26b-a4b'), 4096, 2)).toBe(5 * 2048 * 4096 + 25 * 8192 * 1024);
  });

  it('gpt-oss-120b: 18 full layers grow, 18 sliding layers stop at 128 tokens', () => {
    // full layer: K and V × 8 KV heads × 64 dims × 2 bytes = 2,048 B per token
    expect(kvGrowthPerToken(arch('gpt-oss-120b'), 2)).toBe(18 * 2048);
    // at 1,000 tokens: 18 × 2,048 × 1,000 + 18 × 2,048 × 128
    expect(kvCacheBytes(arch('gpt-oss-120b'), 1000, 2)).toBe(18 * 2048 * 1000 + 18 * 2048 * 128);
  });

  it('gpt-oss-20b: 24 layers, 32 experts, 4 per token, half of them sliding with sinks', () => {
    const a = arch('gpt-oss-20b');
    expect([a.layers, a.moe?.experts, a.moe?.experts_per_token]).toEqual([24, 32, 4]);
    expect(a.attention.map((g) => [g.kind, g.layers, g.kind === 'sliding' ? g.sinks : undefined])).toEqual([['sliding', 12, true], ['full', 12, undefined]]);
  });

  it('DeepSeek-V4-Pro-0813: 31 HCA layers at 128:1 and 30 CSA layers at 4:1 with an FP4 indexer', () => {
    // one 512-dim KV row serves as key and value: 512 × 2 B = 1,024 B; FP4 indexer key 128 × 0.5 B = 64 B
    // per token: 31 × 1,024 / 128 + 30 × (1,024 + 64) / 4 = 248 + 8,160
    expect(kvGrowthPerToken(arch('deepseek-v4-pro-0813'), 2)).toBe(8408);
    const a = arch('deepseek-v4-pro-0813');
    expect(a.attention.filter((g) => !g.mtp).reduce((n, g) => n + g.layers, 0)).toBe(61);
  });
});

describe('gpt-oss', () => {
  it('the tokenizer is measured: o200k_harmony premiums exist for every language English has', () => {
    const r = loadTokenResults();
    const counts = r.counts['o200k-harmony'];
    expect(counts?.length).toBe(r.languages.length);
    const eng = r.languages.findIndex((l) => l.code === 'eng');
    expect(counts?.[eng]).toBeGreaterThan(0);
  });

  it('the licence is Apache 2.0 with the usage policy on record, and no user cap', () => {
    const l = catalog.license.get(catalog.model.get('gpt-oss-120b')!.license.value)!;
    expect(l.spdx).toBe('Apache-2.0');
    const aup = l.terms.acceptable_use_policy;
    expect('value' in aup && aup.value?.url).toMatch(/openai\/gpt-oss\/.*USAGE_POLICY/);
    expect('value' in l.terms.mau_threshold && l.terms.mau_threshold.value).toBeNull();
  });

  it("the languages row shows gpt-oss's measured token cost although OpenAI lists no languages", () => {
    const c = compare(catalog, resolveSubjects(catalog, ['gpt-oss', 'llama']), { tokens: loadTokenResults() });
    expect(cellText(c, 'languages', 0)).toMatch(/^official language count unknown; tokens vs English with the o200k-harmony tokenizer: median \d\.\d\d×/);
  });
});
