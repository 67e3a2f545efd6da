// Loads data/*.yaml, validates each file with the schemas, cross-checks, and returns CatalogData.
// All-or-nothing: any problem anywhere throws one CatalogError listing every problem found.
import { byText } from '../format.js';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { CatalogError, ioReason, type Problem } from '../errors.js';
import { readBounded } from '../read-file.js';
import type { CatalogData } from './catalog.js';
import { isKnown } from './catalog.js';
import { crossCheck, type Where } from './checks.js';
import { fullLanguageTable, resolverFor, type Language } from './languages.js';
import { CatalogFile } from './schema.js';
import { decodeUtf8, MAX_FILE_BYTES, shapeProblems } from './yaml-limits.js';

type Path = readonly PropertyKey[];

/** A parsed file, kept so problems found later can still be given a line. */
export interface ParsedFile {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/**
 * Lists every .yaml/.yml file below `dir`, sorted.
 * @throws CatalogError when the folder cannot be read or holds no data file
 */
export async function listDataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((e: unknown) => {
    throw new CatalogError([{ file: dir, path: '', message: `cannot read the data folder (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  });
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  if (files.length === 0) throw new CatalogError([{ file: dir, path: '', message: 'the data folder holds no .yaml files; is this the right folder?' }]);
  return files;
}

/**
 * Loads and validates the whole catalog under `dataDir`.
 * @example const data = await loadCatalogData('data'); // throws CatalogError on any problem
 */
export async function loadCatalogData(dataDir: string, cwd = process.cwd()): Promise<CatalogData> {
  const problems: Problem[] = [];
  const origin = new Map<object, ParsedFile & { prefix: Path }>();
  const files: CatalogFile[] = [];
  for (const path of await listDataFiles(dataDir)) {
    const file = relative(cwd, path) || path;
    const parsed = parseFile(file, await readFile(path), problems);
    const content = parsed && validateFile(parsed, problems, CatalogFile, CATALOG_SPELLING);
    if (!parsed || !content) continue;
    if (/^families\//.test(relative(dataDir, path).replace(/\\/g, '/')) && content.families.length === 0) {
      problems.push({ file, path: 'families', line: 1, message: 'a file under families/ defines its family (families: - id: …); it defines none' });
    }
    files.push(content);
    for (const section of SECTIONS) {
      content[section].forEach((item: object, index: number) => origin.set(item, { ...parsed, prefix: [section, index] }));
    }
  }
  const where: Where = (item, path, message) => {
    const from = origin.get(item);
    return from ? locate(from, [...from.prefix, ...path], message) : { file: dataDir, path: formatPath(path), message };
  };
  const merged = merge(files);
  const languages = problems.length === 0 ? await usedLanguages(merged, where, problems) : [];
  const data: CatalogData = { ...merged, languages };
  if (problems.length === 0) problems.push(...crossCheck(data, where));
  if (problems.length > 0) throw new CatalogError(problems);
  return data;
}

const SECTIONS = ['sources', 'families', 'generations', 'models', 'licenses', 'tokenizers', 'benchmarks', 'gpus', 'use_cases', 'precisions', 'runtimes', 'jurisdictions', 'providers', 'prices', 'gpu_prices'] as const;

/** Resolves every language code the data names (model lists, use-case constraints); unknown codes are problems. */
async function usedLanguages(data: Omit<CatalogData, 'languages'>, where: Where, problems: Problem[]): Promise<Language[]> {
  const resolve = resolverFor(await fullLanguageTable());
  const found = new Map<string, Language>();
  const use = (item: object, path: PropertyKey[], code: string) => {
    try {
      const lang = resolve(code);
      found.set(lang.iso6393, lang);
    } catch (error) {
      problems.push(where(item, path, error instanceof Error ? error.message : String(error)));
    }
  };
  for (const m of data.models) {
    if (isKnown(m.languages)) m.languages.value.list?.forEach((code, i) => use(m, ['languages', 'value', 'list', i], code));
  }
  for (const u of data.use_cases) u.constraints?.languages?.forEach((code, i) => use(u, ['constraints', 'languages', i], code));
  return [...found.values()].sort((a, b) => byText(a.iso6393, b.iso6393));
}

function merge(files: CatalogFile[]): Omit<CatalogData, 'languages'> {
  return {
    sources: files.flatMap((f) => f.sources),
    families: files.flatMap((f) => f.families),
    generations: files.flatMap((f) => f.generations),
    models: files.flatMap((f) => f.models),
    licenses: files.flatMap((f) => f.licenses),
    tokenizers: files.flatMap((f) => f.tokenizers),
    benchmarks: files.flatMap((f) => f.benchmarks),
    gpus: files.flatMap((f) => f.gpus),
    use_cases: files.flatMap((f) => f.use_cases),
    precisions: files.flatMap((f) => f.precisions),
    runtimes: files.flatMap((f) => f.runtimes),
    jurisdictions: files.flatMap((f) => f.jurisdictions),
    providers: files.flatMap((f) => f.providers),
    prices: files.flatMap((f) => f.prices),
    gpu_prices: files.flatMap((f) => f.gpu_prices),
  };
}

/**
 * One YAML file on its own (e.g. a user's use-case file), validated with the same schemas and messages.
 * @example const { use_cases } = await loadCatalogFile('my-use-case.yaml')
 * @throws CatalogError naming the file, path and line of each problem
 */
export async function loadCatalogFile(path: string, cwd = process.cwd()): Promise<CatalogFile> {
  const inside = relative(cwd, path);
  const file = inside && !inside.startsWith('..') ? inside : path; // "../../dev/zero" says less than "/dev/zero"
  let bytes: Buffer | undefined;
  try {
    // Bounded: a device such as /dev/zero is refused as too large, not read until memory runs out.
    bytes = readBounded(path, MAX_FILE_BYTES);
  } catch (e) {
    throw new CatalogError([{ file, path: '', message: `cannot read the file: ${ioReason(e)}` }]);
  }
  if (bytes === undefined) throw new CatalogError([{ file, path: '', message: `the file is larger than ${MAX_FILE_BYTES} bytes; a data file is at most that` }]);
  const checked = checkYaml(file, bytes, CatalogFile, CATALOG_SPELLING);
  if ('problems' in checked) throw new CatalogError(checked.problems);
  return checked.data;
}

/**
 * Any YAML file checked with any schema, with the catalog's guarantees (UTF-8, no duplicate keys, no alias bombs, no
 * unknown tags) and its messages: every problem names the file, the path and the line.
 * @example const checked = checkYaml('my-suite.yaml', bytes, SuiteFile); if ('problems' in checked) report(checked.problems[0])
 */
export function checkYaml<S extends z.ZodType>(file: string, bytes: Uint8Array, schema: S, spelling = 'the documentation'): { data: z.output<S> } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = parseFile(file, bytes, problems);
  const data = parsed && validateFile(parsed, problems, schema, spelling);
  return data === undefined ? { problems } : { data };
}

/** Where a misspelt key of a data file can be checked. */
const CATALOG_SPELLING = 'src/catalog/schema.ts';

function validateFile<S extends z.ZodType>(parsed: ParsedFile, problems: Problem[], schema: S, spelling: string): z.output<S> | undefined {
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // shapeProblems catches what is known to fail here; anything else is still the file's fault, not a crash.
    problems.push({ file: parsed.file, path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  problems.push(...result.error.issues.flatMap((issue) => toProblems(parsed, issue, spelling)));
  return undefined;
}

function parseFile(file: string, bytes: Uint8Array, problems: Problem[]): ParsedFile | undefined {
  const decoded = decodeUtf8(file, bytes);
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return undefined;
  }
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(decoded.text, { lineCounter: lines, merge: true, prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    problems.push({ file, path: '', message: `YAML: ${error instanceof Error ? error.message : String(error)}` }); // e.g. nesting too deep for the parser
    return undefined;
  }
  const [first, ...rest] = doc.errors;
  if (first) {
    // Later YAML errors usually follow from the first; report it alone, and say how many followed.
    const more = rest.length > 0 ? ` (${rest.length} more YAML error${rest.length === 1 ? '' : 's'} follow from it)` : '';
    const key = first.code === 'DUPLICATE_KEY' ? keyPathAt(doc, first.pos[0]) : undefined;
    const message = key ? `the key "${String(key.at(-1))}" appears twice in one mapping; keep one` : `YAML syntax: ${syntaxMessage(first.message)}`;
    problems.push({ file, path: key ? formatPath(key) : '', line: first.linePos?.[0].line, message: `${message}${more}` });
  }
  if (doc.errors.length > 0) return undefined;
  const shape = shapeProblems(file, doc, lines);
  problems.push(...shape);
  return shape.length === 0 ? { file, doc, lines } : undefined;
}

/** The first line of a YAML error, without its position (the problem gives the line) and without a parser's internals. */
function syntaxMessage(message: string): string {
  const text = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
  return /Maximum call stack/i.test(text) ? 'the values nest too deeply to read; a data file nests a few levels' : text;
}

/** The path of the mapping key that starts at `offset` (a duplicate key the parser found), e.g. ['models', 0, 'name']. */
function keyPathAt(doc: Document, offset: number): Path | undefined {
  let found: Path | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const chain = [...ancestors, pair];
      found = chain.flatMap((node, i): PropertyKey[] => {
        if (isPair(node)) return [isScalar(node.key) ? String(node.key.value) : '?'];
        return isSeq(node) ? [node.items.indexOf(chain[i + 1] as never)] : [];
      });
      return visit.BREAK;
    },
  });
  return found;
}

/** Turns one zod issue into located problems, choosing the closest branch of a failed union. */
function toProblems(parsed: ParsedFile, issue: z.core.$ZodIssue, spelling: string, prefix: Path = []): Problem[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = issue.errors.reduce((best, b) => (b.length < best.length ? b : best));
    return branch.flatMap((inner) => toProblems(parsed, inner, spelling, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => locate(parsed, [...path, key], `unknown key "${key}" (check the spelling against ${spelling})`));
  }
  return [locate(parsed, path, issue.message)];
}

/** Finds the line of `path` in the YAML, or of its nearest ancestor that exists there. */
export function locate(parsed: ParsedFile, path: Path, message: string): Problem {
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined; n--) {
    const node = parsed.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) line = parsed.lines.linePos(node.range[0]).line;
  }
  return { file: parsed.file, path: formatPath(path), line, message };
}

/** ['models', 3, 'params', 'active'] → `models[3].params.active` */
export function formatPath(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
