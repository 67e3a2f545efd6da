// versus tokens: measured token premium per language, counts for the user's own text, and the sweep that measures them.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isKnown } from '../../catalog/catalog.js';
import { decodeUtf8 } from '../../catalog/yaml-limits.js';
import { ioError, UsageError, VersusError } from '../../errors.js';
import { TOOL_VERSION } from '../../paths.js';
import { readBounded } from '../../read-file.js';
import { notText } from '../../text.js';
import { TokenizerFiles } from '../../measure/tokenizers/files.js';
import { TOKENIZERS, loadForText, resolveTokenizer, type TokenizerSpec } from '../../measure/tokenizers/registry.js';
import { explainProblem, provideAll, type FileProblem } from '../../measure/tokenizers/vendor.js';
import { DEFAULT_LANGUAGES, loadTokenResults, type TokenResults } from '../../measure/tokens/results.js';
import { selectLanguages } from '../../measure/tokens/select.js';
import { premiumJson, premiumTable, textTable, type TextCount } from '../../render/tokens.js';
import { parse } from '../args.js';
import type { Context } from '../context.js';
import type { Command } from '../main.js';
import { outputFile, writeWhole } from '../output.js';
import { progressBar } from '../progress.js';

const REGENERATE = 'versus tokens --measure --fresh --out data/measured/tokens.json';

export const command: Command = {
  usage: `versus tokens [--lang L,…] [--tokenizer T,…] [--json]
       versus tokens --text "…" | --file PATH [--tokenizer T,…] [--json]
       versus tokens --measure [--lang L,…] [--tokenizer T,…] [--out FILE] [--fresh]

  Token premium = tokens of the Universal Declaration of Human Rights in a language ÷ tokens of
  the English text, under the same tokenizer. Without flags it prints the shipped measurements
  for a default set of languages covering major scripts.

Options:
  --lang L,…           languages by UDHR or ISO code (hin, cmn_hans, hi), script (Deva, devanagari) or name
  --all                every language of the corpus
  --tokenizer T,…      tokenizers by id (${TOKENIZERS.map((t) => t.id).join(', ')}),
                       alias (qwen3, llama3.1) or catalog model id
  --text TEXT          count this text under every tokenizer
  --file PATH          count this file's text under every tokenizer
  --json               machine-readable output
  --measure            measure the sweep (all languages × all tokenizers unless narrowed), on worker threads
  --fresh              with --measure: ignore cached counts
  --threads N          with --measure: worker threads (default: the machine's cores)
  --out FILE           with --measure: write the results file (how ${'data/measured/tokens.json'} is made)
  --cache FILE         SQLite cache of counts (default .cache/versus.db; $VERSUS_CACHE)
  --results FILE       read measurements from FILE instead of the shipped data/measured/tokens.json
  --tokenizer-dir DIR  read the vendor tokenizer files from DIR ($VERSUS_TOKENIZER_DIR) instead of
                       downloading them: qwen3.5/merges.txt, qwen3/tokenizer.json, llama3/tokenizer.model,
                       llama4/tokenizer.model, gemma3/tokenizer.json, deepseek_v3/tokenizer.json,
                       mistral/mistral_v3_tekken.tiktoken, openai/o200k_base.tiktoken (the catalog gives
                       each URL and sha256: data/tokenizers.yaml, data/families/openai.yaml)
  --data DIR           use the YAML catalog in DIR (for model ids in --tokenizer)

Tokenizer files: on first use versus downloads each one from its pinned URL, checks its size and
sha256 and keeps it in $VERSUS_CACHE_DIR/tokenizers (default $XDG_CACHE_HOME/versus or
~/.cache/versus). HF_TOKEN is sent to huggingface.co for gated repositories (Gemma);
VERSUS_OFFLINE=1 never downloads; VERSUS_TOKENIZER_MIRROR=URL fetches URL/<path> instead.

Regenerate the shipped file: ${REGENERATE}`,
  async run(args, ctx) {
    const { values, positionals } = parse('tokens', args, {
      lang: { type: 'string' }, all: { type: 'boolean' }, tokenizer: { type: 'string' }, text: { type: 'string' },
      file: { type: 'string' }, json: { type: 'boolean' }, measure: { type: 'boolean' }, fresh: { type: 'boolean' },
      threads: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, results: { type: 'string' },
      'tokenizer-dir': { type: 'string' }, data: { type: 'string' },
    });
    if (positionals.length > 0) throw new UsageError(`tokens takes no positional arguments (got "${positionals[0]}"); use --lang or --text.`);
    if (values.text !== undefined && values.file !== undefined) throw new UsageError('give --text or --file, not both.');
    const counting = values.text !== undefined || values.file !== undefined;
    if (counting && (values.measure || values.lang || values.all)) throw new UsageError('--text/--file count your own text; --lang, --all and --measure do not apply.');
    if (!values.measure && (values.fresh || values.out !== undefined || values.threads)) throw new UsageError('--fresh, --out and --threads only apply with --measure.');
    const out = values.out === undefined ? undefined : outputFile(ctx.io.cwd, '--out', values.out);
    if (values.all && values.lang) throw new UsageError('give --lang or --all, not both.');
    const files = TokenizerFiles.from(values['tokenizer-dir'], process.env, ctx.io.cwd);
    const named = values.tokenizer === undefined ? undefined : await resolveTokenizers(values.tokenizer, ctx, values.data);
    if (counting) return countText(ctx, countable(values.text, values.file, ctx.io.cwd), named, files, values.json ?? false);
    const langItems = values.lang === undefined ? undefined : list(values.lang, '--lang');
    if (values.measure) {
      return measure(ctx, { langItems, all: values.all ?? false, specs: named ?? TOKENIZERS, files, fresh: values.fresh ?? false, threads: threads(values.threads), out, cache: values.cache, json: values.json ?? false });
    }
    const results = loadTokenResults(values.results === undefined ? undefined : resolve(ctx.io.cwd, values.results));
    show(ctx, results, langItems, values.all ?? false, named, values.json ?? false);
    return 0;
  },
};

