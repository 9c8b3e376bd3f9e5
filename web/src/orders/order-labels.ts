import type { OrderStatus, ServiceType } from './orders-types.js';

/** Every status, in lifecycle order (the API's ORDER_STATUSES), for the status filter. */
export const STATUS_LABEL: Record<OrderStatus, string> = {
  placed: 'Placed',
  confirmed: 'Confirmed',
  preparing: 'Preparing',
  ready: 'Ready',
  picked_up: 'Picked up',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export const SERVICE_LABEL: Record<ServiceType, string> = {
  dine_in: 'Dine-in',
  takeout: 'Takeout',
  delivery: 'Delivery',
};

/**
 * How staff call an order: the start of its id, as the kitchen display prints it, and as the list's
 * search finds it (`?q=` matches ids starting with it).
 */
export function orderNumber(orderId: string): string {
  return `#${orderId.slice(0, 8)}`;
}

/** "order.status_changed" → "Order status changed". */
export function eventLabel(eventType: string): string {
  const text = eventType.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** When an order was placed: the time alone for today's, with the date before that. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}
