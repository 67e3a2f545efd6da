import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { cellText, compare, type Comparison } from '../../src/compare/comparison.js';
import { plainText } from '../../src/compare/cell.js';
import { verdicts } from '../../src/compare/verdict.js';
import { resolveSubjects } from '../../src/compare/subjects.js';
import { NotFoundError, UsageError } from '../../src/errors.js';
import { fixtureCatalog } from '../helpers.js';

let catalog: Catalog;
let c: Comparison;
beforeAll(async () => {
  catalog = await fixtureCatalog();
  c = compare(catalog, resolveSubjects(catalog, ['alpha', 'beta']));
});

const row = (id: string) => {
  const r = c.rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('subjects', () => {
  it('uses the latest generation of a family, or the one asked for', () => {
    expect(resolveSubjects(catalog, ['alpha']).map((s) => s.generation.id)).toEqual(['alpha2']);
    expect(resolveSubjects(catalog, ['alpha'], ['alpha1'])[0]?.models.map((m) => m.id)).toEqual(['alpha1-3b']);
  });

  it('accepts generations and single models', () => {
    expect(resolveSubjects(catalog, ['beta1', 'alpha2-8b']).map((s) => s.kind)).toEqual(['generation', 'model']);
  });

  it('suggests the nearest ids for an unknown one', () => {
    const error = (() => { try { resolveSubjects(catalog, ['alpha2-8', 'beta']); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).suggestions).toContain('alpha2-8b');
  });

  it('rejects the same subject twice', () => {
    expect(() => resolveSubjects(catalog, ['alpha', 'ALPHA'])).toThrow(UsageError);
  });
});

describe('dimensions on the fixture catalog', () => {
  it('has the twelve rows of the reference article, in order, then cost', () => {
    expect(c.rows.map((r) => r.label)).toEqual([
      'Latest flagship', 'Model size range', 'Maximum context window', 'Multilingual support', 'Multimodal capabilities', 'License',
      'Coding performance', 'Math & reasoning', 'Inference efficiency', 'Enterprise ecosystem', 'Agentic capabilities', 'On-device / edge',
      'Cost per 1,000 tasks',
    ]);
  });

  it('picks the largest model as flagship', () => {
    expect(cellText(c, 'flagship', 0)).toBe('Alpha2-100B-A10B (Jan 2026) — 100B total, 10B active (MoE, 16 experts, 1 routed per token)');
  });

  it('shows a disputed context with both sources and ranks by native context', () => {
    expect(cellText(c, 'context', 0)).toContain('1,000,000 tokens (1M) native (disputed: also stated as 262,144 tokens (256K))');
    const disputed = row('context').cells[0]!.text.find((s) => s.mark === 'disputed');
    expect(disputed?.refs).toEqual([{ source: 'alpha-blog' }]);
    expect(row('context').scores).toEqual([1, 262144 / 1_000_000]);
    expect(row('context').leaders).toEqual([0]);
  });

  it('counts official languages, noting when models differ', () => {
    expect(cellText(c, 'languages', 0)).toBe('12 official languages; varies by model (12, 8)');
    expect(cellText(c, 'languages', 1)).toBe('201 official languages and dialects; varies by model (201, 140)');
  });

  it('names which models take which inputs', () => {
    expect(cellText(c, 'multimodal', 0)).toBe('image input (Alpha2-100B-A10B); output: text');
    expect(cellText(c, 'multimodal', 1)).toBe('image input (Beta1-27B); video input (Beta1-27B); output: text');
    expect(row('multimodal').scores).toEqual([2 / 3, 1]);
  });

  it('lists licence terms with clauses and marks a region exclusion', () => {
    const text = cellText(c, 'license', 0);
    expect(text).toContain('Restricted Fixture License [Alpha2-100B-A10B]: separate licence from the licensor above 700,000,000 monthly active users (§2)');
    expect(text).toContain('exempt: end users of products or services');
    expect(row('license').cells[0]!.text.some((s) => s.mark === 'caution')).toBe(true);
    // Both subjects offer an OSI-approved licence somewhere, so the row is a tie and not ranked.
    expect(row('license').leaders).toEqual([]);
  });

  it('ranks coding on the benchmark both subjects report: 60 ÷ 75', () => {
    expect(row('coding').scores).toEqual([0.8, 1]);
    expect(cellText(c, 'coding', 1)).toBe('BenchCode 75 (Beta1-27B, thinking)');
  });

  it('lets the only subject with benchmark results lead the row: no results is never a tie', () => {
    // Alpha reports a math result, Beta none: Beta scores null (a verdict counts it 0), Alpha leads.
    expect(row('math').scores).toEqual([1, null]);
    expect(row('math').leaders).toEqual([0]);
    expect(cellText(c, 'math', 1)).toBe('no published results in the catalog');
  });

  it('a verdict on a use case where the subjects score the same on every weighted row names no winner', () => {
    // Both subjects have an OSI-approved licence with the same terms score: the licence row scores 1 and 1.
    expect(row('license').scores).toEqual([1, 1]);
    const useCase = { ...catalog.use_cases.find((u) => u.id === 'code')!, weights: { license: 1 } };
    const [v] = verdicts(catalog, [useCase], c.subjects, c.rows);
    expect(v?.winner).toBeNull();
    expect(v?.totals).toEqual([1, 1]);
    expect(plainText(v?.reasons ?? [])).toContain('tie at 100/100: they score the same on every weighted row, so nothing ranks them');
  });

  it('a verdict weighing that row counts the subject without results 0, and says so', () => {
    const useCase = { ...catalog.use_cases.find((u) => u.id === 'code')!, weights: { math: 1 } };
    const [v] = verdicts(catalog, [useCase], c.subjects, c.rows);
    expect(v?.winner).toBe(0);
    expect(v?.totals).toEqual([1, 0]);
    expect(v?.skipped).toEqual([]);
    expect(plainText(v?.reasons ?? [])).toContain('Counted 0: math & reasoning (no evidence for Beta 1)');
    expect(plainText(v?.reasons ?? [])).not.toContain('counted 0)');
  });

  it('computes KV growth from the architecture: 12 full layers × 2 × 4 KV heads × 128 × 2 B = 24 KiB', () => {
    expect(cellText(c, 'efficiency', 0)).toContain('KV cache grows 24 KiB/token: 12 of 48 layers keep a growing cache (36 chunked-attention (chunk 8192) + 12 full-attention)');
    // Beta1-27B: 16 full layers × 2 × 4 × 256 × 2 B = 64 KiB; the 48 Gated DeltaNet layers add none.
    expect(cellText(c, 'efficiency', 1)).toContain('KV cache grows 64 KiB/token: 16 of 64 layers keep a growing cache');
  });

  it('ranks efficiency by bytes per decoded token: 10B×2 + KV(32K) vs 27B×2 + KV(32K)', () => {
    // Alpha: 20e9 + 36×2048×8192 (603,979,776) + 12×2048×32768 (805,306,368) = 21,409,286,144; Beta: 54e9 + 16×4096×32768 = 56,147,483,648.
    expect(row('efficiency').cells.map((x) => x.value)).toEqual([
      { model: 'alpha2-100b-a10b', decodeBytes: 21_409_286_144 },
      { model: 'beta1-27b', decodeBytes: 56_147_483_648 },
    ]);
  });

  it('says the family has smaller models in an older generation', () => {
    expect(cellText(c, 'edge', 0)).toBe("smallest: Alpha2-8B, 8B → 4 GB of weights at 4-bit; the family's smallest is Alpha1-3B (Alpha 1)");
  });

  it('shows unknown values as unknown, with the reason', async () => {
    const old = compare(catalog, resolveSubjects(catalog, ['alpha1', 'beta']));
    expect(cellText(old, 'efficiency', 0)).toBe('active params or architecture unknown');
    expect(cellText(old, 'languages', 0)).toBe('official language count unknown');
  });
});

describe('verdicts and the bottom line', () => {
  it('derives each winner from the use case weights', () => {
    const [longDocs, code] = c.verdicts;
    // Long docs: (3 × context + 1 × efficiency) ÷ 4. Alpha leads both rows.
    expect(longDocs?.winner).toBe(0);
    expect(longDocs?.totals[0]).toBeCloseTo(1);
    expect(code?.winner).toBe(1);
    expect(code?.totals).toEqual([0.8, 1]);
  });

  it('leaves out a subject with no model that meets the hard constraints, and says why', () => {
    const v = c.verdicts.find((x) => x.useCase.id === 'eu-vision');
    // Alpha's only image model is under the restricted licence, which excludes EU companies.
    expect(v?.qualified.map((q) => q.ok)).toEqual([false, true]);
    expect(v?.winner).toBe(1);
    expect(v?.reasons.map((s) => s.text).join('')).toMatch(/^Beta 1 is the only one that meets the hard constraints: no Alpha 2 model meets the constraints: Alpha2-8B — modalities: no image input \(takes text\); Alpha2-100B-A10B — license: Restricted Fixture License: no licence to this multimodal model for .*European Union/);
  });

  it('changes the winner when the weights change', () => {
    const flipped = { ...catalog, use_cases: [{ id: 'x', name: 'X', question: 'Q?', weights: { context: 1, languages: 3 } }] };
    const v = compare(flipped, resolveSubjects(catalog, ['alpha', 'beta'])).verdicts[0];
    expect(v?.winner).toBe(1);
  });

  it('summarises wins per row and warns about licence exclusions', () => {
    const text = c.bottomLine.map((p) => p.map((s) => s.text).join('')).join('\n');
    expect(text).toContain('Alpha 2 leads on 4 of 8 ranked rows (maximum context window, math & reasoning, inference efficiency and enterprise ecosystem)');
    expect(text).toMatch(/Before choosing Alpha 2: Restricted Fixture License grants no licence to its multimodal models \([^)]+\) to individuals domiciled in, or companies with a principal place of business in, the European Union \(AUP, multimodal clause\)\. .*exempt: end users of products or services that incorporate the multimodal models\./);
    expect(text).not.toContain('whatever the product');
  });

  it('numbers every cited source once, in order of first appearance', () => {
    expect(c.citations.map((x) => x.key).slice(0, 3)).toEqual(['alpha-card', 'beta-card', 'alpha-config']);
    expect(new Set(c.citations.map((x) => x.key)).size).toBe(c.citations.length);
    expect(c.asOf).toBe('2026-02-01');
  });
});
