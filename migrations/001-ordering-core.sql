-- 001: Brigade's ordering core. Every tenant-owned row carries business_id; money is integer minor
-- units with the ISO currency beside it; every instant is timestamptz. Each index says which query
-- it serves; primary keys and unique constraints already index their columns.

-- Platform users. A user may own or work for businesses (memberships) and order anywhere as a customer.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  phone text,
  password_hash text NOT NULL,
  platform_role text NOT NULL DEFAULT 'user' CHECK (platform_role IN ('platform_admin', 'user')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Login looks users up by case-insensitive email, and emails are unique ignoring case.
CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email));

-- Refresh tokens are stored hashed so a database leak does not leak sessions; rotation revokes the old one.
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE businesses (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  currency char(3) NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'suspended')),
  -- Loyalty programme: points earned per whole currency unit spent, and points worth one minor unit.
  loyalty_earn_points_per_unit integer NOT NULL DEFAULT 1 CHECK (loyalty_earn_points_per_unit >= 0),
  loyalty_points_per_minor_unit integer NOT NULL DEFAULT 1 CHECK (loyalty_points_per_minor_unit > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Ties a user to a business with a role. Staff have a position; location_ids limits them to some
-- locations (empty = all of the business's locations).
CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  staff_position text CHECK (staff_position IN ('kitchen', 'cashier', 'driver')),
  location_ids uuid[] NOT NULL DEFAULT '{}',
  hourly_rate_minor integer CHECK (hourly_rate_minor >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, business_id),
  CHECK ((role = 'staff') = (staff_position IS NOT NULL))
);
-- Listing a business's users (admin screen) filters by business.
CREATE INDEX memberships_business_idx ON memberships (business_id);

CREATE TABLE locations (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'restaurant' CHECK (kind IN ('restaurant', 'ghost_kitchen')),
  address jsonb NOT NULL,
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  time_zone text NOT NULL,
  currency char(3) NOT NULL,
  -- [{name, rateBps}]: each component is applied to the discounted subtotal and rounded on its own.
  tax_rules jsonb NOT NULL DEFAULT '[]',
  service_types text[] NOT NULL,
  delivery_fee_minor integer NOT NULL DEFAULT 0 CHECK (delivery_fee_minor >= 0),
  delivery_radius_km double precision,
  -- {monday: [{name, opens: "HH:MM", closes: "HH:MM"}], ...} and [{date, name, closed, sections?}].
  business_hours jsonb NOT NULL DEFAULT '{}',
  holidays jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (business_id, code)
);

CREATE TABLE brands (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  name text NOT NULL,
  cuisine text,
  description text,
  -- Virtual brands start and end; outside [starts_on, ends_on] a brand takes no orders.
  starts_on date,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (business_id, name)
);

CREATE TABLE brand_locations (
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  PRIMARY KEY (brand_id, location_id)
);
-- The live menu of a location starts from the brands served there.
CREATE INDEX brand_locations_location_idx ON brand_locations (location_id);

-- A menu belongs to one brand and is served wherever the brand is served.
CREATE TABLE menus (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  brand_id uuid NOT NULL REFERENCES brands (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Menus are fetched per brand when the live menu tree is built.
CREATE INDEX menus_brand_idx ON menus (brand_id);

CREATE TABLE menu_categories (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  menu_id uuid NOT NULL REFERENCES menus (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES menu_categories (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  display_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The menu tree loads all categories of a menu at once.
CREATE INDEX menu_categories_menu_idx ON menu_categories (menu_id);

CREATE TABLE menu_items (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  menu_id uuid NOT NULL REFERENCES menus (id) ON DELETE CASCADE,
  category_id uuid NOT NULL REFERENCES menu_categories (id) ON DELETE CASCADE,
  name text NOT NULL,
  description text,
  price_minor integer NOT NULL CHECK (price_minor >= 0),
  cost_minor integer CHECK (cost_minor >= 0),
  currency char(3) NOT NULL,
  sku text,
  station text NOT NULL DEFAULT 'main',
  prep_minutes integer NOT NULL DEFAULT 10 CHECK (prep_minutes >= 0),
  available boolean NOT NULL DEFAULT true,
  -- {monday: [{from: "HH:MM", to: "HH:MM"}], ...}; null = whenever the location is open.
  availability_schedule jsonb,
  allergens text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  image_url text,
  calories integer CHECK (calories >= 0),
  display_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- The menu tree loads all items of a menu; order placement loads items by id (primary key).
CREATE INDEX menu_items_menu_idx ON menu_items (menu_id);
-- SKUs are unique within a business when given (POS sync matches on them).
CREATE UNIQUE INDEX menu_items_sku_idx ON menu_items (business_id, sku) WHERE sku IS NOT NULL;

CREATE TABLE modifier_groups (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  name text NOT NULL,
  selection text NOT NULL CHECK (selection IN ('single', 'multiple')),
  required boolean NOT NULL DEFAULT false,
  min_selections integer NOT NULL DEFAULT 0 CHECK (min_selections >= 0),
  max_selections integer NOT NULL DEFAULT 1 CHECK (max_selections >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (min_selections <= max_selections),
  CHECK (selection = 'multiple' OR max_selections = 1)
);
-- Admin lists a business's modifier groups.
CREATE INDEX modifier_groups_business_idx ON modifier_groups (business_id);

CREATE TABLE modifier_options (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES modifier_groups (id) ON DELETE CASCADE,
  name text NOT NULL,
  price_minor integer NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  available boolean NOT NULL DEFAULT true,
  display_order integer NOT NULL DEFAULT 0
);
-- Options are loaded per group.
CREATE INDEX modifier_options_group_idx ON modifier_options (group_id);

-- Which modifier groups an item offers; groups are shared between items.
CREATE TABLE item_modifier_groups (
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES modifier_groups (id) ON DELETE CASCADE,
  display_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (item_id, group_id)
);
-- Deleting a group checks which items use it.
CREATE INDEX item_modifier_groups_group_idx ON item_modifier_groups (group_id);

CREATE TABLE offers (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- A code makes it a promo code the customer types; without one it applies automatically.
  code text,
  kind text NOT NULL CHECK (kind IN ('percent', 'fixed', 'buy_x_get_y')),
  percent_bps integer CHECK (percent_bps BETWEEN 1 AND 10000),
  amount_minor integer CHECK (amount_minor > 0),
  currency char(3) NOT NULL,
  buy_quantity integer CHECK (buy_quantity > 0),
  get_quantity integer CHECK (get_quantity > 0),
  -- Items the offer counts (buy-X-get-Y and item-scoped discounts); empty = every item.
  item_ids uuid[] NOT NULL DEFAULT '{}',
  min_subtotal_minor integer NOT NULL DEFAULT 0 CHECK (min_subtotal_minor >= 0),
  starts_at timestamptz,
  ends_at timestamptz,
  -- Empty = every location of the business.
  location_ids uuid[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Promo codes are unique per business, case-insensitively; placement looks them up this way.
CREATE UNIQUE INDEX offers_code_idx ON offers (business_id, upper(code)) WHERE code IS NOT NULL;
-- Placement loads the business's active automatic offers.
CREATE INDEX offers_business_active_idx ON offers (business_id) WHERE active;

CREATE TABLE loyalty_accounts (
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  points_balance integer NOT NULL DEFAULT 0 CHECK (points_balance >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (business_id, user_id)
);

CREATE TABLE carts (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, location_id)
);

CREATE TABLE cart_lines (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  item_id uuid NOT NULL REFERENCES menu_items (id) ON DELETE CASCADE,
  quantity integer NOT NULL CHECK (quantity > 0),
  modifier_option_ids uuid[] NOT NULL DEFAULT '{}',
  notes text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A cart's lines are listed together.
CREATE INDEX cart_lines_cart_idx ON cart_lines (cart_id);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  customer_id uuid REFERENCES users (id),
  placed_by uuid REFERENCES users (id),
  channel text NOT NULL DEFAULT 'app',
  external_id text,
  service_type text NOT NULL CHECK (service_type IN ('dine_in', 'takeout', 'delivery')),
  table_number text,
  delivery_address jsonb,
  delivery_lat double precision,
  delivery_lon double precision,
  status text NOT NULL CHECK (status IN ('placed', 'confirmed', 'preparing', 'ready', 'picked_up',
    'out_for_delivery', 'delivered', 'completed', 'cancelled', 'refunded')),
  currency char(3) NOT NULL,
  subtotal_minor integer NOT NULL CHECK (subtotal_minor >= 0),
  discount_minor integer NOT NULL CHECK (discount_minor >= 0),
  loyalty_discount_minor integer NOT NULL DEFAULT 0 CHECK (loyalty_discount_minor >= 0),
  tax_minor integer NOT NULL CHECK (tax_minor >= 0),
  tip_minor integer NOT NULL CHECK (tip_minor >= 0),
  delivery_fee_minor integer NOT NULL CHECK (delivery_fee_minor >= 0),
  total_minor integer NOT NULL CHECK (total_minor >= 0),
  captured_minor integer NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
  refunded_minor integer NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  -- The full priced breakdown (applied offers, tax components) as computed at placement.
  pricing jsonb NOT NULL,
  promo_code text,
  -- How the customer pays (never the card number): a placement interrupted before its payment was
  -- recorded is re-driven with the same gateway idempotency keys and this instrument.
  payment_method text NOT NULL CHECK (payment_method IN ('credit_card', 'debit_card', 'cash', 'digital_wallet', 'gift_card')),
  payment_provider text,
  loyalty_points_earned integer NOT NULL DEFAULT 0,
  loyalty_points_redeemed integer NOT NULL DEFAULT 0,
  notes text,
  cancel_reason text,
  -- Next outbox sequence number for this order's events (0..n); bumped under the row lock.
  next_event_sequence integer NOT NULL DEFAULT 0,
  placed_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_minor <= captured_minor),
  CHECK (service_type <> 'delivery' OR (delivery_lat IS NOT NULL AND delivery_lon IS NOT NULL))
);
-- The location's order list: newest first, filtered by status and time, cursor (placed_at, id).
CREATE INDEX orders_location_placed_idx ON orders (location_id, placed_at DESC, id DESC);
-- The payment sweeper finds placements whose payment was never recorded (a crash mid-placement).
CREATE INDEX orders_placed_status_idx ON orders (placed_at) WHERE status = 'placed';
-- ...and cancelled orders whose captured money has not yet been refunded (the compensation step).
CREATE INDEX orders_cancel_compensation_idx ON orders (placed_at)
  WHERE status = 'cancelled' AND captured_minor > refunded_minor;
-- A customer's order history.
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;
-- Aggregator orders are matched by their external id.
CREATE UNIQUE INDEX orders_external_idx ON orders (business_id, channel, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE order_lines (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_number integer NOT NULL,
  item_id uuid NOT NULL REFERENCES menu_items (id),
  brand_id uuid NOT NULL REFERENCES brands (id),
  category_id uuid NOT NULL,
  name text NOT NULL,
  station text NOT NULL,
  unit_price_minor integer NOT NULL CHECK (unit_price_minor >= 0),
  unit_cost_minor integer,
  quantity integer NOT NULL CHECK (quantity > 0),
  -- [{groupId, groupName, optionId, name, priceMinor}] as priced at placement.
  modifiers jsonb NOT NULL DEFAULT '[]',
  line_subtotal_minor integer NOT NULL CHECK (line_subtotal_minor >= 0),
  discount_minor integer NOT NULL DEFAULT 0 CHECK (discount_minor >= 0),
  notes text,
  UNIQUE (order_id, line_number)
);

CREATE TABLE payments (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  order_id uuid NOT NULL REFERENCES orders (id),
  method text NOT NULL CHECK (method IN ('credit_card', 'debit_card', 'cash', 'digital_wallet', 'gift_card')),
  provider text,
  status text NOT NULL CHECK (status IN ('authorized', 'captured', 'declined', 'voided')),
  amount_minor integer NOT NULL CHECK (amount_minor >= 0),
  captured_minor integer NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
  refunded_minor integer NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  currency char(3) NOT NULL,
  gateway_reference text NOT NULL,
  auth_code text,
  card_last4 text,
  decline_code text,
  decline_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_minor <= captured_minor)
);
-- An order's payments are loaded with the order and when refunding.
CREATE INDEX payments_order_idx ON payments (order_id);

CREATE TABLE refunds (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  order_id uuid NOT NULL REFERENCES orders (id),
  payment_id uuid NOT NULL REFERENCES payments (id),
  amount_minor integer NOT NULL CHECK (amount_minor > 0),
  currency char(3) NOT NULL,
  reason text NOT NULL,
  -- Unique: recording the same gateway refund twice (a retried request) is a no-op.
  gateway_reference text NOT NULL UNIQUE,
  requested_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- An order's refunds are loaded with the order.
CREATE INDEX refunds_order_idx ON refunds (order_id);

CREATE TABLE feedback (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
  location_id uuid NOT NULL REFERENCES locations (id),
  customer_id uuid REFERENCES users (id),
  rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  nps integer CHECK (nps BETWEEN 0 AND 10),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Idempotency keys: (scope, key) is claimed inside the transaction that creates the resource, so
-- concurrent retries block on the unique key and then read the winner's result.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  business_id uuid REFERENCES businesses (id) ON DELETE CASCADE,
  request_hash text NOT NULL,
  resource_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- The simulated payment gateway's own ledger. It stands in for an external processor, so it keeps
-- its state apart from ours; its idempotency key makes every operation safe to retry.
CREATE TABLE simulated_gateway_operations (
  idempotency_key text PRIMARY KEY,
  operation text NOT NULL CHECK (operation IN ('charge', 'refund')),
  reference text NOT NULL UNIQUE,
  parent_reference text,
  amount_minor integer NOT NULL,
  currency char(3) NOT NULL,
  outcome jsonb NOT NULL,
  -- How much of amount_minor successful children have taken: captures from an authorization,
  -- refunds from a capture. Kept on the parent so one conditional UPDATE checks and takes atomically.
  drawn_minor integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (drawn_minor BETWEEN 0 AND amount_minor)
);
-- A charge's captures and refunds are found by their parent.
CREATE INDEX simulated_gateway_parent_idx ON simulated_gateway_operations (parent_reference)
  WHERE parent_reference IS NOT NULL;

-- Transactional outbox: every state change writes its events here in the same transaction.
-- position is the log offset; txid lets a relay publish only what has committed, in commit order
-- (rows with txid below the oldest running transaction can no longer appear behind it).
CREATE TABLE outbox (
  position bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  event_type text NOT NULL,
  version integer NOT NULL,
  occurred_at timestamptz NOT NULL,
  business_id uuid NOT NULL,
  location_id uuid,
  order_id uuid,
  sequence integer NOT NULL,
  payload jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  published_at timestamptz
);
-- An order's timeline reads its events in sequence.
CREATE UNIQUE INDEX outbox_order_sequence_idx ON outbox (order_id, sequence) WHERE order_id IS NOT NULL;
-- Relays look for what is not yet published, oldest first.
CREATE INDEX outbox_unpublished_idx ON outbox (position) WHERE published_at IS NULL;
-- Per-business event feeds page by position.
CREATE INDEX outbox_business_position_idx ON outbox (business_id, position);
