// Function calling between the OpenAI shape versus speaks and node-llama-cpp's: tools become "functions" the chat
// template documents to the model, past calls and their results become history, calls made become tool_calls.
import type { ChatHistoryItem, ChatModelFunctions, ChatModelResponse } from 'node-llama-cpp';
import type { ChatMessage, ToolCall, ToolSpec } from '../eval/client.js';

/**
 * The tools as node-llama-cpp functions: name → description and parameter schema.
 * @example toFunctions([{ name: 'get_weather', parameters: { type: 'object' } }]) // { get_weather: { params: { type: 'object' } } }
 */
export function toFunctions(tools: readonly ToolSpec[]): ChatModelFunctions {
  return Object.fromEntries(tools.map((t) => [t.name, { ...(t.description ? { description: t.description } : {}), params: t.parameters as ChatModelFunctions[string]['params'] }]));
}

/** Arguments as the model wrote them, parsed when they are JSON (a call's params), else kept as text. */
function parsed(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

/**
 * The messages as node-llama-cpp history: an assistant turn's tool calls carry the results the following
 * `tool` messages gave them (matched by call id); a tool message with no call to attach to becomes a user turn.
 * @example toHistory([{ role: 'user', content: 'Hi' }]) // [{ type: 'user', text: 'Hi' }]
 */
export function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const results = new Map(messages.flatMap((m) => (m.role === 'tool' ? [[m.toolCallId, m.content] as const] : [])));
  const answered = new Set<string>();
  const out: ChatHistoryItem[] = [];
  for (const m of messages) {
    if (m.role === 'system') out.push({ type: 'system', text: m.content });
    else if (m.role === 'user') out.push({ type: 'user', text: m.content });
    else if (m.role === 'assistant') {
      const response: ChatModelResponse['response'] = m.content ? [m.content] : [];
      for (const c of m.toolCalls ?? []) {
        answered.add(c.id);
        response.push({ type: 'functionCall', name: c.name, params: parsed(c.arguments), result: parsed(results.get(c.id) ?? 'null') });
      }
      out.push({ type: 'model', response });
    } else if (m.role === 'tool') {
      if (!answered.has(m.toolCallId)) out.push({ type: 'user', text: m.content });
    }
  }
  return out;
}

/**
 * The calls a turn made, as OpenAI tool calls: ids call_0, call_1, … and the params as JSON text.
 * @example toToolCalls([{ functionName: 'f', params: { a: 1 } }]) // [{ id: 'call_0', name: 'f', arguments: '{"a":1}' }]
 */
export function toToolCalls(calls: readonly { functionName: string; params: unknown }[] | undefined): ToolCall[] {
  return (calls ?? []).map((c, i) => ({ id: `call_${i}`, name: c.functionName, arguments: JSON.stringify(c.params ?? {}) }));
}
