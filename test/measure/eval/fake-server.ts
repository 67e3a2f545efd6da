// An OpenAI-compatible server for tests: streams SSE exactly as vLLM and llama.cpp do (usage in the last chunk),
// answers the built-in suites like a careful model, and can answer 429 or drop a stream on request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOptions {
  /** Answer HTTP 429 to this many requests first. */
  readonly tooMany?: number;
  /** Drop the connection mid-stream on this many requests first. */
  readonly drop?: number;
  /** Task prompts (substrings) to answer wrongly. */
  readonly wrong?: readonly string[];
  readonly model?: string;
  /** Task prompts (substrings) whose tool call leaves out a required argument. */
  readonly badArguments?: readonly string[];
}

interface WireMessage {
  role: string;
  content: string | null;
  tool_calls?: { function: { name: string; arguments: string } }[];
}

type Turn = { text: string } | { calls: { name: string; arguments: string }[] };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * What a careful model does with the tools suite: calls the tool the request needs, then answers from its result.
 * A request it needs no tool for gets a plain answer.
 */
export function toolTurn(messages: readonly WireMessage[], bad: readonly string[] = []): Turn {
  const last = messages.at(-1);
  if (last?.role === 'tool') {
    const r = JSON.parse(last.content ?? '{}') as Record<string, unknown>;
    if ('temperature' in r) return { text: `It is ${String(r.temperature)} degrees ${String(r.unit)} in ${String(r.city)}, with ${String(r.conditions)}.` };
    if ('converted' in r) return { text: `${String(r.amount)} ${String(r.from)} is ${String(r.converted)} ${String(r.to)}.` };
    if ('event_id' in r) return { text: `Done: the event id is ${String(r.event_id)}.` };
    if ('carrier' in r) return { text: `Order ${String(r.order_id)} has ${String(r.status)}; ${String(r.carrier)} has it.` };
    return { text: 'The tool failed.' };
  }
  const prompt = last?.content ?? '';
  const call = (name: string, args: Record<string, unknown>) => ({ calls: [{ name, arguments: JSON.stringify(args) }] });
  const drop = bad.some((b) => prompt.includes(b));
  const weather = /temperature in (\w+) right now, in degrees (Celsius|Fahrenheit)/.exec(prompt);
  if (weather) return call('get_weather', drop ? { city: weather[1] } : { city: weather[1], unit: weather[2]?.toLowerCase() });
  const money = /How much is (\d+) ([A-Z]{3}) in ([A-Z]{3})/.exec(prompt);
  if (money) return call('convert_currency', { amount: Number(money[1]), from: money[2], to: money[3] });
  const event = /Schedule "([^"]+)" on (\d+) (\w+) (\d{4}) with (\S+) and (\S+?),/.exec(prompt);
  if (event) {
    const month = String(MONTHS.indexOf(event[3] ?? '') + 1).padStart(2, '0');
    return call('create_event', { title: event[1], date: `${event[4]}-${month}-${String(event[2]).padStart(2, '0')}`, attendees: [event[6], event[5]] });
  }
  const order = /Where is my order (\d+)\?/.exec(prompt);
  if (order) return call('lookup_order', { order_id: Number(order[1]) });
  const product = /What is (\d+) × (\d+)\?/.exec(prompt);
  if (product) return { text: String(Number(product[1]) * Number(product[2])) };
  return { text: answerFor(prompt) };
}

