import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../src/catalog/compile.js';
import { loadCatalogData } from '../../src/catalog/load.js';
import { CatalogError } from '../../src/errors.js';
import { brokenCopy, FIXTURE_DIR } from '../helpers.js';

/** Loads a broken copy and returns its problems as "file:line path: message" strings. */
async function problems(file: string, find: string, replacement: string) {
  const { dir, line } = brokenCopy({ file, find, replacement });
  const error = await loadCatalogData(dir, dir).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogError);
  return { line, list: (error as CatalogError).problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`) };
}

describe('loading the catalog', () => {
  it('loads the valid fixture catalog', async () => {
    const data = await loadCatalogData(FIXTURE_DIR);
    expect(data.models.map((m) => m.id)).toEqual(['alpha2-8b', 'alpha2-100b-a10b', 'alpha1-3b', 'beta1-27b', 'beta1-1b']);
  });

  it('reports YAML syntax errors with file and line', async () => {
    const { line, list } = await problems('families/beta.yaml', '        layers: 26\n', '        layers: [26\n');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(new RegExp(`^families/beta.yaml:${line + 1} : YAML syntax: .* \\(\\d+ more YAML errors follow from it\\)$`));
  });

  it('names the path and line of a value of the wrong type', async () => {
    const { line, list } = await problems('families/alpha.yaml', 'total: { value: 8.0e9', 'total: { value: "eight"');
    expect(list).toEqual([`families/alpha.yaml:${line} models[0].params.total.value: Invalid input: expected number, received string`]);
  });

  it('names an unknown key', async () => {
    const { line, list } = await problems('families/beta.yaml', '    name: Beta1-1B\n', '    name: Beta1-1B\n    colour: red\n');
    expect(list).toEqual([`families/beta.yaml:${line + 1} models[1].colour: unknown key "colour" (check the spelling against src/catalog/schema.ts)`]);
  });

  it('rejects a malformed date', async () => {
    const { line, list } = await problems('families/beta.yaml', 'released: { value: 2026-02, source: beta-card } }', 'released: { value: 2026-13, source: beta-card } }');
    expect(list).toEqual([`families/beta.yaml:${line} generations[0].released.value: a date is YYYY-MM-DD (or YYYY-MM)`]);
  });

  it('rejects an empty unknown reason', async () => {
    const { line, list } = await problems('families/alpha.yaml', 'languages: { unknown: not stated }', 'languages: { unknown: "" }');
    expect(list).toEqual([`families/alpha.yaml:${line} models[2].languages.unknown: Too small: expected string to have >=1 characters`]);
  });

  it('reports an unknown licence id, listing the known ones', async () => {
    const { line, list } = await problems('families/beta.yaml', 'license: { value: open-fixture, source: beta-card }\n    tokenizer: { value: fixture-bpe, source: beta-card }\n    engines', 'license: { value: open-fixtur, source: beta-card }\n    tokenizer: { value: fixture-bpe, source: beta-card }\n    engines');
    expect(list).toEqual([`families/beta.yaml:${line} models[0].license.value: unknown licence "open-fixtur"; known: open-fixture, restricted-fixture`]);
  });

  it('reports an unknown source id', async () => {
    const { line, list } = await problems('families/alpha.yaml', 'context: { native: { value: 131072, source: alpha-config } }', 'context: { native: { value: 131072, source: alpha-confg } }');
    expect(list).toEqual([`families/alpha.yaml:${line} models[0].context.native.source: unknown source id "alpha-confg"`]);
  });

  it('rejects active params greater than total', async () => {
    const { line, list } = await problems('families/alpha.yaml', 'active: { value: 10e9, source: alpha-card }', 'active: { value: 120e9, source: alpha-card }');
    expect(list).toEqual([`families/alpha.yaml:${line} models[1].params.active.value: active params (120000000000) are greater than total params (100000000000)`]);
  });

  it('rejects attention groups that do not add up to the layer count', async () => {
    const { line, list } = await problems('families/alpha.yaml', '[{ kind: chunked, chunk: 8192, layers: 36 }', '[{ kind: chunked, chunk: 8192, layers: 35 }');
    expect(list).toEqual([`families/alpha.yaml:${line} models[1].architecture.value.attention: attention groups add up to 47 layers (35 chunked + 12 full), but layers is 48`]);
  });

  it('rejects MoE fields that disagree', async () => {
    const { line, list } = await problems('families/alpha.yaml', 'moe: { experts: 16, experts_per_token: 1,', 'moe: { experts: 16, experts_per_token: 17,');
    expect(list).toEqual([`families/alpha.yaml:${line} models[1].architecture.value.moe.experts_per_token: experts_per_token (17) exceeds experts (16)`]);
  });

  it('rejects a dense model whose active params are far below total', async () => {
    const { list } = await problems('families/beta.yaml', 'active: { value: 27e9, source: beta-card }', 'active: { value: 3e9, source: beta-card }');
    expect(list).toEqual([expect.stringMatching(/^families\/beta.yaml:\d+ models\[0\].architecture.value: a dense model \(no moe block\) should activate all its params/)]);
  });

  it('rejects duplicate ids across files', async () => {
    const { line, list } = await problems('families/beta.yaml', '  - id: beta1-1b\n', '  - id: alpha2-8b\n');
    expect(list).toEqual([`families/beta.yaml:${line} models[1].id: duplicate id "alpha2-8b"`]);
  });

  it('rejects a source nobody cites', async () => {
    const { line, list } = await problems('families/beta.yaml', 'families:\n', '  - { id: beta-unused, url: "https://example.org/x", title: X, publisher: X, kind: secondary, retrieved: 2026-01-01 }\nfamilies:\n');
    expect(list).toEqual([`families/beta.yaml:${line} sources[1].id: source "beta-unused" is never cited; remove it or cite it`]);
  });

  it('reports every problem of every file at once', async () => {
    const { dir, lines } = brokenCopy(
      { file: 'families/alpha.yaml', find: 'kind: primary', replacement: 'kind: primray' },
      { file: 'families/beta.yaml', find: 'kind: primary', replacement: 'kind: primray' },
    );
    const error = await loadCatalogData(dir, dir).catch((e: unknown) => e);
    expect((error as CatalogError).problems.map((p) => `${p.file}:${p.line}`)).toEqual([`families/alpha.yaml:${lines[0]}`, `families/beta.yaml:${lines[1]}`]);
  });

  it('is all-or-nothing: a broken catalog writes no compiled file', async () => {
    const { dir } = brokenCopy({ file: 'families/alpha.yaml', find: 'kind: primary', replacement: 'kind: primray' });
    const out = join(mkdtempSync(join(tmpdir(), 'versus-out-')), 'catalog.json');
    await expect(compileCatalog({ dataDir: dir, compiledPath: out, toolVersion: 'test' })).rejects.toThrow(CatalogError);
    expect(existsSync(out)).toBe(false);
  });
});
