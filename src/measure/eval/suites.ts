// Eval suites: built in (written or generated here, so no licence or contamination questions) or a user's YAML/JSONL file.
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { checkYaml } from '../../catalog/load.js';
import { decodeUtf8 } from '../../catalog/yaml-limits.js';
import { formatProblem, VersusError, type Problem } from '../../errors.js';
import { readBounded } from '../../read-file.js';
import { Grader, ToolDefinition } from './graders.js';
import { random } from './random.js';
import { tools } from './suite-tools.js';

/** One prompt and how its answer is judged (all graders must pass). */
export const EvalTask = z.strictObject({
  id: z.string().min(1).max(100),
  prompt: z.string().min(1).max(200_000),
  system: z.string().max(20_000).optional(),
  graders: z.array(Grader).min(1),
  max_tokens: z.int().positive().max(65_536).optional(),
  /** Ask the server for a JSON object (response_format). */
  json: z.boolean().optional(),
  /** Functions offered to the model (OpenAI `tools`). */
  tools: z.array(ToolDefinition).min(1).max(64).optional(),
  /** What each tool returns when called: fed back to the model, whose next answer the text graders judge. */
  tool_results: z.record(z.string(), z.unknown()).optional(),
}).refine((t) => Object.keys(t.tool_results ?? {}).every((name) => t.tools?.some((tool) => tool.name === name)), { message: 'tool_results names a tool the task does not offer', path: ['tool_results'] })
  .refine((t) => t.graders.every((g) => g.kind !== 'tool-call' || g.name === 'none' || t.tools?.some((tool) => tool.name === g.name)), { message: 'a tool-call grader names a tool the task does not offer', path: ['graders'] });
export type EvalTask = z.infer<typeof EvalTask>;

export const SuiteFile = z.strictObject({
  suite: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a suite name is lowercase letters, digits, ".", "_" or "-"'),
  description: z.string().optional(),
  tasks: z.array(EvalTask).min(1).max(10_000),
});

export interface Suite {
  readonly id: string;
  readonly description: string;
  readonly tasks: readonly EvalTask[];
  /** How the inputs were sized, when a suite builds inputs of a token length (exact with the model's tokenizer, or how they were estimated). */
  readonly sizing?: string;
}

/** A language for the multilingual suite: its name and the script its answers should be written in. */
export interface SuiteLanguage {
  readonly code: string;
  readonly name: string;
  /** ISO 15924, as the UDHR corpus records it (Jpan for Japanese). */
  readonly script: string;
}

/** Suites built from the seed and languages alone; `long-context` and `speed` also need input sizing (see the eval command). */
export const BUILT_IN = ['smoke', 'math', 'json', 'multilingual', 'tools'] as const;
export type BuiltIn = (typeof BUILT_IN)[number];

const NUMBER_ONLY = 'Answer with the number only.';

/** Three quick checks that the endpoint answers sensibly. */
function smoke(): Suite {
  return {
    id: 'smoke', description: 'Three quick checks that the endpoint answers sensibly',
    tasks: [
      { id: 'smoke-echo', prompt: 'Reply with exactly one word: pong', graders: [{ kind: 'regex', pattern: '^\\W*pong\\W*$', flags: 'i' }], max_tokens: 512 },
      { id: 'smoke-add', prompt: `What is 17 + 25? ${NUMBER_ONLY}`, graders: [{ kind: 'numeric', expected: 42 }], max_tokens: 512 },
      { id: 'smoke-capital', prompt: 'What is the capital of France? Answer in one word.', graders: [{ kind: 'contains', expected: 'Paris' }], max_tokens: 512 },
    ],
  };
}

/**
 * Generated arithmetic with exact answers: (a × b) + c − d, new numbers for every seed.
 * @example math(7, 20).tasks.length // 20
 */
export function math(seed: number, count = 20): Suite {
  const r = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const tasks = Array.from({ length: count }, (_, i): EvalTask => {
    const [a, b, c, d] = [int(12, 99), int(12, 99), int(100, 999), int(10, 500)];
    return { id: `math-${seed}-${i + 1}`, prompt: `Compute (${a} × ${b}) + ${c} − ${d}. ${NUMBER_ONLY}`, graders: [{ kind: 'numeric', expected: a * b + c - d }], max_tokens: 2048 };
  });
  return { id: 'math', description: `Generated arithmetic with exact answers (seed ${seed})`, tasks };
}

/** Structured output: the answer must be a JSON object that fits a schema and carries the right values. */
function json(): Suite {
  const person = { type: 'object', required: ['name', 'age', 'city'], properties: { name: { type: 'string', const: 'Amina Yusuf' }, age: { type: 'integer', const: 34 }, city: { type: 'string', const: 'Lagos' } } } as const;
  const order = { type: 'object', required: ['items', 'total'], properties: { items: { type: 'array', items: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } }, total: { type: 'number', const: 57.5 } } } as const;
  return {
    id: 'json', description: 'Structured output checked against a JSON schema and the expected values',
    tasks: [
      { id: 'json-person', json: true, prompt: 'Return a JSON object with keys "name", "age" (an integer) and "city" for: "Amina Yusuf, 34, lives in Lagos." Return only the JSON.', graders: [{ kind: 'json-schema', schema: person }], max_tokens: 1024 },
      { id: 'json-order', json: true, prompt: 'Return only a JSON object {"items": [{"sku": string, "qty": integer}], "total": number} for this order: 2 × A-100 at 12.50 each and 1 × B-7 at 32.50. "total" is the order total.', graders: [{ kind: 'json-schema', schema: order }], max_tokens: 1024 },
      { id: 'json-sentiment', json: true, prompt: 'Classify the sentiment of "The update broke my workflow again." Return only {"sentiment": "positive" | "negative" | "neutral"}.', graders: [{ kind: 'json-schema', schema: { type: 'object', required: ['sentiment'], properties: { sentiment: { const: 'negative' } } } }], max_tokens: 512 },
    ],
  };
}

