-- 005: Notifications. The notifications consumer turns events into in-app notifications (rows here,
-- streamed live over SSE) and into email, SMS and push messages that a dispatcher sends outside the
-- consumer's transaction (notification_deliveries). See docs/notifications.md.

-- In-app notifications, one row per recipient. The id is an identity so it grows in insert order:
-- it is the SSE event id, and a client resuming with Last-Event-ID is replayed rows with a larger id.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  type text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  -- The event that caused it: one event gives a user at most one notification of a type, so a
  -- redelivered event (should the consumer's own dedupe ever be bypassed) changes nothing.
  source_event_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (source_event_id, user_id, type)
);
-- "My notifications", newest first with id cursors, and the SSE replay (id > Last-Event-ID) per user.
CREATE INDEX notifications_user_id_idx ON notifications (user_id, id DESC);
-- The unread filter and unread count.
CREATE INDEX notifications_user_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;

-- What a user changed from the defaults, per notification type and channel. Defaults live in code
-- (src/domain/notifications/default-preferences.ts), so only the user's own choices are stored. A
-- preference belongs to the user, not to a tenant: it applies to every business they deal with.
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms', 'push')),
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, type, channel)
);

-- Messages for the external channels. The consumer writes them `pending` in its transaction; the
-- dispatcher sends them through the channel's NotificationSender and marks them `sent`, retrying with
-- backoff (at least once) until `failed` after the last attempt. `skipped`: the recipient has no address
-- for the channel (no phone number for SMS). With the development sink these rows are the record of
-- what would have been sent.
CREATE TABLE notification_deliveries (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  notification_type text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  -- Email address, phone number, or the push audience (`user:<id>`, resolved to devices by the provider).
  recipient text,
  subject text NOT NULL,
  body text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  source_event_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When the dispatcher may (re)try it; a claimed row is pushed forward by a lease, so a dispatcher that
  -- dies mid-send leaves it to be retried, never lost.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (source_event_id, user_id, notification_type, channel)
);
-- The dispatcher claims due pending rows, oldest due first.
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
-- Owners and platform admins page through a business's deliveries by (created_at, id).
CREATE INDEX notification_deliveries_business_idx ON notification_deliveries (business_id, created_at, id);

-- Last availability the consumer saw per menu item, so item_out_of_stock fires when an item goes from
-- available to unavailable, not on every edit of an item that is already off.
CREATE TABLE notification_item_availability (
  item_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  available boolean NOT NULL
);

-- Per delivery: whether the driver picked it up and whether the customer already got driver_en_route
-- (sent once, on the first location update after pickup).
CREATE TABLE notification_delivery_progress (
  delivery_id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE,
  order_id uuid,
  picked_up boolean NOT NULL DEFAULT false,
  en_route_notified boolean NOT NULL DEFAULT false
);
