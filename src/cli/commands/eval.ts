// versus eval: quality suites and speed against any OpenAI-compatible endpoint, stored in SQLite; versus eval report.
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { listModels, type Endpoint } from '../../measure/eval/client.js';
import { runSpeed, runSuites, type EvalEvent } from '../../measure/eval/run.js';
import { RunStore } from '../../measure/eval/store.js';
import { BUILT_IN, builtIn, loadSuiteFile, type BuiltIn, type Suite, type SuiteLanguage } from '../../measure/eval/suites.js';
import { loadTokenResults } from '../../measure/tokens/results.js';
import { selectLanguages } from '../../measure/tokens/select.js';
import { TOOL_VERSION } from '../../paths.js';
import { summarize } from '../../measure/eval/summary.js';
import { renderRuns } from '../../render/eval.js';
import { list, parse } from '../args.js';
import type { Context } from '../context.js';
import { parseCount } from '../fit-options.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus eval --endpoint URL --model M --suite S,… [options]
       versus eval report [RUN…] [--db FILE] [--json]

  Runs quality suites and a speed test against any OpenAI-compatible chat endpoint (vLLM, SGLang,
  llama.cpp server, Ollama, TGI, LM Studio, hosted APIs) and stores every prompt, answer, grade and
  timing in SQLite. Answers are streamed: time to first token, inter-token latency and end-to-end
  latency are measured per request. <think> blocks and reasoning_content are kept apart from the
  answer. 429s, 5xx and dropped streams are retried with backoff; Ctrl-C keeps finished tasks.

Suites: smoke, math (generated, exact answers), json (schema + values), multilingual (--languages:
  right answer, right script), speed (--concurrency levels, --input words, --output tokens), or a
  file: YAML {suite, tasks: [{id, prompt, graders}]} or JSONL (one task per line). Graders: exact,
  contains, regex, json-schema, numeric (tolerance), script.

