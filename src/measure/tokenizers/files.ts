// Where tokenizer files are read from: a folder the user names (--tokenizer-dir), or the download cache in the user's cache folder.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { VersusError } from '../../errors.js';
import { CACHE_DIR_ENV, cacheDir } from '../../paths.js';
import { readBounded } from '../../read-file.js';

/** The environment variable naming the tokenizer folder when `--tokenizer-dir` is not given. */
export const TOKENIZER_DIR_ENV = 'VERSUS_TOKENIZER_DIR';
export { CACHE_DIR_ENV };

/**
 * The download cache of tokenizer files: `<cache>/tokenizers`, where `<cache>` is $VERSUS_CACHE_DIR,
 * else $XDG_CACHE_HOME/versus, else ~/.cache/versus.
 * @example tokenizerCache({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/versus/tokenizers'
 */
export function tokenizerCache(env: NodeJS.ProcessEnv, home: () => string = homedir): string {
  return join(cacheBase(env, home), 'tokenizers');
}

/** Where compact forms of tokenizer files are kept (`<cache>/compact`), rebuilt from the files when missing. */
export function compactCache(env: NodeJS.ProcessEnv, home: () => string = homedir): string {
  return join(cacheBase(env, home), 'compact');
}

const cacheBase = cacheDir;

/**
 * A folder of tokenizer files laid out as the catalog names them (data/tokenizers.yaml `files[].path`):
 * `qwen3.5/merges.txt`, `qwen3/tokenizer.json`, `llama3/tokenizer.model`, `llama4/tokenizer.model`,
 * `gemma3/tokenizer.json`, `deepseek_v3/tokenizer.json`, `mistral/mistral_v3_tekken.tiktoken`, `openai/o200k_base.tiktoken`.
 * `folder`: the user's (--tokenizer-dir; read as given, never written). `cache`: the download cache
 * (files are checked against their sha256 when downloaded, and may be downloaded into it).
 */
export class TokenizerFiles {
  /** `dir` undefined means no folder at all: every file-based tokenizer is unavailable (tests). */
  constructor(
    readonly dir: string | undefined,
    readonly origin: 'folder' | 'cache' = 'folder',
    /** Where compact forms built from these files may be stored (none: built in memory each time). */
    readonly compact?: string,
  ) {}

  /** `--tokenizer-dir` if given, else $VERSUS_TOKENIZER_DIR, else the download cache; relative paths from `cwd`. */
  static from(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): TokenizerFiles {
    const dir = flag ?? env[TOKENIZER_DIR_ENV];
    return dir ? new TokenizerFiles(resolve(cwd, dir), 'folder', compactCache(env)) : new TokenizerFiles(tokenizerCache(env), 'cache', compactCache(env));
  }

  /** The absolute path of `rel` in the folder, or undefined when there is no folder. */
  path(rel: string): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, rel);
  }

  /**
   * What identifies the file's content without reading it: path, size and modification time
   * (a cached file never changes after its sha256 was checked; a user's file is re-keyed when edited).
   */
  stamp(rel: string, what: string): string {
    const path = this.path(rel);
    try {
      const st = statSync(path ?? rel);
      return `${path}\u0000${st.size}\u0000${st.mtimeMs}`;
    } catch {
      return this.read(rel, what); // throws the error that names the file
    }
  }

  /**
   * Reads `rel`, or throws a VersusError (E_TOKENIZER_FILE) that names the file and the fix.
   * @example files.read('llama4/tokenizer.model', 'Llama 4')
   */
  read(rel: string, what: string): string {
    const path = this.path(rel);
    if (path === undefined) {
      throw new VersusError('E_TOKENIZER_FILE', `${what} needs the file ${rel}. Pass --tokenizer-dir DIR (or set ${TOKENIZER_DIR_ENV}) to a folder that has it.`, 2);
    }
    let bytes: Buffer | undefined;
    try {
      bytes = readBounded(path, MAX_TOKENIZER_BYTES);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
      throw new VersusError('E_TOKENIZER_FILE', `${what}: tokenizer file ${path} ${reason}.`, 2, { cause: error });
    }
    // A device such as /dev/zero in the folder is refused, not read until memory runs out.
    if (bytes === undefined) throw corruptFile(path, `it is larger than ${MAX_TOKENIZER_BYTES.toLocaleString('en-US')} bytes, more than any tokenizer file versus reads`);
    return bytes.toString('utf8');
  }
}

/** The largest tokenizer file is Gemma 3's tokenizer.json, 33,384,568 bytes; four times that is refused unread. */
const MAX_TOKENIZER_BYTES = 128 * 1024 * 1024;

/** A tokenizer file whose content is not what it should be. */
export function corruptFile(path: string, problem: string): VersusError {
  return new VersusError('E_TOKENIZER_FILE', `Tokenizer file ${path} is corrupt: ${problem}.`, 2);
}
