// Fit questions asked of the catalog: one model on a GPU set, with every number's basis and source.
import type { Catalog } from '../catalog/catalog.js';
import { isKnown } from '../catalog/catalog.js';
import type { Architecture, Checkpoint, Gpu, Maybe, Model, Precision, Runtime, Source } from '../catalog/schema.js';
import { suggest } from '../catalog/suggest.js';
import { formatBytes, trim } from '../format.js';
import { NotFoundError, UsageError } from '../errors.js';
import { modelFacts, type ModelFacts } from './facts.js';
import { fitMemory, largestContext, minGpus, tpProblem, type EngineRules, type FitInput, type FitResult, type GpuSpec } from './fit.js';
import { allFullAttention, DTYPE_BYTES, globalLayer, growingLayers, kvCacheBytes, kvGrowthPerToken, kvParts, linearStateBytes, withMtp, type KvPart } from './memory.js';
import { decodeBound, prefillBound, type DecodeBound, type PrefillBound } from './speed.js';
import { weightBytes, weightFormat } from './weights.js';
import { gpuSpec } from './devices.js';
import { defaultRuntime, engineRules, kvValueBytes, runtimeById, type KvDtypeName } from './engines.js';

export * from './devices.js';
export * from './engines.js';

export interface FitOptions {
  /** Count the multi-token-prediction layers' KV too (speculative decoding with the model's own MTP head). */
  readonly mtp?: boolean;
  /** Precision id from the catalog (default bf16). */
  readonly precision?: string;
  readonly kv?: KvDtypeName;
  /** Tokens per sequence (default: the model's native context). */
  readonly context?: number;
  readonly concurrency?: number;
  readonly gpus?: number;
  /** Engine rules id from the catalog (default: llama.cpp for edge and unified-memory GPUs, else vllm). */
  readonly runtime?: string;
  /** Overrides the engine's reservation fraction (vLLM --gpu-memory-utilization). */
  readonly reservation?: number;
  /** Overrides the engine's per-GPU allowance, in GiB. */
  readonly allowanceGib?: number;
  /** Overrides the batch vLLM profiles (max_num_batched_tokens). */
  readonly batchedTokens?: number;
  /** Overrides the sequences vLLM samples for when profiling (max_num_seqs). */
  readonly maxSeqs?: number;
  /** llama.cpp: flash attention on (the default, "auto") or off. */
  readonly flashAttention?: boolean;
  /** llama.cpp: the micro-batch its compute buffer is sized for (-ub, default 512). */
  readonly ubatch?: number;
  /** llama.cpp -ngl: layers on the GPU (default all, and the output layer). */
  readonly gpuLayers?: number;
}

const GIB = 2 ** 30;

/** The published checkpoint a model entry names for a precision, if any. */
export function checkpointFor(model: Model, precision: string): Checkpoint | undefined {
  return model.checkpoints.find((c) => c.precision === precision);
}

/**
 * The engine rules with the user's explicit overrides, named as such. A setting the engine does not
 * have (--ngl outside llama.cpp, --batched-tokens outside vLLM) is a UsageError.
 */
function withOverrides(runtime: Runtime, rules: EngineRules, opts: FitOptions): EngineRules {
  const allowance = opts.allowanceGib === undefined ? {} : { allowanceBytes: Math.round(opts.allowanceGib * GIB), allowanceTpBytes: Math.round(opts.allowanceGib * GIB) };
  const overridden = [...(opts.reservation === undefined ? [] : ['reservation' as const]), ...(opts.allowanceGib === undefined ? [] : ['allowance' as const])];
  const without = (flag: string, has: unknown, engines: string) => {
    if (!has) throw new UsageError(`${runtime.name} has no ${flag} setting; it applies to ${engines}.`);
  };
  if (opts.gpuLayers !== undefined) without('--ngl (layers on the GPU)', rules.layerOffload, 'llama.cpp (--engine llama.cpp)');
  if (opts.flashAttention !== undefined || opts.ubatch !== undefined) without('--flash-attn / --ubatch', rules.computeBuffer, 'llama.cpp (--engine llama.cpp)');
  if (opts.batchedTokens !== undefined || opts.maxSeqs !== undefined) without('--batched-tokens / --max-seqs', runtime.profile_batch, 'vLLM (--engine vllm)');
  const bpv = runtime.activation?.value.bytes_per_ffn_value ?? 0;
  const perLogit = runtime.sampler?.value.bytes_per_logit ?? 0;
  const profile = rules.profile && { tokens: opts.batchedTokens ?? rules.profile.tokens, seqs: opts.maxSeqs ?? rules.profile.seqs };
  const profiled = profile && (opts.batchedTokens !== undefined || opts.maxSeqs !== undefined)
    ? { profile, activationBytesPerFfnColumn: profile.tokens * bpv, samplerBytesPerVocab: profile.seqs * perLogit }
    : {};
  const cb = rules.computeBuffer && { ...rules.computeBuffer, ...(opts.ubatch === undefined ? {} : { ubatch: opts.ubatch }), ...(opts.flashAttention === undefined ? {} : { flashAttention: opts.flashAttention }) };
  return {
    ...rules, ...(opts.reservation === undefined ? {} : { reservation: opts.reservation }), ...allowance, ...profiled, ...(cb ? { computeBuffer: cb } : {}),
    ...(overridden.length > 0 ? { overridden } : {}),
  };
}

