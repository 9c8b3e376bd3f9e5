import type { LoggedEvent } from '../../domain/events/envelope.js';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../../outbox/outbox-rows.js';
import type { Queryable } from '../../storage/database.js';

/**
 * The business event feed is the outbox read as an offset log: the offset of an event is its
 * `log_position`, which the relay assigns in commit order without gaps, whichever bus carries the
 * events on (docs/ingestion.md, "Event source"). A reader paging by offset never finds an event appear
 * behind it. Events not yet relayed have no offset and show up once the relay has given them one.
 *
 * Notifications are left out, as from the dashboards: each is a message to one person.
 */
export interface BusinessEventPage {
  events: LoggedEvent[];
  /** The offset to ask from next: the last event's, or `since` when there was none. */
  next_since: number;
}

export async function readBusinessEvents(
  db: Queryable,
  businessId: string,
  since: number,
  limit: number,
): Promise<BusinessEventPage> {
  const { rows } = await db.query<OutboxRow & { log_position: number }>(
    `SELECT log_position, ${ENVELOPE_COLUMNS} FROM outbox
     WHERE business_id = $1 AND log_position > $2 AND event_type NOT LIKE 'notification.%'
     ORDER BY log_position LIMIT $3`,
    [businessId, since, limit],
  );
  const events = rows.map((row) => ({ offset: row.log_position, ...toEnvelope(row) }));
  return { events, next_since: events[events.length - 1]?.offset ?? since };
}
