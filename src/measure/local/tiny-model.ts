// The tiny model versus generates to test itself: a llama-architecture GGUF with two layers, seeded random
// weights and a real byte-level BPE vocabulary learned from UDHR text. It knows nothing; it exercises the
// engine, the tokenizer, streaming and timing. Same bytes on every machine, so its sha256 names it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { declarationText } from '../corpus/udhr.js';
import { random } from '../eval/random.js';
import { train, type Bpe } from './bpe.js';
import { writeGguf, type GgufTensor, type GgufValue } from './gguf.js';
import { cacheDir } from '../../paths.js';

/** The shape of the model; part of its file name through the sha256. */
export const TINY = {
  layers: 2, embd: 64, heads: 4, kvHeads: 2, ff: 128, context: 4096, merges: 1000, seed: 20261202,
  /** UDHR texts (udhr package codes) the merges are learned from: six scripts' worth of bytes. */
  corpus: ['eng', 'fra', 'spa', 'rus', 'hin', 'jpn'],
} as const;

/** Control tokens after the learned ones: end of text, and ChatML's turn markers. */
export const SPECIAL = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;

/** ChatML, the template the engine applies to chat messages. */
const CHAT_TEMPLATE = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** llama.cpp's token types: 1 normal, 3 control. */
const NORMAL = 1;
const CONTROL = 3;

/** Normally distributed values (Box–Muller on the seeded generator). */
function gaussian(next: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** The vocabulary of the tiny model, learned from the UDHR texts in TINY.corpus. */
export function tinyVocabulary(): Bpe {
  return train(TINY.corpus.map(declarationText), TINY.merges);
}

/** Every tensor of a llama model of TINY's shape: norms at 1 (F32), matrices random (F16), embeddings F32. */
function tensors(vocab: number): GgufTensor[] {
  const normal = gaussian(random(TINY.seed));
  const { embd, ff, heads, kvHeads } = TINY;
  const kv = (embd / heads) * kvHeads;
  const matrix = (name: string, cols: number, rows: number, type: 'F32' | 'F16' = 'F16'): GgufTensor => {
    const scale = 1 / Math.sqrt(cols);
    return { name, dims: [cols, rows], type, data: Float32Array.from({ length: cols * rows }, () => normal() * scale) };
  };
  const ones = (name: string): GgufTensor => ({ name, dims: [embd], type: 'F32', data: new Float32Array(embd).fill(1) });
  const layers = Array.from({ length: TINY.layers }, (_, i) => [
    ones(`blk.${i}.attn_norm.weight`),
    matrix(`blk.${i}.attn_q.weight`, embd, embd), matrix(`blk.${i}.attn_k.weight`, embd, kv), matrix(`blk.${i}.attn_v.weight`, embd, kv),
    matrix(`blk.${i}.attn_output.weight`, embd, embd),
    ones(`blk.${i}.ffn_norm.weight`),
    matrix(`blk.${i}.ffn_gate.weight`, embd, ff), matrix(`blk.${i}.ffn_up.weight`, embd, ff), matrix(`blk.${i}.ffn_down.weight`, ff, embd),
  ]).flat();
  return [matrix('token_embd.weight', embd, vocab, 'F32'), ...layers, ones('output_norm.weight'), matrix('output.weight', embd, vocab)];
}

/**
 * The GGUF bytes of the tiny model, built from nothing but this code and the udhr package.
 * @example tinyModel().length // about 0.6 MB
 */
export function tinyModel(bpe: Bpe = tinyVocabulary()): Buffer {
  const tokens = [...bpe.tokens, ...SPECIAL];
  const id = (t: (typeof SPECIAL)[number]) => tokens.indexOf(t);
  const { embd, heads, kvHeads } = TINY;
  const meta: [string, GgufValue][] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: 'versus tiny test model' }],
    ['general.description', { type: 'string', value: `Random weights (seed ${TINY.seed}); byte-level BPE with ${bpe.merges.length} merges learned from the UDHR in ${TINY.corpus.join(', ')}. For testing engines only.` }],
    ['general.file_type', { type: 'uint32', value: 1 }],
    ['llama.context_length', { type: 'uint32', value: TINY.context }],
    ['llama.embedding_length', { type: 'uint32', value: embd }],
    ['llama.block_count', { type: 'uint32', value: TINY.layers }],
    ['llama.feed_forward_length', { type: 'uint32', value: TINY.ff }],
    ['llama.attention.head_count', { type: 'uint32', value: heads }],
    ['llama.attention.head_count_kv', { type: 'uint32', value: kvHeads }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'uint32', value: embd / heads }],
    ['llama.rope.freq_base', { type: 'float32', value: 10000 }],
    ['llama.vocab_size', { type: 'uint32', value: tokens.length }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'gpt-2' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.token_type', { type: 'int32[]', value: tokens.map((_, i) => (i >= bpe.tokens.length ? CONTROL : NORMAL)) }],
    ['tokenizer.ggml.merges', { type: 'string[]', value: bpe.merges.map(([a, b]) => `${a} ${b}`) }],
    ['tokenizer.ggml.bos_token_id', { type: 'uint32', value: id('<|endoftext|>') }],
    ['tokenizer.ggml.eos_token_id', { type: 'uint32', value: id('<|im_end|>') }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHAT_TEMPLATE }],
  ];
  return writeGguf(meta, tensors(tokens.length));
}

/** versus's cache folder (see src/paths.ts). */
export { cacheDir };

export interface TinyModelFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Whether this call wrote it (false: it was in the cache already). */
  readonly generated: boolean;
}

/** Bumped whenever the generator's output changes, so a cached file of the old recipe is not reused. */
const GENERATOR = 1;

/**
 * The tiny model in the cache folder, generated on first use: `<cache>/models/versus-tiny-<recipe>.gguf`,
 * where the recipe is the shape, the vocabulary's sources and the generator's version (the udhr package
 * is pinned). Generation is deterministic, so the sha256 reported is the same on every machine.
 */
export function ensureTinyModel(env: NodeJS.ProcessEnv = process.env): TinyModelFile {
  const recipe = createHash('sha256').update(JSON.stringify({ GENERATOR, TINY, SPECIAL, CHAT_TEMPLATE })).digest('hex').slice(0, 12);
  const dir = join(cacheDir(env), 'models');
  const path = join(dir, `versus-tiny-${recipe}.gguf`);
  const generated = !existsSync(path);
  if (generated) {
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.${process.pid}.part`;
    writeFileSync(partial, tinyModel());
    renameSync(partial, path);
  }
  const bytes = readFileSync(path);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, generated };
}
