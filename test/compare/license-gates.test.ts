// Revenue gates in licences (MiniMax Community License, Kimi's Modified MIT and K3 licence): the
// expected kinds below follow from the licence texts, worked out by hand.
import { describe, expect, it } from 'vitest';
import type { License, Model } from '../../src/catalog/schema.js';
import { checkLicense, revenueTrips } from '../../src/compare/license-check.js';
import { createApp } from '../../src/server/app.js';
import { availableEngines } from '../../src/site/engines.js';
import { run, shippedCatalog } from '../helpers.js';
import { CLOCK, visibleText } from '../server/site-helpers.js';

async function licence(id: string): Promise<{ license: License; model: Model }> {
  const catalog = await shippedCatalog();
  const license = catalog.license.get(id);
  if (!license) throw new Error(`no licence ${id}`);
  return { license, model: catalog.models.find((m) => m.license.value === id) ?? catalog.models[0]! };
}

const gate = (findings: ReturnType<typeof checkLicense>) => findings.filter((f) => f.term === 'revenue gate');

describe('revenue gates', () => {
  it('a yearly gate trips strictly above its amount; a monthly gate only where the year settles it', () => {
    const yearly = { amount: 20e6, currency: 'USD', period: 'year' } as const;
    expect(revenueTrips(yearly, 20e6)).toBe('no');
    expect(revenueTrips(yearly, 20e6 + 1)).toBe('yes');
    expect(revenueTrips(yearly, undefined)).toBe('unknown');
    const monthly = { amount: 20e6, currency: 'USD', period: 'month' } as const;
    expect(revenueTrips(monthly, 20e6)).toBe('no'); // no month can exceed the whole year
    expect(revenueTrips(monthly, 100e6)).toBe('unknown'); // one month might hold most of it
    expect(revenueTrips(monthly, 240e6)).toBe('unknown'); // twelve months of exactly 20M each
    expect(revenueTrips(monthly, 240e6 + 12)).toBe('yes'); // the average month is above 20M
    expect(revenueTrips({ amount: 20e6, currency: 'EUR', period: 'year' }, 1)).toBe('unknown');
  });

  it('MiniMax Community License: above US$20M a year commercial use needs a written authorization', async () => {
    const { license, model } = await licence('minimax-community');
    const above = gate(checkLicense(license, model, { revenue: 30e6 }));
    expect(above.map((f) => f.kind)).toEqual(['blocker']);
    expect(above[0]!.text.map((s) => s.text).join('')).toMatch(/prior written authorization/);
    const below = gate(checkLicense(license, model, { revenue: 5e6 }));
    expect(below.map((f) => f.kind)).toEqual(['obligation']);
    expect(below[0]!.text.map((s) => s.text).join('')).toMatch(/one-time notice/);
    // An unknown revenue never passes the gate.
    expect(gate(checkLicense(license, model, {})).map((f) => f.kind)).toEqual(['unknown']);
    // Non-commercial use is not gated.
    expect(gate(checkLicense(license, model, { commercial: false }))).toEqual([]);
  });

  it('Kimi K2 Modified MIT: above 100M users or US$20M a month, display "Kimi K2" — an obligation, never a blocker', async () => {
    const { license, model } = await licence('kimi-k2-modified-mit');
    const byUsers = checkLicense(license, model, { mau: 150e6, revenue: 1e6 });
    expect(byUsers.some((f) => f.kind === 'blocker')).toBe(false);
    expect(gate(byUsers).map((f) => f.kind)).toEqual(['obligation']);
    expect(gate(byUsers)[0]!.text.map((s) => s.text).join('')).toContain('"Kimi K2"');
    // 1M users and US$5M a year: below both conditions, nothing to do.
    expect(gate(checkLicense(license, model, { mau: 1e6, revenue: 5e6 }))).toEqual([]);
    // 1M users but US$50M a year: a month above US$20M is possible, so the duty is stated as conditional.
    const maybe = gate(checkLicense(license, model, { mau: 1e6, revenue: 50e6 }));
    expect(maybe.map((f) => f.kind)).toEqual(['obligation']);
    expect(maybe[0]!.text.map((s) => s.text).join('')).toMatch(/^if revenue above US\$20M a month .* or more than 100,000,000 monthly active users: prominently display "Kimi K2"/);
  });

  it('Kimi K3 License: a Model as a Service business above US$20M over 12 months needs a separate agreement', async () => {
    const { license, model } = await licence('kimi-k3');
    const big = gate(checkLicense(license, model, { revenue: 25e6, mau: 1e6 }));
    // The MaaS gate binds only a MaaS business, which the situation does not state: unknown, not a pass.
    expect(big.find((f) => f.text.some((s) => s.text.includes('separate agreement')))?.kind).toBe('unknown');
    const small = gate(checkLicense(license, model, { revenue: 5e6, mau: 1e6 }));
    expect(small).toEqual([]);
  });

  it('versus license minimax-m3 --revenue 30m shows the authorization requirement as a blocker, with its source', async () => {
    const above = await run(['license', 'minimax-m3', '--revenue', '30m']);
    expect(above.code).toBe(0);
    expect(above.stdout).toContain('Situation: US$30M a year revenue; commercial use.');
    expect(above.stdout).toMatch(/^Blockers \(1\)$/m);
    expect(above.stdout).toMatch(/✗ revenue gate: obtain MiniMax's separate prior written authorization before commercial use .*US\$20M a year/);
    expect(above.stdout).toMatch(/\[MiniMax Community License \(MiniMax-M3\)\]\(https:\/\/huggingface\.co\/MiniMaxAI\/MiniMax-M3\/blob\/main\/LICENSE\)/);
    const below = await run(['license', 'minimax-m3', '--revenue', '5m']);
    expect(below.stdout).not.toContain('Blockers');
    expect(below.stdout).toMatch(/• revenue gate: below US\$20M a year: commercial use is allowed after a one-time notice/);
    const unknown = await run(['license', 'minimax-m3']);
    expect(unknown.stdout).toMatch(/\? revenue gate: .*your revenue is not given/);
  });

  it('recommend excludes MiniMax-M3 above its revenue gate and names the clause', async () => {
    const { stdout } = await run(['recommend', '--revenue', '50m', '--max-params', '500b', '--context', '1m', '--modalities', 'video']);
    expect(stdout).toMatch(/^- minimax-m3: license: MiniMax Community License\[\d+\]: obtain MiniMax.s separate prior written authorization/m);
  });

  it('the JSON API and the site take revenue too: above US$20M a year MiniMax-M3 fails on its authorization clause', async () => {
    const app = createApp({ catalog: await shippedCatalog(), clock: CLOCK, options: { engines: availableEngines() } });
    type Api = { result: { excluded: { model: string; failed: { constraint: string; pass: boolean; why: string }[] }[] } };
    const api = (await (await app.request('/api/recommend?revenue=30m&modalities=video')).json()) as Api;
    const m3 = api.result.excluded.find((e) => e.model === 'minimax-m3');
    const licence = m3?.failed.find((c) => c.constraint === 'license');
    expect(licence?.pass).toBe(false);
    expect(licence?.why).toMatch(/^MiniMax Community License\[\d+\]: obtain MiniMax's separate prior written authorization/);
    const html = visibleText(await (await app.request('/recommend/?revenue=30m&modalities=video')).text());
    expect(html).toContain('US$30M a year revenue');
    expect((await app.request('/api/recommend?revenue=lots')).status).toBe(400);
  });

  it('a --revenue that is not an amount is a usage error', async () => {
    const { code, stdout, stderr } = await run(['recommend', '--revenue', 'lots']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--revenue must be a yearly amount in US dollars');
  });
});
