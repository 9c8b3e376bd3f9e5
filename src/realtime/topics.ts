import type { EventEnvelope } from '../domain/events/envelope.js';

/**
 * Topics a live client listens to. Each connection listens to exactly one; an event reaches every
 * topic it belongs to (see `topicsOf`). Names carry the id so one map lookup finds the listeners.
 */
export type Topic =
  | `dashboard:${string}`
  | `kds:${string}`
  | `tables:${string}`
  | `orders:${string}`
  | `staff-orders:${string}`
  | `order:${string}`
  | `notifications:${string}`
  | `events:${string}`;

export const dashboardTopic = (businessId: string): Topic => `dashboard:${businessId}`;
export const kdsTopic = (locationId: string): Topic => `kds:${locationId}`;
export const tablesTopic = (locationId: string): Topic => `tables:${locationId}`;
export const locationOrdersTopic = (locationId: string): Topic => `orders:${locationId}`;
export const businessOrdersTopic = (businessId: string): Topic => `staff-orders:${businessId}`;
export const orderTopic = (orderId: string): Topic => `order:${orderId}`;
export const notificationsTopic = (userId: string): Topic => `notifications:${userId}`;
export const businessEventsTopic = (businessId: string): Topic => `events:${businessId}`;

/**
 * The topics an event belongs to:
 * - dashboard:{business}: every event of the business (owners and managers see everything), except
 *   notification.created: a notification is a message to one person, and goes to that person only;
 * - kds:{location}: kitchen.* and order.* events of the location;
 * - tables:{location}: table.* events, and order.* events of dine-in orders, of the location;
 * - orders:{location}: what changes the location's orders as staff list them — order.*, payment.*,
 *   refund.* and delivery.* events, but not the drivers' GPS pings (delivery.location_updated);
 * - staff-orders:{business}: the same events of all the business's locations (each connection keeps
 *   only the locations its staff member covers, see WebSocketFeedClient);
 * - order:{order}: every event about the order (its status, payments, kitchen and delivery steps);
 * - notifications:{user}: notification.created events addressed to the user;
 * - events:{business}: the business event feed, the same events as its dashboards (no metrics).
 *
 * Whether an order is dine-in is not in most order events, so the caller answers it (`isDineIn`), and
 * is only asked when the answer matters (an order.* event of a location).
 */
export function topicsOf(
  event: Pick<EventEnvelope, 'event_type' | 'business_id' | 'location_id' | 'order_id' | 'payload'>,
  isDineIn: boolean | undefined,
): Topic[] {
  const type = event.event_type;
  const topics: Topic[] = type.startsWith('notification.')
    ? []
    : [dashboardTopic(event.business_id), businessEventsTopic(event.business_id)];
  const location = event.location_id;
  if (location !== null) {
    if (type.startsWith('kitchen.') || type.startsWith('order.')) topics.push(kdsTopic(location));
    if (type.startsWith('table.') || (type.startsWith('order.') && isDineIn === true)) {
      topics.push(tablesTopic(location));
    }
    if (ORDER_LIST_PREFIXES.some((prefix) => type.startsWith(prefix)) && type !== 'delivery.location_updated')
      topics.push(locationOrdersTopic(location), businessOrdersTopic(event.business_id));
  }
  if (event.order_id !== null) topics.push(orderTopic(event.order_id));
  if (type === 'notification.created') {
    const userId = (event.payload as { user_id?: unknown }).user_id;
    if (typeof userId === 'string') topics.push(notificationsTopic(userId));
  }
  return topics;
}

const ORDER_LIST_PREFIXES = ['order.', 'payment.', 'refund.', 'delivery.'];

/** Whether `topicsOf` needs to know if the event's order is dine-in. */
export function needsDineInAnswer(event: Pick<EventEnvelope, 'event_type' | 'location_id' | 'order_id'>) {
  return event.location_id !== null && event.order_id !== null && event.event_type.startsWith('order.');
}
