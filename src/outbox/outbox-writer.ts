import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { EVENT_CATALOG, type EventPayload, type EventType } from '../domain/events/catalog.js';
import type { Queryable } from '../storage/database.js';

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  businessId: string;
  locationId?: string | null;
  orderId?: string | null;
  payload: EventPayload<T>;
  occurredAt?: Date;
}

const validators = new Map<string, TypeCheck<TSchema>>(
  Object.entries(EVENT_CATALOG).map(([type, entry]) => [type, TypeCompiler.Compile(entry.payload)]),
);

export class EventContractError extends Error {
  constructor(type: string, problems: string[]) {
    super(`event ${type} does not match its catalog schema: ${problems.join('; ')}`);
    this.name = 'EventContractError';
  }
}

/**
 * Appends events to the outbox inside the caller's transaction, so they commit with the state they
 * describe or not at all. Order events take consecutive sequence numbers from `orders.next_event_sequence`;
 * the UPDATE row-locks the order, so concurrent writers for one order get distinct, gap-free numbers.
 * Payloads are checked against the catalog: an event that breaks its contract is a bug and aborts the
 * transaction rather than reaching consumers.
 */
export async function appendEvents(tx: Queryable, events: readonly NewEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) {
    const validator = validators.get(event.type);
    if (!validator) throw new EventContractError(event.type, ['unknown event type']);
    if (!validator.Check(event.payload)) {
      throw new EventContractError(
        event.type,
        [...validator.Errors(event.payload)].slice(0, 5).map((error) => `${error.path} ${error.message}`),
      );
    }
    let sequence = 0;
    if (event.orderId) {
      const bumped = await tx.query<{ sequence: number }>(
        `UPDATE orders SET next_event_sequence = next_event_sequence + 1
         WHERE id = $1 RETURNING next_event_sequence - 1 AS sequence`,
        [event.orderId],
      );
      const row = bumped.rows[0];
      if (!row) throw new EventContractError(event.type, [`order ${event.orderId} does not exist`]);
      sequence = row.sequence;
    }
    const eventId = randomUUID();
    await tx.query(
      `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        eventId,
        event.type,
        EVENT_CATALOG[event.type].version,
        (event.occurredAt ?? new Date()).toISOString(),
        event.businessId,
        event.locationId ?? null,
        event.orderId ?? null,
        sequence,
        JSON.stringify(event.payload),
      ],
    );
    ids.push(eventId);
  }
  return ids;
}
