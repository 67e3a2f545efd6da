// Compact forms of tokenizer files kept in the cache: built once from the vendor files, then read in milliseconds.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corruptFile } from './files.js';
import { RanksTable } from './ranks-bpe.js';

/**
 * A compact form stored under `compactDir` (named by a hash of `key`) when an earlier run made it,
 * else made by `build` and stored there for next time; a folder that cannot be written only costs
 * the rebuild. `read` returns undefined for bytes that are not a valid form (then it is rebuilt).
 */
export function storedForm<T>(compactDir: string | undefined, key: string, build: () => Uint8Array, read: (buf: Uint8Array) => T | undefined): T {
  let form: T | undefined;
  const bytes = storedBytes(compactDir, key, build, (buf) => (form = read(buf)) !== undefined);
  return form ?? read(bytes)!;
}

/**
 * The bytes of a compact form (see storedForm): the stored ones when `valid` accepts them, else built and stored.
 * What `versus tokens --text` and the server read, and what `versus build-site --tokenizers` copies for the browser.
 */
export function storedBytes(compactDir: string | undefined, key: string, build: () => Uint8Array, valid: (buf: Uint8Array) => boolean): Uint8Array {
  const file = compactDir === undefined ? undefined : join(compactDir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.bin`);
  if (file) {
    try {
      const stored = readFileSync(file);
      if (valid(stored)) return stored;
    } catch {
      // not stored yet
    }
  }
  const built = build();
  if (file) {
    try {
      mkdirSync(compactDir!, { recursive: true });
      const temp = `${file}.${process.pid}.part`;
      writeFileSync(temp, built);
      renameSync(temp, file);
    } catch {
      // a read-only cache only costs the rebuild next time
    }
  }
  return built;
}

/**
 * The compact table of a rank file as bytes (see storedBytes); `path` names the source in errors.
 * @example compactRanks(cacheDir + '/compact', 'llama3…', () => text, 'llama3/tokenizer.model')
 */
export function compactRanks(compactDir: string | undefined, key: string, ranksText: () => string, path: string): Uint8Array {
  const build = () => RanksTable.build(ranksText(), (line, problem) => {
    throw corruptFile(path, line > 0 ? `line ${line} ${problem}` : problem);
  });
  return storedBytes(compactDir, `ranks\u0000${key}`, build, (buf) => RanksTable.read(buf) !== undefined);
}

/** The compact table for a rank file, read (see compactRanks). */
export function compactTable(compactDir: string | undefined, key: string, ranksText: () => string, path: string): RanksTable {
  return RanksTable.read(compactRanks(compactDir, key, ranksText, path))!;
}
