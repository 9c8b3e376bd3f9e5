import { nulTextPaths } from '../domain/text/nul-text.js';
import { AppError } from '../errors/app-error.js';
import type { BrigadeApp } from './brigade-app.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers NUL characters itself, item by item (event ingestion), instead of refusing the request. */
    nulTextPerItem?: boolean;
  }
}

/**
 * Refuses requests whose body or query holds a string with a NUL character (`\u0000`): valid JSON,
 * but text PostgreSQL cannot store, so without this check a name, a note or a promo code with one
 * reached the database and came back as a 500. One hook for every route instead of a pattern on every
 * string schema; answered 400 `validation_failed` with the fields, before anything is written.
 */
export function registerStorableTextCheck(app: BrigadeApp): void {
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.config?.nulTextPerItem) return;
    const paths = [...nulTextPaths(request.body, 'body'), ...nulTextPaths(request.query, 'querystring')];
    if (paths.length > 0)
      throw new AppError('validation_failed', 'Text must not contain NUL characters', {
        errors: paths.map((field) => ({ field, message: 'must not contain a NUL character (\\u0000)' })),
      });
  });
}
