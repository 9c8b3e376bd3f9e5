import { AppError } from '../../errors/app-error.js';

/** Where a newest-first list stopped: the last row's timestamp (ISO 8601) and id. */
export interface NewestFirstCursor {
  at: string;
  id: string;
}

/**
 * The opaque cursor of the newest-first lists (a location's orders, the kitchen history), as
 * base64url JSON. The timestamp travels under the list's own name (`placedAt`, `createdAt`) so the
 * cursors these lists already handed out keep decoding.
 */
export function encodeNewestFirstCursor(timeKey: string, cursor: NewestFirstCursor): string {
  return Buffer.from(JSON.stringify({ [timeKey]: cursor.at, id: cursor.id })).toString('base64url');
}

/** Decodes a cursor from encodeNewestFirstCursor; anything else is the client's validation error. */
export function decodeNewestFirstCursor(timeKey: string, raw: string): NewestFirstCursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const at = parsed[timeKey];
    if (typeof at === 'string' && typeof parsed.id === 'string' && !Number.isNaN(Date.parse(at))) {
      return { at, id: parsed.id };
    }
  } catch {
    // fall through to the coded error
  }
  throw new AppError('validation_failed', 'Invalid cursor', {
    errors: [{ field: 'querystring/cursor', message: 'is not a cursor from this API' }],
  });
}
