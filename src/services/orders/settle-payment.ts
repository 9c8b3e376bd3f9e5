import { randomUUID } from 'node:crypto';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { AuthorizeOutcome, PaymentGateway, PaymentMethod } from '../../payments/payment-gateway.js';
import type { Database, Queryable, Transaction } from '../../storage/database.js';
import { restoreCartFromOrder } from '../carts/restore-cart.js';
import { creditPoints } from './loyalty-ledger.js';
import { loadOrderRow, type OrderRow } from './order-view.js';
import { compensateCancellation } from './refund-order.js';

const SYSTEM = { user_id: null, role: 'system' } as const;

/** What the payment step needs to know about the order (placement passes it; others load it). */
export type SettleSnapshot = Pick<
  OrderRow,
  'status' | 'currency' | 'payment_method' | 'payment_provider' | 'total_minor'
>;

type Recorded = Pick<
  OrderRow,
  | 'business_id'
  | 'location_id'
  | 'customer_id'
  | 'subtotal_minor'
  | 'tax_minor'
  | 'tip_minor'
  | 'total_minor'
  | 'payment_method'
  | 'loyalty_points_earned'
  | 'loyalty_points_redeemed'
>;
const RECORDED_COLUMNS =
  'business_id, location_id, customer_id, subtotal_minor, tax_minor, tip_minor, total_minor, payment_method, loyalty_points_earned, loyalty_points_redeemed';

/**
 * The payment step of the placement saga: authorize and capture the order total at the gateway, then
 * record the outcome and move the order to confirmed (or cancelled with the decline reason).
 *
 * Safe to run any number of times, concurrently, for one order: the gateway calls carry idempotency
 * keys derived from the order id, and the outcome is recorded only by the UPDATE that still finds the
 * order `placed` (it takes the row lock, so exactly one run records).
 *
 * `payer` says where the card details come from. Placement and its idempotent retries pass the
 * request's card. Recovery (the sweeper, after a crash) has none, since Brigade never stores card
 * numbers: it finishes only what the gateway already authorized, and cancels a placement whose payment
 * never reached the gateway rather than authorize it without its instrument.
 */
export async function settlePayment(
  deps: { db: Database; gateway: PaymentGateway },
  orderId: string,
  payer: { cardNumber: string | undefined } | 'recover',
  known?: SettleSnapshot,
): Promise<void> {
  const order = known ?? (await loadOrderRow(deps.db, orderId));
  if (order?.status !== 'placed') return;
  const currency = order.currency.trim();
  const idempotencyKey = `order:${orderId}:authorize`;
  const authorization =
    payer === 'recover'
      ? ((await deps.gateway.findAuthorization(idempotencyKey)) ?? neverSent(order))
      : await deps.gateway.authorize({
          idempotencyKey,
          amountMinor: order.total_minor,
          currency,
          instrument: {
            method: order.payment_method as PaymentMethod,
            provider: order.payment_provider ?? undefined,
            cardNumber: payer.cardNumber,
          },
          orderId,
        });
  let outcome: { captured: true; reference: string } | { captured: false; code: string; reason: string };
  if (authorization.status === 'authorized') {
    const capture = await deps.gateway.capture({
      idempotencyKey: `order:${orderId}:capture`,
      authorizationReference: authorization.reference,
      amountMinor: order.total_minor,
    });
    outcome =
      capture.status === 'captured'
        ? { captured: true, reference: capture.reference }
        : { captured: false, code: capture.code, reason: capture.reason };
  } else {
    outcome = { captured: false, code: authorization.declineCode, reason: authorization.declineReason };
  }

  const needsCompensation = await deps.db.transaction(async (tx) => {
    if (outcome.captured) return recordCapture(tx, orderId, currency, authorization, outcome.reference);
    await recordDecline(tx, orderId, currency, authorization, outcome);
    return false;
  });
  if (needsCompensation) await compensateCancellation(deps, orderId);
}

/** A payment that never reached the gateway, recorded as declined so the order is cancelled with why. */
function neverSent(order: SettleSnapshot): AuthorizeOutcome {
  return {
    status: 'declined',
    reference: 'not-sent',
    provider: order.payment_provider,
    cardLast4: null,
    declineCode: 'payment_interrupted',
    declineReason: 'the payment was interrupted before it reached the processor; nothing was charged',
  };
}

