// What a careful reader checks in every family comparison: a sourced value is never tied with an unknown one,
// counts of languages read as counts of languages, licence exclusions name where they apply, and unknown ids
// get each suggestion once. Properties of the shipped catalog's facts, not of today's model list.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { isKnown } from '../../src/catalog/catalog.js';
import type { Model } from '../../src/catalog/schema.js';
import { flagship, plainText } from '../../src/compare/cell.js';
import { compare, type Comparison } from '../../src/compare/comparison.js';
import { bestResults } from '../../src/compare/dimensions/benchmarks.js';
import { checkLicense } from '../../src/compare/license-check.js';
import { checkModel } from '../../src/compare/constraints.js';
import { modelSheet } from '../../src/compare/model-sheet.js';
import { capabilityScores } from '../../src/compare/recommend.js';
import { modelSubject, resolveSubjects } from '../../src/compare/subjects.js';
import { permissiveness, termSpans } from '../../src/compare/dimensions/license.js';
import { qualify } from '../../src/compare/verdict.js';
import { NotFoundError } from '../../src/errors.js';
import { languageCount } from '../../src/format.js';
import { shippedCatalog } from '../helpers.js';

/** Each family against the rival a reader most often weighs it against. */
const RIVALS = [
  ['qwen', 'llama'], ['qwen', 'deepseek'], ['deepseek', 'kimi'], ['glm', 'minimax'], ['gemma', 'mistral'],
  ['nemotron', 'granite'], ['gpt-oss', 'qwen'], ['olmo', 'granite'], ['mimo', 'deepseek'], ['phi', 'gemma'], ['hunyuan', 'step'],
] as const;

const BENCHMARK_ROWS = { coding: ['coding'], math: ['math', 'reasoning'], agentic: ['agentic'] } as const;

let catalog: Catalog;
const reports = new Map<string, Comparison>();
beforeAll(async () => {
  catalog = await shippedCatalog();
  for (const pair of RIVALS) reports.set(pair.join(' vs '), compare(catalog, resolveSubjects(catalog, [...pair]), { charts: false }));
});

