import type { Principal } from '../../auth/principal.js';
import { kitchenOrderSteps } from '../../domain/kitchen/order-sync-rule.js';
import type { TicketStatus } from '../../domain/kitchen/ticket-status.js';
import { decideTransition } from '../../domain/orders/order-lifecycle.js';
import type { NewEvent } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';
import { transitionInTransaction } from '../orders/change-status.js';
import { orderActorRole } from '../orders/order-access.js';
import { loadOrderRow } from '../orders/order-view.js';

/** Recorded as the status change's reason, so the timeline says the kitchen moved the order. */
const STEP_REASONS: Partial<Record<string, string>> = {
  preparing: 'kitchen started the order',
  ready: 'every kitchen ticket is ready',
  completed: 'every kitchen ticket was served',
  picked_up: 'every kitchen ticket was handed over',
};

/**
 * Keeps a Brigade order in step with its tickets, inside the kitchen change's transaction: the order row
 * is locked before the tickets are read, so two cooks finishing the last two tickets at once serialise
 * here and exactly one of them moves the order to ready. Each step goes through the order lifecycle
 * (transitionInTransaction) as the caller's role; a step the lifecycle refuses (the order was cancelled,
 * or has moved on) ends the sync without failing the kitchen change. Returns the order events to append.
 */
export async function syncOrderWithKitchen(
  tx: Queryable,
  principal: Principal,
  orderId: string,
): Promise<NewEvent[]> {
  const order = await loadOrderRow(tx, orderId, true);
  if (!order) return [];
  const { rows } = await tx.query<{ status: TicketStatus }>(
    'SELECT status FROM kitchen_tickets WHERE order_id = $1',
    [orderId],
  );
  const actor = orderActorRole(principal, order);
  const events: NewEvent[] = [];
  let from = order.status;
  for (const to of kitchenOrderSteps(
    order.status,
    order.service_type,
    rows.map((row) => row.status),
  )) {
    if (to === 'cancelled' || !decideTransition({ from, to, serviceType: order.service_type, actor }).ok)
      break;
    const { event } = await transitionInTransaction(tx, principal, orderId, to, STEP_REASONS[to]);
    events.push(event);
    from = to;
  }
  return events;
}
