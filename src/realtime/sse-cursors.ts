import { BoundedMap } from './bounded-map.js';
import type { FeedMessage } from './feed-message.js';
import type { SseCursor, SseFrame } from './sse-client.js';

/**
 * The order stream: ids are the order's event sequence numbers. An order's events reach the log in
 * sequence order (each change holds the order's row lock until commit), so anything at or below the
 * last id sent is a duplicate.
 */
export class OrderSequenceCursor implements SseCursor {
  constructor(private last: number) {}

  frameOf(message: FeedMessage): SseFrame | undefined {
    const envelope = message.envelope;
    if (!envelope || envelope.sequence <= this.last) return undefined;
    this.last = envelope.sequence;
    return { id: String(envelope.sequence), event: envelope.event_type, data: message.dataJson };
  }
}

/**
 * The business event stream: ids are offsets in the business event feed (outbox log positions), which
 * the hub receives in log order, so anything at or below the last id sent is a duplicate. Messages
 * without an offset (a foreign producer's entry on a Redis stream, in no outbox) are not in the feed.
 */
export class LogOffsetCursor implements SseCursor {
  constructor(private lastOffset: number) {}

  /** The offset of the last event sent (where a catch-up from the log starts). */
  get last(): number {
    return this.lastOffset;
  }

  frameOf(message: FeedMessage): SseFrame | undefined {
    const envelope = message.envelope;
    const offset = message.offset;
    if (!envelope || offset === null || offset <= this.lastOffset) return undefined;
    this.lastOffset = offset;
    return { id: String(offset), event: envelope.event_type, data: message.loggedEventJson };
  }
}

/** A notification as the stream sends it (the notification.created payload). */
export interface NotificationView {
  notification_id: number;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: unknown;
  created_at: string;
}

/**
 * The notifications stream: ids are notification ids. They grow with insertion, not strictly with
 * commit, so a late commit can carry a lower id than one already sent: duplicates are recognised by
 * id, not by comparison with the last one.
 */
export class NotificationCursor implements SseCursor {
  private readonly sent = new BoundedMap<number, true>(10_000);

  frameOf(message: FeedMessage): SseFrame | undefined {
    const view = (message.envelope ? message.envelope.payload : message.data) as NotificationView;
    const id = view?.notification_id;
    if (typeof id !== 'number' || this.sent.has(id)) return undefined;
    this.sent.set(id, true);
    return {
      id: String(id),
      event: 'notification.created',
      data: message.envelope ? JSON.stringify(view) : message.dataJson,
    };
  }
}