/** The same question in each language: the answer must be right (a digit) and written in that language's script. */
function multilingual(languages: readonly SuiteLanguage[]): Suite {
  if (languages.length === 0) throw new VersusError('E_EVAL', 'The multilingual suite needs --languages (e.g. hi,ta,ja).', 2);
  const tasks = languages.flatMap((l): EvalTask[] => [
    { id: `ml-${l.code}-week`, prompt: `Answer in ${l.name}, in one short sentence, writing the number with digits: how many days are in a week?`, graders: [{ kind: 'numeric', expected: 7 }, { kind: 'script', script: l.script }], max_tokens: 1024 },
    { id: `ml-${l.code}-legs`, prompt: `Answer in ${l.name}, in one short sentence, writing the number with digits: how many legs does a spider have?`, graders: [{ kind: 'numeric', expected: 8 }, { kind: 'script', script: l.script }], max_tokens: 1024 },
  ]);
  return { id: 'multilingual', description: `The same tasks in ${languages.map((l) => l.name).join(', ')}: right answer, right script`, tasks };
}

/**
 * A built-in suite by name.
 * @example builtIn('math', { seed: 1, languages: [] }).tasks[0].graders[0].kind // 'numeric'
 */
export function builtIn(name: BuiltIn, o: { seed: number; languages: readonly SuiteLanguage[] }): Suite {
  switch (name) {
    case 'smoke': return smoke();
    case 'math': return math(o.seed);
    case 'json': return json();
    case 'multilingual': return multilingual(o.languages);
    case 'tools': return tools(o.seed);
  }
}

/** A suite file is at most 32 MiB (a YAML suite, like any data file, at most 1 MiB); larger ones are refused unread. */
const MAX_SUITE_BYTES = 32 * 1024 * 1024;

/**
 * A user's suite: YAML (`suite`, `tasks`) or JSONL (one task per line, the file name is the suite).
 * Any problem names the file, the line and the path in it; `shown` is the file as the user named it.
 * @throws VersusError E_SUITE
 */
export function loadSuiteFile(path: string, shown = path): Suite {
  let bytes: Buffer | undefined;
  try {
    bytes = readBounded(path, MAX_SUITE_BYTES);
  } catch (error) {
    throw new VersusError('E_SUITE', `Cannot read suite file ${shown} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, 2);
  }
  if (bytes === undefined) throw new VersusError('E_SUITE', `${shown} is larger than ${MAX_SUITE_BYTES.toLocaleString('en-US')} bytes; split the suite.`, 2);
  return extname(path).toLowerCase() === '.jsonl' ? jsonlSuite(shown, bytes) : yamlSuite(shown, bytes);
}

/** A JSONL suite: one task per line; the file name is the suite. */
function jsonlSuite(shown: string, bytes: Uint8Array): Suite {
  const decoded = decodeUtf8(shown, bytes, MAX_SUITE_BYTES);
  if ('problem' in decoded) throw suiteError([decoded.problem]);
  const tasks = decoded.text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new VersusError('E_SUITE', `${shown}:${i + 1}: not a JSON object.`, 2);
    }
    const t = EvalTask.safeParse(value);
    if (!t.success) throw new VersusError('E_SUITE', `${shown}:${i + 1}: ${issue(t.error)}`, 2);
    return [t.data];
  });
  if (tasks.length === 0) throw new VersusError('E_SUITE', `${shown}: no tasks.`, 2);
  return { id: basename(shown, extname(shown)).toLowerCase(), description: `tasks from ${basename(shown)}`, tasks };
}

/** A YAML suite, read as strictly as a data file: UTF-8, no duplicate keys, no alias bombs; problems located. */
function yamlSuite(shown: string, bytes: Uint8Array): Suite {
  const checked = checkYaml(shown, bytes, SuiteFile, 'the suite format in versus eval --help');
  if ('problems' in checked) throw suiteError(checked.problems);
  const s = checked.data;
  return { id: s.suite, description: s.description ?? `tasks from ${basename(shown)}`, tasks: s.tasks };
}

/** The first problem on one line (file:line path: message), and how many more there are. */
function suiteError(problems: readonly Problem[]): VersusError {
  const [first, ...rest] = problems;
  const more = rest.length > 0 ? ` (${rest.length} more problem${rest.length === 1 ? '' : 's'} in the file)` : '';
  return new VersusError('E_SUITE', `${formatProblem(first!).trim()}${more}`, 2);
}

function issue(e: z.ZodError): string {
  const i = e.issues[0];
  return i ? `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` : 'invalid';
}
