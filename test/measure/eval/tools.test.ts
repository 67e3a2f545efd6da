// The tools suite: tool-call grading on hand-checked answers, streamed tool calls joined by the client, the
// multi-turn loop against the local server, and tool definitions in suite files.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chat, type ToolCall } from '../../../src/measure/eval/client.js';
import { grade, type Grader } from '../../../src/measure/eval/graders.js';
import { TOOLS, tools } from '../../../src/measure/eval/suite-tools.js';
import { loadSuiteFile } from '../../../src/measure/eval/suites.js';
import { run } from '../../helpers.js';
import { startFake } from './fake-server.js';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()?.();
});

const call = (name: string, args: string): ToolCall => ({ id: 'x', name, arguments: args });
const weather: Grader = { kind: 'tool-call', name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius' } };

describe('the tool-call grader on hand-checked answers', () => {
  // Each row: what a model sent, and the verdict and reason a person reached reading it against get_weather's schema
  // (city: string, unit: "celsius" | "fahrenheit", both required, nothing else allowed).
  const rows: { calls: ToolCall[]; pass: boolean; why: string }[] = [
    { calls: [call('get_weather', '{"city": "Oslo", "unit": "celsius"}')], pass: true, why: 'called get_weather with valid arguments' },
    { calls: [call('get_weather', '{"city": " oslo ", "unit": "celsius"}')], pass: true, why: 'called get_weather with valid arguments' },
    { calls: [call('get_weather', '{"city": "Oslo"}')], pass: false, why: 'arguments.unit is missing' },
    { calls: [call('get_weather', '{"city": "Oslo", "unit": "celsius"}')].map((c) => ({ ...c, arguments: '[]' })), pass: false, why: 'arguments is array, expected object; arguments.city is missing' },
    { calls: [call('get_weather', '{"city": "Oslo", "unit": "kelvin"}')], pass: false, why: 'arguments.unit is not one of ["celsius","fahrenheit"]' },
    { calls: [call('get_weather', '{"city": "Oslo", "unit": "celsius", "days": 3}')], pass: false, why: 'arguments.days is not allowed' },
    { calls: [call('get_weather', "{'city': 'Oslo', 'unit': 'celsius'}")], pass: false, why: 'get_weather arguments are not JSON' },
    { calls: [call('get_weather', '{"city": "Bergen", "unit": "celsius"}')], pass: false, why: 'arguments.city is "Bergen", expected "Oslo"' },
    { calls: [call('lookup_order', '{"order_id": 5}')], pass: false, why: 'called lookup_order, expected get_weather' },
    { calls: [], pass: false, why: 'no tool call, expected get_weather' },
    // A first try with a missing argument, then a right one: the right one counts.
    { calls: [call('get_weather', '{"city": "Oslo"}'), call('get_weather', '{"unit": "celsius", "city": "Oslo"}')], pass: true, why: 'called get_weather with valid arguments' },
  ];
  it.each(rows.map((r, i) => [i, r] as const))('answer %i', (_i, r) => {
    const g = grade(weather, '', { calls: r.calls, tools: TOOLS });
    expect(g.pass).toBe(r.pass);
    expect(g.detail).toContain(r.why);
  });

  it('schema keywords tools use: pattern, minItems, integer, minimum; lists in any order', () => {
    const use = (name: string, args: object) => ({ calls: [call(name, JSON.stringify(args))], tools: TOOLS });
    const money: Grader = { kind: 'tool-call', name: 'convert_currency' };
    expect(grade(money, '', use('convert_currency', { amount: 10, from: 'eur', to: 'USD' })).detail).toBe('arguments.from does not match /^[A-Z]{3}$/');
    expect(grade(money, '', use('convert_currency', { amount: -1, from: 'EUR', to: 'USD' })).detail).toBe('arguments.amount is below 0');
    const event: Grader = { kind: 'tool-call', name: 'create_event', arguments: { attendees: ['Ana', 'Ravi'] } };
    expect(grade(event, '', use('create_event', { title: 'x', date: '2027-03-14', attendees: ['Ravi', 'Ana'] })).pass).toBe(true);
    expect(grade(event, '', use('create_event', { title: 'x', date: '14/03/2027', attendees: [] })).detail).toBe('arguments.date does not match /^\\d{4}-\\d{2}-\\d{2}$/; arguments.attendees has 0 items, at least 1 expected; arguments.attendees is [], expected ["Ana","Ravi"]');
    expect(grade({ kind: 'tool-call', name: 'lookup_order' }, '', use('lookup_order', { order_id: 12.5 })).detail).toBe('arguments.order_id is number, expected integer');
    expect(grade({ kind: 'tool-call', name: 'none' }, '144', { calls: [], tools: TOOLS }).pass).toBe(true);
    expect(grade({ kind: 'tool-call', name: 'none' }, '', use('lookup_order', { order_id: 1 })).detail).toBe('called lookup_order, expected no call');
  });
});

/** A server that answers every chat request with one fixed SSE body. */
async function replay(body: string): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('streamed tool calls', () => {
  it('joins two parallel calls sent in pieces by index, with the ids from their first pieces', async () => {
    // Two calls interleaved, arguments split mid-token, as OpenAI-compatible servers stream parallel calls.
    const lines = [
      { choices: [{ index: 0, delta: { role: 'assistant', content: null } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'lookup_order', arguments: '{"order' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city": "Li' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: '_id": 42}' } }] } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'ma", "unit": "celsius"}' } }] } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 90, completion_tokens: 31 } },
    ];
    const url = await replay(`${lines.map((l) => `data: ${JSON.stringify({ model: 'm', ...l })}\n\n`).join('')}data: [DONE]\n\n`);
    const r = await chat({ url, model: 'm' }, { messages: [{ role: 'user', content: 'x' }], tools: TOOLS });
    expect(r.toolCalls).toEqual([
      { id: 'call_a', name: 'get_weather', arguments: '{"city": "Lima", "unit": "celsius"}' },
      { id: 'call_b', name: 'lookup_order', arguments: '{"order_id": 42}' },
    ]);
    expect(r.content).toBe('');
    expect(r.completionTokens).toBe(31);
  });
});

describe('versus eval --suite tools against the local server', () => {
  const db = () => join(mkdtempSync(join(tmpdir(), 'versus-runs-')), 'runs.db');
  type Report = { runs: { summary: { suite: string; passed: number; tasks: number }[]; results: { task: string; pass: boolean; detail: string; answer: string; toolCalls: { name: string; arguments: string; result: unknown }[] }[] }[] };

  it('calls, feeds the result back and grades the final answer; a call without a required argument fails', async () => {
    const f = await startFake({ badArguments: ['temperature in'] });
    closers.push(() => f.server.close());
    const r = await run(['eval', '--endpoint', f.url, '--model', 'm', '--suite', 'tools', '--seed', '3', '--db', db(), '--json']);
    expect(r.code).toBe(0);
    const one = (JSON.parse(r.stdout) as Report).runs[0];
    expect(one?.summary).toMatchObject([{ suite: 'tools', passed: 4, tasks: 5 }]);
    const byTask = Object.fromEntries((one?.results ?? []).map((x) => [x.task.replace(/^tools-3-1-/, ''), x]));
    expect(byTask.weather?.pass).toBe(false);
    expect(byTask.weather?.detail).toContain('arguments.unit is missing');
    // The generated task and its tool result, read back from the suite: the answer quotes the converted amount.
    const task = tools(3).tasks.find((t) => t.id === 'tools-3-1-currency');
    const result = task?.tool_results?.convert_currency as { amount: number; from: string; to: string; converted: number };
    expect(byTask.currency?.toolCalls).toEqual([{ name: 'convert_currency', arguments: JSON.stringify({ amount: result.amount, from: result.from, to: result.to }), result }]);
    expect(byTask.currency?.answer).toBe(`${result.amount} ${result.from} is ${result.converted} ${result.to}.`);
    expect(byTask.none?.toolCalls).toEqual([]);
    expect(byTask.none?.pass).toBe(true);
  });

  it('generates new values per seed, the same for the same seed', () => {
    expect(tools(5).tasks.map((t) => t.prompt)).toEqual(tools(5).tasks.map((t) => t.prompt));
    expect(tools(5).tasks.map((t) => t.prompt)).not.toEqual(tools(6).tasks.map((t) => t.prompt));
    expect(tools(1).tasks.map((t) => t.graders[0])).toMatchObject([
      { kind: 'tool-call', name: 'get_weather' }, { kind: 'tool-call', name: 'convert_currency' }, { kind: 'tool-call', name: 'create_event' },
      { kind: 'tool-call', name: 'lookup_order' }, { kind: 'tool-call', name: 'none' },
    ]);
  });
});

describe('tools in a suite file', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'versus-suite-')), 's.yaml');
    writeFileSync(file, text);
    return file;
  };
  const tool = 'tools: [{ name: add, parameters: { type: object, required: [a, b], properties: { a: { type: number }, b: { type: number } } } }]';

  it('loads a task with tools, results and a tool-call grader', () => {
    const s = loadSuiteFile(write(`suite: t\ntasks:\n  - { id: a, prompt: "2+3?", ${tool}, tool_results: { add: 5 }, graders: [{ kind: tool-call, name: add, arguments: { a: 2, b: 3 } }, { kind: numeric, expected: 5 }] }\n`));
    expect(s.tasks[0]?.tools?.[0]?.name).toBe('add');
  });

  it('rejects a grader or a result for a tool the task does not offer, and a pattern that does not compile', () => {
    expect(() => loadSuiteFile(write(`suite: t\ntasks:\n  - { id: a, prompt: p, ${tool}, graders: [{ kind: tool-call, name: sub }] }\n`))).toThrow(/s\.yaml:3 {2}tasks\[0\]\.graders: a tool-call grader names a tool the task does not offer/);
    expect(() => loadSuiteFile(write(`suite: t\ntasks:\n  - { id: a, prompt: p, ${tool}, tool_results: { sub: 1 }, graders: [{ kind: exact, expected: x }] }\n`))).toThrow(/tool_results names a tool the task does not offer/);
    expect(() => loadSuiteFile(write('suite: t\ntasks:\n  - { id: a, prompt: p, graders: [{ kind: regex, pattern: "([" }] }\n'))).toThrow(/s\.yaml:3 {2}tasks\[0\]\.graders\[0\]\.pattern: not a valid regular expression/);
  });
});
