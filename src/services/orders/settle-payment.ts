import { randomUUID } from 'node:crypto';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { PaymentGateway, PaymentMethod } from '../../payments/payment-gateway.js';
import type { Database } from '../../storage/database.js';
import { compensateCancellation } from './change-status.js';
import { creditPoints } from './loyalty-ledger.js';
import { loadOrderRow } from './order-view.js';

const SYSTEM = { user_id: null, role: 'system' } as const;

/**
 * The payment step of the placement saga: authorize and capture the order total at the gateway, then
 * record the outcome and move the order to confirmed (or cancelled with the decline reason).
 *
 * Safe to run any number of times, concurrently, for one order: the gateway calls carry idempotency
 * keys derived from the order id, and the outcome is recorded only while the order is still `placed`
 * (checked under the row lock). Placement runs it; so do idempotent retries of a placement and the
 * sweeper that finishes placements interrupted by a crash.
 */
export async function settlePayment(
  deps: { db: Database; gateway: PaymentGateway },
  orderId: string,
  cardNumber?: string,
): Promise<void> {
  const order = await loadOrderRow(deps.db, orderId);
  if (order?.status !== 'placed') return;
  const currency = order.currency.trim();
  const instrument = {
    method: order.payment_method as PaymentMethod,
    provider: order.payment_provider ?? undefined,
    cardNumber,
  };
  const authorization = await deps.gateway.authorize({
    idempotencyKey: `order:${orderId}:authorize`,
    amountMinor: order.total_minor,
    currency,
    instrument,
    orderId,
  });
  let declined: { code: string; reason: string } | undefined;
  let captured = false;
  let captureReference = '';
  if (authorization.status === 'authorized') {
    const capture = await deps.gateway.capture({
      idempotencyKey: `order:${orderId}:capture`,
      authorizationReference: authorization.reference,
      amountMinor: order.total_minor,
    });
    if (capture.status === 'captured') {
      captured = true;
      captureReference = capture.reference;
    } else declined = { code: capture.code, reason: capture.reason };
  } else {
    declined = { code: authorization.declineCode, reason: authorization.declineReason };
  }

  const needsCompensation = await deps.db.transaction(async (tx) => {
    const locked = await loadOrderRow(tx, orderId, true);
    if (!locked) return false;
    // Cancelled while we were at the gateway: a capture must still be recorded, so that the
    // cancellation's compensation refunds it. Anything else means another run already recorded it.
    const cancelledMeanwhile =
      locked.status === 'cancelled' && locked.captured_minor === 0 && locked.total_minor > 0 && captured;
    if (locked.status !== 'placed' && !cancelledMeanwhile) return false;
    const paymentId = randomUUID();
    const base = { businessId: locked.business_id, locationId: locked.location_id, orderId };
    const provider = authorization.provider;
    const events: NewEvent[] = [];
    if (captured && authorization.status === 'authorized') {
      await tx.query(
        `INSERT INTO payments (id, business_id, order_id, method, provider, status, amount_minor, captured_minor,
                               currency, gateway_reference, auth_code, card_last4)
         VALUES ($1, $2, $3, $4, $5, 'captured', $6, $6, $7, $8, $9, $10)`,
        [
          paymentId,
          locked.business_id,
          orderId,
          locked.payment_method,
          provider,
          locked.total_minor,
          currency,
          // Refunds are made against the capture, so that is the reference we keep.
          captureReference,
          authorization.authCode,
          authorization.cardLast4,
        ],
      );
      await tx.query(
        `UPDATE orders SET status = CASE WHEN status = 'placed' THEN 'confirmed' ELSE status END,
                           captured_minor = total_minor, updated_at = now() WHERE id = $1`,
        [orderId],
      );
      const payment = { payment_id: paymentId, method: locked.payment_method, provider, currency };
      events.push(
        {
          ...base,
          type: 'payment.authorized',
          payload: {
            ...payment,
            amount: locked.total_minor,
            auth_code: authorization.authCode,
            gateway_reference: authorization.reference,
          },
        },
        {
          ...base,
          type: 'payment.captured',
          payload: {
            ...payment,
            amount: locked.total_minor,
            auth_code: authorization.authCode,
            subtotal: locked.subtotal_minor,
            tax: locked.tax_minor,
            tip: locked.tip_minor,
            total: locked.total_minor,
          },
        },
      );
      if (cancelledMeanwhile) {
        await appendEvents(tx, events);
        return true;
      }
      events.push({
        ...base,
        type: 'order.confirmed',
        payload: { from: 'placed', to: 'confirmed', actor: SYSTEM },
      });
      if (locked.customer_id) {
        const earned = await creditPoints(
          tx,
          { ...base, userId: locked.customer_id },
          locked.loyalty_points_earned,
          'loyalty.points_earned',
        );
        if (earned) events.push(earned);
      }
    } else {
      const reason = declined?.reason ?? 'payment failed';
      await tx.query(
        `INSERT INTO payments (id, business_id, order_id, method, provider, status, amount_minor, currency,
                               gateway_reference, card_last4, decline_code, decline_reason)
         VALUES ($1, $2, $3, $4, $5, 'declined', $6, $7, $8, $9, $10, $11)`,
        [
          paymentId,
          locked.business_id,
          orderId,
          locked.payment_method,
          provider,
          locked.total_minor,
          currency,
          authorization.reference,
          authorization.cardLast4,
          declined?.code ?? 'payment_failed',
          reason,
        ],
      );
      const cancelReason = `payment declined: ${reason}`;
      await tx.query(
        `UPDATE orders SET status = 'cancelled', cancel_reason = $2, loyalty_points_earned = 0, updated_at = now()
         WHERE id = $1`,
        [orderId, cancelReason],
      );
      events.push(
        {
          ...base,
          type: 'payment.declined',
          payload: {
            payment_id: paymentId,
            method: locked.payment_method,
            provider,
            amount: locked.total_minor,
            currency,
            decline_code: declined?.code ?? 'payment_failed',
            decline_reason: reason,
          },
        },
        {
          ...base,
          type: 'order.cancelled',
          payload: { from: 'placed', to: 'cancelled', actor: SYSTEM, reason: cancelReason },
        },
      );
      if (locked.customer_id) {
        const returned = await creditPoints(
          tx,
          { ...base, userId: locked.customer_id },
          locked.loyalty_points_redeemed,
          'loyalty.points_reversed',
        );
        if (returned) events.push(returned);
      }
    }
    await appendEvents(tx, events);
    return false;
  });
  if (needsCompensation) await compensateCancellation(deps, orderId);
}
