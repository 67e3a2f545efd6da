// Strict loading: what YAML would accept but a data file must not hold is an error naming the file and line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogData } from '../../src/catalog/load.js';
import { CatalogError } from '../../src/errors.js';
import { brokenCopy } from '../helpers.js';

/** The problems of loading `dir`, as "file:line message" strings. */
async function problemsOf(dir: string): Promise<string[]> {
  const error = await loadCatalogData(dir, dir).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogError);
  return (error as CatalogError).problems.map((p) => `${p.file}:${p.line} ${p.message}`);
}

/** The fixture catalog plus one extra file with `text` (a string, or raw bytes). */
function withFile(name: string, text: string | Uint8Array): string {
  const { dir } = brokenCopy();
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('strict data loading', () => {
  it('rejects an unknown tag instead of reading it as a string', async () => {
    const { dir, line } = brokenCopy({ file: 'families/beta.yaml', find: 'name: Beta1-1B', replacement: 'name: !!js/function "function () {}"' });
    expect(await problemsOf(dir)).toEqual([`families/beta.yaml:${line} YAML: Unresolved tag: tag:yaml.org,2002:js/function`]);
  });

  it('rejects a duplicate key with its path and line', async () => {
    // Beta1-1B is the second entry under models: (index 1); the repeated key is on the line after the first.
    const { dir, line } = brokenCopy({ file: 'families/beta.yaml', find: '    name: Beta1-1B\n', replacement: '    name: Beta1-1B\n    name: Beta1-1B-again\n' });
    const error = (await loadCatalogData(dir, dir).catch((e: unknown) => e)) as CatalogError;
    expect(error.problems).toEqual([{ file: 'families/beta.yaml', path: 'models[1].name', line: line + 1, message: 'the key "name" appears twice in one mapping; keep one' }]);
  });

  it('rejects a duplicate key at the top and inside a list of lists, with its path', async () => {
    const top = withFile('dup.yaml', 'sources: []\nmodels: []\nsources: []\n');
    expect((await loadCatalogData(top, top).catch((e: unknown) => e) as CatalogError).problems).toMatchObject([{ file: 'dup.yaml', path: 'sources', line: 3 }]);
    const deep = withFile('deep.yaml', 'a:\n  - - x: 1\n      y: 2\n    - x: 3\n      x: 4\n');
    expect((await loadCatalogData(deep, deep).catch((e: unknown) => e) as CatalogError).problems).toMatchObject([{ file: 'deep.yaml', path: 'a[0][1].x', line: 5 }]);
  });

  it('rejects values nested deeper than the parser reads with a plain message, not the parser\'s stack overflow', async () => {
    const dir = withFile('nest.yaml', `a: ${'['.repeat(3000)}${']'.repeat(3000)}\n`);
    const [problem] = await problemsOf(dir);
    expect(problem).toMatch(/^nest\.yaml:1 YAML syntax: the values nest too deeply to read; a data file nests a few levels/);
    expect(problem).not.toMatch(/call stack/i);
  });

  it('rejects a value over 10,000 characters', async () => {
    const dir = withFile('long.yaml', `# a long note\nsources:\n  - id: x\n    note: ${'a'.repeat(10_001)}\n`);
    expect(await problemsOf(dir)).toEqual(['long.yaml:4 a value of 10001 characters; values are at most 10000']);
  });

  it('rejects a file over 1 MiB before parsing it', async () => {
    // 9 + 10 + 10 + 1,048,576 + 1 bytes.
    const dir = withFile('huge.yaml', `sources:\n  - id: x\n    note: ${'a'.repeat(1_048_576)}\n`);
    expect(await problemsOf(dir)).toEqual(['huge.yaml:undefined the file is 1048606 bytes; a data file is at most 1048576 bytes']);
  });

  it('rejects an alias bomb at the line of its first alias', async () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(await problemsOf(withFile('bomb.yaml', text))).toEqual(['bomb.yaml:2 aliases expand to more than 10000 nodes (an alias bomb?); repeat the values instead']);
  });

  it('rejects 72 KB of nested aliases (2^2400 nodes expanded) without running out of memory', async () => {
    let text = 'a0: &a0 { k: v }\n';
    for (let i = 1; text.length < 72_000; i++) text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
    expect(await problemsOf(withFile('chain.yaml', text))).toEqual(['chain.yaml:2 aliases expand to more than 10000 nodes (an alias bomb?); repeat the values instead']);
  });

  it('rejects a merge key whose value is not a mapping', async () => {
    expect(await problemsOf(withFile('merge.yaml', 'sources:\n  - id: x\n    <<: 5\n'))).toEqual(['merge.yaml:3 a merge key (<<) takes a mapping or an alias of one']);
  });

  it('accepts the merges and aliases the shipped data uses', async () => {
    const { dir } = brokenCopy({ file: 'families/beta.yaml', find: '    name: Beta1-1B\n', replacement: '    name: Beta1-1B\n' });
    writeFileSync(join(dir, 'shared.yaml'), 'gpus: []\nsources: []\n');
    await expect(loadCatalogData(dir, dir)).resolves.toBeDefined();
  });

  it('rejects bytes that are not UTF-8 at their line', async () => {
    const bytes = Buffer.concat([Buffer.from('# ok\nsources:\n  - id: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(await problemsOf(withFile('latin1.yaml', bytes))).toEqual(['latin1.yaml:3 the file is not valid UTF-8 (byte 0xe9 at offset 25); save it as UTF-8']);
  });

  it('rejects an empty family file instead of dropping the family', async () => {
    const { dir } = brokenCopy();
    writeFileSync(join(dir, 'families', 'beta.yaml'), '');
    expect(await problemsOf(dir)).toEqual(['families/beta.yaml:1 the file is empty; a data file holds at least one section (sources:, models:, …) or should be deleted']);
  });

  it('rejects a family file that defines no family', async () => {
    const { dir } = brokenCopy();
    writeFileSync(join(dir, 'families', 'beta.yaml'), '# moved elsewhere\nsources: []\n');
    expect(await problemsOf(dir)).toEqual(['families/beta.yaml:1 a file under families/ defines its family (families: - id: …); it defines none']);
  });

  it('rejects an empty data folder and a missing one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'versus-empty-'));
    mkdirSync(join(empty, 'families'));
    expect(await problemsOf(empty)).toEqual([`${empty}:undefined the data folder holds no .yaml files; is this the right folder?`]);
    expect(await problemsOf(join(empty, 'nope'))).toEqual([`${join(empty, 'nope')}:undefined cannot read the data folder (ENOENT)`]);
  });
});
