// Property-based test of the loader: a fixture file corrupted in a generated way is rejected with its file and
// line, and a compile that fails writes nothing (the load is all-or-nothing).
import fc from 'fast-check';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../src/catalog/compile.js';
import { CatalogError } from '../../src/errors.js';
import { FIXTURE_DIR } from '../helpers.js';

const FILES = readdirSync(FIXTURE_DIR, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml')).sort();

/** One corruption, each of which makes any data file invalid; `line` is 0-based, `at` an offset into that line. */
type Corruption = { kind: 'tag' | 'duplicate' | 'merge' | 'utf8' | 'bomb' | 'unclosed' | 'long' | 'tab'; line: number; at: number };
const corruption: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constantFrom('tag', 'duplicate', 'merge', 'utf8', 'bomb', 'unclosed', 'long', 'tab'),
  line: fc.nat(),
  at: fc.nat(),
});

/** A key: value line of a block mapping (not a list item, not a comment, not inside a folded text). */
const PAIR = /^(\s*)([a-z_]+): (?![>|])\S/;

/** The corrupted text, and the 1-based line the loader must name. */
function corrupt(text: string, c: Corruption): { bytes: Buffer; line: number } {
  const lines = text.split('\n');
  const pairs = lines.map((l, i) => [l, i] as const).filter(([l]) => PAIR.test(l));
  const [pairLine, i] = pairs[c.line % pairs.length]!;
  const indent = PAIR.exec(pairLine)![1]!;
  const key = PAIR.exec(pairLine)![2]!;
  const edit = (replacement: string[]) => Buffer.from([...lines.slice(0, i), ...replacement, ...lines.slice(i + 1)].join('\n'));
  switch (c.kind) {
    case 'tag': return { bytes: edit([pairLine.replace(`${key}: `, `${key}: !!js/function `)]), line: i + 1 };
    case 'duplicate': return { bytes: edit([pairLine, pairLine]), line: i + 2 };
    case 'merge': return { bytes: edit([pairLine, `${indent}<<: ${c.at % 100}`]), line: i + 2 };
    case 'unclosed': return { bytes: edit([pairLine, `${indent}zz_unclosed: [1, 2`]), line: i + 2 };
    case 'long': return { bytes: edit([`${indent}${key}: ${'a'.repeat(10_001 + (c.at % 50))}`]), line: i + 1 };
    case 'tab': return { bytes: edit([`\t${pairLine}`]), line: i + 1 };
    case 'bomb': {
      const bomb = ['zz0: &zz0 [a, b, c, d, e, f, g, h, i, j]', ...Array.from({ length: 6 }, (_, n) => `zz${n + 1}: &zz${n + 1} [${Array(10).fill(`*zz${n}`).join(', ')}]`)];
      return { bytes: Buffer.from([...lines, ...bomb].join('\n')), line: lines.length + 2 };
    }
    case 'utf8': {
      const before = Buffer.from([...lines.slice(0, i), pairLine.slice(0, c.at % (pairLine.length + 1))].join('\n'));
      const after = Buffer.from([pairLine.slice(c.at % (pairLine.length + 1)), ...lines.slice(i + 1)].join('\n'));
      return { bytes: Buffer.concat([before, Buffer.from([0xc3 + (c.at % 2) * 0x3c]), after]), line: i + 1 };
    }
  }
}

const figures = { files: 0, rejected: 0, withLine: 0, compiledOnError: 0 };
afterAll(() => console.log(`YAML property figures: ${JSON.stringify(figures)}`));

describe('generated corrupt data files', () => {
  it('are rejected with file and line; nothing is compiled', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...FILES), corruption, async (file, c) => {
      const dir = mkdtempSync(join(tmpdir(), 'versus-yaml-prop-'));
      cpSync(FIXTURE_DIR, join(dir, 'data'), { recursive: true });
      const { bytes, line } = corrupt(readFileSync(join(FIXTURE_DIR, file), 'utf8'), c);
      writeFileSync(join(dir, 'data', file), bytes);
      const compiledPath = join(dir, 'catalog.json');
      figures.files++;
      const error = await compileCatalog({ dataDir: join(dir, 'data'), compiledPath, toolVersion: 'test' }).then(() => undefined, (e: unknown) => e);
      expect(error, `${c.kind} in ${file}`).toBeInstanceOf(CatalogError);
      figures.rejected++;
      const problems = (error as CatalogError).problems;
      // An unclosed bracket is found where the parser gives up on it: the line after it.
      const lines = c.kind === 'unclosed' ? [line, line + 1] : [line];
      const named = problems.find((p) => p.file.endsWith(join('data', file)) && p.line !== undefined && lines.includes(p.line));
      expect(named, `${c.kind} in ${file} at line ${line}: ${JSON.stringify(problems).slice(0, 500)}`).toBeDefined();
      figures.withLine++;
      if (existsSync(compiledPath)) figures.compiledOnError++;
      expect(existsSync(compiledPath)).toBe(false);
    }), { numRuns: 120, seed: 20261204 });
  }, 120_000);
});
