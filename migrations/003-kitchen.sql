-- 003: Kitchen display (KDS). The kitchen consumer builds tickets from order events only, so orders
-- from foreign producers (known only from the bus, with no row in `orders`) reach the kitchen as
-- Brigade's own do. Tickets and their items are never deleted: they are the prep-time history.

-- What the kitchen knows about an order before (and after) it reaches the line: written on
-- order.placed, routed into tickets on order.confirmed. Lines added before confirmation join `lines`.
CREATE TABLE kitchen_order_intake (
  order_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  service_type text,
  table_number text,
  -- [{line_id, line_number, item_id, name, station, quantity, modifiers: [{name}], notes}]
  lines jsonb NOT NULL DEFAULT '[]',
  placed_at timestamptz,
  -- Set when order.confirmed routed the order into tickets: later lines make new tickets.
  routed_at timestamptz,
  -- Set on order.cancelled: a confirmation arriving afterwards routes nothing.
  cancelled_at timestamptz,
  -- True when order_id is a row of `orders` (a Brigade order), false for a foreign order.
  linked_order boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One station's share of an order (or of lines added to it later).
CREATE TABLE kitchen_tickets (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  -- No foreign key: foreign orders have no row in `orders`.
  order_id uuid,
  linked_order boolean NOT NULL DEFAULT false,
  station text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'preparing', 'ready', 'served', 'cancelled')),
  priority integer NOT NULL CHECK (priority BETWEEN 0 AND 10),
  service_type text,
  table_number text,
  -- 'order' for the tickets of the confirmed order, 'added' for lines added while it was in the kitchen.
  source text NOT NULL CHECK (source IN ('order', 'added')),
  created_at timestamptz NOT NULL,
  target_at timestamptz NOT NULL,
  started_at timestamptz,
  ready_at timestamptz,
  served_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  -- Set when the ticket becomes ready: did it miss target_at? (Null until then; cleared by a recall.)
  finished_late boolean,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The kitchen screen: a location's active tickets, highest priority first, then the earliest target.
CREATE INDEX kitchen_tickets_active_idx ON kitchen_tickets (location_id, priority DESC, target_at)
  WHERE status IN ('pending', 'preparing', 'ready');
-- Order sync and cancellation find all tickets of one order.
CREATE INDEX kitchen_tickets_order_idx ON kitchen_tickets (order_id) WHERE order_id IS NOT NULL;
-- Prep-time stats read the tickets that became ready in a time range.
CREATE INDEX kitchen_tickets_ready_idx ON kitchen_tickets (location_id, ready_at) WHERE ready_at IS NOT NULL;
-- History lists a location's tickets newest first.
CREATE INDEX kitchen_tickets_history_idx ON kitchen_tickets (location_id, created_at DESC, id DESC);

CREATE TABLE kitchen_ticket_items (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL REFERENCES kitchen_tickets (id) ON DELETE CASCADE,
  order_id uuid,
  -- The order line this item cooks; null for an item not from an order line.
  order_line_id uuid,
  line_number integer,
  item_id uuid,
  name text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  -- [{name}]: what the cook needs, not the prices.
  modifiers jsonb NOT NULL DEFAULT '[]',
  notes text,
  status text NOT NULL CHECK (status IN ('pending', 'preparing', 'ready', 'served', 'cancelled')),
  prep_minutes integer,
  -- Display order on the ticket.
  position integer NOT NULL,
  started_at timestamptz,
  ready_at timestamptz,
  served_at timestamptz
);
-- A ticket's items are loaded with it.
CREATE INDEX kitchen_ticket_items_ticket_idx ON kitchen_ticket_items (ticket_id, position);
-- An order line is cooked on one ticket only: a replayed confirmation or addition (even under a new
-- event id) cannot ticket it twice.
CREATE UNIQUE INDEX kitchen_ticket_items_line_idx ON kitchen_ticket_items (order_id, order_line_id)
  WHERE order_id IS NOT NULL AND order_line_id IS NOT NULL;
