// versus eval: the streaming client against a local OpenAI-compatible server, graders on hand-checked answers, suites, runs.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chat, splitThinking } from '../../../src/measure/eval/client.js';
import { grade } from '../../../src/measure/eval/graders.js';
import { math, loadSuiteFile } from '../../../src/measure/eval/suites.js';
import { RunStore } from '../../../src/measure/eval/store.js';
import { percentile } from '../../../src/measure/eval/summary.js';
import { run } from '../../helpers.js';
import { startFake } from './fake-server.js';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});
async function fake(o: Parameters<typeof startFake>[0] = {}) {
  const f = await startFake(o);
  closers.push(() => f.server.close());
  return f;
}
const noSleep = async () => {};

describe('the chat client', () => {
  it('streams an answer, keeps <think> apart, reads usage from the last chunk and the served model', async () => {
    const { url } = await fake();
    const r = await chat({ url, model: 'asked' }, { messages: [{ role: 'user', content: 'What is 17 + 25?' }] });
    expect(r.content).toBe('42');
    expect(r.reasoning).toBe('17 + 25 = 42');
    expect(r.servedModel).toBe('tiny-served');
    // The server streams "<think>17 ", "+ ", "25 ", "= ", "42</think>42": five pieces, four gaps.
    expect(r.completionTokens).toBe(5);
    expect(r.ttftMs).toBeGreaterThanOrEqual(0);
    expect(r.interTokenMs).toHaveLength(4);
    expect(r.totalMs).toBeGreaterThanOrEqual(r.ttftMs);
  });

  it('retries a 429 and a dropped stream, then answers', async () => {
    const busy = await fake({ tooMany: 2 });
    expect((await chat({ url: busy.url, model: 'm' }, { messages: [{ role: 'user', content: 'pong' }] }, { sleep: noSleep })).attempts).toBe(3);
    const flaky = await fake({ drop: 1 });
    const r = await chat({ url: flaky.url, model: 'm' }, { messages: [{ role: 'user', content: 'Reply pong' }] }, { sleep: noSleep });
    expect([r.content, r.attempts]).toEqual(['pong', 2]);
  });

  it('gives up after the retries with a clear error', async () => {
    const busy = await fake({ tooMany: 10 });
    await expect(chat({ url: busy.url, model: 'm', retries: 2 }, { messages: [{ role: 'user', content: 'x' }] }, { sleep: noSleep })).rejects.toThrow(/HTTP 429/);
    expect(busy.requests()).toBe(3);
  });

  it('splits an unclosed think block opened by the template', () => {
    expect(splitThinking('reasoning here</think>\n\nThe answer')).toEqual({ thinking: 'reasoning here', answer: 'The answer' });
  });
});

describe('graders on hand-checked answers', () => {
  it('numeric reads the last number, with thousands separators', () => {
    expect(grade({ kind: 'numeric', expected: 1234 }, 'First 12, then the total is 1,234.').pass).toBe(true);
    expect(grade({ kind: 'numeric', expected: 7 }, 'seven').pass).toBe(false);
  });
  it('json-schema accepts fenced JSON and reports what is wrong', () => {
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'integer', const: 3 } } } as const;
    expect(grade({ kind: 'json-schema', schema }, '```json\n{"a": 3}\n```').pass).toBe(true);
    expect(grade({ kind: 'json-schema', schema }, '{"a": 4}').detail).toBe('$.a is 4, expected 3');
    expect(grade({ kind: 'json-schema', schema }, '{}').detail).toBe('$.a is missing');
  });
  it('script checks the writing system: Devanagari, Japanese', () => {
    expect(grade({ kind: 'script', script: 'Deva' }, 'एक सप्ताह में 7 दिन होते हैं।').pass).toBe(true);
    expect(grade({ kind: 'script', script: 'Jpan' }, '一週間は7日です。').pass).toBe(true);
    expect(grade({ kind: 'script', script: 'Deva' }, 'A week has 7 days.').detail).toBe('written in Latn, expected Deva');
  });
  it('exact, contains and regex', () => {
    expect(grade({ kind: 'exact', expected: 'Paris' }, ' paris ').pass).toBe(true);
    expect(grade({ kind: 'contains', expected: ['Paris', 'France'] }, 'Paris').detail).toBe('missing "France"');
    expect(grade({ kind: 'regex', pattern: '^\\W*pong\\W*$', flags: 'i' }, 'Pong!').pass).toBe(true);
  });
});

describe('suites', () => {
  it('math is generated from the seed, with exact answers', () => {
    const [a, b] = [math(7).tasks, math(7).tasks];
    expect(a).toEqual(b);
    expect(math(8).tasks[0]?.prompt).not.toBe(a[0]?.prompt);
    const t = a[0];
    const m = /\((\d+) × (\d+)\) \+ (\d+) − (\d+)/.exec(t?.prompt ?? '');
    expect(t?.graders[0]).toEqual({ kind: 'numeric', expected: Number(m?.[1]) * Number(m?.[2]) + Number(m?.[3]) - Number(m?.[4]) });
  });

  it('a user suite file: YAML and JSONL, errors name the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'versus-suite-'));
    const yaml = join(dir, 'mine.yaml');
    writeFileSync(yaml, 'suite: mine\ntasks:\n  - id: t1\n    prompt: Say hi\n    graders: [{ kind: contains, expected: hi }]\n');
    expect(loadSuiteFile(yaml).tasks[0]?.id).toBe('t1');
    const jsonl = join(dir, 'bad.jsonl');
    writeFileSync(jsonl, '{"id":"a","prompt":"x","graders":[{"kind":"exact","expected":"y"}]}\n{"id":"b","prompt":"x","graders":[{"kind":"nope"}]}\n');
    expect(() => loadSuiteFile(jsonl)).toThrow(/bad\.jsonl:2: graders\.0/);
  });
});

