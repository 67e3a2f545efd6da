// versus eval --self-test: the smoke suite and a short speed pass on the generated tiny model, through the
// real engine, the OpenAI-compatible server and the HTTP client, stored like any run; then checks that the
// machinery told the truth (tokens, timings, storage). The model's weights are random: its answers are
// gibberish and the graders say so; the self-test passes on the checks, not on the grades.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { declarationText } from '../corpus/udhr.js';
import { runSpeed, runSuites, type EvalEvent } from '../eval/run.js';
import type { RunStore, TaskRecord } from '../eval/store.js';
import { builtIn } from '../eval/suites.js';
import { summarize, type SuiteSummary } from '../eval/summary.js';
import { bpeEncoder, type Bpe } from './bpe.js';
import { LocalEngine } from './engine.js';
import { serveLocal } from './server.js';
import { ensureTinyModel, SPECIAL, type TinyModelFile } from './tiny-model.js';

/** The speed pass: small, so the whole self-test takes seconds on one core. */
export const SELF_TEST_SPEED = { levels: [1, 2, 4], perLevel: 4, inputTokens: 64, outputTokens: 32 } as const;
/** Output tokens per smoke task (the suite allows more; a random model would use them all). */
const SMOKE_TOKENS = 48;
/** UDHR texts the two tokenizers must agree on: one the merges were learned from, two they were not. */
const TOKENIZER_TEXTS = ['eng', 'swh', 'tam'] as const;

