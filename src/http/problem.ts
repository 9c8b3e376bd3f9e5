import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { AppError, type FieldError } from '../errors/app-error.js';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { sqlStateOf } from '../storage/sql-state.js';
import { explainAnyOf } from './any-of-errors.js';
import type { BrigadeApp } from './brigade-app.js';

/** RFC 9457 problem details, plus our stable `code` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: `https://brigade.dev/errors/${error.code}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.extra ?? {}),
  };
}

function fieldErrors(error: FastifyError): FieldError[] {
  return explainAnyOf(
    (error.validation ?? []).map((issue) => ({
      schemaPath: issue.schemaPath,
      keyword: issue.keyword,
      error: fieldError(`${error.validationContext ?? 'body'}${issue.instancePath}`, issue),
    })),
  );
}

function fieldError(base: string, issue: FastifySchemaValidationError): FieldError {
  const params = issue.params as Record<string, unknown>;
  if (typeof params.missingProperty === 'string') {
    return { field: `${base}/${params.missingProperty}`, message: 'is required' };
  }
  if (typeof params.additionalProperty === 'string') {
    return { field: `${base}/${params.additionalProperty}`, message: 'is not an allowed field' };
  }
  return { field: base, message: issue.message ?? 'is invalid' };
}

/** Translates anything thrown while handling a request into a coded problem; never leaks a stack. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return new AppError('validation_failed', 'One or more fields are invalid', {
      errors: fieldErrors(fastifyError as FastifyError),
    });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('malformed_json', fastifyError.message);
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError('malformed_json', 'Body is not valid JSON');
  }
  const unstorable = UNSTORABLE_VALUES[sqlStateOf(error) ?? ''];
  if (unstorable) return new AppError('validation_failed', unstorable);
  if (isDatabaseUnavailable(error))
    return new AppError('service_unavailable', 'The database is unavailable; retry shortly');
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return new AppError('payload_too_large');
  if (status === 415) return new AppError('unsupported_media_type');
  if (status >= 400 && status < 500)
    return new AppError('validation_failed', fastifyError.message ?? 'Bad request');
  return new AppError('internal_error', 'An unexpected error occurred');
}

/**
 * Data exceptions (SQLSTATE class 22) that only a request's values cause, where a schema let one
 * through: a number beyond its column's range, text too long or holding a character PostgreSQL cannot
 * store. The statement failed, so its transaction rolled back: nothing was written.
 */
const UNSTORABLE_VALUES: Partial<Record<string, string>> = {
  '22003': 'A number is out of range',
  '22001': 'A text is too long',
  '22021': 'A text holds a character that cannot be stored',
  '22P05': 'A text holds a character that cannot be stored',
};

/** Connection-level failures (server down, restarting, out of connections): retryable, not our bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout/i.test(message);
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  return reply.status(error.status).type('application/problem+json').send(problemOf(error, request.url));
}

export function registerProblemHandling(app: BrigadeApp): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new AppError('route_not_found', `No route ${request.method} ${request.url}`)),
  );
}
