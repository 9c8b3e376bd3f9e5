import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, type EventPayload, type EventType } from '../domain/events/catalog.js';
import { payloadProblems } from '../domain/events/payload-check.js';
import type { Queryable } from '../storage/database.js';
import { sqlStateOf } from '../storage/sql-state.js';

export interface NewEvent<T extends EventType = EventType> {
  type: T;
  businessId: string;
  locationId?: string | null;
  orderId?: string | null;
  payload: EventPayload<T>;
  occurredAt?: Date;
}

export class EventContractError extends Error {
  constructor(type: string, problems: string[]) {
    super(`event ${type} does not match its catalog schema: ${problems.join('; ')}`);
    this.name = 'EventContractError';
  }
}

const COLUMNS = 9;

/**
 * Appends events to the outbox inside the caller's transaction, so they commit with the state they
 * describe or not at all. Order events take consecutive sequence numbers from
 * `orders.next_event_sequence`: one statement reserves the numbers (the UPDATE row-locks the order, so
 * concurrent writers for one order get distinct, gap-free numbers) and inserts the events: one
 * statement per order the batch touches, all issued at once (pipelined on PostgreSQL).
 * Payloads are checked against the catalog: an event that breaks its contract is a bug and aborts the
 * transaction rather than reaching consumers. An event of an order that does not exist fails its
 * statement, so the transaction rolls back even when the caller commits without awaiting it
 * (`Transaction.commitAfter`).
 */
export async function appendEvents(tx: Queryable, events: readonly NewEvent[]): Promise<string[]> {
  for (const event of events) checkContract(event);
  const ids = events.map(() => randomUUID());
  const groups = new Map<string | null, number[]>();
  events.forEach((event, index) => {
    const key = event.orderId ?? null;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  await Promise.all([...groups].map(([orderId, indexes]) => insertGroup(tx, events, ids, orderId, indexes)));
  return ids;
}

/** The events of one order (or of none), in one statement. */
async function insertGroup(
  tx: Queryable,
  events: readonly NewEvent[],
  ids: readonly string[],
  orderId: string | null,
  indexes: readonly number[],
): Promise<void> {
  const params: unknown[] = [];
  const rows = indexes.map((index, offset) => {
    const event = events[index] as NewEvent;
    params.push(
      ids[index],
      event.type,
      EVENT_CATALOG[event.type].version,
      (event.occurredAt ?? new Date()).toISOString(),
      event.businessId,
      event.locationId ?? null,
      event.orderId ?? null,
      offset,
      JSON.stringify(event.payload),
    );
    const p = (column: number) => `$${offset * COLUMNS + column}`;
    return `(${p(1)}::uuid, ${p(2)}, ${p(3)}::int, ${p(4)}::timestamptz, ${p(5)}::uuid, ${p(6)}::uuid, ${p(7)}::uuid, ${p(8)}::int, ${p(9)}::jsonb)`;
  });
  const values = `(VALUES ${rows.join(', ')}) AS e(event_id, event_type, version, occurred_at, business_id, location_id, order_id, step, payload)`;
  const columns =
    'event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload';
  if (orderId === null) {
    await tx.query(
      `INSERT INTO outbox (${columns})
         SELECT event_id, event_type, version, occurred_at, business_id, location_id, order_id, 0, payload FROM ${values}`,
      params,
    );
    return;
  }
  params.push(orderId, indexes.length);
  // Without the order, `reserved` is empty and the sequence NULL: a not-null violation, not zero rows.
  await tx
    .query(
      `WITH reserved AS (
         UPDATE orders SET next_event_sequence = next_event_sequence + $${params.length}::int
         WHERE id = $${params.length - 1}::uuid
         RETURNING next_event_sequence - $${params.length}::int AS first
       )
       INSERT INTO outbox (${columns})
       SELECT e.event_id, e.event_type, e.version, e.occurred_at, e.business_id, e.location_id, e.order_id,
              reserved.first + e.step, e.payload
       FROM ${values} LEFT JOIN reserved ON true`,
      params,
    )
    .catch((error: unknown) => {
      const column = (error as { column?: unknown }).column;
      if (sqlStateOf(error) !== NOT_NULL_VIOLATION || column !== 'sequence') throw error;
      throw new EventContractError(events[indexes[0] ?? 0]?.type ?? 'unknown', [
        `order ${orderId} does not exist`,
      ]);
    });
}

const NOT_NULL_VIOLATION = '23502';

function checkContract(event: NewEvent): void {
  const problems = payloadProblems(event.type, event.payload);
  if (problems.length > 0) throw new EventContractError(event.type, problems);
}
