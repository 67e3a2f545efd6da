// Test support: the reference tokenizer files in ../shared (never copied into the repo) and a corpus sample.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
