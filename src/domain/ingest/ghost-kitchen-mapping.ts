import type { EventType } from '../events/catalog.js';
import {
  DEFAULT_STATION,
  SELF_REPORTING_KITCHEN_CHANNEL,
  ticketPriority,
} from '../kitchen/ticket-routing.js';
import { finishedLate, prepSeconds, ticketTargetAt } from '../kitchen/ticket-timing.js';
import type { EventDraft, MappingContext } from './event-draft.js';
import type { GhostKitchenBody, GhostKitchenEvent } from './foreign-envelopes.js';
import { foreignPlacedPayload } from './foreign-order.js';
import { toMinorUnits } from './foreign-values.js';
import { derivedId } from './ingest-ids.js';
import { type IngestRejection, reject } from './ingest-outcome.js';
import type { IngestedOrder } from './ingested-order.js';

/**
 * The ghost-kitchen format (docs/ingestion.md, "Ghost-kitchen events") in Brigade events, the ones
 * Brigade itself writes for the same steps, in the same order:
 *
 * | ghost-kitchen    | Brigade                                                                      |
 * | order_created    | order.placed (delivery, its lines), order.confirmed, kitchen.ticket_created  |
 * | gk_started       | kitchen.ticket_started, order.status_changed → preparing                     |
 * | gk_finished      | kitchen.ticket_ready                                                         |
 * | gk_ready         | order.status_changed → ready                                                 |
 * | driver_arrived   | delivery.driver_assigned, delivery.driver_arrived                            |
 * | driver_picked_up | delivery.picked_up, order.status_changed → out_for_delivery, kitchen.ticket_served |
 * | driver_ping      | delivery.location_updated                                                    |
 * | delivered        | delivery.delivered, order.status_changed → delivered                         |
 *
 * Each step is checked against the order's history: a step before the one it follows, or one the
 * order already had, is refused rather than guessed around.
 */
export function mapGhostKitchenEvent(
  event: GhostKitchenEvent,
  order: IngestedOrder,
  context: MappingContext,
): EventDraft[] | IngestRejection {
  const draft = (type: EventType, payload: unknown, first = false): EventDraft => ({
    id: first ? context.eventId : derivedId(context.eventId, type),
    type,
    occurredAt: event.at,
    payload,
  });
  const orderRef = `order ${event.order}`;
  if (event.type === 'order_created') {
    if (order.status !== null)
      return reject('out_of_order', `${orderRef} was already created by another event`);
    return orderCreated(event.body, event.at, context, draft);
  }
  if (order.status === null) return reject('order_unknown', `${orderRef} has no order_created yet`);
  const statusChange = (to: string, role: string, first = false) =>
    draft('order.status_changed', { from: order.status, to, actor: { user_id: null, role } }, first);
  const ticket = order.ticket;
  const ticketRef = ticket
    ? { ticket_id: ticket.ticketId, order_id: context.orderId, station: ticket.station }
    : null;
  const delivery = order.delivery;
  const deliveryRef = delivery
    ? { delivery_id: delivery.deliveryId, order_id: context.orderId, driver_user_id: delivery.driverUserId }
    : null;
  const outOfOrder = (what: string) => reject('out_of_order', `${event.type} for ${orderRef}, ${what}`);

  switch (event.type) {
    case 'gk_started':
      if (!ticket || !ticketRef) return outOfOrder('which has no kitchen ticket from an order_created');
      if (ticket.startedAt) return outOfOrder('which the kitchen already started');
      return [
        draft('kitchen.ticket_started', { ...ticketRef, started_at: event.at }, true),
        statusChange('preparing', 'kitchen'),
      ];
    case 'gk_finished':
      if (!ticket?.startedAt || !ticketRef) return outOfOrder('before its gk_started');
      if (ticket.readyAt) return outOfOrder('which the kitchen already finished');
      return [
        draft(
          'kitchen.ticket_ready',
          {
            ...ticketRef,
            started_at: ticket.startedAt,
            ready_at: event.at,
            target_at: ticket.targetAt,
            prep_seconds: prepSeconds(new Date(ticket.createdAt), new Date(event.at)),
            late: finishedLate(new Date(event.at), new Date(ticket.targetAt)),
          },
          true,
        ),
      ];
    case 'gk_ready':
      if (!ticket?.readyAt) return outOfOrder('before its gk_finished');
      if (order.status !== 'preparing') return outOfOrder(`which is ${order.status}, not preparing`);
      return [statusChange('ready', 'kitchen', true)];
    case 'driver_arrived': {
      if (delivery) return outOfOrder('whose driver already arrived');
      // The format does not name drivers or when one was given the order: the order's driver gets an id
      // of its own (no Brigade user), assigned as it arrives.
      const ref = {
        delivery_id: derivedId(context.orderId, 'delivery'),
        order_id: context.orderId,
        driver_user_id: derivedId(context.orderId, 'driver'),
      };
      return [
        draft(
          'delivery.driver_assigned',
          {
            ...ref,
            driver_name: 'Ghost-kitchen driver',
            assigned_by: { user_id: null, role: 'system' },
            at: event.at,
          },
          true,
        ),
        draft('delivery.driver_arrived', { ...ref, at: event.at }),
      ];
    }
    case 'driver_picked_up':
      if (!delivery?.arrived || !deliveryRef) return outOfOrder('before its driver_arrived');
      if (delivery.pickedUp) return outOfOrder('which was already picked up');
      return [
        draft('delivery.picked_up', { ...deliveryRef, at: event.at }, true),
        statusChange('out_for_delivery', 'driver'),
        ...(ticketRef && !ticket?.served
          ? [draft('kitchen.ticket_served', { ...ticketRef, served_at: event.at })]
          : []),
      ];
    case 'driver_ping':
      if (!delivery?.pickedUp || !deliveryRef) return outOfOrder('before its driver_picked_up');
      if (delivery.delivered) return outOfOrder('which was already delivered');
      return [
        draft(
          'delivery.location_updated',
          {
            ...deliveryRef,
            lat: event.body.loc_lat,
            lon: event.body.loc_lon,
            heading: null,
            speed_mps: null,
            recorded_at: event.at,
          },
          true,
        ),
      ];
    case 'delivered':
      if (!delivery?.pickedUp || !deliveryRef) return outOfOrder('before its driver_picked_up');
      if (delivery.delivered) return outOfOrder('which was already delivered');
      return [
        draft('delivery.delivered', { ...deliveryRef, at: event.at }, true),
        statusChange('delivered', 'driver'),
      ];
  }
}

