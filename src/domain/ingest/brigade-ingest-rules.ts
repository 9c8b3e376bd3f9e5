import type { EventEnvelope } from '../events/envelope.js';
import { type IngestRejection, reject } from './ingest-outcome.js';

/**
 * The Brigade event types another system may send: facts about orders (the order itself, its payments
 * and refunds, feedback, delivery and kitchen steps). The rest describe this Brigade's own state — its
 * business, locations, brands, menus, members and tables, its loyalty ledgers and the notifications it
 * addresses to its users — and change only through its API; an ingested one could otherwise rename a
 * location in the lake, or notify any user.
 */
const INGESTIBLE_PREFIXES = ['order.', 'payment.', 'refund.', 'feedback.', 'delivery.', 'kitchen.'] as const;

/**
 * What an ingested event must name: every one happens at a location (the kitchen, the lake's
 * partitions and the live feeds go by it), and all but kitchen steps belong to an order (a kitchen
 * ticket may have none). The envelope allows nulls for Brigade's own business-wide events; an ingested
 * order event without them would be accepted and then fail in every consumer.
 */
export function brigadeScopeRejection(event: EventEnvelope): IngestRejection | undefined {
  const missing = [
    ...(event.location_id === null ? ['location_id'] : []),
    ...(event.order_id === null && !event.event_type.startsWith('kitchen.') ? ['order_id'] : []),
  ];
  if (missing.length === 0) return undefined;
  return reject('invalid_event', `${event.event_type} needs ${missing.join(' and ')}`);
}

export function brigadeTypeRejection(eventType: string): IngestRejection | undefined {
  if (INGESTIBLE_PREFIXES.some((prefix) => eventType.startsWith(prefix))) return undefined;
  return reject(
    'unsupported_type',
    `${eventType} describes this Brigade's own state and is not ingested (only order, payment, refund, feedback, delivery and kitchen events are)`,
  );
}
