// The shipped token counts (data/measured/tokens.json), read from disk; the format and its queries are in measured.ts.
import { join } from 'node:path';
import { VersusError } from '../../errors.js';
import { DATA_DIR } from '../../paths.js';
import { readBounded } from '../../read-file.js';
import { parseTokenResults, type TokenResults } from './measured.js';

export * from './measured.js';

export const TOKEN_RESULTS_PATH = join(DATA_DIR, 'measured', 'tokens.json');

/** Reads the shipped results (or another results file). */
export function loadTokenResults(path = TOKEN_RESULTS_PATH): TokenResults {
  let bytes: Buffer | undefined;
  try {
    bytes = readBounded(path, MAX_RESULTS_BYTES);
  } catch (error) {
    throw new VersusError('E_MEASURED', `No measured token counts at ${path}: ${(error as Error).message}. Create them with "versus tokens --measure --out ${path}".`);
  }
  // A device such as /dev/zero is refused, not read until memory runs out.
  if (bytes === undefined) throw new VersusError('E_MEASURED', `${path} is larger than ${MAX_RESULTS_BYTES.toLocaleString('en-US')} bytes; it is not a results file of versus tokens --measure.`);
  return parseTokenResults(bytes.toString('utf8'), path);
}

/** The shipped results are well under 1 MB; a results file is at most this. */
const MAX_RESULTS_BYTES = 16 * 1024 * 1024;

/**
 * The shipped results, or undefined when the file is missing or malformed; `onMissing` hears why.
 * Reports then show official language counts only.
 * @example const tokens = tryLoadTokenResults((why) => stderr.write(`note: ${why}\n`))
 */
export function tryLoadTokenResults(onMissing?: (why: string) => void, path = TOKEN_RESULTS_PATH): TokenResults | undefined {
  try {
    return loadTokenResults(path);
  } catch (error) {
    onMissing?.(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