/**
 * order_created: a delivery order, already paid on the platform the customer ordered from (the format
 * has no payment step and its kitchens cook every order), so it is placed and confirmed at once and its
 * one ticket reaches the kitchen. Prices are taken as given, without tax, tip or fee (the format has
 * none); item, brand and category ids become Brigade ids (docs/ingestion.md).
 */
function orderCreated(
  body: GhostKitchenBody<'order_created'>,
  at: string,
  context: MappingContext,
  draft: (type: EventType, payload: unknown, first?: boolean) => EventDraft,
): EventDraft[] {
  const { ids, location, orderId } = context;
  const placed = foreignPlacedPayload({
    // Tells the kitchen display that the ghost kitchen reports its own ticket (the events below).
    channel: SELF_REPORTING_KITCHEN_CHANNEL,
    serviceType: 'delivery',
    delivery: { address: { line1: body.customer_addr }, lat: body.customer_lat, lon: body.customer_lon },
    lines: body.items.map((item, index) => ({
      lineId: derivedId(orderId, `line/${index + 1}`),
      itemId: ids.ref('item', String(item.id)),
      brandId: ids.ref('brand', String(item.brand_id)),
      categoryId: ids.ref('category', String(item.category_id)),
      name: item.name,
      unitPrice: toMinorUnits(item.price),
      quantity: item.qty,
    })),
    tax: 0,
    tip: 0,
    placedAt: at,
    location,
  });
  const lines = placed.lines;
  const ticketId = derivedId(orderId, 'ticket');
  return [
    draft('order.placed', placed, true),
    draft('order.confirmed', { from: 'placed', to: 'confirmed', actor: { user_id: null, role: 'system' } }),
    draft('kitchen.ticket_created', {
      ticket_id: ticketId,
      order_id: orderId,
      station: DEFAULT_STATION,
      priority: ticketPriority('delivery', false),
      target_at: ticketTargetAt(
        new Date(at),
        lines.map(() => null),
      ).toISOString(),
      created_at: at,
      items: lines.map((line) => ({
        ticket_item_id: derivedId(ticketId, `item/${line.line_number}`),
        order_line_id: line.line_id,
        item_id: line.item_id,
        name: line.name,
        quantity: line.quantity,
        modifiers: [],
        notes: null,
      })),
    }),
  ];
}
