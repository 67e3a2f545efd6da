// An OpenAI-compatible chat client: streaming with timings, reasoning kept apart from the answer, retries with backoff.
import { VersusError } from '../../errors.js';

export interface Endpoint {
  /** Base URL, e.g. http://localhost:8000/v1. */
  readonly url: string;
  readonly model: string;
  /** Sent as a bearer token; read from an environment variable by the CLI, never stored. */
  readonly apiKey?: string;
  readonly timeoutMs?: number;
  /** Retries after a 429, a 5xx or a dropped connection (default 3), with exponential backoff. */
  readonly retries?: number;
}

/** A function the model may call: its name and its parameters as a JSON schema. */
export interface ToolSpec {
  readonly name: string;
  readonly description?: string;
  readonly parameters: object;
}

/** One call the model made: `arguments` is the JSON text it wrote (not yet parsed or checked). */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

export type ChatMessage =
  | { readonly role: 'system' | 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly content: string; readonly toolCallId: string };

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  /** Ask for a JSON object (response_format json_object). */
  readonly json?: boolean;
  /** Functions the model may call (OpenAI `tools`, tool_choice auto). */
  readonly tools?: readonly ToolSpec[];
}

/** One completed answer with what it took. */
export interface ChatResult {
  /** The answer, without reasoning (`<think>` blocks and `reasoning_content` are in `reasoning`). */
  readonly content: string;
  readonly reasoning: string;
  /** The function calls the model made instead of (or besides) answering. */
  readonly toolCalls: readonly ToolCall[];
  /** The model id the server says it served. */
  readonly servedModel?: string;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  /** Time to the first content or reasoning token. */
  readonly ttftMs: number;
  /** Gaps between streamed chunks after the first. */
  readonly interTokenMs: readonly number[];
  readonly totalMs: number;
  readonly attempts: number;
}

/** A monotonic clock in milliseconds, passed in so tests can control time. */
export type Clock = () => number;

/** Why an attempt failed, and whether another may succeed. */
class AttemptError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * Sends one chat request, streamed, retrying 429/5xx and dropped streams with backoff.
 * @example await chat({ url: 'http://localhost:8000/v1', model: 'qwen' }, { messages: [{ role: 'user', content: 'Hi' }] })
 * @throws VersusError E_ENDPOINT when every attempt fails or the server refuses the request (4xx)
 */
export async function chat(endpoint: Endpoint, request: ChatRequest, opts: { clock?: Clock; sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {}): Promise<ChatResult> {
  const clock = opts.clock ?? (() => performance.now());
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = endpoint.retries ?? 3;
  let last = '';
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      return { ...(await attemptOnce(endpoint, request, clock, opts.signal)), attempts: attempt };
    } catch (error) {
      if (opts.signal?.aborted) throw new VersusError('E_ABORTED', 'Stopped.');
      const e = error instanceof AttemptError ? error : new AttemptError(error instanceof Error ? error.message : String(error), true);
      last = e.message;
      if (!e.retryable || attempt > retries) break;
      await sleep(e.retryAfterMs ?? Math.min(8000, 250 * 2 ** (attempt - 1)));
    }
  }
  throw new VersusError('E_ENDPOINT', `${endpoint.url} (model ${endpoint.model}): ${last}`);
}

async function attemptOnce(endpoint: Endpoint, request: ChatRequest, clock: Clock, signal?: AbortSignal): Promise<Omit<ChatResult, 'attempts'>> {
  const start = clock();
  const timeout = AbortSignal.timeout(endpoint.timeoutMs ?? 300_000);
  const body = {
    model: endpoint.model,
    messages: request.messages.map(wireMessage),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    temperature: request.temperature ?? 0,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.json ? { response_format: { type: 'json_object' } } : {}),
    ...(request.tools?.length ? { tools: request.tools.map((t) => ({ type: 'function', function: t })), tool_choice: 'auto' } : {}),
  };
  let res: Response;
  try {
    res = await fetch(`${endpoint.url.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    throw new AttemptError(`could not connect (${error instanceof Error ? error.message : String(error)})`, true);
  }
  if (res.status === 429 || res.status >= 500) {
    const after = Number(res.headers.get('retry-after'));
    throw new AttemptError(`HTTP ${res.status}`, true, Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : undefined);
  }
  if (!res.ok) throw new AttemptError(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`, false);
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) return whole(await res.json(), start, clock);
  return stream(res, start, clock);
}

/** A message as the OpenAI wire format spells it. */
function wireMessage(m: ChatMessage): object {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  if (m.role === 'assistant' && m.toolCalls?.length) {
    return { role: 'assistant', content: m.content || null, tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) };
  }
  return { role: m.role, content: m.content };
}

/** A streamed piece of a tool call: the first names it, later ones add to its arguments. */
interface WireToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string | object };
}

interface Delta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: WireToolCall[] | null;
}

/** Joins tool-call pieces by index, as vLLM, llama.cpp and OpenAI stream them. */
class ToolCallParts {
  private readonly parts = new Map<number, { id: string; name: string; arguments: string }>();

