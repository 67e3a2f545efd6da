// Regions resolve through data/jurisdictions.yaml: member states by name and code, EU spellings, no silent pass.
import { describe, expect, it } from 'vitest';
import { regionOf, resolveRegion } from '../../src/catalog/jurisdictions.js';
import { checkLicense } from '../../src/compare/license-check.js';
import { NotFoundError, UsageError } from '../../src/errors.js';
import { run, shippedCatalog } from '../helpers.js';

const VISION = 'llama-3.2-11b-vision';

describe('jurisdictions', () => {
  it('the EU table has the 27 member states, each a country with ISO 3166-1 alpha-2 and alpha-3 codes', async () => {
    const catalog = await shippedCatalog();
    const eu = catalog.jurisdiction.get('eu');
    expect(eu?.members).toHaveLength(27);
    for (const id of eu?.members ?? []) {
      const country = catalog.jurisdiction.get(id);
      expect(country?.codes.some((c) => c.length === 2) && country.codes.some((c) => c.length === 3), id).toBe(true);
    }
    // Not members: the UK left in 2020; Norway and Switzerland never joined.
    for (const id of ['gb', 'no', 'ch']) expect(eu?.members).not.toContain(id);
  });

  it('resolves names, codes and the EU spellings; case and spacing do not matter', async () => {
    const catalog = await shippedCatalog();
    expect(['Germany', 'DE', 'deu', ' germany ', 'Deutschland'].map((r) => resolveRegion(catalog, r).id)).toEqual(['de', 'de', 'de', 'de', 'de']);
    expect(['EU', 'European Union', 'the European Union', 'eu'].map((r) => resolveRegion(catalog, r).id)).toEqual(['eu', 'eu', 'eu', 'eu']);
    expect(resolveRegion(catalog, 'EL').id).toBe('gr');
    expect(resolveRegion(catalog, 'UK').id).toBe('gb');
  });

  it('"Europe" is no jurisdiction: an error naming the choices; an unknown region gets suggestions; empty is an error', async () => {
    const catalog = await shippedCatalog();
    expect(() => resolveRegion(catalog, 'Europe')).toThrow(UsageError);
    expect(() => resolveRegion(catalog, 'Europe')).toThrow(/European Union, European Economic Area, United Kingdom, Switzerland/);
    const err = (() => { try { resolveRegion(catalog, 'Germny'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).suggestions).toContain('Germany');
    expect(() => resolveRegion(catalog, '  ')).toThrow(UsageError);
  });

  it('an exclusion of the EU blocks every member state, not the EEA-only or other countries; the EEA as a whole is unknown', async () => {
    const catalog = await shippedCatalog();
    const model = catalog.model.get(VISION)!;
    const license = catalog.license.get(model.license.value)!;
    const kinds = (region: string) => checkLicense(license, model, { region: regionOf(catalog, region) }).filter((f) => f.term === 'region exclusion').map((f) => f.kind);
    for (const r of ['Germany', 'DE', 'France', 'FRA', 'Ireland', 'EU', 'European Union']) expect(kinds(r), r).toEqual(['blocker']);
    for (const r of ['Norway', 'Switzerland', 'United Kingdom', 'US', 'Japan']) expect(kinds(r), r).toEqual([]);
    expect(kinds('EEA')).toEqual(['unknown']);
  });

  it('an end user is exempt: the exclusion is listed as an exemption, not an obligation', async () => {
    const catalog = await shippedCatalog();
    const model = catalog.model.get(VISION)!;
    const findings = checkLicense(catalog.license.get(model.license.value)!, model, { region: regionOf(catalog, 'Germany'), endUser: true });
    expect(findings.filter((f) => f.term === 'region exclusion').map((f) => f.kind)).toEqual(['exemption']);
    const { stdout } = await run(['license', VISION, '--region', 'Germany', '--end-user']);
    expect(stdout).not.toMatch(/^Obligations[^\n]*\n[^\n]*region exclusion/m);
    expect(stdout).toMatch(/^Exemptions[^\n]*\n {2}○ region exclusion/m);
  });

  it('the CLI: Germany, DE and France are blocked; Europe and an empty region are usage errors', async () => {
    for (const region of ['Germany', 'DE', 'France']) {
      const { stdout } = await run(['license', VISION, '--region', region]);
      expect(stdout, region).toContain('Verdict: No licence for this situation');
    }
    expect((await run(['license', VISION, '--region', 'Europe'])).code).toBe(2);
    expect((await run(['license', VISION, '--region', ''])).code).toBe(2);
  });

  it('recommend for a German company needing image input excludes the Llama vision models by the region clause', async () => {
    const { stdout } = await run(['recommend', '--region', 'Germany', '--modalities', 'image', '--json']);
    const json = JSON.parse(stdout) as { ranked: { model: string }[]; excluded: { model: string; failed: { constraint: string }[] }[] };
    expect(json.ranked.map((r) => r.model)).not.toContain(VISION);
    expect(json.excluded.find((e) => e.model === VISION)?.failed.map((f) => f.constraint)).toContain('license');
  });
});
