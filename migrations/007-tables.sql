-- Dining tables: each location's floor plan and the host stand's live view of it.

-- One row per table of a dine-in location (X7BD operations: number, capacity 1–50, position, shape,
-- status). The status moves only through the table state machine (src/domain/tables/table-moves.ts):
-- the service locks the row, decides, and writes the new status with its table.status_changed event.
-- current_order_id has no foreign key on purpose: the tables consumer seats orders announced on the bus,
-- and an order.placed from a foreign producer names an order this database may not hold.
CREATE TABLE dining_tables (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  -- A location deleted before it ever took an order takes its floor plan with it.
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  -- What guests and staff call the table ("12", "P3"); dine-in orders name it in orders.table_number.
  number text NOT NULL CHECK (length(number) BETWEEN 1 AND 20),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 50),
  section text,
  -- Floor-plan coordinates of the table's centre, in the floor-plan editor's units.
  position_x double precision NOT NULL DEFAULT 0,
  position_y double precision NOT NULL DEFAULT 0,
  shape text NOT NULL DEFAULT 'square' CHECK (shape IN ('round', 'square', 'rectangle')),
  status text NOT NULL DEFAULT 'available'
    CHECK (status IN ('available', 'occupied', 'reserved', 'cleaning', 'maintenance')),
  -- Guests seated (occupied) or expected (reserved); null when unknown or when nobody is.
  current_party_size integer CHECK (current_party_size BETWEEN 1 AND 50),
  -- The order served at the table while it is occupied.
  current_order_id uuid,
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (current_party_size IS NULL OR current_party_size <= capacity),
  CHECK (current_party_size IS NULL OR status IN ('occupied', 'reserved')),
  CHECK (current_order_id IS NULL OR status = 'occupied')
);
-- Numbers are unique per location; the same index serves the floor-plan list (by location) and the
-- tables consumer, which finds a dine-in order's table by (location, number).
CREATE UNIQUE INDEX dining_tables_location_number_idx ON dining_tables (location_id, number);
-- The tables consumer finds the table(s) an order occupies when the order completes, is cancelled or
-- refunded.
CREATE INDEX dining_tables_current_order_idx ON dining_tables (current_order_id)
  WHERE current_order_id IS NOT NULL;
