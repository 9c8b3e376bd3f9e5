import type { EventEnvelope } from '../events/envelope.js';

/**
 * What an order's events so far say, as far as mapping a foreign step needs it: whether it was placed,
 * its status, its kitchen ticket and its delivery. Folded from the order's events in sequence (those in
 * the outbox, and those an ingest batch has just mapped), so a foreign step is checked against the
 * order's history rather than trusted.
 */
export interface IngestedOrder {
  placedAt: string | null;
  serviceType: string | null;
  /** The status after the last status event ('placed' once placed; null before). */
  status: string | null;
  ticket: {
    ticketId: string;
    station: string;
    createdAt: string;
    targetAt: string;
    startedAt: string | null;
    readyAt: string | null;
    served: boolean;
  } | null;
  delivery: {
    deliveryId: string;
    driverUserId: string;
    arrived: boolean;
    pickedUp: boolean;
    delivered: boolean;
  } | null;
  hasFeedback: boolean;
}

export const NEW_ORDER: IngestedOrder = {
  placedAt: null,
  serviceType: null,
  status: null,
  ticket: null,
  delivery: null,
  hasFeedback: false,
};

type Payload = Record<string, unknown>;
const text = (payload: Payload, field: string): string => String(payload[field] ?? '');

/** The order after one more of its events. */
export function foldOrderEvent(
  order: IngestedOrder,
  event: Pick<EventEnvelope, 'event_type' | 'payload'>,
): IngestedOrder {
  const payload = (event.payload ?? {}) as Payload;
  switch (event.event_type) {
    case 'order.placed':
      return {
        ...order,
        placedAt: text(payload, 'placed_at'),
        serviceType: text(payload, 'service_type'),
        status: 'placed',
      };
    case 'order.confirmed':
    case 'order.status_changed':
    case 'order.cancelled':
    case 'order.refunded':
      return { ...order, status: text(payload, 'to') };
    case 'kitchen.ticket_created':
      // The first ticket is the one the foreign kitchen steps move (ghost kitchens cook an order as one).
      return order.ticket
        ? order
        : {
            ...order,
            ticket: {
              ticketId: text(payload, 'ticket_id'),
              station: text(payload, 'station'),
              createdAt: text(payload, 'created_at'),
              targetAt: text(payload, 'target_at'),
              startedAt: null,
              readyAt: null,
              served: false,
            },
          };
    case 'kitchen.ticket_started':
      return withTicket(order, payload, { startedAt: text(payload, 'started_at') });
    case 'kitchen.ticket_ready':
      return withTicket(order, payload, { readyAt: text(payload, 'ready_at') });
    case 'kitchen.ticket_served':
      return withTicket(order, payload, { served: true });
    case 'delivery.driver_assigned':
      return {
        ...order,
        delivery: {
          deliveryId: text(payload, 'delivery_id'),
          driverUserId: text(payload, 'driver_user_id'),
          arrived: false,
          pickedUp: false,
          delivered: false,
        },
      };
    case 'delivery.driver_arrived':
      return withDelivery(order, { arrived: true });
    case 'delivery.picked_up':
      return withDelivery(order, { pickedUp: true });
    case 'delivery.delivered':
      return withDelivery(order, { delivered: true });
    case 'feedback.submitted':
      return { ...order, hasFeedback: true };
    default:
      return order;
  }
}

function withTicket(
  order: IngestedOrder,
  payload: Payload,
  change: Partial<NonNullable<IngestedOrder['ticket']>>,
): IngestedOrder {
  if (!order.ticket || order.ticket.ticketId !== payload.ticket_id) return order;
  return { ...order, ticket: { ...order.ticket, ...change } };
}

function withDelivery(
  order: IngestedOrder,
  change: Partial<NonNullable<IngestedOrder['delivery']>>,
): IngestedOrder {
  return order.delivery ? { ...order, delivery: { ...order.delivery, ...change } } : order;
}
