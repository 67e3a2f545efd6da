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
}

/** What a careful model answers to the built-in suites' prompts. */
export function answerFor(prompt: string, wrong: readonly string[] = []): string {
  if (wrong.some((w) => prompt.includes(w))) return 'I am not sure.';
  const math = /Compute \((\d+) × (\d+)\) \+ (\d+) − (\d+)\./.exec(prompt);
  if (math) return `<think>multiply first</think>${Number(math[1]) * Number(math[2]) + Number(math[3]) - Number(math[4])}`;
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
      const request = JSON.parse(body) as { messages: { content: string }[]; max_tokens?: number; stream?: boolean };
      const prompt = request.messages.at(-1)?.content ?? '';
      const words = answerFor(prompt, o.wrong).split(/(?<=\s)/);
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
