import type { EventEnvelope } from '../domain/events/envelope.js';

/** The outbox columns that make an envelope, for SELECT lists. */
export const ENVELOPE_COLUMNS =
  'event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload';

export interface OutboxRow {
  event_id: string;
  event_type: string;
  version: number;
  occurred_at: Date | string;
  business_id: string;
  location_id: string | null;
  order_id: string | null;
  sequence: number;
  payload: unknown;
}

/** An outbox row as the envelope every reader sees (field order as documented in docs/events.md). */
export function toEnvelope(row: OutboxRow): EventEnvelope {
  return {
    event_id: row.event_id,
    event_type: row.event_type,
    version: row.version,
    occurred_at: new Date(row.occurred_at).toISOString(),
    business_id: row.business_id,
    location_id: row.location_id,
    order_id: row.order_id,
    sequence: row.sequence,
    payload: row.payload,
  };
}