/** A precision by id; an unknown id is a NotFoundError with the nearest ids. */
export function precisionById(catalog: Catalog, id: string): Precision {
  const p = catalog.precision.get(id);
  if (!p) throw new NotFoundError('precision', id, suggest(id, catalog.precision.keys()));
  return p;
}

/**
 * The full input of a fit decision, resolved from the catalog; throws on an unknown fact or a
 * tensor-parallel size the model cannot use.
 */
export function fitInput(catalog: Catalog, model: Model, gpu: Gpu, opts: FitOptions = {}): FitInput {
  const modelOnly = modelFacts(model);
  const facts = opts.mtp ? { ...modelOnly, arch: withMtp(modelOnly.arch) } : modelOnly;
  const gpus = opts.gpus ?? 1;
  const problem = tpProblem(facts.arch, gpus);
  if (problem) throw new UsageError(`${model.id}: ${problem}.`);
  const precision = precisionById(catalog, opts.precision ?? 'bf16');
  const runtime = runtimeById(catalog, opts.runtime ?? defaultRuntime(gpu, catalog));
  if (precision.engines && !precision.engines.includes(runtime.id)) {
    throw new UsageError(`${precision.name} weights load only in ${precision.engines.join(', ')} (--engine ${precision.engines[0]}), not in ${runtime.name}.`);
  }
  const spec = gpuSpec(gpu);
  return {
    facts,
    format: weightFormat(precision, checkpointFor(model, precision.id)),
    gpu: spec,
    gpus,
    engine: withOverrides(runtime, engineRules(catalog, runtime.id, spec), opts),
    context: opts.context ?? facts.maxContext ?? 32_768,
    concurrency: opts.concurrency ?? 1,
    kvBytes: kvValueBytes(runtime, opts.kv ?? 'bf16'),
    ...(opts.gpuLayers === undefined ? {} : { gpuLayers: opts.gpuLayers }),
  };
}

/** A published measured speed and the bound versus computes for the same setting. */
export interface PublishedSpeed {
  readonly engine: string;
  readonly kind: 'decode' | 'prefill' | 'throughput';
  /** Input and output tokens per request of a throughput run, when the source states them. */
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly tokensPerSecond: number;
  readonly concurrency: number;
  readonly context: number;
  /** versus's bound for the same GPUs, precision, concurrency and context (null when the GPU has no TFLOPS for prefill). */
  readonly bound: number | null;
  /** measured ÷ bound: the share of the ceiling the engine reached. */
  readonly ratio: number | null;
  readonly quote: string;
  readonly source: string;
}

/**
 * The compute ceiling on output tokens/s per GPU at any batch size: each output token costs the
 * compute of (ISL + OSL) ÷ OSL tokens through the active weights (its share of the prompt, then its
 * own step), at the dense rate the prefill bound uses; attention FLOPs are left out, so it is a bound.
 * @example throughputBound(input, 1000, 1000) // 1979e12 ÷ (2 × 70.6e9 × 2) ≈ 7,010 for Llama 3.3 70B FP8 on an H200
 */
