// Key facts and licence terms of Granite, Phi-4, OLMo 3, Command A/A+ and Hy3 in the shipped catalog.
// Expected values are the sources' own numbers, with KV sizes worked out by hand from them.
import { describe, expect, it } from 'vitest';
import { known } from '../../src/catalog/catalog.js';
import { regionOf } from '../../src/catalog/jurisdictions.js';
import type { Architecture, Model } from '../../src/catalog/schema.js';
import { checkLicense } from '../../src/compare/license-check.js';
import { kvCacheBytes, kvGrowthPerToken } from '../../src/measure/memory.js';
import { run, shippedCatalog } from '../helpers.js';

async function model(id: string): Promise<Model> {
  const catalog = await shippedCatalog();
  const found = catalog.model.get(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}

async function arch(id: string): Promise<Architecture> {
  const a = known((await model(id)).architecture);
  if (!a) throw new Error(`${id} has no architecture`);
  return a;
}

describe('new families: key facts', () => {
  it('Granite-4.0-H-Small is a 32B MoE with 9B active, 128K context and the card’s 12 languages', async () => {
    const m = await model('granite-4.0-h-small');
    expect(known(m.params.total)).toBe(32e9);
    expect(known(m.params.active)).toBe(9e9);
    expect(known(m.context.native)).toBe(128 * 1024);
    expect(known(m.languages)?.list?.slice().sort()).toEqual(['ar', 'cs', 'de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pt', 'zh']);
    expect(m.license.value).toBe('apache-2.0');
  });

  it('Granite 4.2 extends to 512K only on the 30B (IBM docs)', async () => {
    expect(known((await model('granite-4.2-30b')).context.extended)).toBe(512 * 1024);
    expect((await model('granite-4.2-8b')).context.extended).toBeUndefined();
  });

  it('KV growth per token from the configs: Granite-4.0-Micro, Phi-4, Hy3-preview', async () => {
    // 40 layers × (K and V) × 8 KV heads × 64 dims × 2 bytes = 81,920 B
    expect(kvGrowthPerToken(await arch('granite-4.0-micro'), 2)).toBe(81_920);
    // 40 layers × 2 × 10 KV heads × 128 dims × 2 bytes = 204,800 B
    expect(kvGrowthPerToken(await arch('phi-4'), 2)).toBe(204_800);
    // 80 layers × 2 × 8 × 128 × 2 bytes = 327,680 B
    expect(kvGrowthPerToken(await arch('hy3-preview'), 2)).toBe(327_680);
  });

  it('Olmo 3 32B keeps 48 of 64 layers at a 4,096-token window', async () => {
    const a = await arch('olmo-3-32b-think');
    const perLayer = 2 * 8 * 128 * 2; // 4,096 B per token per layer
    // at 65,536 tokens: 16 full layers hold every token, 48 sliding layers hold 4,096
    expect(kvCacheBytes(a, 65_536, 2)).toBe(16 * perLayer * 65_536 + 48 * perLayer * 4_096);
  });

  it('Command A+ is Cohere’s 218B-A25B MoE; Command A is a 111B dense model', async () => {
    const plus = await model('command-a-plus');
    expect([known(plus.params.total), known(plus.params.active)]).toEqual([218e9, 25e9]);
    expect(known(plus.modalities)?.input).toContain('image');
    expect(known((await model('command-a')).params.total)).toBe(111e9);
    // Shipped configured for 128K; the card documents raising it to 256K.
    const a = await model('command-a');
    expect([known(a.context.native), known(a.context.extended)]).toEqual([128 * 1024, 256 * 1024]);
  });

  it('Hy3-preview records Tencent’s 295B and SGLang’s ~276B side by side', async () => {
    const total = (await model('hy3-preview')).params.total;
    expect(known(total)).toBe(295e9);
    expect('also' in total ? total.also?.map((a) => a.value) : []).toEqual([276e9]);
  });
  it('Step 3.7 Flash: 198B (196B language + 1.8B vision), 11B active, image input, Apache 2.0', async () => {
    const m = await model('step-3.7-flash');
    expect([known(m.params.total), known(m.params.active)]).toEqual([198e9, 11e9]);
    expect(known(m.modalities)?.input).toEqual(['text', 'image']);
    expect(m.license.value).toBe('apache-2.0');
  });

  it('MiMo-V2.5-Pro: 1.02T total, 42B active, 1M context, MIT', async () => {
    const m = await model('mimo-v2.5-pro');
    expect([known(m.params.total), known(m.params.active)]).toEqual([1.02e12, 42e9]);
    expect(known(m.context.native)).toBe(1024 * 1024);
    expect(m.license.value).toBe('mit');
  });
});

describe('new licences: structured terms', () => {
  it('Command A (CC BY-NC 4.0) blocks commercial use and allows non-commercial use', async () => {
    const catalog = await shippedCatalog();
    const m = await model('command-a');
    const license = catalog.license.get(m.license.value)!;
    expect(checkLicense(license, m, { commercial: true }).filter((f) => f.kind === 'blocker').map((f) => f.term)).toEqual(['commercial use']);
    expect(checkLicense(license, m, { commercial: false }).some((f) => f.kind === 'blocker')).toBe(false);
    // The licence flip: Command A+ is Apache 2.0.
    expect((await model('command-a-plus')).license.value).toBe('apache-2.0');
  });

  it('the Tencent Hy licence excludes the EU, the UK and South Korea for every model, with no end-user exemption', async () => {
    const catalog = await shippedCatalog();
    const m = await model('hy3-preview');
    const license = catalog.license.get(m.license.value)!;
    expect(license.terms.region_exclusions.flatMap((r) => r.jurisdictions)).toEqual(['eu', 'gb', 'kr']);
    for (const name of ['EU', 'Germany', 'United Kingdom', 'South Korea']) {
      const findings = checkLicense(license, m, { region: regionOf(catalog, name), endUser: true, commercial: true });
      expect(findings.filter((f) => f.kind === 'blocker').map((f) => f.term), name).toEqual(['region exclusion']);
    }
    expect(checkLicense(license, m, { region: regionOf(catalog, 'US'), commercial: true }).some((f) => f.kind === 'blocker')).toBe(false);
  });

  it('the Tencent Hy licence caps users at 100 million monthly', async () => {
    const catalog = await shippedCatalog();
    const m = await model('hy3-preview');
    const license = catalog.license.get(m.license.value)!;
    const at = (mau: number) => checkLicense(license, m, { mau, commercial: true }).filter((f) => f.kind === 'blocker').map((f) => f.term);
    expect(at(100_000_000)).toEqual([]);
    expect(at(100_000_001)).toEqual(['user cap']);
  });

  it('versus license prints the Hy3-preview territory blocker for an EU end user', async () => {
    const { stdout } = await run(['license', 'hy3-preview', '--region', 'EU', '--end-user']);
    expect(stdout).toMatch(/✗ region exclusion: .*European Union.*the licence exempts nobody/);
    expect(stdout).toContain('Verdict: No licence for this situation');
  });
});
