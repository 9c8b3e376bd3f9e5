import { createHash } from 'node:crypto';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

/**
 * Idempotency keys for order placement. A key is claimed inside the transaction that creates the
 * order, so concurrent retries block on the unique key and then read the winner's order; the request
 * hash tells a genuine retry from a different request reusing the key.
 */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  requestHash: string;
}

/**
 * The request's fingerprint: canonical JSON (sorted keys) of what was asked. A card number is reduced to
 * its last four digits first: a hash of a whole card number could be reversed by trying every number.
 */
export function hashRequest(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(parts)))
    .digest('hex');
}

function canonical(value: unknown, key?: string): unknown {
  if (key === 'cardNumber' && typeof value === 'string') return `…${value.slice(-4)}`;
  if (Array.isArray(value)) return value.map((inner) => canonical(inner));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([inner, innerValue]) => [inner, canonical(innerValue, inner)]),
    );
  }
  return value;
}

/** The resource a key was used for; `idempotency_key_reused` when the key came with another request. */
export async function findIdempotent(db: Queryable, claim: IdempotencyClaim): Promise<string | undefined> {
  const { rows } = await db.query<{ request_hash: string; resource_id: string }>(
    'SELECT request_hash, resource_id FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [claim.scope, claim.key],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.request_hash !== claim.requestHash) throw new AppError('idempotency_key_reused');
  return row.resource_id;
}

/**
 * Claims the key for `resourceId` in the caller's transaction. Returns undefined when claimed, or the
 * resource of the request that claimed it first (whose commit this statement waited for).
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  claim: IdempotencyClaim,
  businessId: string,
  resourceId: string,
): Promise<string | undefined> {
  const inserted = await tx.query(
    `INSERT INTO idempotency_keys (scope, key, business_id, request_hash, resource_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING`,
    [claim.scope, claim.key, businessId, claim.requestHash, resourceId],
  );
  if (inserted.rowCount > 0) return undefined;
  const existing = await findIdempotent(tx, claim);
  if (!existing) throw new Error(`idempotency key ${claim.key} conflicted but cannot be read`);
  return existing;
}