export function throughputBound(input: FitInput, inputTokens?: number, outputTokens?: number): number | null {
  const prefill = prefillBound(input);
  if (!prefill) return null;
  const perGpu = prefill.tokensPerSecond / input.gpus;
  return inputTokens && outputTokens ? (perGpu * outputTokens) / (inputTokens + outputTokens) : perGpu;
}

/**
 * The model's published speeds on this GPU set at this precision, each with the bound for its own
 * concurrency and context (decode: tokens/s per sequence; prefill: tokens/s; throughput: output
 * tokens/s per GPU against the compute ceiling).
 * @example publishedSpeeds(model, input)[0].ratio // 0.62 for Qwen3-8B Q4_K_M on an RTX 5090 with llama.cpp
 */
export function publishedSpeeds(model: Model, input: FitInput): PublishedSpeed[] {
  return model.throughput
    .filter((t) => t.gpu === input.gpu.id && t.gpus === input.gpus && t.precision === input.format.id)
    .map((t) => {
      const at = { ...input, concurrency: t.concurrency, context: t.context ?? input.context };
      const bound = t.kind === 'decode' ? decodeBound(at).tokensPerSecond
        : t.kind === 'prefill' ? prefillBound(at)?.tokensPerSecond ?? null
        : throughputBound(at, t.input_tokens, t.output_tokens);
      return {
        engine: t.engine, kind: t.kind, tokensPerSecond: t.tokens_per_second, concurrency: t.concurrency, context: at.context,
        inputTokens: t.input_tokens ?? null, outputTokens: t.output_tokens ?? null,
        bound, ratio: bound === null ? null : t.tokens_per_second / bound, quote: t.quote, source: t.source,
      };
    });
}

/** Everything `versus fit` shows about one model on one GPU set. */
export interface FitReport {
  readonly model: {
    readonly id: string; readonly name: string; readonly totalParams: number; readonly activeParams: number;
    /** Kept apart: the config's window, a documented YaRN extension, and a card's claim (null when the catalog has none). */
    readonly nativeContext: number | null; readonly extendedContext: number | null; readonly claimedContext: number | null;
  };
  /** Whether the MTP layers' KV is counted (--mtp). */
  readonly mtp: boolean;
  readonly gpu: GpuSpec & { readonly count: number };
  readonly precision: { readonly id: string; readonly name: string; readonly bitsPerWeight: number; readonly embeddings: string; readonly checkpoint: string | null };
  /** Where the device memory comes from: the reported GiB, a budget, or the vendor's GB. */
  readonly memoryBasis: 'budget' | 'reported' | 'vendor';
  /** The KV cache the engine can hold on one GPU: its room, and how many tokens of one sequence fill it (whole blocks). */
  readonly kvCapacity: { readonly bytesPerGpu: number; readonly tokens: number };
  readonly kvDtype: KvDtypeName;
  readonly context: number;
  readonly concurrency: number;
  readonly engine: EngineRules;
  /** The engine id when it was chosen with --engine rather than by the GPU's class. */
  readonly engineId: string | null;
  readonly memory: FitResult;
  readonly weightsTotal: number;
  readonly kv: {
    /** Bytes each further token adds, whole model (one GPU's share in perGpu). */
    readonly growthPerToken: number;
    readonly growthPerTokenPerGpu: number;
    readonly growingLayers: number;
    readonly layers: number;
    /** One sequence at this context, whole model, by layer group. */
    readonly atContext: number;
    readonly parts: readonly KvPart[];
    /** The same model if every sliding, chunked and linear-attention layer were full attention. */
    /** Every layer made one of the model's global attention layers (`as`: full attention, or MLA where those are MLA). */
    readonly allFullAttention: { readonly growthPerToken: number; readonly atContext: number; readonly as: 'full' | 'mla' };
    /** The catalog's dense, all-full-attention model nearest in total params, for scale. */
    readonly denseReference: { readonly id: string; readonly name: string; readonly totalParams: number; readonly growthPerToken: number } | null;
  };
  readonly statePerSequence: number;
  readonly largestContext: { readonly tokens: number; readonly limit: number; readonly limitedBy: 'memory' | 'model-maximum' };
  /** Fewest GPUs of this kind that fit this precision, context and concurrency (≤ 64), or null. */
  readonly minGpus: number | null;
  readonly decode: DecodeBound;
  readonly prefill: PrefillBound | null;
  /** Measured speeds published for this model, GPU set and precision, beside versus's bound for the same setting. */
  readonly published: readonly PublishedSpeed[];
  readonly notes: readonly string[];
  readonly sources: readonly Source[];
  /** The engine settings given explicitly (they reproduce the report). */
  readonly options: Pick<FitOptions, 'batchedTokens' | 'maxSeqs' | 'flashAttention' | 'ubatch' | 'gpuLayers'>;
}

