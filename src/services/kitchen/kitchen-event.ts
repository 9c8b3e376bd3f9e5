import type { EventPayload, EventType } from '../../domain/events/catalog.js';
import type { NewEvent } from '../../outbox/outbox-writer.js';

/**
 * A kitchen event about one ticket. The envelope names the order only for Brigade orders: the outbox
 * numbers an order's events from its `orders` row, which a foreign order does not have (its id stays
 * in the payload).
 */
export function kitchenEvent<T extends EventType>(
  ticket: { business_id: string; location_id: string; order_id: string | null; linked_order: boolean },
  type: T,
  payload: EventPayload<T>,
  at: Date,
): NewEvent<T> {
  return {
    type,
    businessId: ticket.business_id,
    locationId: ticket.location_id,
    orderId: ticket.linked_order ? ticket.order_id : null,
    occurredAt: at,
    payload,
  };
}

/** The fields every kitchen payload starts with. */
export function ticketRef(ticket: { id: string; order_id: string | null; station: string }) {
  return { ticket_id: ticket.id, order_id: ticket.order_id, station: ticket.station };
}