  add(pieces: readonly WireToolCall[] | null | undefined): boolean {
    for (const [i, p] of (pieces ?? []).entries()) {
      const at = p.index ?? i;
      const part = this.parts.get(at) ?? { id: '', name: '', arguments: '' };
      if (p.id) part.id = p.id;
      if (p.function?.name) part.name += p.function.name;
      const args = p.function?.arguments;
      // Some servers send the arguments as an object rather than JSON text.
      if (args !== undefined) part.arguments += typeof args === 'string' ? args : JSON.stringify(args);
      this.parts.set(at, part);
    }
    return (pieces?.length ?? 0) > 0;
  }

  calls(): ToolCall[] {
    return [...this.parts.entries()].sort(([a], [b]) => a - b).map(([i, p]) => ({ id: p.id || `call_${i}`, name: p.name, arguments: p.arguments }));
  }
}

interface Chunk {
  model?: string;
  choices?: { delta?: Delta; message?: Delta; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** Reads an SSE stream: `data: {json}` lines, ending with `data: [DONE]`. */
async function stream(res: Response, start: number, clock: Clock): Promise<Omit<ChatResult, 'attempts'>> {
  const reader = res.body?.getReader();
  if (!reader) throw new AttemptError('empty response body', true);
  const decoder = new TextDecoder();
  let buffer = '';
  let content = '';
  let reasoning = '';
  let first: number | undefined;
  let previous: number | undefined;
  const gaps: number[] = [];
  let served: string | undefined;
  let usage: Chunk['usage'];
  const calls = new ToolCallParts();
  let done = false;
  while (!done) {
    let read;
    try {
      read = await reader.read();
    } catch (error) {
      throw new AttemptError(`the stream broke off (${error instanceof Error ? error.message : String(error)})`, true);
    }
    if (read.done) break;
    buffer += decoder.decode(read.value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        done = true;
        break;
      }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch {
        throw new AttemptError('the stream sent a line that is not JSON', true);
      }
      served ??= chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const delta = chunk.choices?.[0]?.delta;
      const piece = (delta?.content ?? '') + (delta?.reasoning_content ?? delta?.reasoning ?? '');
      if (calls.add(delta?.tool_calls) || piece) {
        const now = clock();
        if (first === undefined) first = now;
        else if (previous !== undefined) gaps.push(now - previous);
        previous = now;
      }
      content += delta?.content ?? '';
      reasoning += delta?.reasoning_content ?? delta?.reasoning ?? '';
    }
  }
  if (!done) throw new AttemptError('the stream ended without [DONE]', true);
  const split = splitThinking(content);
  const end = clock();
  return {
    content: split.answer, reasoning: [reasoning, split.thinking].filter(Boolean).join('\n'), toolCalls: calls.calls(),
    ...(served ? { servedModel: served } : {}),
    ...(usage?.prompt_tokens !== undefined ? { promptTokens: usage.prompt_tokens } : {}),
    ...(usage?.completion_tokens !== undefined ? { completionTokens: usage.completion_tokens } : {}),
    ttftMs: (first ?? end) - start, interTokenMs: gaps, totalMs: end - start,
  };
}

/** A server that ignored `stream: true` and answered with one JSON document. */
function whole(json: unknown, start: number, clock: Clock): Omit<ChatResult, 'attempts'> {
  const c = json as Chunk;
  const message = c.choices?.[0]?.message;
  const split = splitThinking(message?.content ?? '');
  const calls = new ToolCallParts();
  calls.add(message?.tool_calls);
  const end = clock();
  return {
    content: split.answer, reasoning: [message?.reasoning_content ?? message?.reasoning ?? '', split.thinking].filter(Boolean).join('\n'), toolCalls: calls.calls(),
    ...(c.model ? { servedModel: c.model } : {}),
    ...(c.usage?.prompt_tokens !== undefined ? { promptTokens: c.usage.prompt_tokens } : {}),
    ...(c.usage?.completion_tokens !== undefined ? { completionTokens: c.usage.completion_tokens } : {}),
    ttftMs: end - start, interTokenMs: [], totalMs: end - start,
  };
}

/**
 * Separates `<think>…</think>` blocks (also an unclosed one at the start) from the answer.
 * @example splitThinking('<think>2+2</think>4') // { thinking: '2+2', answer: '4' }
 */
export function splitThinking(text: string): { thinking: string; answer: string } {
  const thinking: string[] = [];
  let answer = text.replace(/<think>([\s\S]*?)<\/think>/g, (_all, t: string) => {
    thinking.push(t.trim());
    return '';
  });
  // Some templates open the block in the prompt, so only "</think>" appears in the output.
  const close = answer.indexOf('</think>');
  if (close >= 0) {
    thinking.push(answer.slice(0, close).trim());
    answer = answer.slice(close + '</think>'.length);
  }
  return { thinking: thinking.filter(Boolean).join('\n'), answer: answer.trim() };
}

/** The model ids an endpoint lists at /v1/models, or undefined when it does not answer. */
export async function listModels(endpoint: Endpoint): Promise<string[] | undefined> {
  try {
    const res = await fetch(`${endpoint.url.replace(/\/+$/, '')}/models`, { headers: endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return undefined;
    const json = (await res.json()) as { data?: { id?: string }[] };
    return json.data?.flatMap((m) => (m.id ? [m.id] : []));
  } catch {
    return undefined;
  }
}
