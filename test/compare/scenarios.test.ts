// Scenarios: constraint sets with the properties a practitioner expects of the answer, each with why.
// They state properties of the catalog's facts (params, licences, modalities), never today's model list.
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { isKnown } from '../../src/catalog/catalog.js';
import { regionOf } from '../../src/catalog/jurisdictions.js';
import type { Model } from '../../src/catalog/schema.js';
import { checkLicense } from '../../src/compare/license-check.js';
import { familyOf } from '../../src/catalog/catalog.js';
import { run, shippedCatalog } from '../helpers.js';

interface Check { constraint: string; outcome: string; text: string }
interface Rec { ranked: { model: string; verified: boolean; checks: Check[]; parts: { row: string; score: number | null }[] }[]; excluded: { model: string; failed: Check[] }[] }

async function rec(...args: string[]): Promise<Rec> {
  const { code, stdout, stderr } = await run(['recommend', ...args, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as Rec;
}

let catalog: Catalog;
const model = (id: string): Model => catalog.model.get(id)!;
const total = (id: string) => { const t = model(id).params.total; return isKnown(t) ? t.value : Infinity; };
const family = (id: string) => familyOf(catalog, model(id))?.id ?? '';
const multimodal = (id: string) => { const m = model(id).modalities; return isKnown(m) && m.value.input.some((x) => x !== 'text'); };
const check = (r: Rec['ranked'][number], c: string) => r.checks.find((k) => k.constraint === c)?.outcome;
/** Would this licence, read on its own, block the model for a company in `region`? */
const regionBlocked = (id: string, region: string) => {
  const m = model(id);
  const license = catalog.license.get(m.license.value);
  return license !== undefined && checkLicense(license, m, { region: regionOf(catalog, region) }).some((f) => f.kind === 'blocker' && f.term === 'region exclusion');
};

describe('scenarios a practitioner would sign', () => {
  it('setup', async () => { catalog = await shippedCatalog(); expect(catalog.models.length).toBeGreaterThan(10); });

  it('1. EU company + image input: no Llama 3.2 Vision or Llama 4 (Meta withholds the multimodal licence from EU companies)', async () => {
    const r = await rec('--region', 'EU', '--modalities', 'image');
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const x of r.ranked) expect(family(x.model) === 'llama' && multimodal(x.model), x.model).toBe(false);
  });

  it('2. the same for a company in Germany, typed by ISO code (DE) or name: member states are the EU', async () => {
    for (const region of ['DE', 'Germany', 'France']) {
      const r = await rec('--region', region, '--modalities', 'image');
      for (const x of r.ranked) expect(regionBlocked(x.model, region), `${region} ${x.model}`).toBe(false);
      expect(r.ranked.some((x) => family(x.model) === 'llama'), region).toBe(false);
    }
  });

  it('3. a UK company is not in the EU: the Llama vision models are not excluded by the region clause', async () => {
    const r = await rec('--region', 'United Kingdom', '--modalities', 'image');
    const llamaVision = catalog.models.filter((m) => family(m.id) === 'llama' && multimodal(m.id)).map((m) => m.id);
    for (const e of r.excluded.filter((x) => llamaVision.includes(x.model))) expect(e.failed.some((f) => f.constraint === 'license'), e.model).toBe(false);
  });

  it('4. an EU end user of a product is exempt where the clause says so (Llama), not where it exempts nobody', async () => {
    const r = await rec('--region', 'EU', '--end-user', '--modalities', 'image');
    const exemptsUsers = (id: string) => catalog.license.get(model(id).license.value)?.terms.region_exclusions.every((x) => x.exempt !== undefined) ?? false;
    for (const e of r.excluded.filter((x) => exemptsUsers(x.model))) expect(e.failed.some((f) => f.constraint === 'license' && f.text.includes('European Union')), e.model).toBe(false);
    expect(r.excluded.some((e) => family(e.model) === 'llama' && multimodal(e.model) && e.failed.some((f) => f.constraint === 'license'))).toBe(false);
  });

  it('5. 1.2B monthly users: no Llama model (above 700M MAU Meta must grant a separate licence)', async () => {
    const r = await rec('--mau', '1.2b');
    expect(r.ranked.some((x) => family(x.model) === 'llama')).toBe(false);
    expect(r.ranked.length).toBeGreaterThan(0);
  });

  it('6. one RTX 4090 (24 GB): nothing over ~60B params, and every pick verifiably fits', async () => {
    const r = await rec('--gpu', '4090');
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const x of r.ranked) {
      expect(total(x.model), x.model).toBeLessThanOrEqual(60e9);
      expect(check(x, 'hardware'), x.model).toBe('pass');
    }
  });

  it('7. edge use case: every pick has ≤ 10B params (the question says so)', async () => {
    const r = await rec('--use-case', 'edge');
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const x of r.ranked) expect(total(x.model), x.model).toBeLessThanOrEqual(10e9);
  });

  it('8. coding on 8×H100: a frontier-class model (≥ 100B params) that verifiably fits comes first', async () => {
    const r = await rec('--use-case', 'coding', '--gpu', 'h100', '--gpus', '8');
    const top = r.ranked[0]!;
    expect(check(top, 'hardware')).toBe('pass');
    expect(total(top.model)).toBeGreaterThanOrEqual(100e9);
  });

  it('9. coding on 8×H100: the first pick has at least the median coding score of the models that fit (capability decides)', async () => {
    const r = await rec('--use-case', 'coding', '--gpu', 'h100', '--gpus', '8');
    const coding = (x: Rec['ranked'][number]) => x.parts.find((p) => p.row === 'coding')?.score ?? 0;
    const sorted = r.ranked.map(coding).sort((a, b) => a - b);
    expect(coding(r.ranked[0]!)).toBeGreaterThanOrEqual(sorted[Math.floor(sorted.length / 2)]!);
  });

  it('10. 2×H100 for an EU image product in Japanese, Thai and Hindi (README example 1): not a toy model, no Llama, every pick fits', async () => {
    const r = await rec('--languages', 'ja,th,hi', '--context', '128k', '--modalities', 'image', '--mau', '1.2b', '--region', 'EU', '--gpu', 'h100', '--gpus', '2');
    expect(total(r.ranked[0]!.model)).toBeGreaterThan(10e9);
    for (const x of r.ranked) {
      expect(family(x.model), x.model).not.toBe('llama');
      expect(check(x, 'hardware'), x.model).toBe('pass');
    }
  });

  it('11. a million-token window: every pick has a sourced window (native or documented extension) of ≥ 1M', async () => {
    const r = await rec('--context', '1m');
    for (const x of r.ranked) {
      const { native, extended } = model(x.model).context;
      const best = Math.max(isKnown(native) ? native.value : 0, isKnown(extended) ? extended.value : 0);
      expect(best, x.model).toBeGreaterThanOrEqual(1_048_576);
    }
  });

  it('12. long documents: the pick is not a small model (reasoning over the window decides, not size)', async () => {
    const r = await rec('--use-case', 'long-documents');
    expect(total(r.ranked[0]!.model)).toBeGreaterThan(30e9);
  });

  it('13. an unknown context never passes a context constraint (evidence before ranking)', async () => {
    const r = await rec('--context', '64k');
    for (const x of r.ranked) expect(isKnown(model(x.model).context.native), x.model).toBe(true);
  });

  it('14. --lenient admits unverified models only after every verified one', async () => {
    const r = await rec('--context', '64k', '--gpu', 'h100', '--gpus', '8', '--lenient');
    const first = r.ranked.findIndex((x) => !x.verified);
    if (first >= 0) expect(r.ranked.slice(first).every((x) => !x.verified)).toBe(true);
  });

  it('15. Japanese, Thai and Hindi with --strict: every pick lists all three officially', async () => {
    const r = await rec('--languages', 'ja,th,hi', '--strict');
    for (const x of r.ranked) expect(check(x, 'languages'), x.model).toBe('pass');
  });

  it('16. a language a model\'s published list omits excludes it, even without --strict', async () => {
    const r = await rec('--languages', 'ja');
    for (const e of r.excluded.filter((x) => x.failed.some((f) => f.constraint === 'languages'))) {
      const langs = model(e.model).languages;
      expect(isKnown(langs) && langs.value.list !== undefined, e.model).toBe(true);
    }
  });

  it('17. commercial use (the default): no model whose licence forbids it', async () => {
    const r = await rec('--region', 'US');
    for (const x of r.ranked) {
      const t = catalog.license.get(model(x.model).license.value)?.terms.commercial_use;
      expect(t && isKnown(t) && t.value, x.model).toBe(true);
    }
  });

  it('18. distributing a fine-tune that may not carry the licensor\'s name: no licence with a naming rule', async () => {
    const r = await rec('--distribute', '--fine-tune', '--no-naming');
    for (const x of r.ranked) {
      const t = catalog.license.get(model(x.model).license.value)?.terms.derivative_naming;
      expect(t && isKnown(t) && !t.value.required, x.model).toBe(true);
    }
  });

  it('19. ≤ 10B params on one H100: small models only, each verifiably fitting', async () => {
    const r = await rec('--max-params', '10b', '--gpu', 'h100');
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const x of r.ranked) {
      expect(total(x.model), x.model).toBeLessThanOrEqual(10e9);
      expect(check(x, 'hardware'), x.model).toBe('pass');
    }
  });

  it('20. an 8 GB phone (3 GB per-app budget): nothing whose 4-bit weights alone exceed 3 GB', async () => {
    const r = await rec('--gpu', 'phone-8gb');
    for (const x of r.ranked) expect(total(x.model) * 4 / 8, x.model).toBeLessThanOrEqual(3e9);
  });

  it('21. every region exclusion the catalog records binds its jurisdictions: a company there gets no model the clause covers', async () => {
    const regions = new Set(catalog.licenses.flatMap((l) => l.terms.region_exclusions.flatMap((e) => e.jurisdictions)));
    for (const id of regions) {
      const name = catalog.jurisdiction.get(id)!.name;
      const r = await rec('--region', name, '--modalities', 'image');
      for (const x of r.ranked) expect(regionBlocked(x.model, name), `${name}: ${x.model}`).toBe(false);
    }
  });

  it('22. 1.2B monthly users on 2×H100 at 20,000 requests/s: no model can serve it, and the answer says how many GPUs it would take', async () => {
    const r = await rec('--load', '20000/s,in=1k,out=300', '--gpu', 'h100', '--gpus', '2');
    expect(r.ranked).toEqual([]);
    const loads = r.excluded.flatMap((e) => e.failed.filter((f) => f.constraint === 'load' && f.outcome === 'fail'));
    expect(loads.length).toBeGreaterThan(0);
    for (const f of loads) expect(f.text).toMatch(/at least [\d,]+ copies of 2× .*, [\d,]+ GPUs/);
  });

  it('23. a light load (5 requests/s) on 2×H100: the picks serve it within the bounds', async () => {
    const r = await rec('--load', '5/s,in=2k,out=500', '--gpu', 'h100', '--gpus', '2');
    expect(r.ranked.length).toBeGreaterThan(0);
    for (const x of r.ranked) expect(check(x, 'load'), x.model).toBe('pass');
  });

  it('24. an EEA company (some EEA states are outside the EU): the EU clause is unknown, so it does not pass', async () => {
    const r = await rec('--region', 'EEA', '--modalities', 'image');
    for (const x of r.ranked) expect(check(x, 'license'), x.model).toBe('pass');
  });

  it('25. a 512 GB M3 Ultra: nothing whose 4-bit weights exceed the Metal working set (not the whole unified memory)', async () => {
    const mac = catalog.gpus.find((g) => g.class === 'unified-memory' && g.budget_gb !== undefined && g.memory_gb.value >= 500) ?? catalog.gpus.find((g) => g.class === 'unified-memory');
    if (!mac) return;
    expect(mac.budget_gb?.value ?? 0).toBeLessThan(mac.memory_gb.value);
    const budget = (mac.budget_gb ?? mac.memory_gb).value * 1e9;
    const r = await rec('--gpu', mac.id);
    for (const x of r.ranked) expect(total(x.model) * 4 / 8, x.model).toBeLessThanOrEqual(budget);
  });

  it('24. the edge use case on an 8 GB phone: capability, not size, decides among the models that fit (the hardware check already decided size)', async () => {
    const r = await rec('--use-case', 'edge', '--gpu', 'phone-8gb');
    expect(r.ranked.length).toBeGreaterThan(1);
    const capability = (x: Rec['ranked'][number]) => x.parts.filter((p) => ['coding', 'math', 'agentic'].includes(p.row)).reduce((n, p) => n + (p.score ?? 0), 0);
    for (const x of r.ranked) expect(x.parts.map((p) => p.row)).toEqual(expect.arrayContaining(['coding', 'math', 'agentic']));
    // Among the models with the first pick's licence score, none is more capable than the first pick.
    const first = r.ranked[0]!;
    const lic = (x: Rec['ranked'][number]) => x.parts.find((p) => p.row === 'license')?.score ?? 0;
    for (const x of r.ranked.filter((y) => lic(y) === lic(first))) expect(capability(first), x.model).toBeGreaterThanOrEqual(capability(x));
  });
});
