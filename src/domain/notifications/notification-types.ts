/**
 * The notification types Brigade produces: the SMACKZ list (docs/notifications.md), less the ones it
 * has no fact for (NOT_PRODUCED).
 */
export const NOTIFICATION_TYPES = [
  'new_order',
  'order_confirmed',
  'order_status_update',
  'order_cancelled_by_customer',
  'order_expired',
  'payment_succeeded',
  'payment_failed',
  'refund_processed',
  'loyalty_points_earned',
  'loyalty_points_reversed',
  'driver_assigned',
  'driver_pickup',
  'driver_en_route',
  'delivery_completed',
  'delivery_creation_failed',
  'item_out_of_stock',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** SMACKZ types Brigade does not produce, and why: faking them would notify people of nothing. */
export const NOT_PRODUCED: Readonly<Record<string, string>> = {
  low_stock_warning: 'Brigade keeps no stock levels, only whether an item is available',
  pos_sync_failed: 'Brigade has no POS adapter yet, so nothing syncs or fails to',
  cart_item_expired:
    'carts do not expire in Brigade; an unavailable item is refused when the order is placed',
};

export const CHANNELS = ['in_app', 'email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ExternalChannel = Exclude<Channel, 'in_app'>;
export const EXTERNAL_CHANNELS: readonly ExternalChannel[] = ['email', 'sms', 'push'];

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}
