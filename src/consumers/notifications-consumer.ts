import { NOTIFICATION_EVENT_TYPES } from '../domain/notifications/notification-rules.js';
import { notifyForEvent } from '../services/notifications/notify-event.js';
import type { EventConsumer } from './event-consumer.js';

/**
 * Turns events into notifications for the right people, by their preferences and channels
 * (docs/notifications.md). In-app notifications and their notification.created events are written in
 * the consumer's transaction; external messages are queued for the dispatcher.
 */
export function notificationsConsumer(): EventConsumer {
  return {
    name: 'notifications',
    eventTypes: NOTIFICATION_EVENT_TYPES,
    liveOnly: true,
    async handle(tx, events, context) {
      const now = context.now();
      for (const event of events) await notifyForEvent(tx, event, now);
    },
  };
}
