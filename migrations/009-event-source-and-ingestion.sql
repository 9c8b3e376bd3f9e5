-- 009: the business event feed for other systems, and ingestion of their events (docs/ingestion.md).

-- GET /api/v1/businesses/{id}/events (and its SSE stream's catch-up) pages one business's events by
-- offset, the log position: WHERE business_id = $1 AND log_position > $2 ORDER BY log_position.
CREATE INDEX outbox_business_log_idx ON outbox (business_id, log_position) WHERE log_position IS NOT NULL;

-- Ingested events that cannot enter the outbox on their own: a stream-stack order arrives as
-- order_created, one order_item_added per line and payment_captured, and only together do they make
-- Brigade's order.placed (which needs its lines and totals), payment.captured and order.confirmed.
-- The pieces wait here until the items add up to the payment's subtotal; then the order's events are
-- appended to the outbox and the pieces marked assembled. Rows are kept after that: their ids answer
-- a repeated piece as a duplicate rather than as a new, unmatched line.
CREATE TABLE ingest_held_events (
  -- Brigade's id for the foreign event (a UUID v5 of business, source and the source's event id).
  event_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  source text NOT NULL CHECK (source IN ('stream-stack')),
  -- Brigade's id for the foreign order (a UUID v5 of business, source and the source's order id).
  order_id uuid NOT NULL,
  piece text NOT NULL CHECK (piece IN ('order', 'item', 'payment')),
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL,
  -- The foreign event as it was received.
  event jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  assembled_at timestamptz
);
-- Each ingest loads the pieces of the orders its batch touches.
CREATE INDEX ingest_held_events_order_idx ON ingest_held_events (order_id);
