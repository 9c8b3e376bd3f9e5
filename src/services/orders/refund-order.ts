import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { decideTransition } from '../../domain/orders/order-lifecycle.js';
import { refundableMinor, refundRefusal } from '../../domain/orders/refund-policy.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { Database } from '../../storage/database.js';
import { reverseOrderLoyalty } from './loyalty-ledger.js';
import { orderActorRole } from './order-access.js';
import { loadOrderRow, loadOrderView, type OrderView } from './order-view.js';

export interface RefundInput {
  /** Omitted → everything still refundable. */
  amountMinor?: number | undefined;
  reason: string;
  idempotencyKey?: string | undefined;
}

/**
 * Refunds money captured for an order, fully or partly, as a compensation (the order keeps its history;
 * a full refund of a live order moves it to `refunded`).
 *
 * The gateway is the authority on money: it refuses to refund more than was captured, atomically, so
 * concurrent refunds can never over-refund. Its idempotency key defaults to one derived from the amount
 * already refunded, so a retry of an unrecorded refund repeats the same gateway call instead of paying
 * twice; recording is keyed by the gateway reference, so it happens once.
 * `principal` null = the system (cancellation compensation).
 */
export async function refundOrder(
  deps: { db: Database; gateway: PaymentGateway },
  principal: Principal | null,
  orderId: string,
  input: RefundInput,
): Promise<OrderView> {
  const order = await loadOrderRow(deps.db, orderId);
  if (!order) throw new AppError('not_found', 'Order not found');
  const actor = principal ? orderActorRole(principal, order) : 'system';
  const refusal = refundRefusal({ status: order.status, serviceType: order.service_type, actor });
  if (refusal) throw new AppError(refusal.code, refusal.message);
  // Placement captures once and every addition of items captures again (add-items.ts): what can be
  // refunded is what all captures still hold, and a refund draws on them oldest first.
  const { rows: payments } = await deps.db.query<CapturedPayment>(
    `SELECT id, gateway_reference, captured_minor, refunded_minor, currency FROM payments
      WHERE order_id = $1 AND status = 'captured' ORDER BY created_at, id`,
    [orderId],
  );
  const refundable = refundableMinor(
    payments.map((payment) => ({
      capturedMinor: payment.captured_minor,
      refundedMinor: payment.refunded_minor,
    })),
  );
  if (refundable <= 0) throw new AppError('refund_not_allowed', 'Nothing captured remains to refund');
  const amount = input.amountMinor ?? refundable;
  if (amount > refundable) {
    throw new AppError('refund_exceeds_captured', `At most ${refundable} can still be refunded`, {
      extra: { refundableMinor: refundable },
    });
  }

  // One gateway refund per capture drawn on (a refund names one capture). The first capture keeps the
  // keys refunds always had; later ones add their payment id, so two captures never share a key.
  const refunded: RefundedPortion[] = [];
  let rejection: AppError | undefined;
  let left = amount;
  for (const [index, payment] of payments.entries()) {
    const portion = Math.min(left, payment.captured_minor - payment.refunded_minor);
    if (portion <= 0) continue;
    const suffix = index === 0 ? '' : `:${payment.id}`;
    const outcome = await deps.gateway.refund({
      idempotencyKey: input.idempotencyKey
        ? `order:${orderId}:refund:${input.idempotencyKey}${suffix}`
        : `order:${orderId}:refund-after:${payment.refunded_minor}:${portion}${suffix}`,
      captureReference: payment.gateway_reference,
      amountMinor: portion,
      currency: payment.currency.trim(),
      reason: input.reason,
    });
    if (outcome.status === 'rejected') {
      rejection = new AppError(
        outcome.code === 'exceeds_captured' ? 'refund_exceeds_captured' : 'refund_not_allowed',
        outcome.reason,
      );
      break;
    }
    refunded.push({ payment, reference: outcome.reference, amountMinor: outcome.amountMinor });
    left -= portion;
    if (left === 0) break;
  }

  // What the gateway refunded is recorded even when a later portion was refused: money that moved is
  // never left unrecorded.
  if (refunded.length > 0) {
    await recordRefunds(deps.db, { principal, actor, orderId, reason: input.reason }, refunded);
  }
  if (rejection) throw rejection;
  const view = await loadOrderView(deps.db, orderId);
  if (!view) throw new AppError('not_found', 'Order not found');
  return view;
}

