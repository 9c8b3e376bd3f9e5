import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { OrderFact } from '../../domain/live-metrics/order-facts.js';
import type { TicketStatus } from '../../domain/live-metrics/ticket-facts.js';

/** Order events that change an order's figures, and kitchen events that change a ticket's. */
export const ORDER_EVENT_TYPES = [
  'order.placed',
  'order.confirmed',
  'order.cancelled',
  'order.refunded',
  'payment.captured',
  'refund.processed',
] as const;

export const TICKET_EVENT_TYPES = [
  'kitchen.ticket_created',
  'kitchen.ticket_ready',
  'kitchen.ticket_served',
  'kitchen.ticket_recalled',
  'kitchen.ticket_cancelled',
] as const;

const ORDER_TYPES: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);
const TICKET_TYPES: ReadonlySet<string> = new Set(TICKET_EVENT_TYPES);

export function isOrderEvent(event: EventEnvelope): boolean {
  return ORDER_TYPES.has(event.event_type) && event.order_id !== null;
}

export function isTicketEvent(event: EventEnvelope): boolean {
  return TICKET_TYPES.has(event.event_type);
}

// Only the payload fields live metrics reads; the catalog schemas (checked before the consumer sees an
// event) guarantee them.
interface PlacedPayload {
  placed_at: string;
  totals: { currency: string };
}
interface CapturedPayload {
  payment_id: string;
  amount: number;
  tip: number;
}
interface RefundPayload {
  refunded_total: number;
}
interface TicketPayload {
  ticket_id: string;
  created_at?: string;
  target_at?: string | null;
  ready_at?: string;
  prep_seconds?: number;
  late?: boolean;
  to?: TicketStatus;
}

export function placedFacts(event: EventEnvelope): { placedAt: Date; currency: string } {
  const payload = event.payload as PlacedPayload;
  return { placedAt: new Date(payload.placed_at), currency: payload.totals.currency };
}

/** The order fact an event states (order.placed creates the order instead: see placedFacts). */
export function orderFactOf(event: EventEnvelope): OrderFact | null {
  switch (event.event_type) {
    case 'order.confirmed':
      return { kind: 'confirmed' };
    case 'order.cancelled':
      return { kind: 'cancelled' };
    case 'order.refunded':
      return { kind: 'refunded' };
    case 'payment.captured': {
      const payload = event.payload as CapturedPayload;
      return {
        kind: 'captured',
        paymentId: payload.payment_id,
        amountMinor: payload.amount,
        tipMinor: payload.tip,
      };
    }
    case 'refund.processed':
      return { kind: 'refund', refundedTotalMinor: (event.payload as RefundPayload).refunded_total };
    default:
      return null;
  }
}

export function ticketPayload(event: EventEnvelope): TicketPayload {
  return event.payload as TicketPayload;
}
