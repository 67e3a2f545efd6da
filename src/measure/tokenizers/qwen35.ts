// Qwen 3.5's tokenizer rebuilt from its official merges.txt, split regex and NFC setting.
import { corruptFile, type TokenizerFiles } from './files.js';
import { MergesBpe, SortedPairs, type PairLookup } from './merges-bpe.js';
import { storedForm } from './ranks-bpe.js';
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
  return qwen35(files, undefined);
}

/**
 * The same tokenizer for one short text (`versus tokens --text`): the merge pairs come from a compact
 * form stored in the cache by the first run, so merges.txt is not parsed again.
 */
export function quickQwen35(files: TokenizerFiles): Tokenizer {
  const key = `qwen3.5\u0000${files.stamp(QWEN35_MERGES, 'Qwen 3.5')}`;
  const pairs = storedForm(files.compact, key, () => qwen35(files, undefined).bpe.packed(), (buf) => SortedPairs.read(buf));
  return qwen35(files, pairs);
}

function qwen35(files: TokenizerFiles, pairs: PairLookup | undefined): Tokenizer & { bpe: MergesBpe } {
  let lines: string[] = [];
  const mergesPath = files.path(QWEN35_MERGES) ?? QWEN35_MERGES;
  if (!pairs) {
    lines = files.read(QWEN35_MERGES, 'Qwen 3.5').split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (lines[0]?.startsWith('#version')) lines.shift();
    if (lines.length === 0) throw corruptFile(mergesPath, 'no merges');
  }
  const bpe = new MergesBpe({
    merges: lines,
    ...(pairs ? { pairs } : {}),
    split: toJsRegExp(QWEN35_PATTERN),
    normalize: 'NFC',
    onBadLine: (line, problem) => {
      throw corruptFile(mergesPath, line < 0 ? problem : `line ${line + 1}: ${problem}`);
    },
  });
  return {
    id: 'qwen3.5',
    fidelity: 'reconstructed-ids',
    implementation: pairs
      ? `versus merges BPE on a compact form of ${QWEN35_MERGES}, NFC and Qwen3.5's split regex`
      : `versus merges BPE on ${QWEN35_MERGES} (${lines.length} merges), NFC and Qwen3.5's split regex`,
    encode: (text) => bpe.encode(text),
    count: (text) => bpe.count(text),
    bpe,
  };
}
