// Runs suites against an endpoint with bounded concurrency; each finished task is stored at once, so a stop keeps it.
import { chat, type ChatMessage, type ChatResult, type Endpoint, type ToolCall } from './client.js';
import { grade } from './graders.js';
import { fitText, type InputSizer } from './sizing.js';
import type { RunStore, TaskRecord, ToolExchange } from './store.js';
import type { EvalTask, Suite } from './suites.js';

/** What a run reports while it works; a reporter draws progress from these. */
export type EvalEvent =
  | { readonly type: 'task'; readonly done: number; readonly total: number; readonly record: TaskRecord }
  | { readonly type: 'level'; readonly concurrency: number };

export interface RunOptions {
  readonly endpoint: Endpoint;
  readonly concurrency: number;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: EvalEvent) => void;
}

/** Runs `items` with at most `limit` in flight, in order of start. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/** The median of some numbers, or null. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** A task's answer after every turn: the last answer, with each tool call the model made and what it was given back. */
interface Answer extends ChatResult {
  readonly exchanges: readonly ToolExchange[];
}

/** Most rounds of tool calls a task may take before its answer is judged as it stands. */
const MAX_TOOL_ROUNDS = 4;

/** What a tool returns to a call: the task's result for it, or an error the model can read. */
function toolResult(task: EvalTask, call: ToolCall): unknown {
  const results = task.tool_results ?? {};
  return Object.hasOwn(results, call.name) ? results[call.name] : { error: `no tool named ${call.name}` };
}

/**
 * Asks the task; while the model calls tools and the task has results for them, feeds the results back and asks
 * again. Timings: TTFT of the first turn, total and tokens over all turns.
 */
async function ask(task: EvalTask, o: RunOptions): Promise<Answer> {
  const messages: ChatMessage[] = [...(task.system ? [{ role: 'system' as const, content: task.system }] : []), { role: 'user', content: task.prompt }];
  const exchanges: ToolExchange[] = [];
  let first: ChatResult | undefined;
  let last: ChatResult;
  let [totalMs, completion, prompt] = [0, 0, 0];
  for (let round = 0; ; round++) {
    last = await chat(o.endpoint, {
      messages, ...(task.max_tokens !== undefined ? { maxTokens: task.max_tokens } : {}), seed: o.seed,
      ...(task.json ? { json: true } : {}), ...(task.tools ? { tools: task.tools } : {}),
    }, o.signal ? { signal: o.signal } : {});
    first ??= last;
    totalMs += last.totalMs;
    completion += last.completionTokens ?? 0;
    prompt = last.promptTokens ?? prompt;
    if (last.toolCalls.length === 0 || !task.tool_results || round + 1 >= MAX_TOOL_ROUNDS) break;
    messages.push({ role: 'assistant', content: last.content, toolCalls: last.toolCalls });
    for (const call of last.toolCalls) {
      const result = toolResult(task, call);
      exchanges.push({ name: call.name, arguments: call.arguments, result });
      messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(result) });
    }
  }
  for (const call of last.toolCalls) exchanges.push({ name: call.name, arguments: call.arguments, result: null });
  return {
    ...last, ttftMs: first.ttftMs, interTokenMs: first.interTokenMs, totalMs, exchanges,
    ...(last.completionTokens !== undefined ? { completionTokens: completion } : {}), ...(last.promptTokens !== undefined ? { promptTokens: prompt } : {}),
  };
}

/** A task's record from its answer (or from the error that stopped it). */
function record(suite: string, task: EvalTask, concurrency: number, r: Answer | Error): TaskRecord {
  const base = { suite, task: task.id, prompt: task.prompt, concurrency };
  if (r instanceof Error) {
    return { ...base, answer: '', reasoning: '', pass: false, detail: 'no answer', ttftMs: null, totalMs: null, promptTokens: null, completionTokens: null, itlMs: null, error: r.message, toolCalls: [] };
  }
  const use = { calls: r.exchanges.map((e, i) => ({ id: String(i), name: e.name, arguments: e.arguments })), tools: task.tools ?? [] };
  const grades = task.graders.map((g) => grade(g, r.content, use));
  const failed = grades.filter((g) => !g.pass);
  return {
    ...base, answer: r.content, reasoning: r.reasoning, pass: failed.length === 0,
    detail: (failed.length ? failed : grades).map((g) => g.detail).join('; '),
    ttftMs: r.ttftMs, totalMs: r.totalMs, promptTokens: r.promptTokens ?? null, completionTokens: r.completionTokens ?? null,
    itlMs: median(r.interTokenMs), error: null, toolCalls: r.exchanges,
  };
}

