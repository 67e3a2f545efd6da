// Test support: the reference tokenizer files in ../shared (never copied into the repo) and a corpus sample.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../src/paths.js';

/** ../shared/reference/tokenizers beside the repo, on developer machines and CI alike. */
export const REF = join(ROOT, '..', 'shared', 'reference', 'tokenizers');

/** Reads a reference file; a missing one fails the test (it must not be skipped). */
export function readReference(rel: string): string {
  const path = join(REF, rel);
  if (!existsSync(path)) throw new Error(`missing reference file ${path}: these tests need ../shared/reference/tokenizers`);
  return readFileSync(path, 'utf8');
}

/** Languages that cover the scripts where tokenizers differ most. */
export const SAMPLE = ['eng', 'hin', 'tam', 'jpn', 'amh', 'cmn_hans', 'tha', 'rus', 'arb', 'kor', 'vie', 'ell_monotonic'];
