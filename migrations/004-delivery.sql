-- 004: Delivery: drivers, delivery phases and GPS pings.
-- Every tenant-owned row carries business_id; money is integer minor units beside its currency.

-- One row per attempt to deliver an order: the driver, the phase it is in and when each phase began.
-- An attempt ends delivered or failed; after a failure the order may get a new attempt (a new row).
CREATE TABLE deliveries (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  order_id uuid NOT NULL REFERENCES orders (id),
  driver_user_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('assigned', 'arrived', 'picked_up', 'delivered', 'failed')),
  -- Who assigned it: a manager or owner, or the driver claiming the order themself.
  assigned_by uuid REFERENCES users (id),
  assigned_by_role text NOT NULL,
  assigned_at timestamptz NOT NULL,
  arrived_at timestamptz,
  picked_up_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  failure_reason text,
  failed_by uuid REFERENCES users (id),
  -- Last known position (the newest ping by recorded_at); the customer's view and the ETA read it.
  last_lat double precision CHECK (last_lat BETWEEN -90 AND 90),
  last_lon double precision CHECK (last_lon BETWEEN -180 AND 180),
  last_heading double precision,
  last_speed_mps double precision,
  last_recorded_at timestamptz,
  -- recorded_at of the last ping announced as delivery.location_updated: announcements are thinned
  -- out so a chatty driver app cannot flood the event stream (pings are all stored regardless).
  last_announced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'failed') = (failed_at IS NOT NULL))
);
-- One live attempt per order: a second claim or assignment racing the first fails on this index
-- (the services also lock the order row first, so the loser gets a coded 409, not a raw conflict).
CREATE UNIQUE INDEX deliveries_one_live_per_order_idx ON deliveries (order_id) WHERE status <> 'failed';
-- A driver's active and recent deliveries, newest first (GET /api/v1/drivers/me/deliveries).
CREATE INDEX deliveries_driver_idx ON deliveries (driver_user_id, assigned_at DESC);
-- Deliveries of a location by time, for the lake's delivery-phase analytics and the admin screens.
CREATE INDEX deliveries_location_idx ON deliveries (location_id, assigned_at DESC);

-- Every GPS ping a driver sent, kept for analytics (routes, speeds, phase durations). A ping is
-- identified by its delivery and the instant the device recorded it, so a resent batch stores nothing twice.
CREATE TABLE delivery_pings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES orders (id),
  driver_user_id uuid NOT NULL REFERENCES users (id),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  heading double precision CHECK (heading >= 0 AND heading < 360),
  speed_mps double precision CHECK (speed_mps >= 0),
  recorded_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- Deduplicates resent pings and serves a delivery's track in time order.
CREATE UNIQUE INDEX delivery_pings_track_idx ON delivery_pings (delivery_id, recorded_at);
