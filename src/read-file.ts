// Reading a file a user named, bounded: a device such as /dev/zero, a pipe or a huge file never fills the memory.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The bytes of the file at `path` when it holds at most `max` of them; `undefined` when it holds more. It reads, it
 * does not trust the size the file system reports (a device reports 0 and never ends).
 * @example readBounded('suite.yaml', 1024 * 1024)?.toString('utf8')
 * @throws the file system's error (ENOENT, EISDIR, ELOOP, …) for the caller to name with ioError
 */
export function readBounded(path: string, max: number): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 16, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > max) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}
