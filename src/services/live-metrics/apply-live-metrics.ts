import type { EventEnvelope } from '../../domain/events/envelope.js';
import {
  type Counters,
  contributionDelta,
  type DayContribution,
} from '../../domain/live-metrics/counters.js';
import { applyOrderFact, newOrderFacts, orderContribution } from '../../domain/live-metrics/order-facts.js';
import {
  applyTicketFact,
  newTicketFacts,
  type TicketFact,
  ticketContribution,
} from '../../domain/live-metrics/ticket-facts.js';
import { localParts } from '../../domain/locations/local-time.js';
import type { Queryable } from '../../storage/database.js';
import {
  isOrderEvent,
  isTicketEvent,
  orderFactOf,
  placedFacts,
  ticketPayload,
} from './live-metrics-events.js';
import {
  addDailyDeltas,
  type DailyDelta,
  loadLocations,
  loadOrderStates,
  loadTicketStates,
  type Owned,
  saveOrderStates,
  saveTicketStates,
} from './live-metrics-store.js';

/**
 * Applies a batch of events to the live metrics, inside the consumer's transaction. Per order and per
 * ticket the consumer keeps absolute facts; each event turns the entity's facts into new ones, and the
 * day counters move by the difference between the entity's contribution after and before. Counters
 * therefore always equal the sum of the current contributions, and an event applied twice (were the
 * framework's dedupe ever bypassed) finds the facts already true and moves nothing.
 *
 * Events of orders or tickets whose first event (order.placed, kitchen.ticket_created) the consumer
 * never saw are skipped: without it there is no day to count them on.
 */
export async function applyLiveMetricsEvents(tx: Queryable, events: readonly EventEnvelope[]): Promise<void> {
  const orderEvents = events.filter(isOrderEvent);
  const ticketEvents = events.filter(isTicketEvent);
  if (orderEvents.length === 0 && ticketEvents.length === 0) return;

  const orders = await loadOrderStates(tx, unique(orderEvents.map((event) => event.order_id as string)));
  const tickets = await loadTicketStates(
    tx,
    unique(ticketEvents.map((event) => ticketPayload(event).ticket_id)),
  );
  const locations = await loadLocations(
    tx,
    unique([
      ...[...orderEvents, ...ticketEvents].flatMap((event) => (event.location_id ? [event.location_id] : [])),
      ...[...orders.values(), ...tickets.values()].map((owned) => owned.locationId),
    ]),
  );
  const deltas = new Map<string, DailyDelta>();
  const record = (owner: Owned<unknown>, before: DayContribution[], after: DayContribution[]) => {
    // A location deleted since takes its rows (and state) with it: nothing left to count on.
    const location = locations.get(owner.locationId);
    if (!location) return;
    for (const [date, counters] of contributionDelta(before, after)) {
      const key = `${owner.locationId}|${date}`;
      const existing = deltas.get(key);
      deltas.set(key, {
        businessId: owner.businessId,
        locationId: owner.locationId,
        date,
        currency: location.currency,
        counters: existing ? sum(existing.counters, counters) : counters,
      });
    }
  };
  const changedOrders = new Set<string>();
  const changedTickets = new Set<string>();

  for (const event of events) {
    if (isOrderEvent(event)) {
      const orderId = event.order_id as string;
      let owned = orders.get(orderId);
      let before: DayContribution[] = [];
      if (event.event_type === 'order.placed') {
        const location = event.location_id ? locations.get(event.location_id) : undefined;
        if (owned || !location) continue;
        const placed = placedFacts(event);
        owned = {
          businessId: event.business_id,
          locationId: location.id,
          facts: newOrderFacts(localParts(location.timeZone, placed.placedAt).date, placed.currency),
        };
      } else {
        const fact = orderFactOf(event);
        if (!owned || !fact) continue;
        before = orderContribution(owned.facts);
        owned = { ...owned, facts: applyOrderFact(owned.facts, fact) };
      }
      orders.set(orderId, owned);
      changedOrders.add(orderId);
      record(owned, before, orderContribution(owned.facts));
    } else if (isTicketEvent(event)) {
      const payload = ticketPayload(event);
      let owned = tickets.get(payload.ticket_id);
      let before: DayContribution[] = [];
      if (event.event_type === 'kitchen.ticket_created') {
        const location = event.location_id ? locations.get(event.location_id) : undefined;
        if (owned || !location || !payload.created_at) continue;
        owned = {
          businessId: event.business_id,
          locationId: location.id,
          facts: newTicketFacts(
            localParts(location.timeZone, new Date(payload.created_at)).date,
            payload.target_at ?? null,
          ),
        };
      } else {
        const location = owned ? locations.get(owned.locationId) : undefined;
        const fact = owned && ticketFactOf(event, location?.timeZone ?? null);
        if (!owned || !fact) continue;
        before = ticketContribution(owned.facts);
        owned = { ...owned, facts: applyTicketFact(owned.facts, fact) };
      }
      tickets.set(payload.ticket_id, owned);
      changedTickets.add(payload.ticket_id);
      record(owned, before, ticketContribution(owned.facts));
    }
  }

  await saveOrderStates(tx, pick(orders, changedOrders));
  await saveTicketStates(tx, pick(tickets, changedTickets));
  await addDailyDeltas(tx, [...deltas.values()]);
}

function ticketFactOf(event: EventEnvelope, timeZone: string | null): TicketFact | null {
  const payload = ticketPayload(event);
  switch (event.event_type) {
    case 'kitchen.ticket_ready':
      if (!timeZone || !payload.ready_at) return null;
      return {
        kind: 'ready',
        date: localParts(timeZone, new Date(payload.ready_at)).date,
        prepSeconds: Math.max(0, Math.round(payload.prep_seconds ?? 0)),
        late: payload.late === true,
      };
    case 'kitchen.ticket_served':
      return { kind: 'status', status: 'served' };
    case 'kitchen.ticket_cancelled':
      return { kind: 'status', status: 'cancelled' };
    case 'kitchen.ticket_recalled':
      return payload.to ? { kind: 'status', status: payload.to } : null;
    default:
      return null;
  }
}

function sum(a: Partial<Counters>, b: Partial<Counters>): Partial<Counters> {
  const total: Partial<Counters> = { ...a };
  for (const [name, value] of Object.entries(b) as [keyof Counters, number][]) {
    total[name] = (total[name] ?? 0) + value;
  }
  return total;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function pick<T>(all: Map<string, T>, keys: Set<string>): [string, T][] {
  return [...keys].sort().flatMap((key) => {
    const value = all.get(key);
    return value ? [[key, value] as [string, T]] : [];
  });
}
