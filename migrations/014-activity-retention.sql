-- 014: indexes for the housekeeping that deletes old activity (BRIGADE_ACTIVITY_RETENTION_DAYS,
-- src/services/housekeeping/prune-records.ts): without them each ten-minute round would scan the
-- whole table. GPS pings need none: they are found through their delivery (delivery_pings_track_idx).

-- In-app notifications older than the retention, oldest first.
CREATE INDEX notifications_created_idx ON notifications (created_at);
-- Notification messages that are done with (sent, failed or skipped) and older than the retention;
-- pending ones are the dispatcher's (notification_deliveries_due_idx) and never deleted.
CREATE INDEX notification_deliveries_done_idx ON notification_deliveries (created_at) WHERE status <> 'pending';
