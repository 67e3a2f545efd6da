// versus eval: quality suites and speed against any OpenAI-compatible endpoint, stored in SQLite; versus eval report.
import { resolve } from 'node:path';
import type { Catalog } from '../../catalog/catalog.js';
import { resolveGpu, resolvePrecision } from '../../catalog/resolve.js';
import type { Gpu, Model } from '../../catalog/schema.js';
import { suggest } from '../../catalog/suggest.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { declarationText } from '../../measure/corpus/udhr.js';
import { sizerFor, type InputSizer } from '../../measure/eval/sizing.js';
import { DEFAULT_DEPTHS, longContext, tokensLabel } from '../../measure/eval/suite-long-context.js';
import { modelLimits, targetModel } from '../../measure/eval/target.js';
import { publicEndpoint } from '../../measure/eval/provenance.js';
import { speedBounds, type BoundRow } from '../../measure/eval/bounds.js';
import { TokenizerFiles } from '../../measure/tokenizers/files.js';
import { listModels, type Endpoint } from '../../measure/eval/client.js';
import { runSpeed, runSuites, type EvalEvent } from '../../measure/eval/run.js';
import { readRuns, RunStore, type StoredRun, type TaskRecord } from '../../measure/eval/store.js';
import { reproduceCommand } from '../../measure/eval/provenance.js';
import { BUILT_IN, builtIn, loadSuiteFile, type BuiltIn, type Suite, type SuiteLanguage } from '../../measure/eval/suites.js';
import { loadTokenResults, tryLoadTokenResults } from '../../measure/tokens/results.js';
import { selectLanguages } from '../../measure/tokens/select.js';
import { TOOL_VERSION } from '../../paths.js';
import { summarize } from '../../measure/eval/summary.js';
import { renderRuns } from '../../render/eval.js';
import { endpointFlag, list, parse } from '../args.js';
import type { Context } from '../context.js';
import { parseCount, parseTokens } from '../fit-options.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus eval --endpoint URL --model M --suite S,… [options]
       versus eval --local model.gguf --suite S,… [options]
       versus eval --self-test [--json] [--db FILE]
       versus eval report [RUN…] [--db FILE] [--json]

  Runs quality suites and a speed test against any OpenAI-compatible chat endpoint (vLLM, SGLang,
  llama.cpp server, Ollama, TGI, LM Studio, hosted APIs) and stores every prompt, answer, grade and
  timing in SQLite. Answers are streamed: time to first token, inter-token latency and end-to-end
  latency are measured per request. <think> blocks and reasoning_content are kept apart from the
  answer. 429s, 5xx and dropped streams are retried with backoff; Ctrl-C keeps finished tasks.

Suites: smoke, math (generated, exact answers), json (schema + values), multilingual (--languages:
  right answer, right script), tools (generated function calling: the right tool, arguments valid
  against its JSON schema, the result fed back and the final answer checked), long-context (needle
  retrieval at --lengths in UDHR text in the first of --languages, default English), speed
  (--concurrency levels, --input tokens, --output tokens), or a file: YAML {suite, tasks: [{id,
  prompt, graders}]} or JSONL (one task per line). Graders: exact, contains, regex, json-schema,
  numeric (tolerance), script, tool-call.

  Inputs of a token length (speed, long-context) are counted with the model's tokenizer when the
  served model maps to a catalog model (--catalog-model, or the served id) whose tokenizer versus
  can run; otherwise they are estimated from the characters per token measured on the UDHR, and
  the report says so.

