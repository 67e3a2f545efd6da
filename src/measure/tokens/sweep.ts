// The sweep engine: languages × tokenizers counted on worker threads, reported as events (no drawing here).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VersusError } from '../../errors.js';
import { ROOT } from '../../paths.js';
import type { Fidelity } from '../tokenizers/types.js';
import { TaskRunner, type Task, type TaskMessage } from './task.js';

export interface SweepOptions {
  /** Language code → text. */
  readonly texts: ReadonlyMap<string, string>;
  /** Tokenizer id → the language codes to count under it. */
  readonly jobs: ReadonlyMap<string, readonly string[]>;
  readonly tokenizerDir: string | undefined;
  /** Worker threads; 0 runs everything on the calling thread. */
  readonly threads: number;
  readonly events?: SweepEvents;
}

export interface SweepEvents {
  loaded?(e: { tokenizer: string; implementation: string; fidelity: Fidelity }): void;
  /** After every counted text: (tokenizer, language) pairs done so far, of `total`. */
  progress?(e: { done: number; total: number; tokenizer: string; code: string }): void;
}

export interface SweepResult {
  /** tokenizer id → language code → tokens. */
  readonly counts: Map<string, Map<string, number>>;
  readonly tokenizers: Map<string, { implementation: string; fidelity: Fidelity }>;
}

/** One worker (or the in-process runner): send a task, get messages until `done`. */
interface Runner {
  send(task: Task): void;
  current?: string;
  close(): Promise<unknown>;
}

/** Tasks of about an eighth of a tokenizer's languages, so both threads finish together. */
function chunk(codes: readonly string[]): string[][] {
  const size = Math.max(8, Math.ceil(codes.length / 8));
  const out: string[][] = [];
  for (let i = 0; i < codes.length; i += size) out.push(codes.slice(i, i + size));
  return out;
}

/**
 * Next task for a runner: more of the tokenizer it has loaded, else the tokenizer with the most
 * work left that no other runner is on, else the one with the most work left.
 */
function nextTask(queue: Map<string, string[][]>, runner: Runner, busy: Set<string>): Task | undefined {
  const left = [...queue.entries()].filter(([, chunks]) => chunks.length > 0).sort((a, b) => b[1].length - a[1].length);
  const pick = left.find(([id]) => id === runner.current) ?? left.find(([id]) => !busy.has(id)) ?? left[0];
  if (!pick) return undefined;
  const codes = pick[1].shift()!;
  return { tokenizer: pick[0], codes };
}

/** dist/measure/tokens/worker.js, also when this module runs from src/ (tests), after `npm run build`. */
function workerScript(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(beside) ? beside : join(ROOT, 'dist', 'measure', 'tokens', 'worker.js');
}

/**
 * Counts tokens for every (tokenizer, language) job, spread over `threads` workers.
 * @example await runSweep({ texts, jobs: new Map([['qwen2', ['eng', 'hin']]]), tokenizerDir: undefined, threads: 2 })
 */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const total = [...opts.jobs.values()].reduce((n, codes) => n + codes.length, 0);
  const result: SweepResult = { counts: new Map(), tokenizers: new Map() };
  const queue = new Map([...opts.jobs].map(([id, codes]) => [id, chunk(codes)]));
  let done = 0;
  const runners: Runner[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let active = 0;
      const busy = () => new Set(runners.map((r) => r.current).filter((t): t is string => t !== undefined));
      const dispatch = (runner: Runner) => {
        const task = nextTask(queue, runner, busy());
        if (!task) {
          runner.current = undefined;
          if (--active === 0) resolve();
          return;
        }
        runner.current = task.tokenizer;
        runner.send(task);
      };
      const onMessage = (runner: Runner, m: TaskMessage) => {
        if (m.type === 'loaded') {
          result.tokenizers.set(m.tokenizer, { implementation: m.implementation, fidelity: m.fidelity });
          opts.events?.loaded?.(m);
        } else if (m.type === 'count') {
          const counts = result.counts.get(m.tokenizer) ?? new Map<string, number>();
          result.counts.set(m.tokenizer, counts.set(m.code, m.tokens));
          opts.events?.progress?.({ done: ++done, total, tokenizer: m.tokenizer, code: m.code });
        } else if (m.type === 'done') dispatch(runner);
        else reject(new VersusError(m.code, m.message));
      };
      const count = opts.threads <= 0 ? 1 : Math.min(opts.threads, Math.max(1, queue.size * 8));
      for (let i = 0; i < count; i++) {
        const runner = opts.threads <= 0 ? inProcess(opts, onMessage) : worker(opts, onMessage, reject);
        runners.push(runner);
        active++;
      }
      if (total === 0) resolve();
      else for (const r of runners) dispatch(r);
    });
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
  return result;
}

function inProcess(opts: SweepOptions, onMessage: (r: Runner, m: TaskMessage) => void): Runner {
  const taskRunner = new TaskRunner(opts.texts, opts.tokenizerDir);
  const runner: Runner = {
    // Deferred, so a long in-process sweep does not grow the stack task after task.
    send: (task) => void setImmediate(() => void taskRunner.run(task, (m) => onMessage(runner, m))),
    close: async () => undefined,
  };
  return runner;
}

function worker(opts: SweepOptions, onMessage: (r: Runner, m: TaskMessage) => void, reject: (e: Error) => void): Runner {
  // A larger young generation than a worker's default: the JS tokenizers make many short-lived objects.
  const w = new Worker(workerScript(), { workerData: { texts: [...opts.texts], tokenizerDir: opts.tokenizerDir }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const runner: Runner = { send: (task) => w.postMessage(task), close: () => w.terminate() };
  w.on('message', (m: TaskMessage) => onMessage(runner, m));
  w.on('error', (e) => reject(new VersusError('E_INTERNAL', `sweep worker failed: ${e.message}`)));
  return runner;
}
