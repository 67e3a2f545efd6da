// Qwen 3.5's tokenizer rebuilt from its official merges.txt, split regex and NFC setting.
import { corruptFile, type TokenizerFiles } from './files.js';
import { MergesBpe } from './merges-bpe.js';
import { toJsRegExp } from './pattern.js';
import type { Tokenizer } from './types.js';

export const QWEN35_MERGES = 'qwen3.5/merges.txt';

/**
 * The pre-tokenizer split regex of Qwen3.5 (`pretokenize_regex` in Qwen/Qwen3.5-0.8B's
 * tokenizer_config.json); the normalizer is NFC. Source: data/tokenizers.yaml, qwen3.5-0.8b-merges.
 */
export const QWEN35_PATTERN = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/**
 * Token counts are exact: every token the model can produce is made by a merge. Ids are
 * `reconstructed-ids`: 201 vocabulary entries are made by no merge (Qwen removed their merges), so
 * from about id 104,362 on, 256 + merge rank runs ahead of the model's real id.
 * @example loadQwen35(files).count('Hola mundo') // 2
 */
export function loadQwen35(files: TokenizerFiles): Tokenizer {
  const mergesText = files.read(QWEN35_MERGES, 'Qwen 3.5');
  const mergesPath = files.path(QWEN35_MERGES)!;
  const lines = mergesText.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0]?.startsWith('#version')) lines.shift();
  if (lines.length === 0) throw corruptFile(mergesPath, 'no merges');
  const bpe = new MergesBpe({
    merges: lines,
    split: toJsRegExp(QWEN35_PATTERN),
    normalize: 'NFC',
    onBadLine: (line, problem) => {
      throw corruptFile(mergesPath, line < 0 ? problem : `line ${line + 1}: ${problem}`);
    },
  });
  return {
    id: 'qwen3.5',
    fidelity: 'reconstructed-ids',
    implementation: `versus merges BPE on ${QWEN35_MERGES} (${lines.length} merges), NFC and Qwen3.5's split regex`,
    encode: (text) => bpe.encode(text),
    count: (text) => bpe.count(text),
  };
}
