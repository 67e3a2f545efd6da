// Tokenizer files that are not on npm: found in a folder the user names, read with errors that name the file.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VersusError } from '../../errors.js';

/** The environment variable naming the tokenizer folder when `--tokenizer-dir` is not given. */
export const TOKENIZER_DIR_ENV = 'VERSUS_TOKENIZER_DIR';

/**
 * The folder layout versus expects (the same as the reference folder it was built with):
 * `qwen3.5/merges.txt`, `qwen3.5/tokenizer_spec.json`, `llama4/tokenizer.model`,
 * `llama3/tokenizer.model`, `mistral/tekken_ranks.tiktoken`, `mistral/tekken_config.json`.
 */
export class TokenizerFiles {
  /** `dir` undefined means no folder was given: every file-based tokenizer is unavailable. */
  constructor(readonly dir: string | undefined) {}

  /** `--tokenizer-dir` if given, else $VERSUS_TOKENIZER_DIR, else none; relative paths from `cwd`. */
  static from(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): TokenizerFiles {
    const dir = flag ?? env[TOKENIZER_DIR_ENV];
    return new TokenizerFiles(dir ? resolve(cwd, dir) : undefined);
  }

  /** The absolute path of `rel` in the folder, or undefined when no folder was given. */
  path(rel: string): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, rel);
  }

  /**
   * Reads `rel`, or throws a VersusError (E_TOKENIZER_FILE) that names the file and the fix.
   * @example files.read('llama4/tokenizer.model', 'Llama 4')
   */
  read(rel: string, what: string): string {
    const path = this.path(rel);
    if (path === undefined) {
      throw new VersusError('E_TOKENIZER_FILE', `${what} needs the file ${rel}, which is not on npm. Pass --tokenizer-dir DIR (or set ${TOKENIZER_DIR_ENV}) to a folder that has it.`, 2);
    }
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
      throw new VersusError('E_TOKENIZER_FILE', `${what}: tokenizer file ${path} ${reason}.`, 2, { cause: error });
    }
  }
}

/** A tokenizer file whose content is not what it should be. */
export function corruptFile(path: string, problem: string): VersusError {
  return new VersusError('E_TOKENIZER_FILE', `Tokenizer file ${path} is corrupt: ${problem}.`, 2);
}