interface CapturedPayment {
  id: string;
  gateway_reference: string;
  captured_minor: number;
  refunded_minor: number;
  currency: string;
}

interface RefundedPortion {
  payment: CapturedPayment;
  /** The gateway's refund reference: recording is keyed by it, so it happens once. */
  reference: string;
  amountMinor: number;
}

/** Records gateway refunds with their events in one transaction; a portion already recorded is skipped. */
async function recordRefunds(
  db: Database,
  request: { principal: Principal | null; actor: string; orderId: string; reason: string },
  portions: readonly RefundedPortion[],
): Promise<void> {
  const { principal, actor, orderId, reason } = request;
  await db.transaction(async (tx) => {
    const locked = await loadOrderRow(tx, orderId, true);
    if (!locked) throw new AppError('not_found', 'Order not found');
    const base = { businessId: locked.business_id, locationId: locked.location_id, orderId };
    const currency = locked.currency.trim();
    const events: NewEvent[] = [];
    let refundedTotal = locked.refunded_minor;
    for (const { payment, reference, amountMinor } of portions) {
      const refundId = randomUUID();
      const inserted = await tx.query(
        `INSERT INTO refunds (id, business_id, order_id, payment_id, amount_minor, currency, reason, gateway_reference, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (gateway_reference) DO NOTHING`,
        [
          refundId,
          locked.business_id,
          orderId,
          payment.id,
          amountMinor,
          payment.currency.trim(),
          reason,
          reference,
          principal?.userId ?? null,
        ],
      );
      if (inserted.rowCount === 0) continue; // this gateway refund is already recorded
      await tx.query(
        'UPDATE payments SET refunded_minor = refunded_minor + $2, updated_at = now() WHERE id = $1',
        [payment.id, amountMinor],
      );
      refundedTotal += amountMinor;
      events.push({
        ...base,
        type: 'refund.processed',
        payload: {
          refund_id: refundId,
          payment_id: payment.id,
          amount: amountMinor,
          currency: payment.currency.trim(),
          reason,
          refunded_total: refundedTotal,
          captured_total: locked.captured_minor,
          full: refundedTotal === locked.captured_minor,
          requested_by: principal?.userId ?? null,
        },
      });
    }
    if (events.length === 0) return;
    await tx.query('UPDATE orders SET refunded_minor = $2, updated_at = now() WHERE id = $1', [
      orderId,
      refundedTotal,
    ]);
    const toRefunded = decideTransition({
      from: locked.status,
      to: 'refunded',
      serviceType: locked.service_type,
      actor: 'system',
    });
    if (refundedTotal === locked.captured_minor && toRefunded.ok) {
      await tx.query(`UPDATE orders SET status = 'refunded' WHERE id = $1`, [orderId]);
      events.push({
        ...base,
        type: 'order.refunded',
        payload: {
          from: locked.status,
          to: 'refunded',
          actor: { user_id: principal?.userId ?? null, role: actor },
          reason,
          refunded_total: refundedTotal,
          currency,
        },
      });
      events.push(...(await reverseOrderLoyalty(tx, locked, base)));
    }
    await appendEvents(tx, events);
  });
}

/**
 * Refunds what a cancelled order still holds — or a refunded one, when items added to it were captured
 * while it was being refunded. Idempotent: the gateway keys are fixed per order and capture.
 */
export async function compensateCancellation(
  deps: { db: Database; gateway: PaymentGateway },
  orderId: string,
) {
  const order = await loadOrderRow(deps.db, orderId);
  if (order?.status !== 'cancelled' && order?.status !== 'refunded') return;
  const outstanding = order.captured_minor - order.refunded_minor;
  if (outstanding <= 0) return;
  await refundOrder(deps, null, orderId, {
    amountMinor: outstanding,
    reason: order.status === 'cancelled' ? 'order cancelled' : 'order already refunded',
    idempotencyKey: `order:${orderId}:cancel-refund`,
  });
}
