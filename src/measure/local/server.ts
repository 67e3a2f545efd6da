// An OpenAI-compatible server around a local engine, streaming as vLLM and llama.cpp's server do: one SSE
// chunk per decoded piece, finish_reason, then usage in a last chunk with no choices, then [DONE]. It can
// also misbehave on purpose (429s, a dropped stream) so clients can be tested against real failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ChatMessage, ChatRequest, ToolCall } from '../eval/client.js';
import type { LocalEngine } from './engine.js';

/** Failures to inject, counted down as requests arrive. */
export interface Faults {
  /** Answer HTTP 429 (Retry-After: 0) to this many chat requests first. */
  tooMany?: number;
  /** Close the connection after `afterChunks` content chunks on this many streamed requests. */
  drop?: number;
  afterChunks?: number;
}

const WireCall = z.object({ id: z.string().max(200), function: z.object({ name: z.string().max(200), arguments: z.string().max(1_000_000) }) });
const Message = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.string().max(1_000_000).nullable().optional(),
  tool_calls: z.array(WireCall).max(64).optional(), tool_call_id: z.string().max(200).optional(),
});
const Tool = z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1).max(200), description: z.string().max(10_000).optional(), parameters: z.record(z.string(), z.unknown()).optional() }) });
const Body = z.object({
  model: z.string().max(500).optional(),
  messages: z.array(Message).min(1).max(1000),
  stream: z.boolean().optional(),
  max_tokens: z.int().positive().max(65_536).optional(),
  max_completion_tokens: z.int().positive().max(65_536).optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.int().optional(),
  response_format: z.object({ type: z.string() }).optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  tools: z.array(Tool).max(64).optional(),
});

/** A wire message as versus's chat message. */
function message(m: z.infer<typeof Message>): ChatMessage {
  const content = m.content ?? '';
  if (m.role === 'tool') return { role: 'tool', content, toolCallId: m.tool_call_id ?? '' };
  if (m.role === 'assistant') return { role: 'assistant', content, ...(m.tool_calls ? { toolCalls: m.tool_calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) } : {}) };
  return { role: m.role, content };
}

/** Tool calls as OpenAI streams them: one piece per call, whole. */
const wireCalls = (calls: readonly ToolCall[]) => calls.map((c, index) => ({ index, id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));

const MAX_BODY = 4 * 1024 * 1024;

/** An error the client can act on: status and a fixed message (never the request echoed back). */
function fail(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code: status } }));
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
      } else parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

/**
 * Starts the server on 127.0.0.1 (an ephemeral port unless `port` is given).
 * @example const s = await serveLocal(engine); await chat({ url: s.url, model: engine.name }, …); await s.close()
 */
export async function serveLocal(engine: LocalEngine, o: { port?: number; faults?: Faults } = {}): Promise<{ url: string; server: Server; requests: () => number; close: () => Promise<void> }> {
  const faults: Faults = { ...o.faults };
  let requests = 0;
  const server = createServer((req, res) => {
    handle(engine, faults, req, res, () => (requests += 1)).catch(() => {
      if (!res.headersSent) fail(res, 500, 'the engine failed');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`, server, requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function handle(engine: LocalEngine, faults: Faults, req: IncomingMessage, res: ServerResponse, count: () => void): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/v1/models' || path === '/models') {
    if (req.method !== 'GET') return fail(res, 405, 'use GET');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: engine.name, object: 'model', owned_by: 'local', sha256: engine.sha256 }] }));
    return;
  }
  if (path === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (path !== '/v1/chat/completions' && path !== '/chat/completions') return fail(res, 404, 'not found');
  if (req.method !== 'POST') return fail(res, 405, 'use POST');
  const text = await readBody(req);
  if (text === undefined) return fail(res, 413, `the request body is over ${MAX_BODY} bytes`);
  let parsed: z.infer<typeof Body>;
  try {
    const body = Body.safeParse(JSON.parse(text));
    if (!body.success) return fail(res, 400, `invalid request: ${body.error.issues[0]?.path.join('.') || 'body'}`);
    parsed = body.data;
  } catch {
    return fail(res, 400, 'the body is not JSON');
  }
  count();
  if ((faults.tooMany ?? 0) > 0) {
    faults.tooMany = (faults.tooMany ?? 0) - 1;
    return fail(res, 429, 'rate limited', { 'retry-after': '0' });
  }
  const maxTokens = parsed.max_completion_tokens ?? parsed.max_tokens;
  const request: ChatRequest = {
    messages: parsed.messages.map(message),
    ...(parsed.tools?.length ? { tools: parsed.tools.map((t) => ({ name: t.function.name, ...(t.function.description ? { description: t.function.description } : {}), parameters: t.function.parameters ?? { type: 'object', properties: {} } })) } : {}),
    ...(maxTokens !== undefined ? { maxTokens } : {}), ...(parsed.temperature !== undefined ? { temperature: parsed.temperature } : {}),
    ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}), ...(parsed.response_format?.type === 'json_object' ? { json: true } : {}),
  };
  const id = `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const created = Math.floor(Date.now() / 1000);
  if (!parsed.stream) {
    const r = await engine.chat(request);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({
      id, object: 'chat.completion', created, model: engine.name,
      choices: [{ index: 0, message: { role: 'assistant', content: r.content, ...(r.reasoning ? { reasoning_content: r.reasoning } : {}), ...(r.toolCalls.length ? { tool_calls: wireCalls(r.toolCalls) } : {}) }, finish_reason: r.finishReason }],
      usage: usage(r.promptTokens ?? 0, r.completionTokens ?? 0),
    }));
    return;
  }
  await stream(engine, faults, request, res, { id, created, includeUsage: parsed.stream_options?.include_usage ?? false });
}

const usage = (prompt: number, completion: number) => ({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });

async function stream(engine: LocalEngine, faults: Faults, request: ChatRequest, res: ServerResponse, o: { id: string; created: number; includeUsage: boolean }): Promise<void> {
  const dropping = (faults.drop ?? 0) > 0;
  if (dropping) faults.drop = (faults.drop ?? 0) - 1;
  const chunk = (choices: object[], extra: object = {}) => `data: ${JSON.stringify({ id: o.id, object: 'chat.completion.chunk', created: o.created, model: engine.name, choices, ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
  const stop = new AbortController();
  res.on('close', () => stop.abort());
  let sent = 0;
  try {
    const r = await engine.chat(request, {
      signal: stop.signal,
      onText: (text) => {
        if (stop.signal.aborted) return;
        if (dropping && sent >= (faults.afterChunks ?? 1)) {
          // A proxy or server dying mid-answer: the socket closes with no [DONE].
          res.destroy();
          stop.abort();
          return;
        }
        res.write(chunk([{ index: 0, delta: { content: text }, finish_reason: null }]));
        sent += 1;
      },
    });
    if (stop.signal.aborted) return;
    if (r.toolCalls.length) res.write(chunk([{ index: 0, delta: { tool_calls: wireCalls(r.toolCalls) }, finish_reason: null }]));
    res.write(chunk([{ index: 0, delta: {}, finish_reason: r.finishReason }]));
    if (o.includeUsage) res.write(chunk([], { usage: usage(r.promptTokens ?? 0, r.completionTokens ?? 0) }));
    res.end('data: [DONE]\n\n');
  } catch (error) {
    if (stop.signal.aborted) return;
    throw error;
  }
}