Options:
  --endpoint URL     base URL of the API, e.g. http://localhost:8000/v1
  --model M          model name to request
  --suite S,…        built-in suite names or suite files (default smoke)
  --languages L,…    languages for the multilingual suite (ISO codes or names)
  --concurrency N,…  requests in flight (default 4); the speed suite runs each level (default 1,4,16)
  --input N          speed: words of input per request (default 1000)
  --output N         speed: max output tokens per request (default 256)
  --requests N       speed: requests per level (default 16, at least the level)
  --seed N           seed for generated suites and sampling (default 1)
  --db FILE          results database (default versus-runs.db in this folder)
  --api-key-env V    environment variable with the API key (default OPENAI_API_KEY); never stored
  --json             print the run summary as JSON`,
  async run(args, ctx) {
    const { values, positionals } = parse('eval', args, {
      endpoint: { type: 'string' }, model: { type: 'string' }, suite: { type: 'string' }, languages: { type: 'string' },
      concurrency: { type: 'string' }, input: { type: 'string' }, output: { type: 'string' }, requests: { type: 'string' },
      seed: { type: 'string' }, db: { type: 'string' }, 'api-key-env': { type: 'string' }, json: { type: 'boolean' },
    });
    const db = resolve(ctx.io.cwd, values.db ?? 'versus-runs.db');
    if (positionals[0] === 'report') return report(ctx, db, positionals.slice(1), values.json ?? false);
    if (positionals.length > 0) throw new UsageError(`eval takes no positional arguments except "report" (got "${positionals[0]}").`);
    if (!values.endpoint || !values.model) throw new UsageError('eval needs --endpoint URL and --model M, e.g. "versus eval --endpoint http://localhost:8000/v1 --model Qwen/Qwen3.8-27B --suite smoke".');
    if (!/^https?:\/\//i.test(values.endpoint)) throw new UsageError(`--endpoint must be an http(s) URL (got "${values.endpoint}").`);
    const seed = values.seed === undefined ? 1 : parseCount('seed', values.seed, 2 ** 31 - 1);
    const names = list(values.suite).length > 0 ? list(values.suite) : ['smoke'];
    const languages = suiteLanguages(list(values.languages));
    const levels = (list(values.concurrency).length > 0 ? list(values.concurrency) : []).map((c) => parseCount('concurrency', c, 1024));
    const quality = names.filter((n) => n !== 'speed').map((n) => suiteNamed(n, ctx.io.cwd, seed, languages));
    const endpoint: Endpoint = { url: values.endpoint, model: values.model, ...apiKey(values['api-key-env']) };
    const store = new RunStore(db);
    const listed = await listModels(endpoint);
    const run = store.begin({ endpoint: values.endpoint, requestedModel: values.model, ...(listed?.length === 1 && listed[0] ? { servedModel: listed[0] } : {}), suites: names, settings: { concurrency: levels, input: values.input ?? null, output: values.output ?? null, languages: languages.map((l) => l.code) }, seed, started: new Date().toISOString(), versusVersion: TOOL_VERSION });
    const stop = new AbortController();
    const onSigint = () => stop.abort();
    process.once('SIGINT', onSigint);
    const onEvent = progress(ctx);
    try {
      let served = quality.length > 0 ? await runSuites(store, run, quality, { endpoint, concurrency: levels[0] ?? 4, seed, signal: stop.signal, onEvent }) : undefined;
      if (names.includes('speed')) {
        served = (await runSpeed(store, run, {
          endpoint, concurrency: 1, seed, signal: stop.signal, onEvent, levels: levels.length > 0 ? levels : [1, 4, 16],
          inputWords: values.input === undefined ? 1000 : parseCount('input', values.input, 200_000),
          outputTokens: values.output === undefined ? 256 : parseCount('output', values.output, 65_536),
          perLevel: values.requests === undefined ? 16 : parseCount('requests', values.requests, 10_000),
        })) ?? served;
      }
      store.finish(run, served, new Date().toISOString());
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    ctx.io.stderr.write(`\n${stop.signal.aborted ? 'stopped; finished tasks are kept' : 'done'}: run ${run} in ${db}\n`);
    const shown = report(ctx, db, [String(run)], values.json ?? false);
    store.close();
    return shown;
  },
};

function apiKey(variable: string | undefined): { apiKey?: string } {
  const key = process.env[variable ?? 'OPENAI_API_KEY'];
  return key ? { apiKey: key } : {};
}

function suiteNamed(name: string, cwd: string, seed: number, languages: readonly SuiteLanguage[]): Suite {
  if ((BUILT_IN as readonly string[]).includes(name)) return builtIn(name as BuiltIn, { seed, languages });
  if (/\.(ya?ml|jsonl)$/i.test(name)) return loadSuiteFile(resolve(cwd, name));
  throw new UsageError(`Unknown suite "${name}". Built in: ${[...BUILT_IN, 'speed'].join(', ')}; or a .yaml/.jsonl file.`);
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

function report(ctx: Context, db: string, ids: readonly string[], json: boolean): number {
  const numbers = ids.map((id) => {
    const n = Number(id);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`A run is a number such as 3 (got "${id}").`);
    return n;
  });
  const store = new RunStore(db);
  const runs = store.runs(numbers).map((run) => ({ run, results: store.results(run.id) }));
  store.close();
  const missing = numbers.filter((n) => !runs.some((r) => r.run.id === n));
  if (missing.length > 0) throw new UsageError(`No run ${missing.join(', ')} in ${db}.`);
  if (json) ctx.io.stdout.write(`${JSON.stringify({ version: 1, db, runs: runs.map(({ run, results }) => ({ ...run, summary: summarize(results), results })) }, null, 2)}\n`);
  else ctx.io.stdout.write(runs.length === 0 ? `No runs in ${db} yet.\n` : renderRuns(runs));
  return 0;
}
