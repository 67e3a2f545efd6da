// Qwen 3.5's tokenizer rebuilt from its official merges.txt, split regex and NFC setting.
import { corruptFile, type TokenizerFiles } from './files.js';
import { MergesBpe } from './merges-bpe.js';
import { toJsRegExp } from './pattern.js';
import type { Tokenizer } from './types.js';

export const QWEN35_FILES = { merges: 'qwen3.5/merges.txt', spec: 'qwen3.5/tokenizer_spec.json' } as const;

interface Spec {
  normalizer: string;
  pre_tokenizer_regex: string;
}

function parseSpec(text: string, path: string): Spec {
  let spec: Partial<Spec>;
  try {
    spec = JSON.parse(text) as Partial<Spec>;
  } catch (error) {
    throw corruptFile(path, `not JSON (${(error as Error).message})`);
  }
  if (typeof spec.pre_tokenizer_regex !== 'string') throw corruptFile(path, 'no "pre_tokenizer_regex" string');
  if (spec.normalizer !== 'NFC') throw corruptFile(path, `"normalizer" is ${JSON.stringify(spec.normalizer)}, expected "NFC"`);
  return spec as Spec;
}

/**
 * Token counts are exact: every token the model can produce is made by a merge. Ids are
 * `reconstructed-ids`: 201 vocabulary entries are made by no merge (Qwen removed their merges), so
 * from about id 104,362 on, 256 + merge rank runs ahead of the model's real id.
 * @example loadQwen35(files).count('Hola mundo') // 2
 */
export function loadQwen35(files: TokenizerFiles): Tokenizer {
  const mergesText = files.read(QWEN35_FILES.merges, 'Qwen 3.5');
  const specText = files.read(QWEN35_FILES.spec, 'Qwen 3.5');
  const mergesPath = files.path(QWEN35_FILES.merges)!;
  const spec = parseSpec(specText, files.path(QWEN35_FILES.spec)!);
  const lines = mergesText.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0]?.startsWith('#version')) lines.shift();
  if (lines.length === 0) throw corruptFile(mergesPath, 'no merges');
  let split: RegExp;
  try {
    split = toJsRegExp(spec.pre_tokenizer_regex);
  } catch (error) {
    throw corruptFile(files.path(QWEN35_FILES.spec)!, `bad "pre_tokenizer_regex" (${(error as Error).message})`);
  }
  const bpe = new MergesBpe({
    merges: lines,
    split,
    normalize: 'NFC',
    onBadLine: (line, problem) => {
      throw corruptFile(mergesPath, line < 0 ? problem : `line ${line + 1}: ${problem}`);
    },
  });
  return {
    id: 'qwen3.5',
    fidelity: 'reconstructed-ids',
    implementation: `versus merges BPE on ${QWEN35_FILES.merges} (${lines.length} merges) + ${QWEN35_FILES.spec}`,
    encode: (text) => bpe.encode(text),
    count: (text) => bpe.count(text),
  };
}
