// The license and recommend commands, in-process on the shipped catalog.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLicense } from '../../src/compare/license-check.js';
import { regionOf } from '../../src/catalog/jurisdictions.js';
import { run, shippedCatalog } from '../helpers.js';

describe('versus license', () => {
  it('an EU company with 1.2B users of Llama 4 Scout: two blockers, each with its clause and source', async () => {
    const { code, stdout } = await run(['license', 'llama-4-scout-17b-16e', '--region', 'EU', '--mau', '1.2b']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Blockers \(2\)$/m);
    expect(stdout).toMatch(/✗ user cap: above 700,000,000 monthly active users .*— §2 Additional Commercial Terms/);
    expect(stdout).toMatch(/✗ region exclusion: no licence to this multimodal model for .*European Union.*— Acceptable Use Policy/);
    expect(stdout).toMatch(/^\d+\. \[Llama 4 Acceptable Use Policy\]\(https:\/\/github\.com\/meta-llama\/llama-models\/blob\/main\/models\/llama4\/USE_POLICY\.md\)/m);
    expect(stdout).toContain('Verdict: No licence for this situation');
  });

  it('the same company as an end user of a product is exempt from the region exclusion', async () => {
    const { stdout } = await run(['license', 'llama-4-scout-17b-16e', '--region', 'EU', '--end-user']);
    expect(stdout).not.toContain('Blockers');
    expect(stdout).toMatch(/○ region exclusion: .*you are exempt as end users/);
  });

  it('an unread term is named once: "acceptable use: unknown (…)", never "acceptable use: acceptable use: …"', async () => {
    const { stdout } = await run(['license', 'minimax-m3', '--revenue', '30m']);
    expect(stdout).toMatch(/^ {2}\? acceptable use: unknown \(/m);
    expect(stdout).not.toMatch(/(\w[\w ]*): \1:/);
  });

  it('the text-only Llama 3.3 70B carries the same policy clause, but it does not bite', async () => {
    const { stdout } = await run(['license', 'llama-3.3-70b', '--region', 'EU']);
    expect(stdout).not.toContain('Blockers');
  });

  it('a distributed fine-tune of Llama lists naming, attribution, notice and licence copy', async () => {
    const { stdout } = await run(['license', 'llama-3.1-8b', '--distribute', '--fine-tune']);
    expect(stdout).toMatch(/• derivative naming: .*"Llama"/);
    expect(stdout).toMatch(/• attribution: display "Built with Llama"/);
    expect(stdout).toContain('Verdict: Allowed, with the obligations above.');
    const refuse = await run(['license', 'llama-3.1-8b', '--distribute', '--fine-tune', '--no-naming']);
    expect(refuse.stdout).toMatch(/✗ derivative naming/);
  });

  it('the Qwen research licence blocks commercial use', async () => {
    const catalog = await shippedCatalog();
    const model = catalog.models.find((m) => m.license.value === 'qwen-research');
    if (model) {
      const { stdout } = await run(['license', model.id]);
      expect(stdout).toMatch(/✗ commercial use/);
    } else {
      // No model in the catalog uses it; check the licence on its own.
      const license = catalog.license.get('qwen-research');
      const any = catalog.models[0];
      expect(license && any && checkLicense(license, any, { commercial: true })[0]?.kind).toBe('blocker');
    }
  });

  it('works for every licence in the catalog', async () => {
    const catalog = await shippedCatalog();
    for (const license of catalog.licenses) {
      const model = catalog.models.find((m) => m.license.value === license.id) ?? catalog.models[0]!;
      const findings = checkLicense(license, model, { mau: 2e9, region: regionOf(catalog, 'EU'), distribute: true, fineTune: true, commercial: true });
      expect(findings.every((f) => f.kind === 'unknown' || f.clause.length > 0), license.id).toBe(true);
    }
  });

  it('suggests the nearest model for an unknown id', async () => {
    const { code, stderr } = await run(['license', 'llama-4-scot']);
    expect(code).toBe(2);
    expect(stderr).toContain('Did you mean: llama-4-scout-17b-16e');
  });
});

describe('versus recommend', () => {
  it('shows reasons before scores, and sources at the end', async () => {
    const { code, stdout } = await run(['recommend', '--languages', 'ja,th,hi', '--context', '128k', '--mau', '1.2b', '--region', 'EU', '--modalities', 'image']);
    expect(code).toBe(0);
    const reasons = stdout.indexOf('Why it qualifies:');
    const score = stdout.indexOf('Score ');
    expect(reasons).toBeGreaterThan(0);
    expect(score).toBeGreaterThan(reasons);
    expect(stdout).toMatch(/## Excluded \(\d+\)/);
    expect(stdout).toMatch(/- llama-4-scout-17b-16e: .*license: .*European Union/);
    expect(stdout).toMatch(/## Sources\n\n1\. \[/);
  });

  it('applies a use case from the catalog and from a user file', async () => {
    const shipped = await run(['recommend', '--use-case', 'edge', '--json']);
    const json = JSON.parse(shipped.stdout) as { useCase: string; ranked: { model: string }[]; excluded: { model: string }[] };
    expect(json.useCase).toBe('edge');
    expect(json.excluded.map((e) => e.model)).toContain('llama-3.1-405b');
    const dir = mkdtempSync(join(tmpdir(), 'versus-uc-'));
    writeFileSync(join(dir, 'mine.yaml'), 'use_cases:\n  - id: mine\n    name: Mine\n    question: Which one?\n    constraints: { min_context: 1000000 }\n    weights: { context: 1 }\n');
    const mine = await run(['recommend', '--file', 'mine.yaml', '--json'], { cwd: dir });
    expect((JSON.parse(mine.stdout) as { useCase: string }).useCase).toBe('mine');
    writeFileSync(join(dir, 'bad.yaml'), 'use_cases:\n  - id: bad\n    name: Bad\n    question: Q?\n    weights: { contxt: 1 }\n');
    const bad = await run(['recommend', '--file', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:5  use_cases[0].weights.contxt');
  });

  it('answers bad flags with exit 2 and a clear message', async () => {
    expect((await run(['recommend', '--use-case', 'edg'])).stderr).toContain('Unknown use case "edg". Did you mean: edge?');
    expect((await run(['recommend', '--weights', 'codng=2'])).stderr).toContain('Unknown row "codng". Did you mean: coding?');
    expect((await run(['recommend', '--gpus', '2'])).code).toBe(2);
    expect((await run(['recommend', '--modalities', 'smell'])).stderr).toContain('--modalities takes image, video, audio');
    expect((await run(['recommend', '--mau', 'lots'])).stderr).toContain('--mau must be a number');
  });
});

describe('versus recommend: licence kind and commercial use as flags', () => {
  it('--license permissive admits only OSI-approved licences, and names the licence that fails', async () => {
    const catalog = await shippedCatalog();
    const { code, stdout } = await run(['recommend', '--license', 'permissive', '--context', '1m', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { ranked: { model: string }[]; excluded: { model: string; failed: { constraint: string }[] }[] };
    expect(r.ranked.length).toBeGreaterThan(0);
    const osi = (id: string) => catalog.license.get(catalog.model.get(id)!.license.value)?.osi_approved === true;
    for (const x of r.ranked) expect(osi(x.model), x.model).toBe(true);
    const barred = r.excluded.filter((x) => x.failed.some((f) => f.constraint === 'license'));
    expect(barred.length).toBeGreaterThan(0);
    for (const x of barred) expect(osi(x.model), x.model).toBe(false);
  });

  it('--commercial is the default said out loud; with --non-commercial it is a contradiction; --license takes only "permissive"', async () => {
    const plain = await run(['recommend', '--gpu', 'h100', '--context', '32k', '--json']);
    const said = await run(['recommend', '--gpu', 'h100', '--context', '32k', '--commercial', '--json']);
    expect(said.code).toBe(0);
    const ids = (out: string) => (JSON.parse(out) as { ranked: { model: string }[] }).ranked.map((x) => x.model);
    expect(ids(said.stdout)).toEqual(ids(plain.stdout));
    const both = await run(['recommend', '--commercial', '--non-commercial']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('contradict');
    const bad = await run(['recommend', '--license', 'gpl']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--license takes "permissive"');
  });
});
