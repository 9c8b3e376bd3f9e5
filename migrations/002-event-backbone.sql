-- Event backbone: the outbox becomes an ordered log, read by durable consumer groups.

-- The outbox relay gives every committed event a log position, in the order it sees them commit
-- (batches are serialised by an advisory lock, so positions are gap-free and never appear behind a
-- reader). `position` (the insert order) cannot serve: a transaction that inserted earlier may commit
-- later, and a reader that had moved past it would skip its events.
ALTER TABLE outbox ADD COLUMN log_position bigint;
-- Readers of the embedded log (consumer groups, live feeds, event feeds) page by log position; the
-- relay reads the head from it.
CREATE UNIQUE INDEX outbox_log_position_idx ON outbox (log_position) WHERE log_position IS NOT NULL;
-- The relay finds committed events not yet in the log, oldest first (replaces the published_at one).
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unlogged_idx ON outbox (position) WHERE log_position IS NULL;

-- Embedded bus: one row per consumer group, its committed offset and who holds it. A group is read
-- by one consumer at a time; a consumer that stops renewing its lease (it died) is replaced by the
-- next one to ask, which resumes from the committed offset.
CREATE TABLE bus_groups (
  group_name text PRIMARY KEY,
  committed_position bigint NOT NULL DEFAULT 0,
  holder text,
  lease_expires_at timestamptz
);

-- Embedded bus: messages a group gave up on, with the reason (the Redis adapter keeps them in a
-- dead-letter stream instead).
CREATE TABLE bus_dead_letters (
  id bigserial PRIMARY KEY,
  group_name text NOT NULL,
  message_id text NOT NULL,
  body text NOT NULL,
  reason text NOT NULL,
  attempts integer NOT NULL,
  dead_at timestamptz NOT NULL DEFAULT now()
);

-- Consumer framework: the events each consumer has applied, written in the transaction of the effect,
-- so a redelivered event (at-least-once buses) is recognised and skipped: exactly once in effect.
CREATE TABLE consumer_processed_events (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
-- Pruning the dedupe window deletes by age.
CREATE INDEX consumer_processed_events_age_idx ON consumer_processed_events (processed_at);

-- Consumer framework: failed attempts per event, kept outside the failing transaction so retries
-- survive a restart and an event that keeps failing is dead-lettered after the configured attempts.
CREATE TABLE consumer_failures (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  attempts integer NOT NULL,
  last_error text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
