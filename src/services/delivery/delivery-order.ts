import type { ActorRole, Principal } from '../../auth/principal.js';
import type { DeliveryStatus } from '../../domain/delivery/delivery-status.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import { orderActorRole } from '../orders/order-access.js';
import { loadOrderRow, type OrderRow } from '../orders/order-view.js';

/** A delivery attempt as stored. */
export interface DeliveryRow {
  id: string;
  business_id: string;
  location_id: string;
  order_id: string;
  driver_user_id: string;
  status: DeliveryStatus;
  assigned_by: string | null;
  assigned_by_role: string;
  assigned_at: Date;
  arrived_at: Date | null;
  picked_up_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  failure_reason: string | null;
  last_lat: number | null;
  last_lon: number | null;
  last_heading: number | null;
  last_speed_mps: number | null;
  last_recorded_at: Date | null;
  last_announced_at: Date | null;
}

export const MANAGING_ROLES: readonly ActorRole[] = ['owner', 'manager', 'platform_admin'];

/**
 * Opens every delivery step: locks the order row (always before the delivery row, so concurrent
 * steps of one order queue in one order and cannot deadlock), checks the caller may see the order
 * (strangers get not_found) and that it is a delivery order.
 */
export async function lockDeliveryOrder(
  tx: Queryable,
  principal: Principal,
  orderId: string,
): Promise<{ order: OrderRow; role: ActorRole }> {
  const order = await loadOrderRow(tx, orderId, true);
  if (!order) throw new AppError('not_found', 'Order not found');
  const role = orderActorRole(principal, order);
  if (order.service_type !== 'delivery') {
    throw new AppError('delivery_order_required', `This is a ${order.service_type} order`);
  }
  return { order, role };
}

/** The order's live attempt (not failed), locked for the rest of the transaction. */
export async function lockLiveDelivery(tx: Queryable, orderId: string): Promise<DeliveryRow | undefined> {
  const { rows } = await tx.query<DeliveryRow>(
    `SELECT * FROM deliveries WHERE order_id = $1 AND status <> 'failed' FOR UPDATE`,
    [orderId],
  );
  return rows[0];
}