/** What a careful model answers to the built-in suites' prompts. */
export function answerFor(prompt: string, wrong: readonly string[] = []): string {
  if (wrong.some((w) => prompt.includes(w))) return 'I am not sure.';
  const math = /Compute \((\d+) × (\d+)\) \+ (\d+) − (\d+)\./.exec(prompt);
  if (math) return `<think>multiply first</think>${Number(math[1]) * Number(math[2]) + Number(math[3]) - Number(math[4])}`;
  const needle = /access code for the archive room is (\d+)\./.exec(prompt);
  if (needle) return `<think>found it</think>${needle[1]}`;
  if (prompt.includes('pong')) return 'pong';
  if (prompt.includes('17 + 25')) return '<think>17 + 25 = 42</think>42';
  if (prompt.includes('capital of France')) return 'Paris.';
  if (prompt.includes('Amina Yusuf')) return '```json\n{"name": "Amina Yusuf", "age": 34, "city": "Lagos"}\n```';
  if (prompt.includes('A-100')) return '{"items": [{"sku": "A-100", "qty": 2}, {"sku": "B-7", "qty": 1}], "total": 57.5}';
  if (prompt.includes('sentiment')) return '{"sentiment": "negative"}';
  if (prompt.includes('Answer in Hindi') && prompt.includes('week')) return 'एक सप्ताह में 7 दिन होते हैं।';
  if (prompt.includes('Answer in Hindi') && prompt.includes('spider')) return 'मकड़ी के 8 पैर होते हैं।';
  if (prompt.includes('Answer in Japanese') && prompt.includes('week')) return '一週間は7日です。';
  if (prompt.includes('Answer in Japanese') && prompt.includes('spider')) return 'クモの足は8本です。';
  return 'river stone market lantern orbit copper meadow signal harbor violet engine quartz';
}

/** Streams tool calls as vLLM does: a first chunk with the id and name, then the arguments in pieces, then finish_reason tool_calls. */
function streamCalls(res: import('node:http').ServerResponse, model: string, calls: readonly { name: string; arguments: string }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: object, finish: string | null = null) => `data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  res.write(chunk({ role: 'assistant', content: null }));
  calls.forEach((c, index) => {
    res.write(chunk({ tool_calls: [{ index, id: `chatcmpl-tool-${index}`, type: 'function', function: { name: c.name, arguments: '' } }] }));
    for (let at = 0; at < c.arguments.length; at += 7) res.write(chunk({ tool_calls: [{ index, function: { arguments: c.arguments.slice(at, at + 7) } }] }));
  });
  res.write(chunk({}, 'tool_calls'));
  res.write(`data: ${JSON.stringify({ id: 'c2', object: 'chat.completion.chunk', model, choices: [], usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 } })}\n\n`);
  res.end('data: [DONE]\n\n');
}

/**
 * Starts the server on 127.0.0.1 at a free port; close it with `server.close()`.
 * @example const { url, server } = await startFake({ tooMany: 1 })
 */
export async function startFake(o: FakeOptions = {}): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  let tooMany = o.tooMany ?? 0;
  let drop = o.drop ?? 0;
  const model = o.model ?? 'tiny-served';
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model' }] }));
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests += 1;
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      if (tooMany > 0) {
        tooMany -= 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"error":"rate limited"}');
        return;
      }
      const request = JSON.parse(body) as { messages: WireMessage[]; max_tokens?: number; stream?: boolean; tools?: unknown[] };
      const prompt = request.messages.at(-1)?.content ?? '';
      const turn: Turn = request.tools ? toolTurn(request.messages, o.badArguments) : { text: answerFor(prompt, o.wrong) };
      if ('calls' in turn) {
        streamCalls(res, model, turn.calls);
        return;
      }
      const words = turn.text.split(/(?<=\s)/);
      const limited = words.slice(0, request.max_tokens ?? words.length);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: object, extra: object = {}) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }));
      const dropping = drop > 0;
      if (dropping) drop -= 1;
      let i = 0;
      const tick = () => {
        if (dropping && i === 1) {
          res.destroy();
          return;
        }
        if (i < limited.length) {
          res.write(chunk({ content: limited[i] }));
          i += 1;
          setTimeout(tick, 1);
          return;
        }
        res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: limited.length, total_tokens: Math.ceil(prompt.length / 4) + limited.length } })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      tick();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, server, requests: () => requests };
}
