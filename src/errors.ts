/**
 * @module errors
 * Typed errors with stable codes. Every user-facing failure is a `DossierError`; the CLI prints
 * `error[CODE]: message` and exits with the code's exit status, the HTTP layer maps codes to
 * statuses. Messages name the operation or the input and say what was expected.
 */

export const ERROR_CODES = {
  /** Input file or folder cannot be read. */
  INPUT_UNREADABLE: { exit: 66, http: 400 },
  /** Input format not recognised or not supported. */
  INPUT_FORMAT: { exit: 65, http: 415 },
  /** A JSON line is not valid JSON or lacks text/html. */
  INPUT_JSON: { exit: 65, http: 400 },
  /** The document has no text after extraction. */
  INPUT_EMPTY: { exit: 65, http: 422 },
  /** Bytes are not valid UTF-8. */
  INPUT_ENCODING: { exit: 65, http: 415 },
  /** A folder holds no file that can be ingested. */
  INPUT_NOTHING: { exit: 66, http: 400 },
  /** A URL was refused (private address, scheme) or failed (timeout, size, status). */
  INPUT_URL: { exit: 69, http: 502 },
  /** A command-line option or API parameter is invalid. */
  USAGE: { exit: 64, http: 400 },
  /** A database exists but is not a Dossier database, or its schema is newer. */
  STORE_FOREIGN: { exit: 74, http: 500 },
  /** Database error. */
  STORE_FAILED: { exit: 74, http: 500 },
  /** The entity/event/document asked for does not exist. */
  NOT_FOUND: { exit: 1, http: 404 },
  /** Pipeline stages assembled in an impossible order. */
  PIPELINE_ORDER: { exit: 70, http: 500 },
  /** A model or data file shipped with Dossier is missing or corrupt. */
  MODEL_MISSING: { exit: 70, http: 500 },
  /** A knowledge-base file (package or --kb) is invalid. */
  KB_INVALID: { exit: 65, http: 400 },
  /** Anything unexpected: a bug. */
  INTERNAL: { exit: 70, http: 500 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DossierError extends Error {
  readonly code: ErrorCode;
  /** The input (file, URL, line) the error is about, when there is one. */
  readonly input?: string;

  constructor(code: ErrorCode, message: string, options: { input?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DossierError';
    this.code = code;
    if (options.input !== undefined) this.input = options.input;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

export function isDossierError(e: unknown): e is DossierError {
  return e instanceof DossierError;
}
