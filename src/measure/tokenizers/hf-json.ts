// Hugging Face tokenizer.json files run by @lenml/tokenizers (a JavaScript port of transformers.js tokenizers).
import { TokenizerLoader } from '@lenml/tokenizers';
import { corruptFile, type TokenizerFiles } from './files.js';
import type { Tokenizer } from './types.js';

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corruptFile(path, `not JSON (${(error as Error).message})`);
  }
}

interface LenmlBpe {
  merges?: [string, string][];
  bpe_ranks?: Map<string, number>;
  _add_node?: (queue: { push(node: unknown): void }, node: LenmlNode) => void;
}
interface LenmlNode {
  token: string;
  bias: number;
  score?: number;
  next: LenmlNode;
}

/**
 * transformers.js looks each pair's rank up by `JSON.stringify([left, right])`, which is most of
 * its run time. This replaces that one lookup with nested Maps holding the same ranks (the last
 * rank of a repeated pair wins, as in its `bpe_ranks`); the algorithm is unchanged. Tests check
 * the result against the Rust `tokenizers` library.
 */
function speedUpRankLookup(model: LenmlBpe): void {
  if (!Array.isArray(model.merges) || !(model.bpe_ranks instanceof Map) || typeof model._add_node !== 'function') return;
  const ranks = new Map<string, Map<string, number>>();
  model.merges.forEach(([a, b], i) => {
    const inner = ranks.get(a) ?? new Map<string, number>();
    ranks.set(a, inner.set(b, i));
  });
  model._add_node = (queue, node) => {
    const rank = ranks.get(node.token)?.get(node.next.token);
    if (rank !== undefined) {
      node.score = rank + node.bias;
      queue.push(node);
    }
  };
}

/** The tokenizer.json each Hugging Face tokenizer is read from, in the tokenizer folder (data/tokenizers.yaml `files`). */
export const HF_JSON_FILES = { qwen2: 'qwen3/tokenizer.json', gemma3: 'gemma3/tokenizer.json', 'deepseek-v3': 'deepseek_v3/tokenizer.json' } as const;
export type HfJsonId = keyof typeof HF_JSON_FILES;

/**
 * The tokenizer_config.json settings @lenml/tokenizers reads (the tokenizer class and its flags), as
 * published beside each tokenizer.json (Qwen3-8B, gemma-3-27b-it, DeepSeek-V3) less `added_tokens_decoder`
 * and `chat_template`, which encoding without special tokens never reads. Kept here so that only
 * tokenizer.json is downloaded; tests check counts against the Rust `tokenizers` library.
 */
/** An AddedToken entry of tokenizer_config.json (DeepSeek-V3 spells its bos/eos/pad tokens this way). */
const addedToken = (content: string) => ({ __type: 'AddedToken', content, lstrip: false, normalized: true, rstrip: false, single_word: false });

const CONFIGS: Record<HfJsonId, Record<string, unknown>> = {
  qwen2: {
    "add_bos_token": false,
    "add_prefix_space": false,
    "additional_special_tokens": [
      "<|im_start|>",
      "<|im_end|>",
      "<|object_ref_start|>",
      "<|object_ref_end|>",
      "<|box_start|>",
      "<|box_end|>",
      "<|quad_start|>",
      "<|quad_end|>",
      "<|vision_start|>",
      "<|vision_end|>",
      "<|vision_pad|>",
      "<|image_pad|>",
      "<|video_pad|>"
    ],
    "bos_token": null,
    "clean_up_tokenization_spaces": false,
    "eos_token": "<|im_end|>",
    "errors": "replace",
    "model_max_length": 131072,
    "pad_token": "<|endoftext|>",
    "split_special_tokens": false,
    "tokenizer_class": "Qwen2Tokenizer",
    "unk_token": null
  },
  gemma3: {
    "add_bos_token": true,
    "add_eos_token": false,
    "boi_token": "<start_of_image>",
    "bos_token": "<bos>",
    "clean_up_tokenization_spaces": false,
    "eoi_token": "<end_of_image>",
    "eos_token": "<end_of_turn>",
    "extra_special_tokens": {
      "boi_token": "<start_of_image>",
      "eoi_token": "<end_of_image>",
      "image_token": "<image_soft_token>"
    },
    "image_token": "<image_soft_token>",
    "model_max_length": 32768,
    "pad_token": "<pad>",
    "padding_side": "left",
    "processor_class": "Gemma3Processor",
    "sp_model_kwargs": null,
    "spaces_between_special_tokens": false,
    "tokenizer_class": "GemmaTokenizer",
    "unk_token": "<unk>",
    "use_default_system_prompt": false
  },
  'deepseek-v3': {
    "add_bos_token": true,
    "add_eos_token": false,
    "bos_token": addedToken("<｜begin▁of▁sentence｜>"),
    "clean_up_tokenization_spaces": false,
    "eos_token": addedToken("<｜end▁of▁sentence｜>"),
    "legacy": true,
    "model_max_length": 131072,
    "pad_token": addedToken("<｜end▁of▁sentence｜>"),
    "sp_model_kwargs": {},
    "unk_token": null,
    "tokenizer_class": "LlamaTokenizerFast"
  }
};

const LABELS: Record<HfJsonId, string> = { qwen2: 'Qwen3', gemma3: 'Gemma 3', 'deepseek-v3': 'DeepSeek-V3' };

/**
 * Loads a catalog tokenizer from its tokenizer.json in the tokenizer folder, run by @lenml/tokenizers.
 * @example loadHfJson('qwen2', files).count('Hello') // 1
 */
export function loadHfJson(id: HfJsonId, files: TokenizerFiles): Tokenizer {
  const rel = HF_JSON_FILES[id];
  const path = files.path(rel) ?? rel;
  const tokenizerJSON = parseJson(files.read(rel, LABELS[id]), path);
  let tok: ReturnType<typeof TokenizerLoader.fromPreTrained>;
  try {
    tok = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig: CONFIGS[id] } as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
  } catch (error) {
    throw corruptFile(path, `@lenml/tokenizers could not load it (${(error as Error).message})`);
  }
  speedUpRankLookup((tok as unknown as { model: LenmlBpe }).model);
  const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false });
  return { id, fidelity: 'exact', implementation: `@lenml/tokenizers on ${rel}`, encode, count: (text) => encode(text).length };
}
