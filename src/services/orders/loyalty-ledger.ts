import type { NewEvent } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';

/**
 * Moves loyalty points inside the caller's transaction and returns the event describing the move.
 * Balances never go negative: a debit larger than the balance debits nothing and returns undefined.
 */
export async function creditPoints(
  tx: Queryable,
  target: { businessId: string; userId: string; orderId: string; locationId: string },
  points: number,
  kind: 'loyalty.points_earned' | 'loyalty.points_reversed',
): Promise<NewEvent | undefined> {
  if (points <= 0) return undefined;
  const { rows } = await tx.query<{ points_balance: number }>(
    `INSERT INTO loyalty_accounts (business_id, user_id, points_balance) VALUES ($1, $2, $3)
     ON CONFLICT (business_id, user_id)
     DO UPDATE SET points_balance = loyalty_accounts.points_balance + EXCLUDED.points_balance, updated_at = now()
     RETURNING points_balance`,
    [target.businessId, target.userId, points],
  );
  const balance = rows[0]?.points_balance ?? 0;
  const base = { businessId: target.businessId, locationId: target.locationId, orderId: target.orderId };
  return kind === 'loyalty.points_earned'
    ? { ...base, type: 'loyalty.points_earned', payload: { user_id: target.userId, points, balance } }
    : {
        ...base,
        type: 'loyalty.points_reversed',
        payload: { user_id: target.userId, points_delta: points, balance },
      };
}

/**
 * Debits `points` (all or nothing), or with `partial` as many as the balance holds; returns the points
 * taken and the new balance, or undefined when nothing could be taken. `points` must be positive.
 */
export async function debitPoints(
  tx: Queryable,
  target: { businessId: string; userId: string },
  points: number,
  options: { partial: boolean },
): Promise<{ debited: number; balance: number } | undefined> {
  const { rows } = await tx.query<{ debited: number; points_balance: number }>(
    options.partial
      ? `WITH old AS (
           SELECT points_balance FROM loyalty_accounts WHERE business_id = $1 AND user_id = $2 FOR UPDATE
         )
         UPDATE loyalty_accounts a SET points_balance = a.points_balance - LEAST(old.points_balance, $3), updated_at = now()
         FROM old WHERE a.business_id = $1 AND a.user_id = $2
         RETURNING a.points_balance, LEAST(old.points_balance, $3) AS debited`
      : `UPDATE loyalty_accounts SET points_balance = points_balance - $3, updated_at = now()
         WHERE business_id = $1 AND user_id = $2 AND points_balance >= $3
         RETURNING points_balance, $3::int AS debited`,
    [target.businessId, target.userId, points],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { debited: row.debited, balance: row.points_balance };
}

/**
 * Undoes an order's loyalty effect when it is cancelled or fully refunded: redeemed points go back to
 * the customer, earned points are taken back as far as the balance allows (an order still `placed` has
 * earned nothing yet: points are credited at capture). The order then records no points either way,
 * so a second reversal changes nothing.
 */
export async function reverseOrderLoyalty(
  tx: Queryable,
  order: {
    customer_id: string | null;
    status: string;
    loyalty_points_redeemed: number;
    loyalty_points_earned: number;
  },
  base: { businessId: string; locationId: string; orderId: string },
): Promise<NewEvent[]> {
  if (!order.customer_id) return [];
  const userId = order.customer_id;
  const events: NewEvent[] = [];
  const returned = await creditPoints(
    tx,
    { ...base, userId },
    order.loyalty_points_redeemed,
    'loyalty.points_reversed',
  );
  if (returned) events.push(returned);
  if (order.status !== 'placed' && order.loyalty_points_earned > 0) {
    const taken = await debitPoints(
      tx,
      { businessId: base.businessId, userId },
      order.loyalty_points_earned,
      {
        partial: true,
      },
    );
    if (taken && taken.debited > 0) {
      events.push({
        ...base,
        type: 'loyalty.points_reversed',
        payload: { user_id: userId, points_delta: -taken.debited, balance: taken.balance },
      });
    }
  }
  await tx.query('UPDATE orders SET loyalty_points_earned = 0, loyalty_points_redeemed = 0 WHERE id = $1', [
    base.orderId,
  ]);
  return events;
}