export interface Check {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

export interface SelfTestReport {
  readonly ok: boolean;
  readonly model: TinyModelFile & { readonly name: string; readonly engine: string; readonly vocabulary: number };
  readonly run: number;
  readonly checks: readonly Check[];
  readonly tasks: readonly TaskRecord[];
  readonly summary: readonly SuiteSummary[];
}

export interface SelfTestOptions {
  readonly store: RunStore;
  readonly env?: NodeJS.ProcessEnv;
  readonly seed?: number;
  readonly versusVersion: string;
  readonly onEvent?: (e: EvalEvent) => void;
  readonly signal?: AbortSignal;
}

/**
 * Runs the self-test and stores it as a run. Threads: one, so timings do not depend on other work's cores.
 * @example const r = await selfTest({ store, versusVersion: '0.1.0' }); r.ok // true when every check passed
 */
export async function selfTest(o: SelfTestOptions): Promise<SelfTestReport> {
  const file = ensureTinyModel(o.env);
  const seed = o.seed ?? 1;
  const engine = await LocalEngine.open(file.path, { sequences: Math.max(...SELF_TEST_SPEED.levels), threads: 1, contextSize: 1024 });
  const server = await serveLocal(engine);
  try {
    const endpoint = { url: server.url, model: engine.name, retries: 0 };
    const smoke = builtIn('smoke', { seed, languages: [] });
    const suite = { ...smoke, tasks: smoke.tasks.map((t) => ({ ...t, max_tokens: SMOKE_TOKENS })) };
    const run = o.store.begin({
      endpoint: pathToFileURL(file.path).href, requestedModel: engine.name, servedModel: engine.name, suites: ['smoke', 'speed'],
      settings: { local: { file: basename(file.path), sha256: file.sha256, engine: engine.engine, threads: 1 }, self_test: true, smoke_max_tokens: SMOKE_TOKENS, ...SELF_TEST_SPEED },
      seed, started: new Date().toISOString(), versusVersion: o.versusVersion,
    });
    const common = { endpoint, seed, ...(o.signal ? { signal: o.signal } : {}), ...(o.onEvent ? { onEvent: o.onEvent } : {}) };
    await runSuites(o.store, run, [suite], { ...common, concurrency: 1 });
    await runSpeed(o.store, run, { ...common, concurrency: 1, ...SELF_TEST_SPEED, sizer: engine.sizer() });
    o.store.finish(run, engine.name, new Date().toISOString());
    const tasks = o.store.results(run);
    const vocabulary = engineVocabulary(engine);
    const again = suite.tasks[0] ? await engine.chat({ messages: [{ role: 'user', content: suite.tasks[0].prompt }], maxTokens: SMOKE_TOKENS, seed }) : undefined;
    const checks = [
      tokenizerCheck(engine, vocabulary),
      generationCheck(tasks, suite.tasks.length),
      promptTokensCheck(tasks, bpeEncoder(vocabulary)),
      determinismCheck(tasks, again?.content),
      timingCheck(tasks),
      speedCheck(tasks, engine),
    ];
    return {
      ok: checks.every((c) => c.pass), run, checks, tasks, summary: summarize(tasks),
      model: { ...file, name: engine.name, engine: engine.engine, vocabulary: vocabulary.tokens.length + SPECIAL.length },
    };
  } finally {
    await server.close();
    await engine.close();
  }
}

/** The learned vocabulary as the model file holds it (special tokens left out). */
function engineVocabulary(engine: LocalEngine): Bpe {
  const { tokens, merges } = engine.vocabulary();
  const learned = tokens.filter((t) => !(SPECIAL as readonly string[]).includes(t));
  return { tokens: learned, merges: merges.map((m) => m.split(' ') as [string, string]) };
}

/** llama.cpp and versus's own BPE split UDHR text identically, and llama.cpp's tokens decode back to the text. */
function tokenizerCheck(engine: LocalEngine, vocabulary: Bpe): Check {
  const encode = bpeEncoder(vocabulary);
  const rows = TOKENIZER_TEXTS.map((code) => {
    const text = declarationText(code);
    const a = engine.tokenize(text);
    const b = encode(text);
    return { code, tokens: a.length, same: a.length === b.length && a.every((x, i) => x === b[i]), roundTrip: engine.detokenize(a) === text };
  });
  const bad = rows.filter((r) => !r.same || !r.roundTrip);
  return {
    name: 'tokenizer', pass: bad.length === 0,
    detail: bad.length === 0
      ? `llama.cpp and versus's BPE give the same tokens on the UDHR in ${rows.map((r) => `${r.code} (${r.tokens})`).join(', ')}, and they decode back to the text`
      : `disagree on ${bad.map((r) => `${r.code}${r.same ? '' : ' (tokens)'}${r.roundTrip ? '' : ' (decoding)'}`).join(', ')}`,
  };
}

/** Every smoke task streamed at least one token, within its limit, without an error. */
function generationCheck(tasks: readonly TaskRecord[], expected: number): Check {
  const smoke = tasks.filter((t) => t.suite === 'smoke');
  const bad = smoke.filter((t) => t.error !== null || !t.completionTokens || t.completionTokens > SMOKE_TOKENS);
  return {
    name: 'generation', pass: smoke.length === expected && bad.length === 0,
    detail: bad.length === 0 && smoke.length === expected ? `${smoke.length} smoke tasks streamed 1–${SMOKE_TOKENS} tokens each` : `${bad.map((t) => `${t.task}: ${t.error ?? `${t.completionTokens} tokens`}`).join('; ') || `${smoke.length} of ${expected} tasks ran`}`,
  };
}

/**
 * The prompt tokens the server reported equal versus's own count of the ChatML prompt: BOS, then per
 * message <|im_start|>, role + "\n", content, <|im_end|>, "\n"; then <|im_start|>, "assistant\n".
 */
function promptTokensCheck(tasks: readonly TaskRecord[], encode: (t: string) => number[]): Check {
  const count = (prompt: string) => 1 + (1 + encode('user\n').length + encode(prompt).length + 1 + encode('\n').length) + 1 + encode('assistant\n').length;
  const smoke = tasks.filter((t) => t.suite === 'smoke');
  const bad = smoke.filter((t) => t.promptTokens !== count(t.prompt));
  return {
    name: 'prompt tokens', pass: smoke.length > 0 && bad.length === 0,
    detail: bad.length === 0 ? `usage.prompt_tokens matches versus's count of the ChatML prompt (${smoke.map((t) => t.promptTokens).join(', ')})` : bad.map((t) => `${t.task}: reported ${t.promptTokens}, counted ${count(t.prompt)}`).join('; '),
  };
}

/** Greedy decoding gives the same answer when asked again, directly of the engine. */
function determinismCheck(tasks: readonly TaskRecord[], again: string | undefined): Check {
  const first = tasks.find((t) => t.suite === 'smoke');
  const pass = first !== undefined && again !== undefined && first.answer === again;
  return { name: 'deterministic', pass, detail: pass ? `${first?.task} answered the same twice at temperature 0` : `${first?.task}: ${JSON.stringify(first?.answer)} then ${JSON.stringify(again)}` };
}

/** Every request has a time to first token no later than its end, and streamed answers have inter-token gaps. */
function timingCheck(tasks: readonly TaskRecord[]): Check {
  const bad = tasks.filter((t) => t.ttftMs === null || t.totalMs === null || t.ttftMs < 0 || t.totalMs < t.ttftMs || ((t.completionTokens ?? 0) > 1 && t.itlMs === null));
  return { name: 'timing', pass: bad.length === 0, detail: bad.length === 0 ? `${tasks.length} requests timed: first token, gaps, end` : `untimed: ${bad.map((t) => t.task).join(', ')}` };
}

/** Each concurrency level ran all its requests, on inputs of exactly the asked length, and measured a decode rate. */
function speedCheck(tasks: readonly TaskRecord[], engine: LocalEngine): Check {
  const speed = tasks.filter((t) => t.suite === 'speed');
  const levels = summarize(speed);
  const want = SELF_TEST_SPEED.levels.map((c) => Math.max(c, SELF_TEST_SPEED.perLevel));
  const lengths = [...new Set(speed.map((t) => engine.tokenize(t.prompt).length))];
  const pass = levels.length === want.length && levels.every((l, i) => l.tasks === want[i] && l.errors === 0 && (l.tokens_per_s_p50 ?? 0) > 0)
    && lengths.length === 1 && lengths[0] === SELF_TEST_SPEED.inputTokens;
  return {
    name: 'speed', pass,
    detail: `${levels.map((l) => `concurrency ${l.concurrency}: ${l.tasks - l.errors}/${l.tasks} requests`).join(', ')}; inputs of ${lengths.join(', ')} tokens (asked ${SELF_TEST_SPEED.inputTokens})`,
  };
}
