import { type IngestRejection, reject } from './ingest-outcome.js';

/**
 * The Brigade event types another system may send: facts about orders (the order itself, its payments
 * and refunds, feedback, delivery and kitchen steps). The rest describe this Brigade's own state — its
 * business, locations, brands, menus, members and tables, its loyalty ledgers and the notifications it
 * addresses to its users — and change only through its API; an ingested one could otherwise rename a
 * location in the lake, or notify any user.
 */
const INGESTIBLE_PREFIXES = ['order.', 'payment.', 'refund.', 'feedback.', 'delivery.', 'kitchen.'] as const;

export function brigadeTypeRejection(eventType: string): IngestRejection | undefined {
  if (INGESTIBLE_PREFIXES.some((prefix) => eventType.startsWith(prefix))) return undefined;
  return reject(
    'unsupported_type',
    `${eventType} describes this Brigade's own state and is not ingested (only order, payment, refund, feedback, delivery and kitchen events are)`,
  );
}