describe('versus eval (CLI) against the local server', () => {
  it('runs smoke, math, json and multilingual, stores every task and reports pass rates and latency', async () => {
    const { url } = await fake({ wrong: ['spider'] });
    const db = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');
    const r = await run(['eval', '--endpoint', url, '--model', 'asked', '--suite', 'smoke,math,json,multilingual', '--languages', 'hi,ja', '--db', db, '--json']);
    expect(r.stderr).toContain(`run 1 in ${db}`);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { runs: { servedModel: string; summary: { suite: string; tasks: number; passed: number; ttft_ms: { p50: number | null } }[]; results: { task: string; reasoning: string }[] }[] };
    const [one] = body.runs;
    expect(one?.servedModel).toBe('tiny-served');
    const by = Object.fromEntries((one?.summary ?? []).map((s) => [s.suite, [s.passed, s.tasks]]));
    // The server answers everything right except the two spider questions.
    expect(by).toEqual({ smoke: [3, 3], math: [20, 20], json: [3, 3], multilingual: [2, 4] });
    expect(one?.summary.every((s) => s.ttft_ms.p50 !== null)).toBe(true);
    expect(one?.results.find((x) => x.task === 'smoke-add')?.reasoning).toBe('17 + 25 = 42');
    const report = await run(['eval', 'report', '1', '--db', db]);
    expect(report.stdout).toContain('| multilingual | 4 | 2/4 |');
  });

  it('the speed suite measures each concurrency level', async () => {
    const { url } = await fake();
    const db = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');
    const r = await run(['eval', '--endpoint', url, '--model', 'm', '--suite', 'speed', '--concurrency', '1,2', '--requests', '3', '--input', '50', '--output', '8', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const summary = (JSON.parse(r.stdout) as { runs: { summary: { suite: string; concurrency: number; tasks: number; tokens_per_s_p50: number | null }[] }[] }).runs[0]?.summary ?? [];
    expect(summary.map((s) => [s.suite, s.concurrency, s.tasks])).toEqual([['speed', 1, 3], ['speed', 2, 3]]);
    expect(summary.every((s) => (s.tokens_per_s_p50 ?? 0) > 0)).toBe(true);
  });

  it('bad input is a usage error: no endpoint, an unknown suite, a missing run', async () => {
    expect((await run(['eval', '--suite', 'smoke'])).code).toBe(2);
    const { url } = await fake();
    expect((await run(['eval', '--endpoint', url, '--model', 'm', '--suite', 'smok', '--db', join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'r.db')])).stderr).toContain('Unknown suite "smok"');
    const empty = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'r.db');
    new RunStore(empty).close(); // a results database with no runs
    expect((await run(['eval', 'report', '9', '--db', empty])).stderr).toContain('No run 9');
    // A report reads: a database that does not exist is an error, and is not created.
    const none = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'none.db');
    expect((await run(['eval', 'report', '--db', none])).stderr).toContain(`No results database ${none}`);
    expect(existsSync(none)).toBe(false);
  });
});

describe('percentiles', () => {
  it('nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('the README', () => {
  it('documents a suite file that loads, with one example per grader', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('../../../src/paths.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const yaml = /## Your own eval suites[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const file = join(mkdtempSync(join(tmpdir(), 'versus-suite-')), 'readme.yaml');
    writeFileSync(file, yaml);
    const kinds = new Set(loadSuiteFile(file).tasks.flatMap((t) => t.graders.map((g) => g.kind)));
    expect([...kinds].sort()).toEqual(['contains', 'exact', 'json-schema', 'numeric', 'regex', 'script', 'tool-call']);
  });
});

describe('measured speed in versus cost', () => {
  it('self-hosting uses the output tokens/s a speed run measured, and says where it came from', async () => {
    const { url } = await fake();
    const db = join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');
    expect((await run(['eval', '--endpoint', url, '--model', 'm', '--suite', 'speed', '--concurrency', '1,3', '--requests', '3', '--input', '20', '--output', '8', '--db', db])).code).toBe(0);
    const report = JSON.parse((await run(['eval', 'report', '1', '--db', db, '--json'])).stdout) as { runs: { results: { concurrency: number; completionTokens: number; totalMs: number; ttftMs: number }[] }[] };
    // By hand from the stored records: 3 × the median per-request rate at the highest level (3).
    const rates = (report.runs[0]?.results ?? []).filter((r) => r.concurrency === 3).map((r) => r.completionTokens / ((r.totalMs - r.ttftMs) / 1000)).sort((a, b) => a - b);
    const expected = 3 * (rates[1] ?? NaN);
    const cost = await run(['cost', 'qwen3.5-27b', '--gpu', 'h100', '--runs', db, '--json']);
    expect(cost.code).toBe(0);
    const self = (JSON.parse(cost.stdout) as { models: { languages: { self_hosted: { decode_tokens_per_s: number; decode_basis: { kind: string; label: string } } }[] }[] }).models[0]?.languages[0]?.self_hosted;
    expect(self?.decode_basis.kind).toBe('measured');
    expect(self?.decode_basis.label).toContain(`measured on ${url}`);
    expect(self?.decode_tokens_per_s).toBeCloseTo(expected, 6);
    expect((await run(['cost', 'qwen3.5-27b', '--runs', db])).stderr).toContain('give --gpu');
  });
});
