/**
 * The versioned envelope every Brigade event travels in, from the outbox through the bus to the lake.
 * `sequence` numbers an order's events 0..n so consumers can keep per-order order; events that belong
 * to no order carry sequence 0.
 */
export interface EventEnvelope<Type extends string = string, Payload = unknown> {
  event_id: string;
  event_type: Type;
  version: number;
  occurred_at: string;
  business_id: string;
  location_id: string | null;
  order_id: string | null;
  sequence: number;
  payload: Payload;
}

/** An envelope as stored in the outbox: its log position comes with it. */
export interface StoredEvent extends EventEnvelope {
  position: number;
}

/**
 * An envelope as the business event feed serves it (GET /api/v1/businesses/{id}/events and its SSE
 * stream): with its offset, the outbox log position the relay gave it in commit order.
 */
export interface LoggedEvent extends EventEnvelope {
  offset: number;
}
