import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../outbox/outbox-rows.js';
import { readBusinessEvents } from '../services/events/business-event-log.js';
import type { Queryable } from '../storage/database.js';
import { FeedMessage } from './feed-message.js';
import type { NotificationView } from './sse-cursors.js';

const PAGE = 500;

/**
 * The order's events after `afterSequence`, oldest first, page by page, straight from the outbox: a
 * committed event is replayed even if the relay has not published it yet (the live feed brings it
 * again later, and the cursor drops it then).
 */
export async function* orderEventsAfter(
  db: Queryable,
  orderId: string,
  afterSequence: number,
  now: () => Date,
): AsyncGenerator<FeedMessage[]> {
  let after = afterSequence;
  for (;;) {
    const { rows } = await db.query<OutboxRow>(
      `SELECT ${ENVELOPE_COLUMNS} FROM outbox WHERE order_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
      [orderId, after, PAGE],
    );
    if (rows.length === 0) return;
    yield rows.map((row) => FeedMessage.ofEvent(toEnvelope(row), now()));
    after = rows[rows.length - 1]?.sequence ?? after;
    if (rows.length < PAGE) return;
  }
}

/**
 * The business event feed after `afterOffset`, in log order, page by page (what a business event
 * stream resumes from, and goes back to when it falls behind the live events).
 */
export async function* businessEventsAfter(
  db: Queryable,
  businessId: string,
  afterOffset: number,
  now: () => Date,
): AsyncGenerator<FeedMessage[]> {
  let after = afterOffset;
  for (;;) {
    const page = await readBusinessEvents(db, businessId, after, PAGE);
    if (page.events.length === 0) return;
    yield page.events.map(({ offset, ...envelope }) => FeedMessage.ofEvent(envelope, now(), offset));
    after = page.next_since;
    if (page.events.length < PAGE) return;
  }
}

/**
 * The user's in-app notifications with an id above `afterId`, oldest first, page by page, from the
 * `notifications` table (written by the notifications consumer with the notification.created event).
 */
export async function* notificationsAfter(
  db: Queryable,
  userId: string,
  afterId: number,
  now: () => Date,
): AsyncGenerator<FeedMessage[]> {
  let after = afterId;
  for (;;) {
    const { rows } = await db.query<{
      id: string | number;
      user_id: string;
      type: string;
      title: string;
      body: string;
      data: unknown;
      created_at: Date | string;
    }>(
      `SELECT id, user_id, type, title, body, data, created_at FROM notifications
       WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [userId, after, PAGE],
    );
    if (rows.length === 0) return;
    const timestamp = now().toISOString();
    yield rows.map((row) => {
      const view: NotificationView = {
        notification_id: Number(row.id),
        user_id: row.user_id,
        type: row.type,
        title: row.title,
        body: row.body,
        data: row.data,
        created_at: new Date(row.created_at).toISOString(),
      };
      return new FeedMessage('notification.created', timestamp, view);
    });
    after = Number(rows[rows.length - 1]?.id ?? after);
    if (rows.length < PAGE) return;
  }
}
