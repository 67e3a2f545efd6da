// Graders: exact, contains, regex, JSON schema (a documented subset), numeric tolerance, and the answer's script.
import { z } from 'zod';
import { dominantScript } from '../corpus/script.js';

/** The JSON Schema keywords the json-schema grader checks: type, properties, required, items, enum, const, minimum, maximum. */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

const JsonSchemaShape: z.ZodType<JsonSchema> = z.lazy(() => z.strictObject({
  type: z.enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']).optional(),
  properties: z.record(z.string(), JsonSchemaShape).optional(),
  required: z.array(z.string()).optional(),
  items: JsonSchemaShape.optional(),
  enum: z.array(z.unknown()).optional(),
  const: z.unknown().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
}));

/** How an answer is judged; a task's graders must all pass. */
export const Grader = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('exact'), expected: z.string(), case_sensitive: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('contains'), expected: z.union([z.string(), z.array(z.string()).min(1)]), case_sensitive: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('regex'), pattern: z.string().max(500), flags: z.string().regex(/^[imsu]*$/).optional() }),
  z.strictObject({ kind: z.literal('json-schema'), schema: JsonSchemaShape }),
  z.strictObject({ kind: z.literal('numeric'), expected: z.number(), tolerance: z.number().min(0).optional() }),
  z.strictObject({ kind: z.literal('script'), script: z.string().regex(/^[A-Z][a-z]{3}$/, 'an ISO 15924 code such as Deva') }),
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
export function grade(g: Grader, answer: string): Grade {
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
  }
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
  if (type === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in o)) out.push(`${at}.${r} is missing`);
    for (const [k, sub] of Object.entries(s.properties ?? {})) if (k in o) out.push(...validate(sub, o[k], `${at}.${k}`));
  }
  if (Array.isArray(v) && s.items) v.forEach((x, i) => out.push(...validate(s.items as JsonSchema, x, `${at}[${i}]`)));
  return out;
}
