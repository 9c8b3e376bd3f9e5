import type { Principal } from '../../auth/principal.js';
import { allowedTransitions } from '../../domain/orders/order-lifecycle.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { refundableMinor, refundRefusal } from '../../domain/orders/refund-policy.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import { orderActorRole } from './order-access.js';
import { loadOrderView } from './order-view.js';

export interface OrderActions {
  status: OrderStatus;
  transitions: OrderStatus[];
  refund: { allowed: boolean; refundableMinor: number };
}

/**
 * What the caller may do with an order now, decided by the rules that decide the requests themselves
 * (the lifecycle state machine, the refund policy), so a screen offers exactly the moves its user may
 * make and never keeps a copy of those rules. Readable by whoever may read the order.
 */
export async function orderActions(
  db: Queryable,
  principal: Principal,
  orderId: string,
): Promise<OrderActions> {
  const order = await loadOrderView(db, orderId);
  if (!order) throw new AppError('not_found', 'Order not found');
  const actor = orderActorRole(principal, {
    business_id: order.businessId,
    location_id: order.locationId,
    customer_id: order.customerId,
  });
  const refundable = refundableMinor(order.payments.filter((payment) => payment.status === 'captured'));
  const refusal = refundRefusal({ status: order.status, serviceType: order.serviceType, actor });
  return {
    status: order.status,
    // `refunded` is the refund service's move, never a person's (they ask for a refund instead).
    transitions: allowedTransitions(order.status, order.serviceType, actor),
    refund: { allowed: refusal === null && refundable > 0, refundableMinor: refundable },
  };
}