/** Returns true when the order was cancelled while we were at the gateway (its refund is then due). */
async function recordCapture(
  tx: Transaction,
  orderId: string,
  currency: string,
  authorization: AuthorizeOutcome,
  captureReference: string,
): Promise<boolean> {
  const confirmed = await tx.query<Recorded>(
    `UPDATE orders SET status = 'confirmed', captured_minor = total_minor, updated_at = now()
     WHERE id = $1 AND status = 'placed' RETURNING ${RECORDED_COLUMNS}`,
    [orderId],
  );
  let order = confirmed.rows[0];
  const cancelledMeanwhile = !order;
  if (!order) {
    // Cancelled while we were at the gateway: the capture must still be recorded, so that the
    // cancellation's compensation refunds it. Anything else means another run already recorded it.
    const cancelled = await tx.query<Recorded>(
      `UPDATE orders SET captured_minor = total_minor, updated_at = now()
       WHERE id = $1 AND status = 'cancelled' AND captured_minor = 0 AND total_minor > 0 RETURNING ${RECORDED_COLUMNS}`,
      [orderId],
    );
    order = cancelled.rows[0];
    if (!order) return false;
  }
  const provider = authorization.provider;
  const authCode = authorization.status === 'authorized' ? authorization.authCode : null;
  const base = { businessId: order.business_id, locationId: order.location_id, orderId };
  const customerId = cancelledMeanwhile ? null : order.customer_id;
  // The payment row and the points go out together (pipelined); the events wait for the balance.
  const [paymentId, earned] = await Promise.all([
    // Refunds are made against the capture, so that is the reference we keep.
    insertPayment(tx, order, orderId, currency, authorization, {
      status: 'captured',
      reference: captureReference,
      authCode,
    }),
    customerId
      ? creditPoints(
          tx,
          { ...base, userId: customerId },
          order.loyalty_points_earned,
          'loyalty.points_earned',
        )
      : undefined,
  ]);
  const payment = { payment_id: paymentId, method: order.payment_method, provider, currency };
  const events: NewEvent[] = [
    {
      ...base,
      type: 'payment.authorized',
      payload: {
        ...payment,
        amount: order.total_minor,
        auth_code: authCode,
        gateway_reference: authorization.reference,
      },
    },
    {
      ...base,
      type: 'payment.captured',
      payload: {
        ...payment,
        amount: order.total_minor,
        auth_code: authCode,
        subtotal: order.subtotal_minor,
        tax: order.tax_minor,
        tip: order.tip_minor,
        total: order.total_minor,
      },
    },
  ];
  if (!cancelledMeanwhile) {
    events.push({
      ...base,
      type: 'order.confirmed',
      payload: { from: 'placed', to: 'confirmed', actor: SYSTEM },
    });
  }
  if (earned) events.push(earned);
  await tx.commitAfter([appendEvents(tx, events)]);
  return cancelledMeanwhile;
}

async function recordDecline(
  tx: Transaction,
  orderId: string,
  currency: string,
  authorization: AuthorizeOutcome,
  declined: { code: string; reason: string },
): Promise<void> {
  const cancelReason = `payment declined: ${declined.reason}`;
  const cancelled = await tx.query<Recorded>(
    `UPDATE orders SET status = 'cancelled', cancel_reason = $2, loyalty_points_earned = 0, updated_at = now()
     WHERE id = $1 AND status = 'placed' RETURNING ${RECORDED_COLUMNS}`,
    [orderId, cancelReason],
  );
  const order = cancelled.rows[0];
  if (!order) return;
  const provider = authorization.provider;
  const base = { businessId: order.business_id, locationId: order.location_id, orderId };
  const customerId = order.customer_id;
  const [paymentId, returned] = await Promise.all([
    insertPayment(tx, order, orderId, currency, authorization, {
      status: 'declined',
      reference: authorization.reference,
      declineCode: declined.code,
      declineReason: declined.reason,
    }),
    customerId
      ? creditPoints(
          tx,
          { ...base, userId: customerId },
          order.loyalty_points_redeemed,
          'loyalty.points_reversed',
        )
      : undefined,
  ]);
  const events: NewEvent[] = [
    {
      ...base,
      type: 'payment.declined',
      payload: {
        payment_id: paymentId,
        method: order.payment_method,
        provider,
        amount: order.total_minor,
        currency,
        decline_code: declined.code,
        decline_reason: declined.reason,
      },
    },
    {
      ...base,
      type: 'order.cancelled',
      payload: { from: 'placed', to: 'cancelled', actor: SYSTEM, reason: cancelReason },
    },
  ];
  if (returned) events.push(returned);
  // An order placed from the cart gives its dishes back, so the customer can pay another way.
  await tx.commitAfter([appendEvents(tx, events), restoreCartFromOrder(tx, orderId)]);
}

/** Records the payment as the gateway answered it: captured (the capture's reference) or declined. */
async function insertPayment(
  tx: Queryable,
  order: Recorded,
  orderId: string,
  currency: string,
  authorization: AuthorizeOutcome,
  outcome:
    | { status: 'captured'; reference: string; authCode: string | null }
    | { status: 'declined'; reference: string; declineCode: string; declineReason: string },
): Promise<string> {
  const paymentId = randomUUID();
  const captured = outcome.status === 'captured' ? order.total_minor : 0;
  await tx.query(
    `INSERT INTO payments (id, business_id, order_id, method, provider, status, amount_minor, captured_minor,
                           currency, gateway_reference, auth_code, card_last4, decline_code, decline_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      paymentId,
      order.business_id,
      orderId,
      order.payment_method,
      authorization.provider,
      outcome.status,
      order.total_minor,
      captured,
      currency,
      outcome.reference,
      outcome.status === 'captured' ? outcome.authCode : null,
      authorization.cardLast4,
      outcome.status === 'declined' ? outcome.declineCode : null,
      outcome.status === 'declined' ? outcome.declineReason : null,
    ],
  );
  return paymentId;
}
