// versus fit <model> [--gpu …]: does a model fit a GPU set, with the memory split, largest context and speed bounds.
import type { Catalog } from '../../catalog/catalog.js';
import type { Gpu } from '../../catalog/schema.js';
import { suggest } from '../../catalog/suggest.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { MissingFactError } from '../../measure/facts.js';
import { bestFit, customGpu, fitReport, KV_DTYPES, runtimeById, type FitOptions, type FitReport } from '../../measure/fit-report.js';
import { fitListText, fitText, type FitListing } from '../../render/fit.js';
import { plainText } from '../../compare/cell.js';
import { loadText, serveCapacity } from '../../compare/load.js';
import { parseLoad } from '../../compare/recommend-input.js';
import { oneOf, parse } from '../args.js';
import { resolveGpu, resolvePrecision } from '../../catalog/resolve.js';
import { parseBandwidth, parseBytes, parseCount, parseFraction, parseTokens } from '../fit-options.js';
import type { Command } from '../main.js';

const LIST_CONTEXT = 32_768;

export const command: Command = {
  usage: `versus fit <model> [--gpu h100] [--gpus N] [--precision P] [--kv bf16|fp8] [--engine E] [--context 128k] [--concurrency N] [--mtp] [--json]
       versus fit <model> --memory 24GiB --bandwidth 936GB/s [...]   a device that is not in the catalog
       versus fit --gpu rtx-4090 [--context 32k] [...]     every catalog model that fits, at its best precision

  Computes, from the model's architecture facts, the memory per GPU (weights, KV cache,
  linear-attention state, engine allowance), whether it fits, the largest context that fits,
  and decode/prefill speed bounds. Every formula and its source: docs/methods.md.

Options:
  --gpu ID          a GPU from the catalog; aliases like h100 or 4090 work (default h100-sxm)
  --gpus N          tensor parallelism over N GPUs (default 1)
  --precision P     bf16 (default), fp8, int8, int4, q8_0, q6_k, q5_k_m, q4_k_m
  --kv D            KV-cache dtype: bf16 (default), fp8; q8_0 or q4_0 with --engine llama.cpp
  --engine E        vllm (default on datacenter and desktop GPUs), sglang, trtllm, llama.cpp (default on
                    Apple silicon and phones): whose memory rules to apply (data/precisions.yaml)
  --memory SIZE     memory of a device not in the catalog, as it reports it: 24GiB, 80GB (needs --bandwidth)
  --bandwidth RATE  its memory bandwidth: 936GB/s, 3.35TB/s
  --context T       tokens per sequence: 131072, 128k or 10m (K = 1024; default: the model's native window,
                    or 32k when listing)
  --concurrency N   sequences held at once (default 1)
  --mtp             count the KV of the model's multi-token-prediction layers (speculative decoding with them)
  --utilization F   fraction of each GPU's memory the engine may use (default: vLLM's 0.9)
  --allowance GIB   memory per GPU kept for the runtime and compute buffers (default: the engine's measured allowance)
  --batched-tokens N, --max-seqs N   vLLM: the batch it profiles (max_num_batched_tokens, max_num_seqs; default
                    8192 and 1024 on GPUs of 70 GiB or more other than the A100, else 2048 and 256)
  --ngl N           llama.cpp: layers on the GPU (-ngl; default all); the rest stays in system RAM
  --flash-attn on|off, --ubatch N    llama.cpp: flash attention (default on) and micro-batch (default 512)
                    that size its compute buffer
  --load 20/s,in=2k,out=500   serving load (requests/s, typical tokens in and out): can these GPUs serve
                    it within the decode and prefill bounds, and how many GPUs would it take
  --json            the full computation as JSON
  --data DIR        use the YAML catalog in DIR`,
  async run(args, ctx) {
    const { values, positionals } = parse('fit', args, {
      gpu: { type: 'string' }, gpus: { type: 'string' }, precision: { type: 'string' }, kv: { type: 'string' },
      context: { type: 'string' }, concurrency: { type: 'string' }, utilization: { type: 'string' }, allowance: { type: 'string' },
      engine: { type: 'string' }, memory: { type: 'string' }, bandwidth: { type: 'string' }, load: { type: 'string' },
      mtp: { type: 'boolean' }, json: { type: 'boolean' }, data: { type: 'string' },
      'batched-tokens': { type: 'string' }, 'max-seqs': { type: 'string' }, ngl: { type: 'string' }, 'flash-attn': { type: 'string' }, ubatch: { type: 'string' },
    });
    if ((values.memory === undefined) !== (values.bandwidth === undefined)) throw new UsageError('--memory and --bandwidth go together: give both for a device outside the catalog, e.g. --memory 24GiB --bandwidth 936GB/s.');
    if (values.memory !== undefined && values.gpu !== undefined) throw new UsageError('Give either --gpu (a catalog GPU) or --memory and --bandwidth (any other device), not both.');
    if (positionals.length > 1) throw new UsageError('fit takes at most one model id, e.g. "versus fit llama-4-scout-17b-16e --gpu h100".');
    const opts: { -readonly [K in keyof FitOptions]: FitOptions[K] } = {
      gpus: values.gpus === undefined ? 1 : parseCount('gpus', values.gpus, 1024),
      kv: oneOf('kv', values.kv, KV_DTYPES, 'bf16'),
      ...(values.mtp ? { mtp: true } : {}),
      concurrency: values.concurrency === undefined ? 1 : parseCount('concurrency', values.concurrency, 1_000_000),
      ...(values.context === undefined ? {} : { context: parseTokens('context', values.context) }),
      ...(values.utilization === undefined ? {} : { reservation: parseFraction('utilization', values.utilization, 0, 1) }),
      ...(values.allowance === undefined ? {} : { allowanceGib: parseFraction('allowance', values.allowance, 0, 1024) }),
      ...(values['batched-tokens'] === undefined ? {} : { batchedTokens: parseCount('batched-tokens', values['batched-tokens'], 1 << 24) }),
      ...(values['max-seqs'] === undefined ? {} : { maxSeqs: parseCount('max-seqs', values['max-seqs'], 1 << 20) }),
      ...(values.ngl === undefined ? {} : { gpuLayers: parseCount('ngl', values.ngl, 10_000, 0) }),
      ...(values['flash-attn'] === undefined ? {} : { flashAttention: oneOf('flash-attn', values['flash-attn'], ['on', 'off'] as const, 'on') === 'on' }),
      ...(values.ubatch === undefined ? {} : { ubatch: parseCount('ubatch', values.ubatch, 1 << 20) }),
    };
    const [id] = positionals;
    if (id === undefined && values.gpu === undefined && values.memory === undefined) throw new UsageError('fit needs a model id, or --gpu to list every model that fits. Run "versus fit --help".');
    const catalog = await ctx.catalog(values.data);
    const gpu = values.memory !== undefined && values.bandwidth !== undefined
      ? customGpu(parseBytes('memory', values.memory), parseBandwidth('bandwidth', values.bandwidth))
      : resolveGpu(catalog, values.gpu ?? 'h100-sxm');
    if (values.engine !== undefined) Object.assign(opts, { runtime: runtimeById(catalog, values.engine.toLowerCase()).id });
    const precision = values.precision === undefined ? undefined : resolvePrecision(catalog, values.precision).id;
    if (id === undefined) return list(catalog, gpu, { ...opts, context: opts.context ?? LIST_CONTEXT, ...(precision ? { precision } : {}) }, values.json === true, ctx.io.stdout);
    const model = catalog.model.get(id.toLowerCase());
    if (!model) throw new NotFoundError('model', id, suggest(id, catalog.model.keys()));
    const report = fitReport(catalog, model, gpu, { ...opts, ...(precision ? { precision } : {}) });
    const load = values.load === undefined ? undefined : parseLoad(values.load);
    const served = load && serveCapacity(catalog, model, gpu, opts.gpus ?? 1, report.precision.id, load);
    if (values.json) ctx.io.stdout.write(`${JSON.stringify(load ? { ...report, load, capacity: served ?? null } : report, null, 2)}\n`);
    else {
      const capacity = !load ? '' : served
        ? `\nServing load: ${plainText(loadText(model, served, load, gpu, opts.gpus ?? 1, report.precision.id))}.\n`
        : `\nServing load: not even one sequence of ${load.input + load.output} tokens fits in ${report.precision.name}.\n`;
      ctx.io.stdout.write(fitText(report) + capacity);
    }
    return 0;
  },
};

