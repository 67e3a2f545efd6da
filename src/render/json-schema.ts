// The published schema of `versus compare --format json` (schema/comparison.schema.json is generated from it).
import { z } from 'zod';

const Text = z.string().describe('Display text with citation marks like [3]');
const CitationNumbers = z.array(z.int().positive()).describe('Numbers of the citations in `citations`');

export const ComparisonJson = z.strictObject({
  version: z.literal(1),
  generator: z.string(),
  title: z.string(),
  asOf: z.string().describe('The newest retrieval date among the cited sources'),
  releasesChecked: z.array(z.strictObject({
    family: z.string(),
    name: z.string(),
    date: z.string().describe('YYYY-MM-DD (or YYYY-MM): when the family\'s releases were last checked'),
  })).describe('When each compared family\'s releases were last checked, one entry per family in subject order'),
  summary: Text,
  subjects: z.array(z.strictObject({
    id: z.string(),
    kind: z.enum(['family', 'generation', 'model']),
    label: z.string(),
    family: z.string(),
    generation: z.string(),
    models: z.array(z.string()),
  })).min(1),
  rows: z.array(z.strictObject({
    id: z.string(),
    label: z.string(),
    metric: z.string().nullable().describe('What the row is ranked by; null when descriptive only'),
    leaders: z.array(z.string()).describe('Subject ids that lead the row (within 2%)'),
    cells: z.array(z.strictObject({
      subject: z.string(),
      text: Text,
      citations: CitationNumbers,
      value: z.unknown(),
      score: z.number().min(0).max(1).nullable(),
    })),
  })),
  analysis: z.array(z.strictObject({ heading: z.string(), paragraphs: z.array(Text) })),
  verdicts: z.array(z.strictObject({
    useCase: z.string(),
    name: z.string(),
    question: z.string(),
    winner: z.string().nullable(),
    runnerUp: z.string().nullable(),
    margin: z.number(),
    totals: z.record(z.string(), z.number()),
    counted: z.array(z.string()),
    skipped: z.array(z.string()),
    excluded: z.array(z.strictObject({ subject: z.string(), why: Text })).describe('Subjects with no model that meets the use case\'s hard constraints'),
    reasons: Text,
  })),
  bottomLine: z.array(Text),
  measured: z.array(z.strictObject({
    model: z.string().describe('Catalog model id the run measured'),
    run: z.int().positive(),
    label: z.string().describe('"measured on <endpoint>, <date>, run <id>"'),
    endpoint: z.string().describe('The endpoint, without credentials'),
    date: z.string(),
    servedModel: z.string().nullable(),
    reproduce: z.string().describe('The versus eval command that repeats the run'),
    suites: z.array(z.strictObject({ suite: z.string(), passed: z.int().min(0), tasks: z.int().min(0) })),
    speed: z.array(z.strictObject({ concurrency: z.int().positive(), tokensPerSecond: z.number().nullable(), ttftMs: z.number().nullable() })),
  })).optional().describe('What stored eval runs measured for the compared models (compare --runs)'),
  citations: z.array(z.union([
    z.strictObject({
      n: z.int().positive(), kind: z.literal('source'), id: z.string(), url: z.url(), title: z.string(), publisher: z.string(),
      sourceKind: z.enum(['primary', 'secondary', 'measured']), retrieved: z.string(), published: z.string().optional(),
    }),
    z.strictObject({
      n: z.int().positive(), kind: z.literal('computed'), id: z.string(), model: z.string(), title: z.string(), method: z.string(), command: z.string(),
    }),
  ])),
});

export type ComparisonJson = z.infer<typeof ComparisonJson>;
