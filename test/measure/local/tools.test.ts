// Function calling on the local engine: OpenAI tools and tool messages become node-llama-cpp functions and
// history; the server accepts them and the chat template documents them to the model.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEngine } from '../../../src/measure/local/engine.js';
import { serveLocal } from '../../../src/measure/local/server.js';
import { ensureTinyModel } from '../../../src/measure/local/tiny-model.js';
import { toFunctions, toHistory, toToolCalls } from '../../../src/measure/local/tools.js';

const weather = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('tools ↔ node-llama-cpp functions', () => {
  it('tools become functions, calls become tool calls, results join the call they answer', () => {
    expect(toFunctions([weather])).toEqual({ get_weather: { description: 'Weather for a city', params: weather.parameters } });
    expect(toToolCalls([{ functionName: 'get_weather', params: { city: 'Lagos' } }, { functionName: 'now', params: undefined }]))
      .toEqual([{ id: 'call_0', name: 'get_weather', arguments: '{"city":"Lagos"}' }, { id: 'call_1', name: 'now', arguments: '{}' }]);
    expect(toHistory([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Lagos?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{"city":"Lagos"}' }] },
      { role: 'tool', toolCallId: 'c1', content: '{"temp_c":31}' },
      { role: 'tool', toolCallId: 'nobody', content: 'stray' },
    ])).toEqual([
      { type: 'system', text: 'Be brief.' },
      { type: 'user', text: 'Weather in Lagos?' },
      { type: 'model', response: [{ type: 'functionCall', name: 'get_weather', params: { city: 'Lagos' }, result: { temp_c: 31 } }] },
      { type: 'user', text: 'stray' },
    ]);
  });
});

describe('the server with tools', () => {
  let engine: LocalEngine;
  beforeAll(async () => {
    const file = ensureTinyModel({ VERSUS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'versus-cache-')) });
    engine = await LocalEngine.open(file.path, { sequences: 1, threads: 1, contextSize: 2048 });
  }, 120_000);
  afterAll(async () => engine?.close());

  it('documents the tools in the prompt and takes a tool result back', async () => {
    const s = await serveLocal(engine);
    try {
      const ask = async (body: object) => {
        const res = await fetch(`${s.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ max_tokens: 4, ...body }) });
        expect(res.status).toBe(200);
        return (await res.json()) as { usage: { prompt_tokens: number }; choices: { finish_reason: string }[] };
      };
      const user = { role: 'user', content: 'Weather in Lagos?' };
      const plain = await ask({ messages: [user] });
      const offered = await ask({ messages: [user], tools: [{ type: 'function', function: weather }] });
      // The template writes each function's name, description and parameters into the prompt.
      expect(offered.usage.prompt_tokens).toBeGreaterThan(plain.usage.prompt_tokens + 10);
      const answered = await ask({
        tools: [{ type: 'function', function: weather }],
        messages: [user, { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lagos"}' } }] }, { role: 'tool', tool_call_id: 'c1', content: '{"temp_c":31}' }],
      });
      expect(answered.usage.prompt_tokens).toBeGreaterThan(offered.usage.prompt_tokens);
      expect(answered.choices[0]?.finish_reason).toMatch(/^(stop|length)$/);
    } finally {
      await s.close();
    }
  });
});