/**
 * Does `model` fit `gpus` × `gpu` at these options, and with what margin, context and speed bounds.
 * @example fitReport(catalog, scout, h100, { context: 10 * 2 ** 20 }).memory.fits // false
 */
export function fitReport(catalog: Catalog, model: Model, gpu: Gpu, opts: FitOptions = {}): FitReport {
  const input = fitInput(catalog, model, gpu, opts);
  const { facts, context, kvBytes, gpus } = input;
  const arch = facts.arch;
  const memory = fitMemory(input);
  const precision = precisionById(catalog, input.format.id);
  const full = allFullAttention(arch);
  const limit = facts.maxContext ?? context;
  const largest = largestContext(input, limit);
  const { growing, total: layers } = growingLayers(arch);
  return {
    model: {
      id: facts.id, name: facts.name, totalParams: facts.total, activeParams: facts.active, nativeContext: facts.maxContext ?? null,
      extendedContext: isKnown(model.context.extended) ? model.context.extended.value : null,
      claimedContext: isKnown(model.context.claimed) ? model.context.claimed.value : null,
    },
    mtp: opts.mtp === true,
    gpu: { ...input.gpu, count: gpus },
    precision: { id: precision.id, name: precision.name, bitsPerWeight: input.format.bitsPerWeight, embeddings: input.format.embeddings, checkpoint: input.format.checkpoint?.repo ?? null },
    memoryBasis: gpu.budget_gb ? 'budget' : gpu.reported_memory_gib ? 'reported' : 'vendor',
    kvCapacity: kvCapacity(input, memory.kvRoomPerGpu),
    kvDtype: opts.kv ?? 'bf16',
    context,
    concurrency: input.concurrency,
    engine: input.engine,
    engineId: opts.runtime !== undefined && opts.runtime !== defaultRuntime(gpu, catalog) ? opts.runtime : null,
    memory,
    weightsTotal: weightBytes(facts.total, arch, input.format),
    kv: {
      growthPerToken: kvGrowthPerToken(arch, kvBytes),
      growthPerTokenPerGpu: kvGrowthPerToken(arch, kvBytes, gpus),
      growingLayers: growing,
      layers,
      atContext: kvCacheBytes(arch, context, kvBytes),
      parts: kvParts(arch, context, kvBytes),
      allFullAttention: { growthPerToken: kvGrowthPerToken(full, kvBytes), atContext: kvCacheBytes(full, context, kvBytes), as: globalLayer(arch)?.kind === 'mla' ? 'mla' : 'full' },
      denseReference: denseReference(catalog, facts, kvBytes),
    },
    statePerSequence: linearStateBytes(arch, DTYPE_BYTES.bf16),
    largestContext: { tokens: largest, limit, limitedBy: largest === limit ? 'model-maximum' : 'memory' },
    minGpus: minGpus(input) ?? null,
    decode: decodeBound(input),
    prefill: prefillBound(input) ?? null,
    published: publishedSpeeds(model, input),
    notes: fitNotes(input, gpu, opts.mtp === true),
    sources: fitSources(catalog, model, gpu, precision, opts.runtime ?? defaultRuntime(gpu, catalog)),
    options: pickDefined(opts, ['batchedTokens', 'maxSeqs', 'flashAttention', 'ubatch', 'gpuLayers']),
  };
}

function pickDefined<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Pick<T, K>;
}

/**
 * Tokens of KV cache that fit in `room` bytes on one GPU: room ÷ the bytes each token adds on that
 * GPU (layers that grow with context), rounded down to whole blocks of the engine's block size.
 * @example kvCapacity(qwen235bOn4H100, 8.11 * 2 ** 30).tokens // 180,928 (vLLM logged 178,880)
 */
