import type { Principal } from '../../auth/principal.js';
import { decideTransition } from '../../domain/orders/order-lifecycle.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { Database } from '../../storage/database.js';
import { creditPoints, debitPoints } from './loyalty-ledger.js';
import { orderActorRole } from './order-access.js';
import { loadOrderRow, loadOrderView, type OrderView } from './order-view.js';
import { refundOrder } from './refund-order.js';

/**
 * Moves an order along its lifecycle. The order row is locked for the decision and the write, so two
 * concurrent requests serialise: the second sees the first's result, and a repeated or skipped state
 * is refused by the state machine instead of being written twice.
 */
export async function changeOrderStatus(
  deps: { db: Database; gateway: PaymentGateway },
  principal: Principal,
  orderId: string,
  to: OrderStatus,
  reason: string | undefined,
): Promise<OrderView> {
  if (to === 'cancelled') return cancelOrder(deps, principal, orderId, reason ?? 'cancelled');
  await deps.db.transaction(async (tx) => {
    const order = await loadOrderRow(tx, orderId, true);
    if (!order) throw new AppError('not_found', 'Order not found');
    const actor = orderActorRole(principal, order);
    const decision = decideTransition({
      from: order.status as OrderStatus,
      to,
      serviceType: order.service_type,
      actor,
    });
    if (!decision.ok)
      throw new AppError(decision.code, decision.message, { extra: { from: order.status, to } });
    await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [orderId, to]);
    await appendEvents(tx, [
      {
        type: 'order.status_changed',
        businessId: order.business_id,
        locationId: order.location_id,
        orderId,
        payload: {
          from: order.status as OrderStatus,
          to,
          actor: { user_id: principal.userId, role: actor },
          ...(reason ? { reason } : {}),
        },
      },
    ]);
  });
  return mustLoad(deps.db, orderId);
}

/**
 * Cancels an order and compensates: loyalty points are given back (redeemed) or taken back (earned),
 * and whatever was captured is refunded in full as a separate step. If the process dies between the two,
 * the payment sweeper finds the cancelled-but-not-refunded order and completes the refund.
 */
export async function cancelOrder(
  deps: { db: Database; gateway: PaymentGateway },
  principal: Principal,
  orderId: string,
  reason: string,
): Promise<OrderView> {
  await deps.db.transaction(async (tx) => {
    const order = await loadOrderRow(tx, orderId, true);
    if (!order) throw new AppError('not_found', 'Order not found');
    const actor = orderActorRole(principal, order);
    const decision = decideTransition({
      from: order.status as OrderStatus,
      to: 'cancelled',
      serviceType: order.service_type,
      actor,
    });
    if (!decision.ok)
      throw new AppError(decision.code, decision.message, { extra: { from: order.status, to: 'cancelled' } });
    await tx.query(
      `UPDATE orders SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`,
      [orderId, reason],
    );
    const base = { businessId: order.business_id, locationId: order.location_id, orderId };
    const events: NewEvent[] = [
      {
        ...base,
        type: 'order.cancelled',
        payload: {
          from: order.status as OrderStatus,
          to: 'cancelled',
          actor: { user_id: principal.userId, role: actor },
          reason,
        },
      },
    ];
    if (order.customer_id) events.push(...(await reverseLoyalty(tx, order, base)));
    await appendEvents(tx, events);
  });
  await compensateCancellation(deps, orderId);
  return mustLoad(deps.db, orderId);
}

/** Refunds what a cancelled order still holds. Idempotent: the gateway key is fixed per order. */
export async function compensateCancellation(
  deps: { db: Database; gateway: PaymentGateway },
  orderId: string,
) {
  const order = await loadOrderRow(deps.db, orderId);
  if (order?.status !== 'cancelled') return;
  const outstanding = order.captured_minor - order.refunded_minor;
  if (outstanding <= 0) return;
  await refundOrder(deps, null, orderId, {
    amountMinor: outstanding,
    reason: 'order cancelled',
    idempotencyKey: `order:${orderId}:cancel-refund`,
  });
}

/**
 * Undo an order's loyalty effect: redeemed points go back to the customer (only if the order was
 * confirmed or still placed — a declined payment already returned them), earned points are taken back
 * as far as the balance allows.
 */
export async function reverseLoyalty(
  tx: Parameters<typeof creditPoints>[0],
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
  // Earned points are credited when payment is captured; an order still `placed` has earned nothing yet.
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

async function mustLoad(db: Database, orderId: string): Promise<OrderView> {
  const view = await loadOrderView(db, orderId);
  if (!view) throw new AppError('not_found', 'Order not found');
  return view;
}
