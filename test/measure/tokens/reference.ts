// Test support: the reference tokenizer files in ../shared (never copied into the repo) and a corpus sample.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToChars } from '../../../src/measure/tokenizers/bytelevel.js';
import { ROOT } from '../../../src/paths.js';

/**
 * The reference tokenizer files: $VERSUS_REFERENCE_DIR, else ../shared/reference beside the repo
 * (a clone elsewhere sets VERSUS_REFERENCE_DIR).
 */
export const REF = join(
  [process.env.VERSUS_REFERENCE_DIR, join(ROOT, '..', 'shared', 'reference')]
    .find((d): d is string => d !== undefined && existsSync(join(d, 'tokenizers'))) ?? join(ROOT, '..', 'shared', 'reference'),
  'tokenizers',
);

/** Reads a reference file; a missing one fails the test (it must not be skipped). */
export function readReference(rel: string): string {
  const path = join(REF, rel);
  if (!existsSync(path)) throw new Error(`missing reference file ${path}: these tests need ../shared/reference/tokenizers`);
  return readFileSync(path, 'utf8');
}

/** Languages that cover the scripts where tokenizers differ most. */
export const SAMPLE = ['eng', 'hin', 'tam', 'jpn', 'amh', 'cmn_hans', 'tha', 'rus', 'arb', 'kor', 'vie', 'ell_monotonic'];

/**
 * Texts where byte-pair encoders tend to differ: runs of spaces and newlines, digits, special tokens
 * written out as text (Qwen's and DeepSeek's count as one token each), combining marks, long runs.
 */
export const EDGE_TEXTS = [' \n\n  Hello   world!! 123456 ', 'a<|im_start|>b<think>c', '<｜begin▁of▁sentence｜>Hi 你好，世界 ', 'ÅÅ e\u0301 ﬁ', '<start_of_turn>x\n\n\ny  ▁', `${' '.repeat(3000)}x`, 'ab'.repeat(1500), `${'\n'.repeat(500)}.`, 'ﷺ'.repeat(300), '<|endoftext|>'];

let folder: string | undefined;

/**
 * A tokenizer folder laid out as the catalog names the vendor files, built from the reference files:
 * the reference sub-folders as they are, and Mistral's exported vocabulary
 * (mistral/mistral_v3_tekken.tiktoken: "base64(byte-level spelling) id" lines, ids 0–999 special)
 * written from the reference Tekken ranks. Made once per test process.
 */
export function tokenizerDir(): string {
  if (folder) return folder;
  const dir = mkdtempSync(join(tmpdir(), 'versus-tokdir-'));
  for (const sub of ['qwen3.5', 'qwen3', 'llama3', 'llama4', 'gemma3', 'deepseek_v3']) symlinkSync(join(REF, sub), join(dir, sub));
  mkdirSync(join(dir, 'mistral'));
  const specials = Array.from({ length: 1000 }, (_, i) => `${Buffer.from(`<SPECIAL_${i}>`).toString('base64')} ${i}`);
  const ranks = readReference('mistral/tekken_ranks.tiktoken').split('\n').filter(Boolean).map((line) => {
    const [b64, rank] = line.split(' ');
    return `${Buffer.from(bytesToChars(Buffer.from(b64!, 'base64'))).toString('base64')} ${Number(rank) + 1000}`;
  });
  writeFileSync(join(dir, 'mistral', 'mistral_v3_tekken.tiktoken'), `${[...specials, ...ranks].join('\n')}\n`);
  return (folder = dir);
}