export function kvCapacity(input: FitInput, room: number): { bytesPerGpu: number; tokens: number } {
  const layers = input.facts.arch.layers;
  const onGpu = input.gpuLayers === undefined ? 1 : Math.min(Math.max(input.gpuLayers, 0), layers) / layers; // -ngl: the GPU holds its layers' share
  const perToken = kvGrowthPerToken(input.facts.arch, input.kvBytes, input.gpus) * onGpu;
  const block = input.engine.kvBlockTokens ?? 1;
  const tokens = perToken > 0 && room > 0 ? Math.floor(room / perToken / block) * block : 0;
  return { bytesPerGpu: Math.max(0, room), tokens };
}

/** The dense, all-full-attention catalog model closest in total params (by ratio), other than this one. */
function denseReference(catalog: Catalog, facts: ModelFacts, kvBytes: number): FitReport['kv']['denseReference'] {
  let best: { model: Model; arch: Architecture; total: number; distance: number } | undefined;
  for (const model of catalog.models) {
    if (model.id === facts.id || !isKnown(model.architecture) || !isKnown(model.params.total)) continue;
    const arch = model.architecture.value;
    if (arch.moe || !arch.attention.every((g) => g.kind === 'full')) continue;
    const distance = Math.abs(Math.log(model.params.total.value / facts.total));
    if (!best || distance < best.distance) best = { model, arch, total: model.params.total.value, distance };
  }
  return best ? { id: best.model.id, name: best.model.name, totalParams: best.total, growthPerToken: kvGrowthPerToken(best.arch, kvBytes) } : null;
}

