import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

export interface NotificationView {
  id: number;
  businessId: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: number;
  business_id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date | string;
  read_at: Date | string | null;
}

const COLUMNS = 'id, business_id, type, title, body, data, created_at, read_at';

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function view(row: NotificationRow): NotificationView {
  return {
    id: Number(row.id),
    businessId: row.business_id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: row.data,
    createdAt: iso(row.created_at),
    readAt: row.read_at === null ? null : iso(row.read_at),
  };
}

/** The cursor is the last id of the page (ids grow with time), base64url so clients treat it as opaque. */
function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (/^[1-9][0-9]{0,15}$/.test(text)) return Number(text);
  throw new AppError('validation_failed', 'Invalid cursor', {
    errors: [{ field: 'querystring/cursor', message: 'is not a cursor this API returned' }],
  });
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  unreadCount: number;
}

/** The caller's notifications, newest first; `unread` keeps only those not yet read. */
export async function listMyNotifications(
  db: Queryable,
  userId: string,
  query: { unread?: boolean | undefined; limit?: number | undefined; cursor?: string | undefined },
): Promise<NotificationPage> {
  const limit = query.limit ?? 50;
  const before = decodeCursor(query.cursor);
  const { rows } = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications
      WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint) AND (NOT $3::boolean OR read_at IS NULL)
      ORDER BY id DESC LIMIT $4`,
    [userId, before, query.unread === true, limit + 1],
  );
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  const unread = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return {
    items: kept.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(Number(last.id)) : null,
    unreadCount: unread.rows[0]?.n ?? 0,
  };
}

/** Marks one of the caller's notifications read (the first read time is kept); 404 for anyone else's. */
export async function markNotificationRead(
  db: Queryable,
  userId: string,
  id: number,
  now: Date,
): Promise<NotificationView> {
  const { rows } = await db.query<NotificationRow>(
    `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
    [id, userId, now.toISOString()],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'Notification not found');
  return view(row);
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllNotificationsRead(db: Queryable, userId: string, now: Date): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL',
    [userId, now.toISOString()],
  );
  return rowCount;
}
