// Counting a visitor's text off the request path: one worker thread per tokenizer, loaded once, a bounded
// queue, a bounded number running at once and a time budget per count; the event loop never tokenizes.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BusyError, UsageError, VersusError } from '../../errors.js';
import { ROOT } from '../../paths.js';
import type { TokenizerFiles } from '../tokenizers/files.js';
import type { CountReply, CountWorkerData } from './count-worker.js';

export interface PoolOptions {
  /** Tokenizer ids (registry ids) to count with, in the order results are returned. */
  readonly tokenizers: readonly string[];
  /** Where the tokenizer files are: a user's folder, or the download cache (`origin`), and their compact forms. */
  readonly tokenizerDir: string | undefined;
  readonly origin?: TokenizerFiles['origin'];
  readonly compactDir?: string;
  /** Counts running at once (default: cores − 1, at least 1), so one core stays free for the server. */
  readonly concurrency?: number;
  /** Texts accepted at once, running or waiting (default 8); more are refused with BusyError. */
  readonly maxTexts?: number;
  /** Milliseconds one tokenizer may spend on one text (default 10 s); a worker over it is stopped and replaced. */
  readonly budgetMs?: number;
}

interface Job {
  readonly tokenizer: string;
  readonly text: string;
  resolve(tokens: number): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Why the worker stopped, once it has. */
  failed?: Error;
  job?: Job & { id: number; timer?: NodeJS.Timeout };
}

/** dist/measure/tokens/count-worker.js, also when this module runs from src/ (tests), after `npm run build`. */
function workerScript(): string {
  const beside = fileURLToPath(new URL('./count-worker.js', import.meta.url));
  return existsSync(beside) ? beside : join(ROOT, 'dist', 'measure', 'tokens', 'count-worker.js');
}

/**
 * Token counts of texts under several tokenizers, computed on worker threads.
 * @example const pool = new CountPool({ tokenizers: ['qwen2'], tokenizerDir: undefined }); await pool.count('Namaste') // [{ tokenizer: 'qwen2', tokens: 3 }]
 */
export class CountPool {
  private readonly slots = new Map<string, Slot>();
  private readonly queue: Job[] = [];
  private running = 0;
  private texts = 0;
  private nextId = 0;
  private readonly concurrency: number;
  private readonly maxTexts: number;
  private readonly budgetMs: number;

  constructor(private readonly options: PoolOptions) {
    this.concurrency = options.concurrency ?? Math.max(1, availableParallelism() - 1);
    this.maxTexts = options.maxTexts ?? 8;
    this.budgetMs = options.budgetMs ?? 10_000;
  }

  /**
   * Counts `text` under every tokenizer (or those of `only`, in its order).
   * @throws BusyError when `maxTexts` texts are already in hand, or a count ran over its budget
   */
  async count(text: string, only: readonly string[] = this.options.tokenizers): Promise<{ tokenizer: string; tokens: number }[]> {
    if (this.texts >= this.maxTexts) throw new BusyError(`The tokenizers are busy with ${this.texts} other texts; try again in a few seconds.`);
    this.texts++;
    try {
      const counts = await Promise.allSettled(only.map((tokenizer) => new Promise<number>((resolve, reject) => {
        this.queue.push({ tokenizer, text, resolve, reject });
        this.pump();
      })));
      const failed = counts.find((c) => c.status === 'rejected');
      if (failed) throw failed.reason;
      return counts.map((c, i) => ({ tokenizer: only[i] ?? '', tokens: (c as PromiseFulfilledResult<number>).value }));
    } finally {
      this.texts--;
    }
  }

  /** Stops every worker; pending counts are rejected. */
  async close(): Promise<void> {
    const slots = [...this.slots.values()];
    this.slots.clear();
    for (const job of this.queue.splice(0)) job.reject(new BusyError('The server is stopping.'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** Starts waiting jobs while fewer than `concurrency` run, each on its tokenizer's worker when that one is free. */
  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.concurrency; i++) {
      const job = this.queue[i]!;
      const slot = this.slot(job.tokenizer);
      if (slot.job) continue;
      this.queue.splice(i--, 1);
      if (slot.failed) {
        job.reject(slot.failed);
        continue;
      }
      this.running++;
      slot.job = { ...job, id: this.nextId++ };
      if (slot.ready) this.send(slot);
    }
  }

  private send(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    job.timer = setTimeout(() => {
      this.stop(slot, job.tokenizer); // first, so the next job for this tokenizer gets a fresh worker
      this.finish(slot, new BusyError(`Counting this text took longer than ${this.budgetMs / 1000} s; send a shorter text.`));
    }, this.budgetMs);
    slot.worker.postMessage({ id: job.id, text: job.text });
  }

  /** Settles the slot's job (with a count, or an error) and frees its place. */
  private finish(slot: Slot, result: number | Error): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    this.running--;
    if (typeof result === 'number') job.resolve(result);
    else job.reject(result);
    this.pump();
  }

  /** Ends a worker; the next text for its tokenizer starts a fresh one (which loads the tokenizer again). */
  private stop(slot: Slot, tokenizer: string): void {
    if (this.slots.get(tokenizer) === slot) this.slots.delete(tokenizer);
    void slot.worker.terminate();
  }

  private slot(tokenizer: string): Slot {
    const have = this.slots.get(tokenizer);
    if (have) return have;
    // A small young generation: four workers with 64 MB each held about 200 MB more for little speed.
    const workerData: CountWorkerData = { tokenizer, dir: this.options.tokenizerDir, origin: this.options.origin ?? 'folder', compact: this.options.compactDir };
    const worker = new Worker(workerScript(), { workerData, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker, ready: false };
    worker.on('message', (m: CountReply) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.send(slot);
      } else if (m.type === 'count' && slot.job?.id === m.id) {
        this.finish(slot, m.tokens);
      } else if (m.type === 'uncountable' && slot.job?.id === m.id) {
        this.finish(slot, new UsageError(`The ${tokenizer} tokenizer cannot count this text: ${m.message}`));
      } else if (m.type === 'error') {
        slot.failed = new VersusError('E_TOKENIZER', `The ${tokenizer} tokenizer did not load: ${m.message}`);
        this.finish(slot, slot.failed);
      }
    });
    worker.on('error', (e) => {
      this.stop(slot, tokenizer);
      this.finish(slot, new VersusError('E_TOKENIZER', `The ${tokenizer} tokenizer stopped: ${e.message}`));
    });
    this.slots.set(tokenizer, slot);
    return slot;
  }
}
