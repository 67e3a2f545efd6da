// The one HTTP error of the server; every failure becomes one of these in app.onError, never a stack trace.
import { BusyError, NotFoundError, VersusError } from '../errors.js';

export type ErrorStatus = 400 | 404 | 405 | 413 | 414 | 500 | 501 | 503;

/** A failure with the status and message the client sees. */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly detail: { readonly code?: string; readonly allow?: string; readonly id?: string; readonly suggestions?: readonly string[]; readonly cause?: unknown } = {},
  ) {
    super(message, { cause: detail.cause });
    this.name = 'HttpError';
  }

  /** The stable code for scripts, e.g. E_NOT_FOUND. */
  get code(): string {
    return this.detail.code ?? CODES[this.status];
  }
}

const CODES: Record<ErrorStatus, string> = {
  400: 'E_BAD_REQUEST', 404: 'E_NOT_FOUND', 405: 'E_METHOD', 413: 'E_TOO_LARGE', 414: 'E_URI_TOO_LONG', 500: 'E_INTERNAL', 501: 'E_NOT_AVAILABLE',
  503: 'E_BUSY',
};

/**
 * Translates anything thrown into an HttpError: library errors keep their code and suggestions.
 * @example toHttpError(new NotFoundError('model', 'qwen9', ['qwen3'])).status // 404
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof BusyError) return new HttpError(503, error.message, { code: error.code });
  if (error instanceof NotFoundError) return new HttpError(404, error.message, { code: error.code, id: error.id, suggestions: error.suggestions });
  // Usage errors are the library saying the input was wrong (exit code 2 on the CLI).
  if (error instanceof VersusError && error.exitCode === 2) return new HttpError(400, error.message, { code: error.code });
  // Any other library error is the catalog lacking what an engine needs (e.g. no engine rules): the answer is not available.
  if (error instanceof VersusError) return new HttpError(501, error.message, { code: error.code });
  return new HttpError(500, 'Internal error: this is a bug in versus; please report it.', { cause: error });
}

/**
 * JSON with <, > and & written as \u escapes, so even a client that sniffs it as HTML finds no markup.
 * @example jsonText({ id: '<b>' }) // '{"id":"\\u003cb\\u003e"}'
 */
export function jsonText(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
