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
