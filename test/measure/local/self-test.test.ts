// versus eval --self-test from the built CLI: a fresh cache, no network, the tiny model through the real engine.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/paths.js';
import { run } from '../../helpers.js';

interface Pcts { p50: number | null; p95: number | null; p99: number | null }
interface Report {
  ok: boolean;
  model: { sha256: string; engine: string; generated: boolean; vocabulary: number };
  run: number;
  checks: { name: string; pass: boolean; detail: string }[];
  tasks: { suite: string; task: string; concurrency: number; graded_pass: boolean; answer: string; ttft_ms: number; latency_ms: number; tokens_per_s: number | null; completion_tokens: number }[];
  smoke: { tasks: number; ttft_ms: Pcts; latency_ms: Pcts; tokens_per_s: Pcts };
  speed: { concurrency: number; requests: number; ttft_ms: Pcts; latency_ms: Pcts; tokens_per_s: Pcts; output_tokens: number }[];
}

/** Nearest-rank percentile, written out again here so the test does not trust the code it checks. */
const nearest = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];

describe('versus eval --self-test (built CLI)', () => {
  it('passes with no network on a fresh cache and prints per-task results with TTFT, tokens/s and latency percentiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-self-test-'));
    const db = join(dir, 'runs.db');
    const env = { ...process.env, VERSUS_CACHE_DIR: join(dir, 'cache') };
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'versus.cjs'), 'eval', '--self-test', '--json', '--db', db], { env, cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    const r = JSON.parse(stdout) as Report;
    expect(r.checks.filter((c) => !c.pass)).toEqual([]);
    expect(r.checks.map((c) => c.name)).toEqual(['tokenizer', 'generation', 'prompt tokens', 'deterministic', 'timing', 'speed']);
    expect(r.ok).toBe(true);
    expect(r.model.generated).toBe(true);
    expect(r.model.engine).toBe('node-llama-cpp 3.21.1');
    expect(r.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const smoke = r.tasks.filter((t) => t.suite === 'smoke');
    expect(smoke.map((t) => t.task)).toEqual(['smoke-echo', 'smoke-add', 'smoke-capital']);
    for (const t of r.tasks) {
      expect(t.ttft_ms).toBeGreaterThanOrEqual(0);
      expect(t.latency_ms).toBeGreaterThanOrEqual(t.ttft_ms);
    }
    // The smoke percentiles are those of the per-task latencies above.
    const lat = smoke.map((t) => t.latency_ms);
    expect(r.smoke.latency_ms).toEqual({ p50: nearest(lat, 50), p95: nearest(lat, 95), p99: nearest(lat, 99) });
    // The speed curve: concurrency 1, 2, 4, four requests each, all of them measured.
    expect(r.speed.map((l) => [l.concurrency, l.requests])).toEqual([[1, 4], [2, 4], [4, 4]]);
    for (const l of r.speed) {
      const mine = r.tasks.filter((t) => t.suite === 'speed' && t.concurrency === l.concurrency);
      expect(l.output_tokens).toBe(mine.reduce((a, t) => a + t.completion_tokens, 0));
      expect(l.ttft_ms.p99).toBe(Math.max(...mine.map((t) => t.ttft_ms)));
      expect(l.tokens_per_s.p50).toBeGreaterThan(0);
    }
    // Stored like any run: the report reads the same answers back.
    const stored = JSON.parse((await run(['eval', 'report', String(r.run), '--db', db, '--json'])).stdout) as { runs: { endpoint: string; reproduce: string; settings: { local: { engine: string; sha256: string } }; results: { task: string; answer: string }[] }[] };
    const one = stored.runs[0];
    expect(one?.settings.local).toMatchObject({ engine: 'node-llama-cpp 3.21.1', sha256: r.model.sha256 });
    expect(one?.reproduce).toBe('versus eval --self-test');
    expect(one?.endpoint).toMatch(/^file:\/\/.*versus-tiny-[0-9a-f]+\.gguf$/);
    expect(one?.results.map((x) => [x.task, x.answer])).toEqual(r.tasks.map((t) => [t.task, t.answer]));
  }, 180_000);
});
