// Constraint scenarios on the shipped catalog, and weight sensitivity on the fixture catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { fullLanguageTable, resolverFor } from '../../src/catalog/languages.js';
import { plainText } from '../../src/compare/cell.js';
import { recommend, type Recommendation } from '../../src/compare/recommend.js';
import { buildEvidence } from '../../src/compare/evidence.js';
import { tryLoadTokenResults } from '../../src/measure/tokens/results.js';
import { DEFAULT_WEIGHTS } from '../../src/compare/recommend.js';
import { UsageError, NotFoundError } from '../../src/errors.js';
import type { Constraints, Weights } from '../../src/catalog/schema.js';
import { fixtureCatalog, shippedCatalog } from '../helpers.js';

let catalog: Catalog;
let resolve: ReturnType<typeof resolverFor>;
beforeAll(async () => {
  catalog = await shippedCatalog();
  resolve = resolverFor(await fullLanguageTable());
});

const run = async (constraints: Constraints, weights: Weights = DEFAULT_WEIGHTS, strict = false) =>
  recommend(catalog, { constraints, weights, strict }, await buildEvidence(catalog, constraints, tryLoadTokenResults()), resolve);

const llamaIds = () => catalog.models.filter((m) => m.id.startsWith('llama-')).map((m) => m.id);
const failedOn = (rec: Recommendation, id: string, constraint: string) =>
  rec.excluded.find((e) => e.model.id === id)?.failed.find((c) => c.constraint === constraint);

describe('recommend on the shipped catalog', () => {
  it('an EU company using images: every Llama 4 model is excluded by the use-policy clause', async () => {
    const rec = await run({ region: 'EU', modalities: ['image'] });
    for (const id of ['llama-4-scout-17b-16e', 'llama-4-maverick-17b-128e']) {
      const check = failedOn(rec, id, 'license');
      expect(plainText(check?.text ?? [])).toMatch(/no licence to this multimodal model for .*European Union.*Acceptable Use Policy/);
      const cited = check?.text.flatMap((s) => s.refs ?? []).map((r) => ('source' in r ? catalog.source.get(r.source)?.url : '')) ?? [];
      expect(cited.some((u) => u?.endsWith('llama4/USE_POLICY.md'))).toBe(true);
    }
    // An end user of a product is exempt, so the same models then pass the licence check.
    const endUser = await run({ region: 'EU', end_user: true, modalities: ['image'] });
    expect(failedOn(endUser, 'llama-4-scout-17b-16e', 'license')).toBeUndefined();
  });

  it('1.2B monthly active users: every Llama model needs a separate licence from Meta (§2)', async () => {
    const rec = await run({ mau: 1_200_000_000 });
    for (const id of llamaIds()) {
      const check = failedOn(rec, id, 'license');
      expect(plainText(check?.text ?? []), id).toContain('above 700,000,000 monthly active users you must request a licence');
      expect(plainText(check?.text ?? [])).toContain('§2');
    }
    // 600M users is under the cap: no Llama model is excluded by its licence.
    const under = await run({ mau: 600_000_000 });
    expect(llamaIds().filter((id) => failedOn(under, id, 'license'))).toEqual([]);
  });

  it('a 1M-token context: only models whose native or extended window reaches it pass', async () => {
    const rec = await run({ min_context: 1_000_000 });
    const ranked = rec.ranked.map((s) => s.model.id);
    expect(ranked).toEqual(expect.arrayContaining(['llama-4-scout-17b-16e', 'llama-4-maverick-17b-128e', 'qwen3.5-397b-a17b']));
    expect(plainText(failedOn(rec, 'llama-3.3-70b', 'context')?.text ?? [])).toBe('at most 131,072 tokens (128K) < 1,000,000 tokens (1M)');
    const viaExtension = rec.ranked.find((s) => s.model.id === 'qwen3.5-397b-a17b')?.checks.find((c) => c.constraint === 'context');
    expect(plainText(viaExtension?.text ?? [])).toMatch(/^1,010,000 tokens \(1\.01M\) with context extension ≥ 1,000,000 tokens/);
  });

  it('Japanese, which no Llama model officially supports: every Llama model fails on language', async () => {
    const rec = await run({ languages: ['jpn'] });
    for (const id of llamaIds()) {
      expect(plainText(failedOn(rec, id, 'languages')?.text ?? []), id).toMatch(/^ja \(Japanese\) is not among its (8|12) official languages, [\d.]+× English tokens$/);
    }
  });

  it('one RTX 4090: small models fit, 70B-class bf16 and MoE giants do not', async () => {
    const rec = await run({ gpu: 'rtx-4090', min_context: 8192 });
    const fits = (id: string) => rec.ranked.some((s) => s.model.id === id);
    expect(fits('llama-3.1-8b')).toBe(true);
    expect(fits('qwen3.5-0.8b')).toBe(true);
    for (const id of ['llama-3.1-405b', 'llama-4-scout-17b-16e', 'deepseek-v3']) {
      expect(plainText(failedOn(rec, id, 'hardware')?.text ?? []), id).toMatch(/^does not fit 1× .*4090.* at any precision/);
    }
  });

  it('rejects contradictory or meaningless constraints with a clear error', async () => {
    await expect(run({ gpus: 2 })).rejects.toThrow(UsageError);
    await expect(run({ languages: ['klingonese'] })).rejects.toThrow(NotFoundError);
    await expect(run({ region: 'EU' }, {})).rejects.toThrow('Give at least one weight');
  });

  it('says honestly when nothing fits, and which single relaxation admits what', async () => {
    // 10M tokens: only Llama 4 Scout has the window, and an EU company gets no licence to it.
    // Strict, so a model whose context is unknown (unverified) does not pass either.
    const rec = await run({ min_context: 10_000_000, region: 'EU' }, DEFAULT_WEIGHTS, true);
    expect(rec.ranked).toEqual([]);
    const relax = rec.relaxations.find((r) => r.constraint === 'license');
    expect(relax?.best.id).toBe('llama-4-scout-17b-16e');
    expect(rec.relaxations.find((r) => r.constraint === 'context')?.admits.length).toBeGreaterThan(10);
  });
});

describe('weight sensitivity (fixture catalog)', () => {
  it('changing one weight past the reported flip point changes the winner, and not before it', async () => {
    const fixture = await fixtureCatalog();
    const weights: Weights = { context: 1, languages: 1 };
    const evidence = {};
    const base = recommend(fixture, { constraints: {}, weights }, evidence);
    const flip = base.flips.find((f) => f.kind === 'weight');
    expect(flip?.kind).toBe('weight');
    if (flip?.kind !== 'weight') return;
    const winner = base.ranked[0]?.model.id;
    const nudge = (to: number) => recommend(fixture, { constraints: {}, weights: { ...weights, [flip.row]: to } }, evidence).ranked[0]?.model.id;
    const past = flip.to > flip.from ? flip.to * 1.01 : flip.to * 0.99;
    const before = flip.to > flip.from ? (flip.from + flip.to) / 2 : (flip.from + flip.to) / 2;
    expect(nudge(past)).toBe(flip.model.id);
    expect(nudge(before)).toBe(winner);
    expect(flip.model.id).not.toBe(winner);
  });
});
