/** Every status an order can be in; the database CHECK on orders.status lists the same values. */
export type OrderStatus =
  | 'placed'
  | 'confirmed'
  | 'preparing'
  | 'ready'
  | 'picked_up'
  | 'out_for_delivery'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refunded';

export const ORDER_STATUSES: readonly OrderStatus[] = [
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
];

/** How the customer receives the order: at a table, at the counter, or at an address. */
export type ServiceType = 'dine_in' | 'takeout' | 'delivery';

export const SERVICE_TYPES: readonly ServiceType[] = ['dine_in', 'takeout', 'delivery'];

/**
 * Terminal statuses never change again. Delivered and completed are not terminal: a refund can still
 * move them to refunded.
 */
export function isTerminal(status: OrderStatus): boolean {
  return status === 'cancelled' || status === 'refunded';
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isServiceType(value: string): value is ServiceType {
  return (SERVICE_TYPES as readonly string[]).includes(value);
}
