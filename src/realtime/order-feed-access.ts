import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { orderActorRole } from '../services/orders/order-access.js';
import { loadOrderRow } from '../services/orders/order-view.js';
import type { Queryable } from '../storage/database.js';

/**
 * The order feeds (WebSocket and SSE) admit whoever may read the order with GET /api/v1/orders/{id}:
 * its customer, or staff of its business. Anyone else gets 404, as there.
 */
export async function assertOrderFeedAccess(
  db: Queryable,
  principal: Principal,
  orderId: string,
): Promise<void> {
  const row = await loadOrderRow(db, orderId);
  if (!row) throw new AppError('not_found', 'Order not found');
  orderActorRole(principal, row);
}
