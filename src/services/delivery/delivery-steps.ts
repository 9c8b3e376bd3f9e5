import type { Principal } from '../../auth/principal.js';
import { type DeliveryStep, decideDeliveryStep } from '../../domain/delivery/delivery-status.js';
import { isTerminal } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import { transitionInTransaction } from '../orders/change-status.js';
import type { DeliveryDeps } from './assign-driver.js';
import { lockDeliveryOrder, lockLiveDelivery, MANAGING_ROLES } from './delivery-order.js';
import { type DeliveryView, loadOrderDelivery } from './delivery-queries.js';

/** Which column each phase stamps, and which order status it moves the order to (in the same transaction). */
const PHASES: Record<DeliveryStep, { column: string; orderTo: 'out_for_delivery' | 'delivered' | null }> = {
  arrived: { column: 'arrived_at', orderTo: null },
  picked_up: { column: 'picked_up_at', orderTo: 'out_for_delivery' },
  delivered: { column: 'delivered_at', orderTo: 'delivered' },
  failed: { column: 'failed_at', orderTo: null },
};

/**
 * One phase of a delivery, reported by its driver (a manager or owner may also report a failure, to
 * take the order back from a driver). Pickup and delivery move the order through the lifecycle's own
 * rules (ready → out_for_delivery → delivered) in the same transaction as the phase and its events, so
 * a refused transition writes nothing. A failure leaves the order where it is: before pickup it can be
 * given to another driver; after pickup a manager settles it (refund) — docs/delivery.md.
 */
export async function reportDeliveryStep(
  deps: DeliveryDeps,
  principal: Principal,
  orderId: string,
  step: DeliveryStep,
  reason?: string,
): Promise<DeliveryView> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const { order, role } = await lockDeliveryOrder(tx, principal, orderId);
    const delivery = await lockLiveDelivery(tx, orderId);
    if (!delivery) throw new AppError('not_found', 'This order has no delivery in progress');
    const isDriver = delivery.driver_user_id === principal.userId;
    if (!isDriver && !(step === 'failed' && MANAGING_ROLES.includes(role))) {
      throw new AppError('driver_not_assigned');
    }
    // A cancelled or refunded order is not delivered any more; the driver (or a manager) ends the attempt.
    if (step !== 'failed' && isTerminal(order.status)) {
      throw new AppError(
        'delivery_not_allowed',
        `The order is ${order.status}; report the delivery as failed`,
      );
    }
    const decision = decideDeliveryStep(delivery.status, step);
    if (!decision.ok) {
      throw new AppError(decision.code, decision.message, { extra: { from: delivery.status, to: step } });
    }
    const phase = PHASES[step];
    const events: NewEvent[] = [];
    const base = { businessId: order.business_id, locationId: order.location_id, orderId, occurredAt: now };
    const ids = { delivery_id: delivery.id, order_id: orderId };
    const at = now.toISOString();
    if (step === 'failed') {
      const why = reason ?? 'delivery failed';
      events.push({
        ...base,
        type: 'delivery.failed',
        payload: { ...ids, driver_user_id: delivery.driver_user_id, reason: why, at },
      });
      await tx.query(
        `UPDATE deliveries SET status = 'failed', failed_at = $2, failure_reason = $3, failed_by = $4,
                updated_at = now() WHERE id = $1`,
        [delivery.id, at, why, principal.userId],
      );
    } else {
      const type = step === 'arrived' ? 'delivery.driver_arrived' : (`delivery.${step}` as const);
      events.push({ ...base, type, payload: { ...ids, driver_user_id: delivery.driver_user_id, at } });
      await tx.query(
        `UPDATE deliveries SET status = $2, ${phase.column} = $3, updated_at = now() WHERE id = $1`,
        [delivery.id, step, at],
      );
    }
    if (phase.orderTo) {
      // The lifecycle decides: a pickup of an order that is not ready yet is illegal_transition.
      const { event } = await transitionInTransaction(tx, principal, orderId, phase.orderTo);
      events.push({ ...event, occurredAt: now });
    }
    await appendEvents(tx, events);
  });
  return loadOrderDelivery(deps.db, orderId, now);
}
