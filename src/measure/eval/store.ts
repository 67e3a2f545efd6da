// Eval runs in SQLite: every run's metadata and every prompt, answer, grade and timing, kept as each task finishes.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { VersusError } from '../../errors.js';
import { openDatabase, openExisting } from '../sqlite.js';

export interface RunMeta {
  readonly endpoint: string;
  readonly requestedModel: string;
  /** What /v1/models or the responses said was served. */
  readonly servedModel?: string;
  readonly suites: readonly string[];
  readonly settings: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly started: string;
  readonly versusVersion: string;
}

export interface TaskRecord {
  readonly suite: string;
  readonly task: string;
  readonly prompt: string;
  readonly answer: string;
  readonly reasoning: string;
  readonly pass: boolean;
  readonly detail: string;
  readonly ttftMs: number | null;
  readonly totalMs: number | null;
  readonly promptTokens: number | null;
  readonly completionTokens: number | null;
  /** Median gap between streamed chunks. */
  readonly itlMs: number | null;
  readonly concurrency: number;
  readonly error: string | null;
  /** The tool calls the model made, in order, with what each was given back (null: the last turn's calls, not answered). */
  readonly toolCalls: readonly ToolExchange[];
}

export interface ToolExchange {
  readonly name: string;
  /** The arguments as the model wrote them (JSON text, unchecked). */
  readonly arguments: string;
  readonly result: unknown;
}

export interface StoredRun extends RunMeta {
  readonly id: number;
  readonly finished: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS run (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT,
  endpoint TEXT NOT NULL, requested_model TEXT NOT NULL, served_model TEXT,
  suites TEXT NOT NULL, settings TEXT NOT NULL, seed INTEGER NOT NULL, versus_version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS result (
  run_id INTEGER NOT NULL REFERENCES run(id), suite TEXT NOT NULL, task TEXT NOT NULL, concurrency INTEGER NOT NULL,
  prompt TEXT NOT NULL, answer TEXT NOT NULL, reasoning TEXT NOT NULL, pass INTEGER NOT NULL, detail TEXT NOT NULL,
  ttft_ms REAL, total_ms REAL, itl_ms REAL, prompt_tokens INTEGER, completion_tokens INTEGER, error TEXT, tool_calls TEXT);`;

/** One results database file, created on first use (or, to read runs, opened read only). */
export class RunStore {
  private readonly db: Database.Database;

  /** `read`: an existing file, read only, as reports and pages need; nothing is created or migrated. */
  constructor(readonly path: string, access: 'write' | 'read' = 'write') {
    if (access === 'read') {
      this.db = openExisting(path, { code: 'E_RUNS', what: 'results database' });
      try {
        this.db.prepare('SELECT id FROM run LIMIT 1').all();
        this.db.prepare('SELECT run_id FROM result LIMIT 1').all();
      } catch (error) {
        this.db.close();
        throw new VersusError('E_RUNS', `${path} is not a versus results database (${(error as Error).message}).`, 2, { cause: error });
      }
      return;
    }
    this.db = openDatabase(path, SCHEMA, { code: 'E_RUNS', what: 'results database', flag: '--db' });
    // Files written before tool calls were recorded lack the column.
    const columns = this.db.prepare('PRAGMA table_info(result)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'tool_calls')) this.db.exec('ALTER TABLE result ADD COLUMN tool_calls TEXT');
  }

  /** Starts a run and returns its id. */
  begin(meta: RunMeta): number {
    const r = this.db.prepare('INSERT INTO run (started, endpoint, requested_model, served_model, suites, settings, seed, versus_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(meta.started, meta.endpoint, meta.requestedModel, meta.servedModel ?? null, JSON.stringify(meta.suites), JSON.stringify(meta.settings), meta.seed, meta.versusVersion);
    return Number(r.lastInsertRowid);
  }

  add(run: number, t: TaskRecord): void {
    this.db.prepare(`INSERT INTO result (run_id, suite, task, concurrency, prompt, answer, reasoning, pass, detail, ttft_ms, total_ms, itl_ms, prompt_tokens, completion_tokens, error, tool_calls)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(run, t.suite, t.task, t.concurrency, t.prompt, t.answer, t.reasoning, t.pass ? 1 : 0, t.detail, t.ttftMs, t.totalMs, t.itlMs, t.promptTokens, t.completionTokens, t.error, t.toolCalls.length ? JSON.stringify(t.toolCalls) : null);
  }

  finish(run: number, servedModel: string | undefined, at: string): void {
    this.db.prepare('UPDATE run SET finished = ?, served_model = COALESCE(served_model, ?) WHERE id = ?').run(at, servedModel ?? null, run);
  }

  runs(ids: readonly number[] = []): StoredRun[] {
    const rows = this.db.prepare('SELECT * FROM run ORDER BY id').all() as Record<string, unknown>[];
    return rows.filter((r) => ids.length === 0 || ids.includes(Number(r.id))).map((r) => ({
      id: Number(r.id), started: String(r.started), finished: r.finished === null ? null : String(r.finished),
      endpoint: String(r.endpoint), requestedModel: String(r.requested_model), ...(r.served_model ? { servedModel: String(r.served_model) } : {}),
      suites: JSON.parse(String(r.suites)) as string[], settings: JSON.parse(String(r.settings)) as Record<string, unknown>,
      seed: Number(r.seed), versusVersion: String(r.versus_version),
    }));
  }

  results(run: number): TaskRecord[] {
    return (this.db.prepare('SELECT * FROM result WHERE run_id = ? ORDER BY rowid').all(run) as Record<string, unknown>[]).map((r) => ({
      suite: String(r.suite), task: String(r.task), concurrency: Number(r.concurrency), prompt: String(r.prompt), answer: String(r.answer),
      reasoning: String(r.reasoning), pass: r.pass === 1, detail: String(r.detail),
      ttftMs: r.ttft_ms as number | null, totalMs: r.total_ms as number | null, itlMs: r.itl_ms as number | null,
      promptTokens: r.prompt_tokens as number | null, completionTokens: r.completion_tokens as number | null, error: r.error as string | null,
      toolCalls: typeof r.tool_calls === 'string' ? (JSON.parse(r.tool_calls) as ToolExchange[]) : [],
    }));
  }

  close(): void {
    this.db.close();
  }
}

/** A run with its records, as read from a results database. */
export interface LoadedRun {
  readonly run: StoredRun;
  readonly results: readonly TaskRecord[];
}

/**
 * Every run in an existing results database (a missing file is an error, never created).
 * @example readRuns('versus-runs.db').map((r) => r.run.id)
 * @throws VersusError E_RUNS when the file does not exist or is not a results database
 */
export function readRuns(path: string): LoadedRun[] {
  if (!existsSync(path)) throw new VersusError('E_RUNS', `No results database ${path}. Create one with "versus eval --endpoint URL --model M --db ${path}".`, 2);
  const store = new RunStore(path, 'read');
  try {
    return store.runs().map((run) => ({ run, results: store.results(run.id) }));
  } catch (error) {
    throw new VersusError('E_RUNS', `${path} is not a versus results database (${(error as Error).message}).`, 2, { cause: error });
  } finally {
    store.close();
  }
}
