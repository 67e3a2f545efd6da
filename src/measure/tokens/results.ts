// The shipped token counts (data/measured/tokens.json), read from disk; the format and its queries are in measured.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VersusError } from '../../errors.js';
import { DATA_DIR } from '../../paths.js';
import { parseTokenResults, type TokenResults } from './measured.js';

export * from './measured.js';

export const TOKEN_RESULTS_PATH = join(DATA_DIR, 'measured', 'tokens.json');

/** Reads the shipped results (or another results file). */
export function loadTokenResults(path = TOKEN_RESULTS_PATH): TokenResults {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    throw new VersusError('E_MEASURED', `No measured token counts at ${path}: ${(error as Error).message}. Create them with "versus tokens --measure --out ${path}".`);
  }
  return parseTokenResults(json, path);
}

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
