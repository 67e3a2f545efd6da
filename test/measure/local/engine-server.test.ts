// The tiny model through node-llama-cpp, and versus's HTTP client against the OpenAI-compatible server around it:
// real tokenisation, streaming, usage, 429s and a stream that breaks off.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationText } from '../../../src/measure/corpus/udhr.js';
import { chat, listModels } from '../../../src/measure/eval/client.js';
import { bpeEncoder, fromByteChars } from '../../../src/measure/local/bpe.js';
import { LocalEngine } from '../../../src/measure/local/engine.js';
import { serveLocal } from '../../../src/measure/local/server.js';
import { ensureTinyModel, SPECIAL, TINY, tinyVocabulary, type TinyModelFile } from '../../../src/measure/local/tiny-model.js';

let file: TinyModelFile;
let engine: LocalEngine;
const noSleep = async () => {};
const ask = (content: string, maxTokens = 8) => ({ messages: [{ role: 'user' as const, content }], maxTokens });

beforeAll(async () => {
  file = ensureTinyModel({ VERSUS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'versus-cache-')) });
  engine = await LocalEngine.open(file.path, { sequences: 2, threads: 1, contextSize: 512 });
}, 120_000);
afterAll(async () => engine?.close());

describe('the generated tiny model', () => {
  it('is the same file every time, in any cache folder, and found there the second time', () => {
    const again = ensureTinyModel({ VERSUS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'versus-cache-')) });
    expect(again.sha256).toBe(file.sha256);
    expect(again.generated).toBe(true);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ensureTinyModel({ VERSUS_CACHE_DIR: join(again.path, '..', '..') }).generated).toBe(false);
  });

  it('carries a byte-level BPE vocabulary that llama.cpp splits exactly as versus does', () => {
    const vocab = engine.vocabulary();
    const learned = tinyVocabulary();
    // 256 bytes, the merge results, then the control tokens.
    expect(vocab.tokens).toEqual([...learned.tokens, ...SPECIAL]);
    expect(vocab.merges).toHaveLength(TINY.merges);
    expect(vocab.tokens.slice(0, 256).map(fromByteChars).join('')).toContain('ABC');
    const encode = bpeEncoder(learned);
    for (const code of ['eng', 'hin', 'jpn', 'arb']) {
      const text = declarationText(code).slice(0, 3000);
      expect(engine.tokenize(text)).toEqual(encode(text));
      expect(engine.detokenize(engine.tokenize(text))).toBe(text);
    }
    // Merges make text shorter than its bytes: about 1.5-5 bytes per token on the English text.
    const english = declarationText('eng');
    const ratio = Buffer.byteLength(english) / engine.tokenize(english).length;
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(5);
  });

  it('streams a turn: greedy, within max tokens, the pieces add up to the answer', async () => {
    const pieces: string[] = [];
    const r = await engine.chat(ask('Reply with exactly one word: pong', 12), { onText: (t) => pieces.push(t) });
    expect(r.completionTokens).toBeGreaterThan(0);
    expect(r.completionTokens).toBeLessThanOrEqual(12);
    expect(pieces.join('').trim()).toBe(r.content);
    expect(r.interTokenMs.length).toBe(pieces.length - 1);
    expect(r.ttftMs).toBeLessThanOrEqual(r.totalMs);
    expect((await engine.chat(ask('Reply with exactly one word: pong', 12))).content).toBe(r.content);
  });

  it('answers with valid JSON when asked for a JSON object (grammar-constrained, as llama.cpp\'s server does)', async () => {
    const r = await engine.chat({ ...ask('Return a JSON object.', 64), json: true });
    // A random model may stop mid-object at the token limit; what it wrote is a JSON prefix starting with "{".
    expect(r.content.startsWith('{')).toBe(true);
    if (r.finishReason === 'stop') expect(() => JSON.parse(r.content)).not.toThrow();
  });
});