/**
 * Runs every task of every suite, storing each record as it finishes. Returns the served model id the
 * responses named, if any.
 * @example await runSuites(store, runId, [builtIn('smoke', { seed: 1, languages: [] })], { endpoint, concurrency: 4, seed: 1 })
 */
export async function runSuites(store: RunStore, run: number, suites: readonly Suite[], o: RunOptions): Promise<string | undefined> {
  const work = suites.flatMap((s) => s.tasks.map((t) => ({ suite: s.id, task: t })));
  let done = 0;
  let served: string | undefined;
  await pool(work, o.concurrency, async ({ suite, task }) => {
    let result: Answer | Error;
    try {
      result = await ask(task, o);
      served ??= result.servedModel;
    } catch (error) {
      if (o.signal?.aborted) return;
      result = error instanceof Error ? error : new Error(String(error));
    }
    const r = record(suite, task, o.concurrency, result);
    store.add(run, r);
    o.onEvent?.({ type: 'task', done: ++done, total: work.length, record: r });
  }, o.signal);
  return served;
}

/** A prompt of `words` filler words, distinct per request so no prefix cache serves it. */
export function filler(words: number, n: number, pad = ''): string {
  const vocabulary = ['river', 'stone', 'market', 'lantern', 'orbit', 'copper', 'meadow', 'signal', 'harbor', 'violet', 'engine', 'quartz'];
  const out = [`Request ${n}.`];
  for (let i = 0; i < words; i++) out.push(vocabulary[(i * 7 + n * 13) % vocabulary.length] ?? 'word');
  return `${out.join(' ')}${pad}\n\nSummarise the words above in one long paragraph.`;
}

/**
 * Speed prompts: `count` distinct filler prompts of `tokens` tokens each (the whole user message), sized with `sizer`.
 * @example speedPrompts(2, 1024, sizer).map((p) => sizer.count(p)) // [1024, 1024] with an exact tokenizer
 */
export function speedPrompts(count: number, tokens: number, sizer: InputSizer): string[] {
  return Array.from({ length: count }, (_, i) => fitText((w, pad) => filler(w, i, pad), tokens, sizer, tokens * 4).text);
}

/**
 * The speed suite: at each concurrency, `perLevel` streamed requests (at least the level) with an input of
 * `inputTokens` tokens (sized with `sizer`) and `outputTokens` output tokens; TTFT, inter-token latency,
 * end-to-end latency and tokens/s.
 */
export async function runSpeed(store: RunStore, run: number, o: RunOptions & { levels: readonly number[]; inputTokens: number; sizer: InputSizer; outputTokens: number; perLevel: number }): Promise<string | undefined> {
  let served: string | undefined;
  const prompts = speedPrompts(Math.max(o.perLevel, ...o.levels), o.inputTokens, o.sizer);
  for (const level of o.levels) {
    if (o.signal?.aborted) break;
    o.onEvent?.({ type: 'level', concurrency: level });
    const tasks: EvalTask[] = Array.from({ length: Math.max(level, o.perLevel) }, (_, i) => ({
      id: `speed-c${level}-${i + 1}`, prompt: prompts[i] ?? '', graders: [{ kind: 'regex', pattern: '\\S' }], max_tokens: o.outputTokens,
    }));
    served = (await runSuites(store, run, [{ id: 'speed', description: 'speed', tasks }], { ...o, concurrency: level })) ?? served;
  }
  return served;
}
