import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const DEFAULT_PAGE_LIMIT = 50;

/**
 * Keyset pagination over (created_at, id). The cursor carries created_at as PostgreSQL's own text
 * (microsecond precision; a JS Date would round it and skip or repeat rows) plus the id, base64url
 * encoded so clients treat it as opaque.
 */
interface CursorKey {
  at: string;
  id: string;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      UUID.test(parsed[1]) &&
      !Number.isNaN(Date.parse(parsed[0].replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')))
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through: any undecodable cursor is the same client error
  }
  throw new AppError('validation_failed', 'Invalid cursor', {
    errors: [{ field: 'querystring/cursor', message: 'is not a cursor this API returned' }],
  });
}

/**
 * One page of an admin list. `sql` is a SELECT ending in its WHERE clause, whose rows expose
 * `cursor_at` (`created_at::text`) and `id`; the keyset condition, order and limit are appended here.
 * `alias` prefixes the keyset columns.
 */
export async function queryPage<Row extends { id: string; cursor_at: string }, T>(
  q: Queryable,
  sql: string,
  params: readonly unknown[],
  page: PageRequest,
  view: (row: Row) => T,
  alias = '',
): Promise<Page<T>> {
  const all = [...params];
  const tail = keysetClause(page, all, alias);
  const { rows } = await q.query<Row>(`${sql}${tail}`, all);
  return toPage(rows, page, view);
}

/**
 * Appends the keyset condition and ordering to a query whose rows expose `cursor_at`
 * (`created_at::text`) and `id`; `params` is extended in place. `alias` prefixes the columns.
 */
function keysetClause(page: PageRequest, params: unknown[], alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  const key = decodeCursor(page.cursor);
  let where = '';
  if (key) {
    params.push(key.at, key.id);
    where = ` AND (${prefix}created_at, ${prefix}id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(limitOf(page) + 1);
  return `${where} ORDER BY ${prefix}created_at, ${prefix}id LIMIT $${params.length}`;
}

function limitOf(page: PageRequest): number {
  return page.limit ?? DEFAULT_PAGE_LIMIT;
}

/** Trims the probe row fetched beyond the limit and turns the last kept row into the next cursor. */
function toPage<Row extends { id: string; cursor_at: string }, T>(
  rows: Row[],
  page: PageRequest,
  view: (row: Row) => T,
): Page<T> {
  const limit = limitOf(page);
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