Options:
  --endpoint URL     base URL of the API, e.g. http://localhost:8000/v1
  --model M          model name to request
  --suite S,…        built-in suite names or suite files (default smoke)
  --languages L,…    languages for the multilingual suite (ISO codes or names)
  --concurrency N,…  requests in flight (default 4); the speed suite runs each level (default 1,4,16)
  --input N          speed: tokens of input per request, e.g. 1k (default 1k)
  --output N         speed: max output tokens per request (default 256)
  --requests N       speed: requests per level (default 16, at least the level)
  --lengths N,…      long-context: input lengths in tokens (default 4k,16k; at most the model's window)
  --depths F,…       long-context: needle depths from 0 to 1 (default 0.1,0.5,0.9)
  --catalog-model ID the catalog model the endpoint serves (default: found from the served id)
  --gpu ID           speed: show decode and prefill as fractions of versus's bounds on this GPU
  --gpus N           speed with --gpu: GPUs the model is split over (default 1)
  --precision P      speed with --gpu: the weights' precision (default bf16)
  --tokenizer-dir D  folder with the tokenizer files, read instead of the cache (or $VERSUS_TOKENIZER_DIR)
  --data DIR         use the YAML catalog in DIR
  --seed N           seed for generated suites and sampling (default 1)
  --db FILE          results database (default versus-runs.db in this folder)
  --api-key-env V    environment variable with the API key (default OPENAI_API_KEY); never stored
  --json             print the run summary as JSON
  --local FILE       instead of --endpoint: run a GGUF model in this process with node-llama-cpp
                     (llama.cpp's CPU build), one context sequence per request in flight, behind an
                     OpenAI-compatible server on 127.0.0.1; inputs are sized with its own tokenizer
  --threads N        with --local: CPU threads (default: node-llama-cpp's choice)
  --self-test        run the smoke suite and a speed pass (concurrency 1,2,4) on a tiny model versus
                     generates (random weights, a real byte-level BPE vocabulary) through node-llama-cpp,
                     its OpenAI-compatible server and the client above; no network. Checks the
                     tokenizer, token counts, timings and storage; exit code 1 when one fails`,
  async run(args, ctx) {
    const { values, positionals } = parse('eval', args, {
      endpoint: { type: 'string' }, model: { type: 'string' }, suite: { type: 'string' }, languages: { type: 'string' },
      concurrency: { type: 'string' }, input: { type: 'string' }, output: { type: 'string' }, requests: { type: 'string' },
      lengths: { type: 'string' }, depths: { type: 'string' }, 'catalog-model': { type: 'string' }, gpu: { type: 'string' },
      gpus: { type: 'string' }, precision: { type: 'string' }, 'tokenizer-dir': { type: 'string' }, data: { type: 'string' },
      seed: { type: 'string' }, db: { type: 'string' }, 'api-key-env': { type: 'string' }, json: { type: 'boolean' },
      'self-test': { type: 'boolean' }, local: { type: 'string' }, threads: { type: 'string' },
    });
    const db = resolve(ctx.io.cwd, values.db ?? 'versus-runs.db');
    if (positionals[0] === 'report') return report(ctx, db, positionals.slice(1), values.json ?? false, values.data);
    if (values['self-test']) {
      const { runSelfTest } = await import('../self-test.js');
      return runSelfTest(ctx, { db, json: values.json ?? false, seed: values.seed === undefined ? 1 : parseCount('seed', values.seed, 2 ** 31 - 1) });
    }
    if (positionals.length > 0) throw new UsageError(`eval takes no positional arguments except "report" (got "${positionals[0]}").`);
    if (values.local !== undefined && values.endpoint !== undefined) throw new UsageError('Give --endpoint URL or --local FILE, not both.');
    if (values.local === undefined && (!values.endpoint || !values.model)) throw new UsageError('eval needs --endpoint URL and --model M, e.g. "versus eval --endpoint http://localhost:8000/v1 --model Qwen/Qwen3.8-27B --suite smoke", or --local model.gguf.');
    if (values.endpoint !== undefined) endpointFlag(values.endpoint);
    const threads = values.threads === undefined ? undefined : parseCount('threads', values.threads, 1024);
    const seed = values.seed === undefined ? 1 : parseCount('seed', values.seed, 2 ** 31 - 1);
    const names = list(values.suite).length > 0 ? list(values.suite) : ['smoke'];
    const languages = suiteLanguages(list(values.languages));
    const levels = (list(values.concurrency).length > 0 ? list(values.concurrency) : []).map((c) => parseCount('concurrency', c, 1024));
    const quality = names.filter((n) => n !== 'speed' && n !== 'long-context').map((n) => suiteNamed(n, ctx.io.cwd, seed, languages));
    const sized = names.includes('speed') || names.includes('long-context');
    const speed = names.includes('speed') ? speedSettings(values) : undefined;
    if (values.gpu !== undefined && !speed) throw new UsageError('--gpu sets the speed suite against versus\'s bounds: add --suite speed.');
    const longest = names.includes('long-context') ? Math.max(...longLengths(values)) : 0;
    await using local = values.local === undefined ? undefined : await startLocalTarget(resolve(ctx.io.cwd, values.local), levels, { speed, longest, threads });
    const endpoint: Endpoint = local ? { url: local.url, model: values.model ?? local.model } : { url: values.endpoint ?? '', model: values.model ?? '', ...apiKey(values['api-key-env']) };
    const listed = await listModels(endpoint);
    const needsCatalog = sized || values.gpu !== undefined || values['catalog-model'] !== undefined;
    const catalog = needsCatalog ? await ctx.catalog(values.data) : undefined;
    const model = catalog ? targetModel(catalog, values['catalog-model'], [endpoint.model, ...(listed ?? [])]) : undefined;
    const gpu = catalog && values.gpu !== undefined ? boundGpu(catalog, model, values) : undefined;
    const files = TokenizerFiles.from(values['tokenizer-dir'], process.env, ctx.io.cwd);
    const tokens = sized ? tryLoadTokenResults() : undefined;
    const sizer = async (language: string) => local?.sizer ?? sizerFor({ ...(modelLimits(model).tokenizer ? { tokenizer: modelLimits(model).tokenizer } : {}), ...(model ? { model: model.id } : {}), files, language, ...(tokens ? { tokens } : {}) });
    const long = names.includes('long-context') ? await longContextSuite(values, seed, languages, model, sizer) : undefined;
    const speedSizer = speed ? await sizer('eng') : undefined;
    const sizing = { ...(long?.suite.sizing ? { 'long-context': long.suite.sizing } : {}), ...(speedSizer ? { speed: speedSizer.basis } : {}) };
    for (const [suite, basis] of Object.entries(sizing)) ctx.io.stderr.write(`${suite} inputs: ${basis}\n`);
    const store = new RunStore(db);
    const run = store.begin({
      endpoint: local?.label ?? publicEndpoint(endpoint.url), requestedModel: endpoint.model, ...(listed?.length === 1 && listed[0] ? { servedModel: listed[0] } : {}), suites: names,
      settings: {
        concurrency: levels, input: speed?.inputTokens ?? null, output: speed?.outputTokens ?? null, languages: languages.map((l) => l.code),
        ...(long ? { lengths: long.lengths, depths: long.depths } : {}),
        ...(model ? { catalogModel: model.id } : {}), ...(gpu ? { gpu: gpu.id, gpus: speed?.gpus ?? 1, precision: speed?.precision ?? 'bf16' } : {}),
        ...(Object.keys(sizing).length ? { sizing } : {}), ...local?.settings,
      },
      seed, started: new Date().toISOString(), versusVersion: TOOL_VERSION,
    });
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once('SIGINT', onSigint);
    const onEvent = progress(ctx);
    try {
      const suites = [...quality, ...(long ? [long.suite] : [])];
      let served = suites.length > 0 ? await runSuites(store, run, suites, { endpoint, concurrency: levels[0] ?? 4, seed, signal: stop.signal, onEvent }) : undefined;
      if (speed && speedSizer) {
        served = (await runSpeed(store, run, { endpoint, concurrency: 1, seed, signal: stop.signal, onEvent, levels: levels.length > 0 ? levels : [1, 4, 16], ...speed, sizer: speedSizer })) ?? served;
      }
      store.finish(run, served, new Date().toISOString());
    } finally {
      process.removeListener('SIGINT', onSigint);
      store.close();
    }
    ctx.io.stderr.write(`\n${stop.signal.aborted ? 'stopped; finished tasks are kept' : 'done'}: run ${run} in ${db}\n`);
    return report(ctx, db, [String(run)], values.json ?? false, values.data);
  },
};

type Values = Record<string, string | boolean | undefined>;

/** A GGUF file loaded in this process, with a context sequence per request in flight at the highest concurrency. */
async function startLocalTarget(path: string, levels: readonly number[], o: { speed: { inputTokens: number; outputTokens: number } | undefined; longest: number; threads: number | undefined }) {
  const { startLocal } = await import('../../measure/local/target.js');
  const sequences = Math.max(4, ...levels, ...(o.speed && levels.length === 0 ? [16] : []));
  // Room for the longest request: a speed prompt or a haystack and its answer, else a quality task's (up to 2,048 tokens each way).
  const contextSize = Math.max(4096, o.speed ? o.speed.inputTokens + o.speed.outputTokens + 256 : 0, o.longest ? o.longest + 2048 + 256 : 0);
  return startLocal(path, { sequences, contextSize, ...(o.threads ? { threads: o.threads } : {}) });
}
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? v[k] : undefined);

/** The speed suite's sizes, checked before any request. */
function speedSettings(v: Values): { inputTokens: number; outputTokens: number; perLevel: number; gpus: number; precision: string } {
  const [input, output, requests, gpus] = [str(v, 'input'), str(v, 'output'), str(v, 'requests'), str(v, 'gpus')];
  return {
    inputTokens: input === undefined ? 1024 : parseTokens('input', input),
    outputTokens: output === undefined ? 256 : parseCount('output', output, 65_536),
    perLevel: requests === undefined ? 16 : parseCount('requests', requests, 10_000),
    gpus: gpus === undefined ? 1 : parseCount('gpus', gpus, 64),
    precision: str(v, 'precision') ?? 'bf16',
  };
}

/** The GPU for --gpu, once the served model is known to be a catalog model (the bound needs its architecture). */
function boundGpu(catalog: Catalog, model: Model | undefined, v: Values): Gpu {
  const gpu = resolveGpu(catalog, str(v, 'gpu') ?? '');
  if (!model) throw new UsageError(`--gpu needs the catalog model the endpoint serves: "${str(v, 'model')}" is not a catalog id or repo; give --catalog-model ID.`);
  resolvePrecision(catalog, str(v, 'precision') ?? 'bf16');
  return gpu;
}

/** The long-context suite's input lengths in tokens (--lengths, default 4k and 16k). */
function longLengths(v: Values): number[] {
  return (list(str(v, 'lengths')).length > 0 ? list(str(v, 'lengths')) : ['4k', '16k']).map((l) => parseTokens('lengths', l));
}

/** The long-context suite: lengths checked against the model's window, one haystack language (the first of --languages). */
async function longContextSuite(v: Values, seed: number, languages: readonly SuiteLanguage[], model: Model | undefined, sizer: (language: string) => Promise<InputSizer>): Promise<{ suite: Suite; lengths: number[]; depths: number[] }> {
  const lengths = longLengths(v);
  const depths = (list(str(v, 'depths')).length > 0 ? list(str(v, 'depths')) : DEFAULT_DEPTHS.map(String)).map((d) => {
    const n = /^\d*\.?\d+$/.test(d) ? Number(d) : NaN;
    if (!(n >= 0 && n <= 1)) throw new UsageError(`--depths are fractions from 0 to 1 such as 0.5 (got "${d}").`);
    return n;
  });
  const { window } = modelLimits(model);
  const over = window === undefined ? [] : lengths.filter((l) => l + 2048 > window);
  if (model && over.length > 0) throw new UsageError(`--lengths ${over.map(tokensLabel).join(', ')} do not fit ${model.id}'s ${window?.toLocaleString('en-US')}-token window with room for the answer (2,048 tokens).`);
  const language = languages[0] ?? { code: 'eng', name: 'English' };
  const suite = longContext({ seed, lengths, depths, haystacks: [{ code: language.code, name: language.name, text: declarationText(language.code) }], sizer: await sizer(language.code) });
  return { suite, lengths, depths };
}

function apiKey(variable: string | undefined): { apiKey?: string } {
  const key = process.env[variable ?? 'OPENAI_API_KEY'];
  return key ? { apiKey: key } : {};
}

function suiteNamed(name: string, cwd: string, seed: number, languages: readonly SuiteLanguage[]): Suite {
  if ((BUILT_IN as readonly string[]).includes(name)) return builtIn(name as BuiltIn, { seed, languages });
  if (/\.(ya?ml|jsonl)$/i.test(name)) return loadSuiteFile(resolve(cwd, name), name);
  const known = [...BUILT_IN, 'long-context', 'speed'];
  // The suites are few: with nothing close, all of them, nearest first.
  throw new NotFoundError('suite', name, suggest(name, known, known.length));
}

/** Languages for the multilingual suite, with the script the UDHR corpus records for each. */
function suiteLanguages(items: readonly string[]): SuiteLanguage[] {
  if (items.length === 0) return [];
  const langs = loadTokenResults().languages;
  return items.flatMap((item) => selectLanguages(langs, [item]).slice(0, 1).map((l) => ({ code: l.code, name: l.name.replace(/\s*\(.*\)$/, ''), script: l.script })));
}

/** Progress on stderr: one line per finished task (a redrawn line on a terminal). */
function progress(ctx: Context): (e: EvalEvent) => void {
  const out = ctx.io.stderr as { write(s: string): unknown; isTTY?: boolean };
  return (e) => {
    if (e.type === 'level') out.write(`${out.isTTY ? '\n' : ''}speed: concurrency ${e.concurrency}\n`);
    else {
      const line = `[${e.done}/${e.total}] ${e.record.task} ${e.record.pass ? 'pass' : 'FAIL'}${e.record.ttftMs !== null ? ` ttft ${Math.round(e.record.ttftMs)} ms` : ''}`;
      out.write(out.isTTY ? `\r${line.padEnd(80)}` : `${line}\n`);
    }
  };
}

async function report(ctx: Context, db: string, ids: readonly string[], json: boolean, dataDir: string | undefined): Promise<number> {
  const numbers = ids.map((id) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`A run is a number such as 3 (got "${id}").`);
    return n;
  });
  // A report reads: a missing or foreign file is an error, never created or converted into a database.
  const stored = readRuns(db).filter(({ run }) => numbers.length === 0 || numbers.includes(run.id));
  const missing = numbers.filter((n) => !stored.some((r) => r.run.id === n));
  if (missing.length > 0) throw new UsageError(`No run ${missing.join(', ')} in ${db}.`);
  const needsCatalog = stored.some(({ run }) => typeof run.settings.gpu === 'string');
  const catalog = needsCatalog ? await ctx.catalog(dataDir) : undefined;
  const runs = stored.map((r) => ({ ...r, ...(catalog ? boundsOf(catalog, r.run, r.results) : {}) }));
  if (json) ctx.io.stdout.write(`${JSON.stringify({ version: 1, db, runs: runs.map(({ run, results, bounds }) => ({ ...run, reproduce: reproduceCommand(run), summary: summarize(results), ...(bounds ? { bounds } : {}), results })) }, null, 2)}\n`);
  else ctx.io.stdout.write(runs.length === 0 ? `No runs in ${db} yet.\n` : renderRuns(runs));
  return 0;
}

/** A speed run with --gpu, set against versus's bounds for the model and GPU it names (nothing when the catalog no longer has them). */
function boundsOf(catalog: Catalog, run: StoredRun, results: readonly TaskRecord[]): { bounds?: { gpu: string; gpus: number; precision: string; model: string; rows: BoundRow[] } } {
  const s = run.settings;
  const model = typeof s.catalogModel === 'string' ? catalog.model.get(s.catalogModel) : undefined;
  const gpu = typeof s.gpu === 'string' ? catalog.gpu.get(s.gpu) : undefined;
  if (!model || !gpu || typeof s.input !== 'number' || typeof s.output !== 'number') return {};
  const setting = { model, gpu, gpus: typeof s.gpus === 'number' ? s.gpus : 1, precision: typeof s.precision === 'string' ? s.precision : 'bf16', inputTokens: s.input, outputTokens: s.output };
  return { bounds: { gpu: gpu.id, gpus: setting.gpus, precision: setting.precision, model: model.id, rows: speedBounds(catalog, setting, summarize(results)) } };
}
