import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface FieldError {
  /** JSON pointer of the offending field, e.g. `/items/0/quantity`. */
  field: string;
  message: string;
}

/**
 * An error that reaches the client as RFC 9457 problem+json with a stable `code`.
 * Services throw these; the HTTP layer renders them. Anything else becomes `internal_error`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = options.errors;
    this.extra = options.extra;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
