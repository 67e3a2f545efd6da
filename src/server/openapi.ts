// The API's OpenAPI 3.1 document, built from the same zod schemas that validate and produce the data.
import { z } from 'zod';
import { Model, Source } from '../catalog/schema.js';
import { TOOL_VERSION } from '../paths.js';
import { ComparisonJson } from '../render/json-schema.js';

type Param = { name: string; description: string; required?: boolean; example?: string };

const query = (p: Param) => ({ name: p.name, in: 'query', required: p.required ?? false, description: p.description, schema: { type: 'string' }, ...(p.example ? { example: p.example } : {}) });
const pathId = (description: string, example: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string' }, example });
const ok = (description: string, schema: object, type = 'application/json') => ({ 200: { description, content: { [type]: { schema } } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/responses/E${code}` }]));

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** The options of `versus recommend`, under the same names (one parser reads both); any other parameter is a 400. */
const RECOMMEND: Param[] = [
  { name: 'use-case', description: 'Use-case id whose weights rank the models that pass (see the catalog use_cases).', example: 'multilingual-support' },
  { name: 'weights', description: 'Row weights that override the use case\'s, row=weight, comma-separated.', example: 'coding=3,agentic=1' },
  { name: 'languages', description: 'ISO 639 codes or English names, comma-separated or repeated.', example: 'ja,th,hi' },
  { name: 'max-premium', description: 'Largest token premium vs English for those languages (≥ 1).', example: '2' },
  { name: 'context', description: 'Minimum context in tokens; k = 1024, m = 1024² (128k = 131,072).', example: '128k' },
  { name: 'modalities', description: 'Inputs needed besides text: image, video, audio.', example: 'image' },
  { name: 'mau', description: 'Monthly active users; k, m, b are 10³, 10⁶, 10⁹.', example: '1.2b' },
  { name: 'revenue', description: "Yearly revenue in US dollars (k, m, b), checked against licences' revenue gates; left out, a gate that needs an authorization is unverified.", example: '30m' },
  { name: 'region', description: "Where the user's company is based: a country by name or ISO 3166 code, or EU / EEA (data/jurisdictions.yaml).", example: 'Germany' },
  { name: 'end-user', description: '"yes": an end user of a product that embeds the model.' },
  { name: 'commercial', description: '"yes": commercial use (the default).' },
  { name: 'non-commercial', description: '"yes": research or personal use only.' },
  { name: 'license', description: '"permissive": only an OSI-approved licence (Apache 2.0, MIT, …) passes.', example: 'permissive' },
  { name: 'distribute', description: '"yes" when the weights are distributed.' },
  { name: 'fine-tune', description: '"yes" when a derivative model is created.' },
  { name: 'no-naming', description: '"yes" when a naming rule for derivatives is not acceptable.' },
  { name: 'gpu', description: 'GPU id or alias from the catalog (h100, 4090).', example: 'h100' },
  { name: 'gpus', description: 'Number of GPUs, 1–1024.', example: '2' },
  { name: 'precision', description: 'Precision id or GGUF name (int4, fp8, Q4_K_M).', example: 'int4' },
  { name: 'max-params', description: 'Largest total parameter count.', example: '70b' },
  { name: 'max-cost', description: 'Largest hosted cost: US$ per task of 2,000 characters in and 600 out (English version) in the dearest requested language, or "N/month" at `volume` tasks.', example: '0.002' },
  { name: 'volume', description: 'Tasks a month for a monthly cost budget (default 1m).', example: '1m' },
  { name: 'load', description: 'Serving load: requests per second, typical input and output tokens.', example: '20/s,in=2k,out=500' },
  { name: 'strict', description: '"yes": every unverified check excludes.' },
  { name: 'lenient', description: '"yes": admit models with unverified hardware, context, licence, size or modality checks, ranked after verified ones.' },
];

const FIT: Param[] = [
  { name: 'model', description: 'Model id.', required: true, example: 'llama-4-scout-17b-16e' },
  { name: 'gpu', description: 'GPU id.', required: true, example: 'h100-sxm' },
  { name: 'gpus', description: 'Number of GPUs (tensor parallel), 1–64; default 1.' },
  { name: 'precision', description: 'Weight precision id, e.g. bf16, fp8, int4.' },
  { name: 'kv', description: 'KV cache element type.' },
  { name: 'context', description: 'Context length in tokens; k = 1024.' , example: '128k' },
  { name: 'concurrency', description: 'Concurrent sequences; default 1.' },
  { name: 'engine', description: 'Inference engine whose memory rules apply: vllm, sglang, trtllm, llama.cpp, mlx; default by the GPU.' },
  { name: 'ngl', description: 'llama.cpp only: layers on the GPU (-ngl); the rest stays in system RAM. Default all.', example: '20' },
  { name: 'flash_attn', description: 'llama.cpp only: flash attention on (default) or off; sizes the compute buffer.' },
];

/**
 * The OpenAPI document served at /api/openapi.json and committed as schema/openapi.json.
 * @example openApiDocument().paths['/api/compare']
 */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'versus API',
      version: TOOL_VERSION,
      description: 'Sourced comparisons of open-weight model families. Read-only; ids are the catalog ids and never change meaning. '
        + 'Every path also answers with a ".json" suffix, which is how the static export names its files. '
        + 'Responses carry an ETag and Cache-Control; errors are {"error": {status, code, message, suggestions?}}.',
    },
    paths: {
      '/api/models': { get: { summary: 'Every model, one line each', responses: { ...ok('The models', ref('ModelList')) } } },
      '/api/models/{id}': { get: { summary: 'One model: every catalog fact with its source', parameters: [pathId('Model id', 'qwen3.5-27b')], responses: { ...ok('The model record, its generation, family, licence and cited sources', ref('ModelRecord')), ...errors(404) } } },
      '/api/compare': { get: { summary: 'Compare two or more families, generations or models', parameters: [query({ name: 'subjects', required: true, description: 'Two to eight ids, comma-separated or repeated.', example: 'qwen,llama' })], responses: { ...ok('The comparison (same document as `versus compare --format json`)', ref('Comparison')), ...errors(400, 404) } } },
      '/api/compare/{pair}': { get: { summary: 'The same comparison, by path', parameters: [{ name: 'pair', in: 'path', required: true, description: 'Ids joined by "-vs-".', schema: { type: 'string' }, example: 'qwen-vs-llama' }], responses: { ...ok('The comparison', ref('Comparison')), ...errors(400, 404) } } },
      '/api/recommend': { get: { summary: 'Models ranked against hard constraints and use-case weights', parameters: RECOMMEND.map(query), responses: { ...ok('Ranked and excluded models with reasons; rich text has [n] marks into `citations`', ref('EngineResult')), ...errors(400, 404, 501) } } },
      '/api/fit': { get: { summary: 'Memory and speed bounds of a model on GPUs', parameters: FIT.map(query), responses: { ...ok('The fit report', ref('EngineResult')), ...errors(400, 404, 501) } } },
      '/api/tokens': {
        get: { summary: 'Measured tokenizer premium per language; with `text`, its token counts', parameters: [query({ name: 'text', description: 'Text to count, up to 4,000 characters.' }), query({ name: 'lang', description: 'ISO 639-3 codes to include.' }), query({ name: 'tokenizer', description: 'Tokenizer ids to include.' })], responses: { ...ok('Premiums and counts', { type: 'object' }), ...errors(400, 501) } },
        post: { summary: 'Count a longer text under every tokenizer', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string' } }, additionalProperties: false } } } }, responses: { ...ok('Token counts', { type: 'object' }), ...errors(400, 413, 501) } },
      },
      '/api/audit': {
        post: { summary: 'Check an article\'s claims against the catalog (same document as `versus audit --format json`)', requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 60000 } }, additionalProperties: false } } } }, responses: { ...ok('Each claim with its verdict (holds, wrong, partly, unverified), what the catalog says and the numbers of its sources; omissions; sources', { type: 'object' }), ...errors(400, 413) } },
      },
      '/api/export.json': { get: { summary: 'The whole catalog, validated, as one JSON document', responses: ok('Every section of data/: sources, families, generations, models, licences, …', { type: 'object' }) } },
      '/api/export.csv': { get: { summary: 'Every sourced value as one CSV row', responses: ok('section,id,name,path,value,unknown,note,source,source_url,source_title,publisher,source_kind,retrieved', { type: 'string' }, 'text/csv') } },
      '/api/openapi.json': { get: { summary: 'This document', responses: ok('OpenAPI 3.1', { type: 'object' }) } },
    },
    components: {
      schemas: {
        Comparison: jsonSchema(ComparisonJson),
        Model: jsonSchema(Model),
        Source: jsonSchema(Source),
        ModelRecord: { type: 'object', required: ['version', 'model', 'sources'], properties: { version: { const: 1 }, model: ref('Model'), generation: { type: 'object' }, family: { type: 'object' }, license: { type: 'object' }, sources: { type: 'array', items: ref('Source') } } },
        ModelList: {
          type: 'object', required: ['version', 'models'],
          properties: { version: { const: 1 }, models: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: {
            id: { type: 'string' }, name: { type: 'string' }, family: { type: ['string', 'null'] }, generation: { type: 'string' }, released: { type: ['string', 'null'] },
            params: { type: 'object', properties: { total: { type: ['number', 'null'] }, active: { type: ['number', 'null'] } } },
            context: { type: ['integer', 'null'] }, license: { type: 'string' }, tokenizer: { type: ['string', 'null'] },
          } } } },
        },
        EngineResult: { type: 'object', required: ['version', 'query', 'result', 'citations'], properties: { version: { const: 1 }, query: { type: 'object' }, result: { type: 'object' }, citations: { type: 'array', items: { type: 'object' } } } },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['status', 'code', 'message'], properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, suggestions: { type: 'array', items: { type: 'string' } } } } } },
      },
      responses: Object.fromEntries([[400, 'Invalid input; the message lists every problem'], [404, 'Unknown id; `suggestions` has the nearest ids'], [413, 'Request body too large'], [501, 'This build does not have the engine yet']]
        .map(([code, description]) => [`E${code}`, { description, content: { 'application/json': { schema: ref('Error') } } }])),
    },
  };
}