/** The assumptions behind the numbers, in words, for this input. */
function fitNotes(input: FitInput, gpu: Gpu, mtp: boolean): string[] {
  const { facts, gpus } = input;
  const notes0: string[] = [];
  const set = (rule: 'reservation' | 'allowance') => input.engine.overridden?.includes(rule) ?? false;
  const allowance = trim((gpus === 1 ? input.engine.allowanceBytes : input.engine.allowanceTpBytes) / GIB);
  if (input.format.checkpoint) {
    const what = input.format.checkpoint.quantized === 'ffn' ? 'feed-forward matrices' : 'routed experts';
    notes0.push(`Weights of the published checkpoint ${input.format.checkpoint.repo}: only its ${what}${input.format.checkpoint.quantizedLayers ? ` in ${input.format.checkpoint.quantizedLayers} layers` : ''} are ${input.format.name}; attention and every other tensor stay 16-bit.`);
  }
  const notes = [...notes0,
    `Usable memory per GPU = ${memoryText(gpu)} × ${input.engine.reservation}${input.engine.reservationOf === 'free-after-weights' ? ' of what is free once weights and runtime are loaded' : ''} (${set('reservation') ? 'set with --utilization' : `${input.engine.name}'s default`}).`,
    set('allowance')
      ? `Runtime allowance per GPU: ${allowance} GiB, set with --allowance.`
      : `Runtime allowance per GPU: ${allowance} GiB (${input.engine.name}; ${input.engine.basis ?? 'see data/precisions.yaml'}); wider models, longer contexts and larger batches need more (set with --allowance).`,
    'Weights: total params × bits per weight; every expert of a mixture-of-experts model stays resident; tied embeddings count once.',
    ...engineNotes(input),
  ];
  if (input.format.embeddings === 'bf16' && input.format.id !== 'bf16') notes.push('Embedding and output matrices stay 16-bit: engine quantization formats quantize Linear layers only.');
  if (gpus > 1) {
    notes.push(`Tensor parallelism over ${gpus} GPUs: weights split evenly; KV heads split, or replicated when a layer has fewer KV heads than GPUs; MLA latents and small replicated tensors (norms, routers) are on every GPU.`);
  }
  if (facts.arch.attention.some((g) => (g.kind === 'gated-deltanet' || g.kind === 'mamba2') && g.recurrent_dtype === undefined)) {
    notes.push('Recurrent state counted in the model dtype, bf16 (vLLM\'s "auto" when no state dtype such as mamba_ssm_dtype is recorded); an fp32 state would double it.');
  }
  if (facts.arch.attention.some((g) => g.mtp)) notes.push('Multi-token-prediction layers are not counted; with speculative decoding on (--mtp) they keep KV too.');
  if (facts.arch.attention.some((g) => g.mtp === false)) notes.push('Multi-token-prediction layers counted (--mtp): speculative decoding with the model\'s own MTP head keeps their KV too.');
  if (mtp && !facts.arch.attention.some((g) => g.mtp !== undefined)) notes.push('--mtp adds nothing here: the cited architecture names no multi-token-prediction layer (see its note).');
  if (facts.arch.attention.some((g) => g.kind === 'cross')) notes.push('Cross-attention KV (per image) is not counted.');
  if (facts.maxContext !== undefined && input.context > facts.maxContext) notes.push(`The context asked for exceeds the model's native window (${facts.maxContext} tokens).`);
  if (gpu.class === 'unified-memory') {
    notes.push(gpu.budget_gb
      ? `${gpu.name} shares its ${gpu.memory_gb.value} GB with the CPU; fit uses the ${gpu.budget_gb.value} GB the GPU may keep resident (Metal's working-set limit; see the GPU's note in the catalog).${gpu.budget_basis === 'assumed'
        ? ` That limit is an assumption: no measurement on this machine is published, so the catalog applies the share of memory measured on other Macs (the GPU's note says which); check it with Metal's recommendedMaxWorkingSetSize, raise it with sysctl iogpu.wired_limit_mb.` : ''}`
      : `${gpu.name} shares its memory with the CPU; macOS lets the GPU keep only part of it resident (Metal's working-set limit), which the catalog does not record for this device, so "fits" is an upper bound.`);
  }
  if (gpu.class === 'edge') notes.push(`${gpu.memory_gb.value} GB is the device's total RAM, not a budget for a model: the operating system and apps keep most of it (see the GPU's note in the catalog). Treat "fits" here as an upper bound.`);
  notes.push('Speed figures are bounds: decode = bandwidth ÷ bytes read per step, prefill = dense TFLOPS ÷ (2 × active params); real engines are slower.');
  return notes;
}

/** How the engine's activation peak or compute buffer and any -ngl split were sized, in words. */
function engineNotes(input: FitInput): string[] {
  const { engine, facts } = input;
  const notes: string[] = [];
  if (engine.profile && engine.samplerBytesPerVocab !== undefined && !engine.overridden?.includes('allowance')) {
    const { tokens, seqs } = engine.profile;
    notes.push(`Activation peak: the larger of one profiled forward pass of ${tokens} tokens and the sampler over ${seqs} sequences × ${facts.arch.vocab} logits (${engine.name} profiles max_num_batched_tokens ${tokens} and max_num_seqs ${seqs} by default on this device; set them with --batched-tokens and --max-seqs).`);
  }
  if (engine.computeBuffer) {
    const cb = engine.computeBuffer;
    notes.push(`Compute buffer: the larger of the output path, ${cb.ubatch} × (${facts.arch.vocab} vocab + ${facts.arch.hidden} hidden) float32 values${cb.flashAttention ? '' : `, and one layer's attention scores and mask, ${cb.ubatch} × context × (${facts.arch.heads} heads + 1) float32 values (flash attention off)`}; micro-batch ${cb.ubatch} (--ubatch), flash attention ${cb.flashAttention ? 'on (--flash-attn off to size it without)' : 'off'}.`);
  }
  const host = fitMemory(input).host;
  if (host) {
    notes.push(`-ngl ${host.gpuLayers}: ${Math.min(host.gpuLayers, host.layers)} of ${host.layers} layers on the GPU${host.outputOnGpu ? ' and the output matrix' : ''}; the token embedding${host.outputOnGpu ? '' : ', the output matrix'} and the other layers' weights, KV cache and state stay in system RAM (${formatBytes(host.total)}), which fit does not check.`);
  }
  return notes;
}

/** The device memory fit uses, in words: "79.22 GiB as the device reports it (80 GB on the datasheet)". */
function memoryText(gpu: Gpu): string {
  if (gpu.budget_gb) return `${gpu.budget_gb.value} GB (${gpu.budget_basis === 'assumed' ? 'an assumed working set' : 'the stated budget'}, not the ${gpu.memory_gb.value} GB of memory)`;
  if (gpu.reported_memory_gib) return `${gpu.reported_memory_gib.value} GiB as the device reports it (${gpu.memory_gb.value} GB on the datasheet)`;
  return `${gpu.memory_gb.value} GB (the vendor's figure; no reported figure is catalogued, so the usable memory may differ by a few percent)`;
}

function fitSources(catalog: Catalog, model: Model, gpu: Gpu, precision: Precision, runtime: string): Source[] {
  const ids = new Set<string>();
  const facts: (Maybe<unknown> | undefined)[] = [model.architecture, model.params.total, model.params.active, model.context.native, gpu.memory_gb, gpu.reported_memory_gib, gpu.budget_gb, gpu.bandwidth_gbs, gpu.bf16_tflops, gpu.fp8_tflops];
  for (const m of facts) if (isKnown(m)) ids.add(m.source);
  ids.add(precision.bits_per_weight.source).add(precision.embeddings.source);
  const ckpt = checkpointFor(model, precision.id);
  if (ckpt) ids.add(ckpt.quantized.source);
  for (const t of model.throughput) if (t.gpu === gpu.id && t.precision === precision.id) ids.add(t.source);
  const r = catalog.runtime.get(runtime);
  if (r) {
    ids.add(r.reservation.source).add(r.allowance_gib.source);
    for (const rule of [r.activation, r.profile_batch, r.sampler, r.compute_buffer]) if (rule) ids.add(rule.source);
  }
  return [...ids].flatMap((id) => catalog.source.get(id) ?? []);
}

/**
 * The `versus fit <model>` flags that reproduce a report.
 * @example fitArgs(report) // '--gpu h200 --gpus 8 --context 262144'
 */
export function fitArgs(r: FitReport): string {
  const flags = [
    r.gpu.id === 'custom' ? `--memory ${trim(r.gpu.memoryBytes / GIB)}GiB --bandwidth ${trim(r.gpu.bandwidth / 1e9)}GB/s` : `--gpu ${r.gpu.id}`, r.gpu.count > 1 ? `--gpus ${r.gpu.count}` : '', r.precision.id !== 'bf16' ? `--precision ${r.precision.id}` : '',
    r.kvDtype !== 'bf16' ? `--kv ${r.kvDtype}` : '', r.mtp ? '--mtp' : '', r.engineId ? `--engine ${r.engineId}` : '', `--context ${r.context}`, r.concurrency > 1 ? `--concurrency ${r.concurrency}` : '',
    r.engine.overridden?.includes('reservation') ? `--utilization ${r.engine.reservation}` : '',
    r.engine.overridden?.includes('allowance') ? `--allowance ${trim(r.engine.allowanceBytes / GIB)}` : '',
    r.options.batchedTokens !== undefined ? `--batched-tokens ${r.options.batchedTokens}` : '', r.options.maxSeqs !== undefined ? `--max-seqs ${r.options.maxSeqs}` : '',
    r.options.flashAttention !== undefined ? `--flash-attn ${r.options.flashAttention ? 'on' : 'off'}` : '', r.options.ubatch !== undefined ? `--ubatch ${r.options.ubatch}` : '',
    r.memory.host ? `--ngl ${r.memory.host.gpuLayers}` : '',
  ];
  return flags.filter(Boolean).join(' ');
}

/** Precisions from the most to the fewest bits per weight (ties: catalog order); with an engine, only those it loads. */
export function precisionsByFidelity(catalog: Catalog, runtime?: string): Precision[] {
  return catalog.precisions
    .filter((p) => runtime === undefined || p.engines === undefined || p.engines.includes(runtime))
    .sort((a, b) => b.bits_per_weight.value - a.bits_per_weight.value);
}

/**
 * The highest-fidelity precision at which the model fits, with its report; undefined when none fits.
 * @example bestFit(catalog, llama8b, rtx4090, { context: 32768 })?.precision.id // 'bf16'
 */
export function bestFit(catalog: Catalog, model: Model, gpu: Gpu, opts: Omit<FitOptions, 'precision'> = {}): { precision: Precision; report: FitReport } | undefined {
  for (const precision of precisionsByFidelity(catalog, opts.runtime ?? defaultRuntime(gpu, catalog))) {
    const input = fitInput(catalog, model, gpu, { ...opts, precision: precision.id });
    if (fitMemory(input).fits) return { precision, report: fitReport(catalog, model, gpu, { ...opts, precision: precision.id }) };
  }
  return undefined;
}
