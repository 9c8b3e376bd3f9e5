import type { ExternalChannel } from '../../domain/notifications/notification-types.js';

/** One message for an external channel, as the dispatcher hands it to a sender. */
export interface OutgoingMessage {
  /** The notification_deliveries row id: stable across retries, so a provider can deduplicate on it. */
  deliveryId: string;
  channel: ExternalChannel;
  /** Email address, phone number, or push audience (`user:<id>`). */
  recipient: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
}

/**
 * The port an email, SMS or push provider implements. `send` resolves when the provider accepted the
 * message (with its reference, if it gives one) and throws when it did not; the dispatcher retries.
 * Delivery is at least once: a send whose answer was lost is repeated with the same deliveryId.
 */
export interface NotificationSender {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ reference: string | null }>;
}

/** The sender for each external channel. */
export type NotificationSenders = Readonly<Record<ExternalChannel, NotificationSender>>;
