/** Every status an order can be in; the database CHECK on orders.status lists the same values. */
export const ORDER_STATUSES = [
  'placed',
  'confirmed',
  'preparing',
  'ready',
  'picked_up',
  'out_for_delivery',
  'delivered',
  'completed',
  'cancelled',
  'refunded',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How the customer receives the order: at a table, at the counter, or at an address. */
export const SERVICE_TYPES = ['dine_in', 'takeout', 'delivery'] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

/**
 * Terminal statuses never change again. Delivered and completed are not terminal: a refund can still
 * move them to refunded.
 */
export function isTerminal(status: OrderStatus): boolean {
  return status === 'cancelled' || status === 'refunded';
}