function list(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`${flag} needs at least one value.`);
  return items;
}

function threads(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--threads must be a whole number from 0 to 64 (got "${value}").`);
  return n;
}

/** The most characters `--text`/`--file` count at once: a long run of one character takes about a second per 64K per tokenizer. */
export const CLI_TEXT_LIMIT = 262_144;

/**
 * The text of --text or --file, checked: not empty, Unicode text (a file: UTF-8), not over CLI_TEXT_LIMIT. A file is
 * read at most to the bytes that limit allows, so a device such as /dev/zero is refused, not read until memory runs out.
 */
function countable(text: string | undefined, file: string | undefined, cwd: string): string {
  const what = text !== undefined ? '--text' : `--file ${file}`;
  const tooLong = (n: string) => new UsageError(`${what} has ${n}; versus counts at most ${CLI_TEXT_LIMIT.toLocaleString('en-US')} characters at a time. Split the text and count the parts.`);
  if (text !== undefined) {
    if (text === '') throw new UsageError('--text is empty; give the text to count, e.g. --text "Namaste".');
    if (text.length > CLI_TEXT_LIMIT) throw tooLong(`${text.length.toLocaleString('en-US')} characters`);
    const bad = notText(text);
    if (bad) throw new UsageError(`--text ${bad}; it is not text. Give the text as UTF-8.`);
    return text;
  }
  let bytes: Buffer | undefined;
  try {
    // UTF-8 needs at least one byte per character and at most four.
    bytes = readBounded(resolve(cwd, file!), CLI_TEXT_LIMIT * 4);
  } catch (error) {
    throw ioError('read --file', file!, error);
  }
  if (bytes === undefined) throw tooLong(`more than ${(CLI_TEXT_LIMIT * 4).toLocaleString('en-US')} bytes`);
  const decoded = decodeUtf8(`--file ${file}`, bytes);
  if ('problem' in decoded) throw new UsageError(`--file ${file}: line ${decoded.problem.line ?? 1}: ${decoded.problem.message}.`);
  const read = decoded.text;
  if (read === '') throw new UsageError(`--file ${file} is empty; there is nothing to count.`);
  if (read.length > CLI_TEXT_LIMIT) throw tooLong(`${read.length.toLocaleString('en-US')} characters`);
  return read;
}

/** Tokenizer names → specs; names that are not tokenizer ids or aliases are looked up as catalog models or generations. */
async function resolveTokenizers(value: string, ctx: Context, dataDir: string | undefined): Promise<TokenizerSpec[]> {
  const items = list(value, '--tokenizer');
  let viaCatalog: ((name: string) => string | undefined) | undefined;
  if (items.some((n) => !TOKENIZERS.some((t) => t.id === n.toLowerCase() || t.aliases.includes(n.toLowerCase())))) {
    const catalog = await ctx.catalog(dataDir);
    viaCatalog = (name) => {
      const model = catalog.model.get(name);
      if (model) return isKnown(model.tokenizer) ? model.tokenizer.value : undefined;
      const ids = new Set(catalog.models.filter((m) => m.generation === name && isKnown(m.tokenizer)).map((m) => (m.tokenizer as { value: string }).value));
      return ids.size === 1 ? [...ids][0] : undefined;
    };
  }
  return [...new Set(items.map((n) => resolveTokenizer(n, viaCatalog)))];
}

function show(ctx: Context, r: TokenResults, langItems: string[] | undefined, all: boolean, named: TokenizerSpec[] | undefined, json: boolean): void {
  const codes = all ? r.languages.map((l) => l.code) : langItems ? selectLanguages(r.languages, langItems).map((l) => l.code) : DEFAULT_LANGUAGES;
  const measured = new Set(r.tokenizers.map((t) => t.id));
  const missing = named?.filter((s) => !measured.has(s.id)) ?? [];
  if (missing.length) throw new VersusError('E_NOT_MEASURED', `No measurements for ${missing.map((s) => s.id).join(', ')} in this results file; measure them with "versus tokens --measure --tokenizer ${missing.map((s) => s.id).join(',')}".`, 2);
  const ids = named ? named.map((s) => s.id) : r.tokenizers.map((t) => t.id);
  ctx.io.stdout.write(json ? premiumJson(r, codes, ids) : premiumTable(r, codes, ids));
}

/** Each tokenizer's vendor files, made available (downloaded when needed) as listed in the shipped catalog (data/tokenizers.yaml). */
async function provideFiles(ctx: Context, specs: readonly TokenizerSpec[], files: TokenizerFiles): Promise<Map<string, FileProblem[]>> {
  if (specs.every((s) => s.files.length === 0)) return new Map();
  const catalog = await ctx.catalog();
  return provideAll(files, specs, (id) => catalog.tokenizer.get(id)?.files, { env: process.env, progress: ctx.io.stderr });
}

/** The error for tokenizers that were asked for by name but whose files could not be had. */
function unavailableError(specs: readonly TokenizerSpec[], problems: Map<string, FileProblem[]>): VersusError {
  const lines = specs.flatMap((s) => (problems.get(s.id) ?? []).map((p) => `  ${s.label}: ${explainProblem(p)}`));
  return new VersusError('E_TOKENIZER_FILE', `Some tokenizer files are not available:\n${lines.join('\n')}`, 2);
}

async function countText(ctx: Context, text: string, named: TokenizerSpec[] | undefined, files: TokenizerFiles, json: boolean): Promise<number> {
  const specs = named ?? TOKENIZERS;
  const problems = await provideFiles(ctx, specs, files);
  // Named tokenizers must load (a missing file is an error); in the default "every tokenizer" run, unavailable ones are listed.
  if (named && problems.size) throw unavailableError(named, problems);
  const counts: TextCount[] = [];
  for (const spec of specs) {
    const missing = problems.get(spec.id);
    if (missing) {
      counts.push({ tokenizer: { id: spec.id, label: spec.label }, unavailable: missing.map((p) => explainProblem(p)).join(' ') });
      continue;
    }
    const tok = await loadForText(spec, files);
    counts.push({ tokenizer: { id: spec.id, label: spec.label, fidelity: tok.fidelity, implementation: tok.implementation, source: spec.source(files) }, tokens: tok.count(text) });
  }
  const chars = [...text].length;
  ctx.io.stdout.write(json ? `${JSON.stringify({ chars, counts }, null, 2)}\n` : textTable(chars, counts));
  return 0;
}

interface MeasureFlags {
  langItems: string[] | undefined;
  all: boolean;
  specs: readonly TokenizerSpec[];
  files: TokenizerFiles;
  fresh: boolean;
  threads: number;
  out: string | undefined;
  cache: string | undefined;
  json: boolean;
}

async function measure(ctx: Context, f: MeasureFlags): Promise<number> {
  const { loadCorpus } = await import('../../measure/corpus/udhr.js');
  const { measureTokens, formatTokenResults } = await import('../../measure/tokens/measure.js');
  const { CountCache } = await import('../../measure/tokens/cache.js');
  const corpus = await loadCorpus();
  const langs = f.langItems ? selectLanguages(corpus.texts, f.langItems) : corpus.texts;
  const problems = await provideFiles(ctx, f.specs, f.files);
  if (problems.size) throw unavailableError(f.specs, problems);
  const cache = new CountCache(resolve(ctx.io.cwd, f.cache ?? process.env.VERSUS_CACHE ?? join('.cache', 'versus.db')));
  const bar = progressBar(ctx.io.stderr, () => performance.now());
  const start = performance.now();
  let measured: Awaited<ReturnType<typeof measureTokens>>;
  try {
    measured = await measureTokens({
      corpus, languages: langs.map((l) => l.code), tokenizers: f.specs, files: f.files, toolVersion: TOOL_VERSION, cache,
      fresh: f.fresh, threads: f.threads, today: new Date().toISOString().slice(0, 10), regenerate: REGENERATE, events: bar,
    });
  } finally {
    bar.finish();
    cache.close();
  }
  const { results, reused } = measured;
  const pairs = results.languages.length * f.specs.length;
  ctx.io.stderr.write(`measured ${results.languages.length} languages × ${f.specs.length} tokenizers in ${((performance.now() - start) / 1000).toFixed(1)} s on ${f.threads === 0 ? 'the main thread' : `${f.threads} worker thread${f.threads === 1 ? '' : 's'}`}; ${reused} of ${pairs} counts from the cache ${cache.path}\n`);
  if (f.out) {
    writeWhole(f.out, formatTokenResults(results));
    ctx.io.stderr.write(`wrote ${f.out}\n`);
  }
  const codes = f.langItems || f.all ? langs.map((l) => l.code) : DEFAULT_LANGUAGES.filter((c) => results.languages.some((l) => l.code === c));
  const ids = f.specs.map((s) => s.id);
  ctx.io.stdout.write(f.json ? premiumJson(results, codes, ids) : premiumTable(results, codes, ids));
  return 0;
}
