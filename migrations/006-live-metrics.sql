-- 006: Live metrics. The live-metrics consumer keeps each location's figures per local day, so a
-- restart resumes from here. Counters are changed only by the difference between an order's (or a
-- ticket's) contribution before and after an event, computed from the per-order and per-ticket state
-- below, which holds absolute values: applying an event twice changes nothing the second time.
-- Definitions: docs/live-metrics.md.

-- One row per location and local calendar day (the location's time zone).
CREATE TABLE live_metrics_daily (
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  local_date date NOT NULL,
  currency char(3) NOT NULL,
  -- Orders placed that day whose payment was captured and that are neither cancelled nor refunded.
  orders integer NOT NULL DEFAULT 0,
  -- Captured minus refunded, and tips, of those orders (minor units).
  revenue_minor bigint NOT NULL DEFAULT 0,
  tips_minor bigint NOT NULL DEFAULT 0,
  -- Orders placed that day and cancelled (for any reason, declined payments included).
  cancellations integer NOT NULL DEFAULT 0,
  -- Kitchen tickets created that day, and those of them neither served nor cancelled.
  tickets_created integer NOT NULL DEFAULT 0,
  open_tickets integer NOT NULL DEFAULT 0,
  -- Tickets that became ready that day: how many, their total prep seconds, how many were late.
  ready_tickets integer NOT NULL DEFAULT 0,
  prep_seconds_total bigint NOT NULL DEFAULT 0,
  late_tickets integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, local_date)
);
-- The business snapshot reads all its locations' rows for their current local days.
CREATE INDEX live_metrics_daily_business_idx ON live_metrics_daily (business_id, local_date);

-- What the consumer knows of each order: the day it counts on and the absolute facts its contribution
-- is computed from. `payments` maps payment id → {capturedMinor, tipMinor} (an order paid in several
-- captures, e.g. items added later, has several), so a redelivered capture is a no-op.
CREATE TABLE live_metrics_orders (
  order_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  local_date date NOT NULL,
  currency char(3) NOT NULL,
  confirmed boolean NOT NULL DEFAULT false,
  cancelled boolean NOT NULL DEFAULT false,
  refunded boolean NOT NULL DEFAULT false,
  payments jsonb NOT NULL DEFAULT '{}',
  refunded_minor bigint NOT NULL DEFAULT 0
);
-- Pruning old state (orders of past days) deletes by business and day.
CREATE INDEX live_metrics_orders_day_idx ON live_metrics_orders (business_id, local_date);

-- What the consumer knows of each kitchen ticket: its status (open or not), the day it was created,
-- and its latest ready (day, prep seconds, late).
CREATE TABLE live_metrics_tickets (
  ticket_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  created_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'preparing', 'ready', 'served', 'cancelled')),
  target_at timestamptz,
  ready_date date,
  prep_seconds bigint,
  late boolean
);
-- The snapshot counts a location's open tickets past their target time (overdue now).
CREATE INDEX live_metrics_tickets_open_idx ON live_metrics_tickets (location_id, created_date)
  WHERE status IN ('pending', 'preparing', 'ready');
