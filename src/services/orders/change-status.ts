import type { Principal } from '../../auth/principal.js';
import { decideTransition } from '../../domain/orders/order-lifecycle.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { PaymentGateway } from '../../payments/payment-gateway.js';
import type { Database, Queryable } from '../../storage/database.js';
import { reverseOrderLoyalty } from './loyalty-ledger.js';
import { orderActorRole } from './order-access.js';
import { loadOrderRow, loadOrderView, type OrderRow, type OrderView } from './order-view.js';
import { compensateCancellation } from './refund-order.js';

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
    const { event } = await transitionInTransaction(tx, principal, orderId, to, reason);
    await appendEvents(tx, [event]);
  });
  return mustLoad(deps.db, orderId);
}

/**
 * One forward step of the lifecycle inside the caller's transaction: locks the order, asks the state
 * machine, writes the new status and returns its `order.status_changed` event for the caller to append
 * with its own (the delivery service moves the order out for delivery this way, with its pickup event).
 * Not for cancellations, which compensate: use cancelOrder.
 */
export async function transitionInTransaction(
  tx: Queryable,
  principal: Principal,
  orderId: string,
  to: Exclude<OrderStatus, 'cancelled'>,
  reason?: string,
): Promise<{ order: OrderRow; event: NewEvent<'order.status_changed'> }> {
  const { order, actor } = await lockForTransition(tx, principal, orderId, to);
  await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [orderId, to]);
  return {
    order,
    event: {
      type: 'order.status_changed',
      businessId: order.business_id,
      locationId: order.location_id,
      orderId,
      payload: {
        from: order.status,
        to,
        actor: { user_id: principal.userId, role: actor },
        ...(reason ? { reason } : {}),
      },
    },
  };
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
    const { order, actor } = await lockForTransition(tx, principal, orderId, 'cancelled');
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
          from: order.status,
          to: 'cancelled',
          actor: { user_id: principal.userId, role: actor },
          reason,
        },
      },
    ];
    events.push(...(await reverseOrderLoyalty(tx, order, base)));
    await appendEvents(tx, events);
  });
  await compensateCancellation(deps, orderId);
  return mustLoad(deps.db, orderId);
}

/**
 * Locks the order row for the rest of the transaction and asks the state machine whether this caller
 * may move it to `to`; concurrent changes of one order therefore decide one after the other.
 */
async function lockForTransition(tx: Queryable, principal: Principal, orderId: string, to: OrderStatus) {
  const order = await loadOrderRow(tx, orderId, true);
  if (!order) throw new AppError('not_found', 'Order not found');
  const actor = orderActorRole(principal, order);
  const decision = decideTransition({ from: order.status, to, serviceType: order.service_type, actor });
  if (!decision.ok)
    throw new AppError(decision.code, decision.message, { extra: { from: order.status, to } });
  return { order, actor };
}

async function mustLoad(db: Database, orderId: string): Promise<OrderView> {
  const view = await loadOrderView(db, orderId);
  if (!view) throw new AppError('not_found', 'Order not found');
  return view;
}
