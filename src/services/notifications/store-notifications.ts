import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '../../domain/events/envelope.js';
import { enabledChannels, preferenceKey } from '../../domain/notifications/default-preferences.js';
import type { NotificationIntent } from '../../domain/notifications/notification-rules.js';
import type { Channel, ExternalChannel } from '../../domain/notifications/notification-types.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';
import type { Recipient } from './recipients.js';

/**
 * Stores one intent for its recipients, by their preferences, inside the consumer's transaction:
 * - in_app: a notifications row and its notification.created event (the SSE stream's feed);
 * - email / sms / push: a pending notification_deliveries row for the dispatcher, which sends it after
 *   this transaction commits (never from inside it: a rollback cannot unsend a message).
 * Everything is keyed by (source event, user, type[, channel]), so storing the same intent twice
 * stores it once.
 */
export async function storeNotifications(
  tx: Queryable,
  event: EventEnvelope,
  intent: NotificationIntent,
  recipients: readonly Recipient[],
  now: Date,
): Promise<void> {
  const unique = [...new Map(recipients.map((recipient) => [recipient.userId, recipient])).values()];
  if (unique.length === 0) return;
  const overrides = await loadOverrides(
    tx,
    unique.map((recipient) => recipient.userId),
    intent.type,
  );
  for (const recipient of unique) {
    const channels = enabledChannels(intent.type, overrides.get(recipient.userId) ?? new Map());
    for (const channel of channels) {
      if (channel === 'in_app') await storeInApp(tx, event, intent, recipient, now);
      else await storeDelivery(tx, event, intent, recipient, channel, now);
    }
  }
}

async function loadOverrides(
  tx: Queryable,
  userIds: string[],
  type: string,
): Promise<Map<string, Map<string, boolean>>> {
  const { rows } = await tx.query<{ user_id: string; channel: Channel; enabled: boolean }>(
    `SELECT user_id, channel, enabled FROM notification_preferences WHERE user_id = ANY($1::uuid[]) AND type = $2`,
    [userIds, type],
  );
  const byUser = new Map<string, Map<string, boolean>>();
  for (const row of rows) {
    const overrides = byUser.get(row.user_id) ?? new Map<string, boolean>();
    overrides.set(preferenceKey(type, row.channel), row.enabled);
    byUser.set(row.user_id, overrides);
  }
  return byUser;
}

async function storeInApp(
  tx: Queryable,
  event: EventEnvelope,
  intent: NotificationIntent,
  recipient: Recipient,
  now: Date,
): Promise<void> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO notifications (user_id, business_id, type, title, body, data, source_event_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
     ON CONFLICT (source_event_id, user_id, type) DO NOTHING RETURNING id`,
    [
      recipient.userId,
      event.business_id,
      intent.type,
      intent.title,
      intent.body,
      JSON.stringify(intent.data),
      event.event_id,
      now.toISOString(),
    ],
  );
  const id = rows[0]?.id;
  if (id === undefined) return;
  await appendEvents(tx, [
    {
      type: 'notification.created',
      businessId: event.business_id,
      locationId: event.location_id,
      // Not the order's: a notification is not a step of the order's history (nor for its timeline).
      orderId: null,
      occurredAt: now,
      payload: {
        notification_id: Number(id),
        user_id: recipient.userId,
        type: intent.type,
        title: intent.title,
        body: intent.body,
        data: intent.data,
        created_at: now.toISOString(),
      },
    },
  ]);
}

/** The address a channel sends to; push goes to the user as the provider's audience (`user:<id>`). */
function addressFor(recipient: Recipient, channel: ExternalChannel): string | null {
  switch (channel) {
    case 'email':
      return recipient.email;
    case 'sms':
      return recipient.phone;
    case 'push':
      return `user:${recipient.userId}`;
  }
}

async function storeDelivery(
  tx: Queryable,
  event: EventEnvelope,
  intent: NotificationIntent,
  recipient: Recipient,
  channel: ExternalChannel,
  now: Date,
): Promise<void> {
  const address = addressFor(recipient, channel);
  await tx.query(
    `INSERT INTO notification_deliveries (id, business_id, user_id, notification_type, channel, recipient, subject,
                                          body, data, source_event_id, status, last_error, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $13)
     ON CONFLICT (source_event_id, user_id, notification_type, channel) DO NOTHING`,
    [
      randomUUID(),
      event.business_id,
      recipient.userId,
      intent.type,
      channel,
      address,
      intent.title,
      intent.body,
      JSON.stringify(intent.data),
      event.event_id,
      address ? 'pending' : 'skipped',
      address ? null : `the user has no ${channel === 'sms' ? 'phone number' : 'address'} for ${channel}`,
      now.toISOString(),
    ],
  );
}
