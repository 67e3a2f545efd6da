// Graders: exact, contains, regex, JSON schema (a documented subset), numeric tolerance, the answer's script, and tool calls.
import { z } from 'zod';
import { dominantScript } from '../corpus/script.js';
import type { ToolCall } from './client.js';

/**
 * The JSON Schema keywords the json-schema and tool-call graders check: type, properties, required,
 * additionalProperties (true/false), items, minItems, maxItems, enum, const, minimum, maximum,
 * minLength, maxLength, pattern. `description` is allowed (tools carry one) and not checked.
 */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
}

const Count = z.int().min(0);
export const JsonSchemaShape: z.ZodType<JsonSchema> = z.lazy(() => z.strictObject({
  type: z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']).optional(),
  description: z.string().max(2000).optional(),
  properties: z.record(z.string(), JsonSchemaShape).optional(),
  required: z.array(z.string()).optional(),
  additionalProperties: z.boolean().optional(),
  items: JsonSchemaShape.optional(),
  minItems: Count.optional(),
  maxItems: Count.optional(),
  enum: z.array(z.unknown()).optional(),
  const: z.unknown().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: Count.optional(),
  maxLength: Count.optional(),
  pattern: z.string().max(500).refine((p) => compiles(p), 'not a valid regular expression').optional(),
}));

/** A function offered to the model: a name as OpenAI allows it, and parameters as a JSON schema (an object). */
export const ToolDefinition = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name is 1–64 letters, digits, "_" or "-"'),
  description: z.string().max(2000).optional(),
  parameters: JsonSchemaShape.refine((s) => s.type === 'object', 'tool parameters are a JSON schema of type object'),
});
export type ToolDefinition = z.infer<typeof ToolDefinition>;

/** The calls a model made and the tools it was offered, for the tool-call grader. */
export interface ToolUse {
  readonly calls: readonly ToolCall[];
  readonly tools: readonly ToolDefinition[];
}
const NO_TOOLS: ToolUse = { calls: [], tools: [] };

/** How an answer is judged; a task's graders must all pass. */
export const Grader = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exact'), expected: z.string(), case_sensitive: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('contains'), expected: z.union([z.string(), z.array(z.string()).min(1)]), case_sensitive: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('regex'), pattern: z.string().max(500).refine((p) => compiles(p, ''), 'not a valid regular expression'), flags: z.string().regex(/^[imsu]*$/).optional() }),
  z.strictObject({ kind: z.literal('json-schema'), schema: JsonSchemaShape }),
  z.strictObject({ kind: z.literal('numeric'), expected: z.number(), tolerance: z.number().min(0).optional() }),
  z.strictObject({ kind: z.literal('script'), script: z.string().regex(/^[A-Z][a-z]{3}$/, 'an ISO 15924 code such as Deva') }),
  /** The model called `name` with arguments valid against the tool's schema and equal to `arguments` where given; `name: none` means it must call nothing. */
  z.strictObject({ kind: z.literal('tool-call'), name: z.string().min(1).max(64), arguments: z.record(z.string(), z.unknown()).optional() }),
]);
export type Grader = z.infer<typeof Grader>;

export interface Grade {
  readonly pass: boolean;
  /** Why it passed or failed, in words. */
  readonly detail: string;
}

/**
 * Judges one answer with one grader.
 * @example grade({ kind: 'numeric', expected: 42 }, 'The answer is 42.') // { pass: true, … }
 */
export function grade(g: Grader, answer: string, tools: ToolUse = NO_TOOLS): Grade {
  switch (g.kind) {
    case 'exact': {
      const norm = (s: string) => (g.case_sensitive ? s.trim() : s.trim().toLowerCase());
      const pass = norm(answer) === norm(g.expected);
      return { pass, detail: pass ? 'exact match' : `expected exactly "${g.expected}"` };
    }
    case 'contains': {
      const wanted = Array.isArray(g.expected) ? g.expected : [g.expected];
      const hay = g.case_sensitive ? answer : answer.toLowerCase();
      const missing = wanted.filter((w) => !hay.includes(g.case_sensitive ? w : w.toLowerCase()));
      return { pass: missing.length === 0, detail: missing.length === 0 ? 'contains every expected text' : `missing ${missing.map((m) => `"${m}"`).join(', ')}` };
    }
    case 'regex': {
      const pass = new RegExp(g.pattern, g.flags).test(answer);
      return { pass, detail: pass ? `matches /${g.pattern}/` : `does not match /${g.pattern}/` };
    }
    case 'json-schema': {
      const json = parseJsonAnswer(answer);
      if (json === undefined) return { pass: false, detail: 'the answer is not JSON' };
      const problems = validate(g.schema, json.value, '$');
      return { pass: problems.length === 0, detail: problems.length === 0 ? 'valid against the schema' : problems.slice(0, 3).join('; ') };
    }
    case 'numeric': {
      const n = lastNumber(answer);
      const tol = g.tolerance ?? 1e-9;
      const pass = n !== undefined && Math.abs(n - g.expected) <= tol * Math.max(1, Math.abs(g.expected));
      return { pass, detail: n === undefined ? 'no number in the answer' : pass ? `${n} ≈ ${g.expected}` : `${n}, expected ${g.expected}` };
    }
    case 'script': {
      const s = dominantScript(answer);
      return { pass: s === g.script, detail: s === g.script ? `written in ${g.script}` : `written in ${s}, expected ${g.script}` };
    }
    case 'tool-call':
      return gradeToolCall(g, tools);
  }
}

