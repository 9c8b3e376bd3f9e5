import type { EventEnvelope } from '../domain/events/envelope.js';
import type { Queryable, QueryResult } from '../storage/database.js';

const COLUMNS = 9;
const ROWS_PER_STATEMENT = 1000;

/**
 * Appends events that arrive whole — with their own ids and order sequence numbers — to the outbox, in
 * the caller's transaction: events ingested from other systems (docs/ingestion.md), already checked
 * against the catalog. Brigade's own events go through appendEvents, which numbers them from the order
 * row. A row whose event_id is already in the outbox is skipped; returns the ids written.
 */
export async function importEnvelopes(
  tx: Queryable,
  envelopes: readonly EventEnvelope[],
): Promise<Set<string>> {
  const statements: Promise<QueryResult<{ event_id: string }>>[] = [];
  // Every statement is issued before any answer is awaited: on PostgreSQL they are pipelined, so the
  // server inserts one chunk while this process builds the next.
  for (let start = 0; start < envelopes.length; start += ROWS_PER_STATEMENT) {
    const chunk = envelopes.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const rows = chunk.map((event, index) => {
      params.push(
        event.event_id,
        event.event_type,
        event.version,
        event.occurred_at,
        event.business_id,
        event.location_id,
        event.order_id,
        event.sequence,
        JSON.stringify(event.payload),
      );
      const p = (column: number) => `$${index * COLUMNS + column}`;
      return `(${p(1)}::uuid, ${p(2)}, ${p(3)}::int, ${p(4)}::timestamptz, ${p(5)}::uuid, ${p(6)}::uuid, ${p(7)}::uuid, ${p(8)}::int, ${p(9)}::jsonb)`;
    });
    statements.push(
      tx.query<{ event_id: string }>(
        `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload)
         VALUES ${rows.join(', ')}
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        params,
      ),
    );
  }
  const written = new Set<string>();
  for (const { rows } of await Promise.all(statements)) for (const row of rows) written.add(row.event_id);
  return written;
}
