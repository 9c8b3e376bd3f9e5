import type { EventEnvelope } from '../../domain/events/envelope.js';
import { notificationsFor } from '../../domain/notifications/notification-rules.js';
import type { Queryable } from '../../storage/database.js';
import { loadEventFacts } from './event-facts.js';
import { resolveAudience } from './recipients.js';
import { storeNotifications } from './store-notifications.js';

/** Turns one event into its notifications, inside the consumer's transaction. */
export async function notifyForEvent(tx: Queryable, event: EventEnvelope, now: Date): Promise<void> {
  const facts = await loadEventFacts(tx, event);
  for (const intent of notificationsFor(event, facts)) {
    const recipients = await resolveAudience(tx, intent.audience, {
      businessId: event.business_id,
      locationId: event.location_id,
      customerId: facts.customerId,
    });
    await storeNotifications(tx, event, intent, recipients, now);
  }
}
