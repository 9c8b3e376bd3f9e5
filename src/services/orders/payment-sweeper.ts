import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { Database } from '../../storage/database.js';
import { compensateCancellation } from './refund-order.js';
import { settleAddition } from './settle-addition.js';
import { settlePayment } from './settle-payment.js';

export interface SweepResult {
  settled: number;
  compensated: number;
  failed: number;
}

/**
 * Finishes sagas that a crash (or a gateway outage) interrupted:
 * - orders still `placed` after `graceSeconds`: an authorization the gateway already has is captured
 *   (same idempotency keys, so nothing is charged twice) and recorded; a payment that never reached the
 *   gateway cancels the order, since the card details are not kept to retry it;
 * - additions of items still `pending` after `graceSeconds`: settled the same way (settle-addition.ts);
 * - cancelled (or refunded) orders still holding captured money: the compensation refund is re-run.
 * Both steps are idempotent, so several API processes may sweep at once.
 */
export async function sweepUnsettledOrders(
  deps: { db: Database; gateway: PaymentGateway },
  options: { graceSeconds: number; limit?: number },
): Promise<SweepResult> {
  // Each step runs on at most `limit` rows older than the grace period ($1 seconds, $2 rows); a row
  // that fails is counted and the sweep goes on with the next.
  const sweep = async (sql: string, step: (id: string) => Promise<unknown>) => {
    const { rows } = await deps.db.query<{ id: string }>(sql, [options.graceSeconds, options.limit ?? 100]);
    let done = 0;
    let failed = 0;
    for (const { id } of rows) {
      try {
        await step(id);
        done += 1;
      } catch {
        failed += 1;
      }
    }
    return { done, failed };
  };
  const placed = await sweep(
    `SELECT id FROM orders WHERE status = 'placed' AND placed_at < now() - make_interval(secs => $1)
     ORDER BY placed_at LIMIT $2`,
    (id) => settlePayment(deps, id, 'recover'),
  );
  // Items added to an order whose payment outcome was never recorded: the same recovery as placement.
  const additions = await sweep(
    `SELECT id FROM order_additions WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
     ORDER BY created_at LIMIT $2`,
    (id) => settleAddition(deps, id, 'recover'),
  );
  // Refunded orders can hold money too: an addition captured while the order was being refunded.
  const cancelled = await sweep(
    `SELECT id FROM orders WHERE status IN ('cancelled', 'refunded') AND captured_minor > refunded_minor
       AND updated_at < now() - make_interval(secs => $1)
     ORDER BY placed_at LIMIT $2`,
    (id) => compensateCancellation(deps, id),
  );
  return {
    settled: placed.done + additions.done,
    compensated: cancelled.done,
    failed: placed.failed + additions.failed + cancelled.failed,
  };
}
