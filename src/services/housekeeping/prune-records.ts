import type { Database } from '../../storage/database.js';
import { deleteInBatches } from '../../storage/delete-in-batches.js';

/** What one round deleted. */
export interface PrunedRecords {
  refreshTokens: number;
  idempotencyKeys: number;
}

const DAY_MS = 86_400_000;

/**
 * Deletes records that can no longer change an answer, so the tables they live in stop growing with
 * every login and every order:
 * - refresh tokens past their expiry (refused anyway), and used or revoked ones after
 *   `retentionDays` (kept that long for whoever investigates a session);
 * - Idempotency-Keys older than `retentionDays`: a retry that late places a new order instead of
 *   replaying the first (documented in docs/order-lifecycle.md).
 */
export async function pruneExpiredRecords(
  db: Database,
  now: Date,
  retentionDays: number,
): Promise<PrunedRecords> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const refreshTokens = await deleteInBatches(db, {
    table: 'refresh_tokens',
    key: 'id',
    where: 'expires_at < $1 OR revoked_at < $2',
    params: [now.toISOString(), before],
  });
  const idempotencyKeys = await deleteInBatches(db, {
    table: 'idempotency_keys',
    key: 'key',
    where: 'created_at < $1',
    params: [before],
  });
  return { refreshTokens, idempotencyKeys };
}
