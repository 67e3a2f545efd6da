// Files the CLI writes (--out, build-site): checked before any work, written whole or not at all.
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ioError, UsageError } from '../errors.js';

/**
 * The absolute path for an output file named by `flag`, checked before any work is done: not empty,
 * its folder exists, and it is not a folder itself.
 * @example outputFile('/home/me', '--out', 'report.md') // '/home/me/report.md'
 */
export function outputFile(cwd: string, flag: string, name: string): string {
  if (name.trim() === '') throw new UsageError(`${flag} needs a file name (got an empty one).`);
  const path = resolve(cwd, name);
  const folder = dirname(path);
  if (!isDirectory(folder)) throw new UsageError(`${flag} ${name}: the folder ${folder} does not exist; create it first.`);
  if (isDirectory(path)) throw new UsageError(`${flag} ${name} is a folder; give a file name, e.g. ${join(name, 'report.md')}.`);
  return path;
}

/**
 * The absolute path of an output folder: not empty and not an existing file (it is created if missing).
 * @example outputFolder('/home/me', 'build-site', 'site') // '/home/me/site'
 */
export function outputFolder(cwd: string, what: string, name: string): string {
  if (name.trim() === '') throw new UsageError(`${what} needs a folder name (got an empty one), e.g. "versus build-site site".`);
  const path = resolve(cwd, name);
  if (existsSync(path) && !isDirectory(path)) throw new UsageError(`${what}: ${name} exists and is not a folder; choose another name.`);
  return path;
}

/**
 * Writes `content` to `path` whole: a regular file is written beside it and renamed over it, so a failed write
 * leaves the old file as it was; a device (e.g. /dev/stdout) is written directly.
 * @throws VersusError E_IO naming the file and the reason (no space, no permission, …)
 */
export function writeWhole(path: string, content: string | Uint8Array): void {
  const regular = !existsSync(path) || statSync(path).isFile();
  const temp = regular ? join(dirname(path), `.${basename(path)}.${process.pid}.tmp`) : path;
  try {
    writeFileSync(temp, content);
    if (temp !== path) renameSync(temp, path);
  } catch (error) {
    if (temp !== path) rmSync(temp, { force: true });
    throw ioError('write', path, error);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
