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

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly seed?: number;
  /** Ask for a JSON object (response_format json_object). */
  readonly json?: boolean;
}

/** One completed answer with what it took. */
export interface ChatResult {
  /** The answer, without reasoning (`<think>` blocks and `reasoning_content` are in `reasoning`). */
  readonly content: string;
  readonly reasoning: string;
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
    messages: request.messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    temperature: request.temperature ?? 0,
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
    ...(request.json ? { response_format: { type: 'json_object' } } : {}),
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

interface Delta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
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
      if (piece) {
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
    content: split.answer, reasoning: [reasoning, split.thinking].filter(Boolean).join('\n'),
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
  const end = clock();
  return {
    content: split.answer, reasoning: [message?.reasoning_content ?? message?.reasoning ?? '', split.thinking].filter(Boolean).join('\n'),
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
