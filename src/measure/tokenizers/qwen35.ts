// Qwen 3.5's tokenizer rebuilt from its official merges.txt, split regex and NFC setting.
import { corruptFile, type TokenizerFiles } from './files.js';
import { storedBytes } from './compact.js';
import { qwen35Bpe } from './forms.js';
import { SortedPairs, type MergesBpe } from './merges-bpe.js';
import type { Tokenizer } from './types.js';

export const QWEN35_MERGES = 'qwen3.5/merges.txt';

export { QWEN35_PATTERN } from './patterns.js';

/**
 * Token counts are exact: every token the model can produce is made by a merge. Ids are
 * `reconstructed-ids`: 201 vocabulary entries are made by no merge (Qwen removed their merges), so
 * from about id 104,362 on, 256 + merge rank runs ahead of the model's real id.
 * @example loadQwen35(files).count('Hola mundo') // 2
 */
export function loadQwen35(files: TokenizerFiles): Tokenizer {
  return qwen35(files);
}

/**
 * The compact form of Qwen 3.5's merges (their pairs, see SortedPairs) that `versus tokens --text`, the server and
 * the static site's browser read: from the cache when an earlier run stored it, else built from merges.txt.
 */
export function qwen35Form(files: TokenizerFiles): Uint8Array {
  const key = `qwen3.5\u0000${files.stamp(QWEN35_MERGES, 'Qwen 3.5')}`;
  return storedBytes(files.compact, key, () => qwen35(files).bpe.packed(), (buf) => SortedPairs.read(buf) !== undefined);
}

function qwen35(files: TokenizerFiles): Tokenizer & { bpe: MergesBpe } {
  const mergesPath = files.path(QWEN35_MERGES) ?? QWEN35_MERGES;
  const lines = files.read(QWEN35_MERGES, 'Qwen 3.5').split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0]?.startsWith('#version')) lines.shift();
  if (lines.length === 0) throw corruptFile(mergesPath, 'no merges');
  const bpe = qwen35Bpe(lines, undefined, (line, problem) => {
    throw corruptFile(mergesPath, line < 0 ? problem : `line ${line + 1}: ${problem}`);
  });
  return {
    id: 'qwen3.5',
    fidelity: 'reconstructed-ids',
    implementation: `versus merges BPE on ${QWEN35_MERGES} (${lines.length} merges), NFC and Qwen3.5's split regex`,
    encode: (text) => bpe.encode(text),
    count: (text) => bpe.count(text),
    bpe,
  };
}