/**
 * Did the model call the right function, with arguments its schema accepts and the values expected?
 * Strings compare without case or surrounding space; numbers within 1e-9 relative.
 * @example gradeToolCall({ kind: 'tool-call', name: 'get_weather', arguments: { city: 'Oslo' } }, use).pass
 */
function gradeToolCall(g: Extract<Grader, { kind: 'tool-call' }>, use: ToolUse): Grade {
  if (g.name === 'none') {
    return use.calls.length === 0 ? { pass: true, detail: 'called no tool' } : { pass: false, detail: `called ${use.calls.map((c) => c.name).join(', ')}, expected no call` };
  }
  const named = use.calls.filter((c) => c.name === g.name);
  if (named.length === 0) return { pass: false, detail: use.calls.length ? `called ${use.calls.map((c) => c.name).join(', ')}, expected ${g.name}` : `no tool call, expected ${g.name}` };
  const tool = use.tools.find((t) => t.name === g.name);
  const problems = named.map((call) => {
    let args: unknown;
    try {
      args = JSON.parse(call.arguments || '{}');
    } catch {
      return [`${g.name} arguments are not JSON: ${JSON.stringify(call.arguments.slice(0, 80))}`];
    }
    const invalid = tool ? validate(tool.parameters, args, 'arguments') : [`${g.name} is not a tool the task offered`];
    const given = args !== null && typeof args === 'object' ? (args as Record<string, unknown>) : {};
    // A missing argument is already reported by the schema (or allowed by it); only present values are compared.
    const wrong = Object.entries(g.arguments ?? {}).flatMap(([k, v]) => (!(k in given) || sameValue(given[k], v) ? [] : [`arguments.${k} is ${JSON.stringify(given[k])}, expected ${JSON.stringify(v)}`]));
    const missing = Object.keys(g.arguments ?? {}).filter((k) => !(k in given) && !invalid.includes(`arguments.${k} is missing`)).map((k) => `arguments.${k} is missing`);
    return [...invalid, ...missing, ...wrong];
  });
  // Any one right call passes: a model may retry a call after a first attempt.
  const best = problems.find((p) => p.length === 0) ?? problems[0] ?? [];
  return best.length === 0 ? { pass: true, detail: `called ${g.name} with valid arguments` } : { pass: false, detail: best.slice(0, 3).join('; ') };
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string') return typeof actual === 'string' && actual.trim().toLowerCase() === expected.trim().toLowerCase();
  if (typeof expected === 'number') return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  // Lists compare in any order (attendees named in another order are the same meeting).
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e) => actual.some((x) => sameValue(x, e)));
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => sameValue((actual as Record<string, unknown>)[k], v));
  }
  return actual === expected;
}

/** The answer as JSON: the whole text, else the first fenced or braced block in it. */
export function parseJsonAnswer(answer: string): { value: unknown } | undefined {
  const candidates = [answer.trim(), /```(?:json)?\s*([\s\S]*?)```/.exec(answer)?.[1], /[[{][\s\S]*[\]}]/.exec(answer)?.[0]];
  for (const c of candidates) {
    if (c === undefined) continue;
    try {
      return { value: JSON.parse(c) };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** The last number written in the answer ("1,234.5" → 1234.5), where final answers usually stand. */
function lastNumber(answer: string): number | undefined {
  const all = [...answer.matchAll(/-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/gi)].map((m) => Number(m[0].replace(/,/g, '')));
  return all.filter(Number.isFinite).at(-1);
}

function validate(s: JsonSchema, v: unknown, at: string): string[] {
  const out: string[] = [];
  const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (s.type && !(s.type === type || (s.type === 'integer' && Number.isInteger(v)) || (s.type === 'number' && type === 'number'))) return [`${at} is ${type}, expected ${s.type}`];
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) out.push(`${at} is ${JSON.stringify(v)}, expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) out.push(`${at} is not one of ${JSON.stringify(s.enum)}`);
  if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) out.push(`${at} is below ${s.minimum}`);
  if (typeof v === 'number' && s.maximum !== undefined && v > s.maximum) out.push(`${at} is above ${s.maximum}`);
  if (typeof v === 'string') out.push(...validateString(s, v, at));
  if (type === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${at}.${r} is missing`);
    for (const [k, sub] of Object.entries(s.properties ?? {})) if (k in o) out.push(...validate(sub, o[k], `${at}.${k}`));
    if (s.additionalProperties === false) for (const k of Object.keys(o)) if (!(k in (s.properties ?? {}))) out.push(`${at}.${k} is not allowed`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) out.push(`${at} has ${v.length} items, at least ${s.minItems} expected`);
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push(`${at} has ${v.length} items, at most ${s.maxItems} expected`);
    if (s.items) v.forEach((x, i) => out.push(...validate(s.items as JsonSchema, x, `${at}[${i}]`)));
  }
  return out;
}

function validateString(s: JsonSchema, v: string, at: string): string[] {
  const length = [...v].length;
  return [
    ...(s.minLength !== undefined && length < s.minLength ? [`${at} is shorter than ${s.minLength} characters`] : []),
    ...(s.maxLength !== undefined && length > s.maxLength ? [`${at} is longer than ${s.maxLength} characters`] : []),
    ...(s.pattern !== undefined && !safeRegex(s.pattern).test(v) ? [`${at} does not match /${s.pattern}/`] : []),
  ];
}

/** A schema's pattern; one that does not compile matches nothing (and says so through the failed check). */
function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return /(?!)/u;
  }
}

/** A user-written pattern compiles, or the suite file is rejected (checked at load, before any request). */
export function compiles(pattern: string, flags = 'u'): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}