function list(catalog: Catalog, gpu: Gpu, opts: FitOptions, json: boolean, out: { write(s: string): unknown }): number {
  const fits: FitReport[] = [];
  const none: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const model of catalog.models) {
    try {
      const found = opts.precision ? fitReport(catalog, model, gpu, opts) : bestFit(catalog, model, gpu, opts)?.report;
      if (found?.memory.fits) fits.push(found);
      else none.push(model.id);
    } catch (error) {
      // A model without the facts (or one whose heads cannot split over --gpus) is listed, not fatal.
      if (error instanceof MissingFactError) skipped.push({ id: model.id, reason: `${error.fact} unknown or inconsistent` });
      else if (error instanceof UsageError) skipped.push({ id: model.id, reason: `attention heads do not split over ${opts.gpus} GPUs` });
      else throw error;
    }
  }
  const listing: FitListing = { fits, none, skipped };
  if (json) {
    out.write(`${JSON.stringify({ gpu: gpu.id, gpus: opts.gpus, context: opts.context, concurrency: opts.concurrency, kv: opts.kv, fits, none, skipped }, null, 2)}\n`);
  } else {
    out.write(fitListText(listing, gpu.name, opts.gpus ?? 1, opts.context ?? LIST_CONTEXT, opts.concurrency ?? 1, opts.kv ?? 'bf16'));
  }
  return 0;
}