describe('versus\'s client against the server around the engine', () => {
  it('streams as vLLM does: role chunk, content chunks, finish_reason, usage in a last chunk with no choices, [DONE]', async () => {
    const s = await serveLocal(engine);
    try {
      const res = await fetch(`${s.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'x', stream: true, stream_options: { include_usage: true }, max_tokens: 6, messages: [{ role: 'user', content: 'Hi' }] }) });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const events = (await res.text()).split('\n\n').filter(Boolean);
      expect(events.every((e) => e.startsWith('data: '))).toBe(true);
      expect(events.at(-1)).toBe('data: [DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)) as { model: string; choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } });
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      const last = chunks.at(-1);
      expect(last?.choices).toEqual([]);
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toMatch(/^(stop|length)$/);
      // "Hi" as ChatML: BOS, <|im_start|>, "user\n", "Hi", <|im_end|>, "\n", <|im_start|>, "assistant\n".
      const encode = bpeEncoder(tinyVocabulary());
      const expected = 1 + 1 + encode('user\n').length + encode('Hi').length + 1 + encode('\n').length + 1 + encode('assistant\n').length;
      expect(last?.usage?.prompt_tokens).toBe(expected);
      expect(last?.usage?.total_tokens).toBe((last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0));
      expect(chunks.every((c) => c.model === engine.name)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('the client reads the answer, usage and served model; /v1/models lists the model', async () => {
    const s = await serveLocal(engine);
    try {
      const direct = await engine.chat(ask('What is 17 + 25?'));
      const r = await chat({ url: s.url, model: 'asked' }, ask('What is 17 + 25?'));
      expect([r.content, r.completionTokens, r.promptTokens, r.servedModel]).toEqual([direct.content, direct.completionTokens, direct.promptTokens, engine.name]);
      expect(r.attempts).toBe(1);
      expect(await listModels({ url: s.url, model: 'x' })).toEqual([engine.name]);
    } finally {
      await s.close();
    }
  });

  it('retries 429s and a stream that breaks off mid-answer, then gives up with a clear error', async () => {
    const busy = await serveLocal(engine, { faults: { tooMany: 2 } });
    const flaky = await serveLocal(engine, { faults: { drop: 1, afterChunks: 2 } });
    const down = await serveLocal(engine, { faults: { tooMany: 10 } });
    try {
      expect((await chat({ url: busy.url, model: 'm' }, ask('pong'), { sleep: noSleep })).attempts).toBe(3);
      const r = await chat({ url: flaky.url, model: 'm' }, ask('pong'), { sleep: noSleep });
      expect([r.attempts, r.completionTokens]).toEqual([2, 8]);
      await expect(chat({ url: down.url, model: 'm', retries: 2 }, ask('x'), { sleep: noSleep })).rejects.toThrow(/HTTP 429/);
      expect(down.requests()).toBe(3);
      // Without retries the broken stream is the error.
      const once = await serveLocal(engine, { faults: { drop: 1, afterChunks: 1 } });
      await expect(chat({ url: once.url, model: 'm', retries: 0 }, ask('pong'), { sleep: noSleep })).rejects.toThrow(/without \[DONE\]|broke off/);
      await once.close();
    } finally {
      await Promise.all([busy.close(), flaky.close(), down.close()]);
    }
  });

  it('bad requests get a 4xx that does not echo them back', async () => {
    const s = await serveLocal(engine);
    try {
      const post = (body: string) => fetch(`${s.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const notJson = await post('<script>alert(1)</script>');
      expect(notJson.status).toBe(400);
      expect(await notJson.text()).not.toContain('<script>');
      expect((await post(JSON.stringify({ messages: [] }))).status).toBe(400);
      expect((await post(JSON.stringify({ messages: [{ role: 'user', content: 'x' }], max_tokens: -1 }))).status).toBe(400);
      expect((await fetch(`${s.url}/chat/completions`)).status).toBe(405);
      expect((await fetch(`${s.url.replace('/v1', '')}/nope<b>`)).status).toBe(404);
      expect((await post(JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] })).catch(() => ({ status: 413 }))).status).toBe(413);
    } finally {
      await s.close();
    }
  });
});
