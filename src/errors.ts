// The few error classes versus raises; each has a stable code and tells the user what to do next.

/** Base class: `code` is stable for scripts, `exitCode` is what the CLI exits with. */
export class VersusError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends VersusError {
  constructor(message: string) {
    super('E_USAGE', message, 2);
  }
}

/** An id that is not in the catalog; carries the nearest known ids. */
export class NotFoundError extends VersusError {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly suggestions: readonly string[],
  ) {
    const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    super('E_NOT_FOUND', `Unknown ${kind} "${id}".${hint}`, 2);
  }
}

/** One thing wrong in a data file, located by file, YAML path and line. */
export interface Problem {
  file: string;
  path: string;
  line?: number;
  message: string;
}

/** The catalog did not load; nothing was changed. */
export class CatalogError extends VersusError {
  constructor(readonly problems: readonly Problem[]) {
    const n = problems.length;
    super('E_CATALOG', `The catalog has ${n} problem${n === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** `data/families/qwen.yaml:42 models[3].params.active: expected a number` */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `  ${where}  ${p.path || '(file)'}: ${p.message}`;
}

/**
 * A file-system failure as a VersusError (exit 1) that names the file, without a stack trace.
 * @example ioError('write', '/dev/full', enospc).message // 'cannot write /dev/full: no space left on device (ENOSPC).'
 */
export function ioError(verb: string, path: string, error: unknown): VersusError {
  return new VersusError('E_IO', `cannot ${verb} ${path}: ${ioReason(error)}.`, 1, { cause: error });
}

/**
 * Why a file-system call failed, in words, with the system's code.
 * @example ioReason(enoent) // 'no such file or folder (ENOENT)'
 */
export function ioReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reason = REASONS[e.code ?? ''] ?? (e instanceof Error ? e.message : String(error));
  return `${reason}${e.code ? ` (${e.code})` : ''}`;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder', EISDIR: 'it is a folder', ENOTDIR: 'a part of the path is not a folder', EEXIST: 'it already exists',
  EACCES: 'permission denied', EPERM: 'operation not permitted', ENOSPC: 'no space left on device', EROFS: 'read-only file system', EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links (a link that leads back to itself?)', ENAMETOOLONG: 'the name is too long', ENXIO: 'no such device',
};

/** Too much work in hand, or a request over its time budget: nothing is wrong with the input's form; try later or send less. */
export class BusyError extends VersusError {
  constructor(message: string) {
    super('E_BUSY', message, 1);
  }
}
