import type { Database } from '../../storage/database.js';
import { deleteInBatches } from '../../storage/delete-in-batches.js';

/** How long each kind of record is kept, in days (config: BRIGADE_*_RETENTION_DAYS). */
export interface Retention {
  /** Used or revoked refresh tokens and Idempotency-Keys. */
  records: number;
  /** GPS pings of finished deliveries, in-app notifications, sent or abandoned notification messages. */
  activity: number;
}

/** What one round deleted. */
export interface PrunedRecords {
  refreshTokens: number;
  idempotencyKeys: number;
  passwordResets: number;
  deliveryPings: number;
  notifications: number;
  notificationMessages: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes records that can no longer change an answer, so the tables they live in stop growing with
 * every login, order and drive:
 * - refresh tokens past their expiry (refused anyway), and used or revoked ones after
 *   `retention.records` days (kept that long for whoever investigates a session);
 * - Idempotency-Keys older than `retention.records` days: a retry that late places a new order
 *   instead of replaying the first (documented in docs/order-lifecycle.md);
 * - password reset links once used or expired (they open nothing any more);
 * - after `retention.activity` days: the GPS pings of deliveries that ended (delivered, failed, or
 *   their order finished otherwise) — a live delivery keeps its whole track, and the delivery row
 *   keeps its last position; in-app notifications, read or not; notification messages sent, failed
 *   or skipped (pending ones are the dispatcher's work and always stay).
 * What is deleted here still exists as events (the outbox and the lake).
 */
export async function pruneExpiredRecords(
  db: Database,
  now: Date,
  retention: Retention,
): Promise<PrunedRecords> {
  const recordsBefore = new Date(now.getTime() - retention.records * DAY_MS).toISOString();
  const activityBefore = new Date(now.getTime() - retention.activity * DAY_MS).toISOString();
  const refreshTokens = await deleteInBatches(db, {
    table: 'refresh_tokens',
    key: 'id',
    where: 'expires_at < $1 OR revoked_at < $2',
    params: [now.toISOString(), recordsBefore],
  });
  const idempotencyKeys = await deleteInBatches(db, {
    table: 'idempotency_keys',
    key: 'key',
    where: 'created_at < $1',
    params: [recordsBefore],
  });
  const passwordResets = await deleteInBatches(db, {
    table: 'password_resets',
    key: 'id',
    where: 'expires_at < $1 OR used_at IS NOT NULL',
    params: [now.toISOString()],
  });
  // A delivery has ended when it did (delivered or failed) or when its order did without it (a
  // cancelled or refunded order's attempt may be left assigned); its last ping is older than the cut.
  const deliveryPings = await deleteInBatches(db, {
    table: 'delivery_pings',
    key: 'id',
    where: `recorded_at < $1 AND delivery_id IN (
              SELECT d.id FROM deliveries d JOIN orders o ON o.id = d.order_id
              WHERE (d.status IN ('delivered', 'failed')
                     OR o.status IN ('delivered', 'completed', 'cancelled', 'refunded'))
                AND coalesce(d.last_recorded_at, d.assigned_at) < $1)`,
    params: [activityBefore],
  });
  const notifications = await deleteInBatches(db, {
    table: 'notifications',
    key: 'id',
    where: 'created_at < $1',
    params: [activityBefore],
  });
  const notificationMessages = await deleteInBatches(db, {
    table: 'notification_deliveries',
    key: 'id',
    where: `created_at < $1 AND status <> 'pending'`,
    params: [activityBefore],
  });
  return {
    refreshTokens,
    idempotencyKeys,
    passwordResets,
    deliveryPings,
    notifications,
    notificationMessages,
  };
}