describe('a sourced value is never tied with an unknown one', () => {
  it('a benchmark row where only one family has published results: that family leads, the other has no score', () => {
    let seen = 0;
    for (const c of reports.values()) {
      for (const [id, categories] of Object.entries(BENCHMARK_ROWS)) {
        const has = c.subjects.map((s) => bestResults(catalog, s, categories).size > 0);
        if (has.filter(Boolean).length !== 1) continue;
        seen++;
        const row = c.rows.find((r) => r.id === id)!;
        expect(row.scores, `${c.title}: ${id}`).toEqual(has.map((h) => (h ? 1 : null)));
        expect(row.leaders).toEqual([has.indexOf(true)]);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('a verdict weighing such a row counts the family without evidence 0 and names the gap', () => {
    for (const c of reports.values()) {
      for (const v of c.verdicts) {
        const reasons = plainText(v.reasons);
        // "no subject has evidence" was printed while one subject had it.
        for (const label of v.skipped) {
          const row = c.rows.find((r) => r.label === label)!;
          const inIdx = v.qualified.flatMap((q, i) => (q.ok ? [i] : []));
          expect(inIdx.some((i) => row.scores[i] !== null), `${c.title} / ${v.useCase.id}: ${label}`).toBe(false);
        }
        for (const { row, i } of c.rows.flatMap((row) => row.scores.flatMap((s, i) => (s === null && v.useCase.weights[row.id] !== undefined && v.qualified[i]?.ok && row.scores.some((x) => x !== null) ? [{ row, i }] : [])))) {
          if (v.winner === null || v.runnerUp === null) continue;
          expect(reasons, `${c.title} / ${v.useCase.id}`).toContain(`${row.label.toLowerCase()} (no evidence for ${c.subjects[i]!.label}`);
        }
      }
    }
  });
});

describe('language counts read as counts of languages', () => {
  it('every stated count renders as "N official languages…", whatever label the card gives', () => {
    for (const m of catalog.models) {
      if (!isKnown(m.languages)) continue;
      expect(languageCount(m.languages.value, 'official'), m.id).toMatch(/^[\d,]+ official languages?\b/);
    }
  });

  it('the comparison cell of a family whose card labels its list', () => {
    const c = reports.get('nemotron vs granite')!;
    const cell = plainText(c.rows.find((r) => r.id === 'languages')!.cells[0]!.text);
    const ultra = catalog.model.get('nemotron-3-ultra-550b-a55b')!.languages;
    const n = isKnown(ultra) ? ultra.value.count : NaN;
    expect(cell.startsWith(`${n} official languages`), cell).toBe(true);
    expect(cell).not.toMatch(/\d official the card/);
  });
});

describe('licence exclusions say where they apply', () => {
  it('every region exclusion names each jurisdiction it covers', () => {
    for (const license of catalog.licenses) {
      for (const ex of license.terms.region_exclusions) {
        for (const j of ex.jurisdictions) {
          const name = catalog.jurisdiction.get(j)?.name ?? j;
          expect(ex.who, `${license.id}: ${j}`).toContain(name);
        }
      }
    }
  });

  it('no report prints an undefined exemption', () => {
    for (const c of reports.values()) {
      const text = c.bottomLine.map(plainText).join('\n') + c.rows.flatMap((r) => r.cells.map((x) => plainText(x.text))).join('\n');
      expect(text, c.title).not.toContain('undefined');
    }
  });
});

describe('unknown ids', () => {
  it('suggests each id once, even where a generation and its model share one', () => {
    const shared = catalog.generations.map((g) => g.id).filter((id) => catalog.model.has(id));
    expect(shared.length).toBeGreaterThan(0);
    for (const id of shared) {
      const wanted = `${id}x`;
      const error = (() => { try { resolveSubjects(catalog, [wanted, 'qwen']); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(NotFoundError);
      const suggestions = (error as NotFoundError).suggestions;
      expect(new Set(suggestions).size, `${wanted}: ${suggestions.join(', ')}`).toBe(suggestions.length);
    }
  });
});

describe('capability across the catalog (recommend)', () => {
  it('models that report only HumanEval and MBPP never outscore one within 10% of the best LiveCodeBench score', () => {
    const scores = capabilityScores(catalog, ['coding']);
    const coding = (m: Model) => m.benchmarks.filter((r) => catalog.benchmark.get(r.benchmark)?.categories.includes('coding'));
    const bestLcb = Math.max(...catalog.models.flatMap((m) => coding(m).filter((r) => r.benchmark === 'livecodebench').map((r) => r.score)));
    const saturatedOnly = catalog.models.flatMap((m, i) => { const ids = coding(m).map((r) => r.benchmark); return ids.length > 0 && ids.every((b) => b === 'humaneval' || b === 'mbpp') ? [i] : []; });
    const leaders = catalog.models.flatMap((m, i) => (coding(m).some((r) => r.benchmark === 'livecodebench' && r.score >= 0.9 * bestLcb) ? [i] : []));
    expect(saturatedOnly.length).toBeGreaterThan(0);
    expect(leaders.length).toBeGreaterThan(0);
    for (const s of saturatedOnly) for (const l of leaders) {
      expect(scores[l]!, `${catalog.models[l]!.id} vs ${catalog.models[s]!.id}`).toBeGreaterThan(scores[s]!);
    }
  });
});

describe('licence terms as the licence text states them', () => {
  it('GLM-5.3 is under its own licence: a Model as a Service business above US$10B a year needs Z.ai\'s security review (§2)', () => {
    const m = catalog.model.get('glm-5.3')!;
    const license = catalog.license.get(m.license.value)!;
    expect(license.osi_approved).toBe(false);
    const gate = (revenue: number) => checkLicense(license, m, { revenue }).filter((f) => plainText(f.text).includes('security review'));
    // 20e9 a year is above the 10e9 gate: the review applies if the company runs a Model as a Service business.
    expect(gate(20e9).length).toBe(1);
    expect(gate(20e9)[0]!.clause).toBe('§2');
    // 1e9 a year is under it: nothing to do.
    expect(gate(1e9)).toEqual([]);
  });
});

describe('a licence without commercial use', () => {
  const noCommerce = () => catalog.licenses.filter((l) => !(isKnown(l.terms.commercial_use) && l.terms.commercial_use.value));
  const commerce = () => catalog.licenses.filter((l) => isKnown(l.terms.commercial_use) && l.terms.commercial_use.value);

  it('ranks below every licence that grants it (the licence row and recommend)', () => {
    expect(noCommerce().length).toBeGreaterThan(0);
    const best = Math.max(...noCommerce().map(permissiveness));
    const worst = Math.min(...commerce().map(permissiveness));
    expect(best).toBeLessThan(worst);
  });

  it('says so first in the licence row', () => {
    for (const license of noCommerce().filter((l) => isKnown(l.terms.commercial_use))) {
      const model = catalog.models.find((m) => m.license.value === license.id);
      if (!model) continue;
      const spans = termSpans(license, [model]);
      expect(plainText(spans), license.id).toMatch(/^no commercial use/);
      expect(spans[0]?.mark).toBe('caution');
    }
  });

  it('never qualifies for a use case about serving customers, enterprises or shoppers, nor does one whose grant is unread', () => {
    const commercialCases = catalog.use_cases.filter((u) => u.constraints?.commercial === true);
    expect(commercialCases.map((u) => u.id)).toEqual(expect.arrayContaining(['multilingual-support', 'enterprise-western', 'apac-commerce', 'startup-commercial']));
    // Denied or unread: unknown never passes a hard constraint, in a verdict as in recommend.
    const barred = catalog.models.filter((m) => noCommerce().some((l) => l.id === m.license.value));
    expect(barred.some((m) => { const t = catalog.license.get(m.license.value)!.terms.commercial_use; return !isKnown(t); })).toBe(true);
    expect(barred.some((m) => { const t = catalog.license.get(m.license.value)!.terms.commercial_use; return isKnown(t); })).toBe(true);
    for (const u of commercialCases) {
      for (const m of barred) expect(qualify(catalog, u, modelSubject(catalog, m)).ok, `${u.id}: ${m.id}`).toBe(false);
    }
  });
});

describe('bounds computed at a context the model cannot hold', () => {
  it('the 32K decode figure says when it lies beyond the model\'s window, and only then', () => {
    let short = 0;
    for (const m of catalog.models) {
      const computedLine = modelSheet(catalog, m).find((l) => l.label === 'Computed');
      if (!computedLine) continue;
      const text = plainText(computedLine.value);
      const native = isKnown(m.context.native) ? m.context.native.value : Infinity;
      const extended = isKnown(m.context.extended) ? m.context.extended.value : 0;
      const beyond = native < 32_768 && extended < 32_768;
      if (beyond) short++;
      expect(text.includes('for comparison only'), m.id).toBe(beyond);
    }
    expect(short).toBeGreaterThan(0);
  });
});

describe('the headline model', () => {
  it('is never a preview or a base checkpoint when the generation has a released, post-trained model of the same size', () => {
    const interim = (m: Model) => m.variant === 'base' || /\bpreview\b/i.test(`${m.id} ${m.name}`);
    const total = (m: Model) => (isKnown(m.params.total) ? m.params.total.value : 0);
    let contested = 0;
    for (const family of catalog.families) {
      const [subject] = resolveSubjects(catalog, [family.id]);
      const top = flagship(subject!)!;
      const rivals = subject!.models.filter((m) => total(m) === total(top) && !interim(m));
      if (subject!.models.some((m) => total(m) === total(top) && interim(m)) && rivals.length > 0) contested++;
      if (rivals.length > 0) expect(interim(top), `${family.id}: ${top.id}`).toBe(false);
    }
    expect(contested).toBeGreaterThan(0);
  });
});

describe('a use case that states no revenue', () => {
  it('does not bar a licence whose only open question is a revenue gate (GLM-5.3 above US$10B, Kimi K3 above US$20M): the question does not say', () => {
    const u = { ...catalog.use_cases.find((x) => x.id === 'startup-commercial')!, constraints: { commercial: true } };
    const gated = catalog.models.filter((m) => {
      const l = catalog.license.get(m.license.value)!;
      const check = checkModel(catalog, m, u.constraints, {}).find((k) => k.constraint === 'license');
      return isKnown(l.terms.commercial_use) && l.terms.commercial_use.value && l.terms.revenue_gates.length > 0 && check?.outcome === 'unverified';
    });
    expect(gated.length).toBeGreaterThan(0);
    for (const m of gated) expect(qualify(catalog, u, modelSubject(catalog, m)).ok, m.id).toBe(true);
  });
});
