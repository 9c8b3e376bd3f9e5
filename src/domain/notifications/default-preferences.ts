import { CHANNELS, type Channel, type NotificationType } from './notification-types.js';

/**
 * Which channels a type uses until the user says otherwise. In-app is on for everything. Email carries
 * what people keep as a record (confirmations, payments, refunds, an expired order); SMS the driver's
 * progress, which matters when the customer is away from the app; push the status changes people act
 * on (their order moving along; for staff, a new or cancelled order and a failed delivery).
 */
const EMAIL: ReadonlySet<NotificationType> = new Set([
  'order_confirmed',
  'payment_succeeded',
  'payment_failed',
  'refund_processed',
  'order_expired',
]);
const SMS: ReadonlySet<NotificationType> = new Set([
  'driver_assigned',
  'driver_pickup',
  'driver_en_route',
  'delivery_completed',
]);
const PUSH: ReadonlySet<NotificationType> = new Set([
  'order_status_update',
  'new_order',
  'order_cancelled_by_customer',
  'delivery_creation_failed',
]);

export function defaultEnabled(type: NotificationType, channel: Channel): boolean {
  switch (channel) {
    case 'in_app':
      return true;
    case 'email':
      return EMAIL.has(type);
    case 'sms':
      return SMS.has(type);
    case 'push':
      return PUSH.has(type);
  }
}

/** A user's own choices, keyed `${type}:${channel}`. */
export type PreferenceOverrides = ReadonlyMap<string, boolean>;

export function preferenceKey(type: string, channel: Channel): string {
  return `${type}:${channel}`;
}

/** The channels a notification of `type` goes out on for a user with these overrides. */
export function enabledChannels(type: NotificationType, overrides: PreferenceOverrides): Channel[] {
  return CHANNELS.filter(
    (channel) => overrides.get(preferenceKey(type, channel)) ?? defaultEnabled(type, channel),
  );
}
