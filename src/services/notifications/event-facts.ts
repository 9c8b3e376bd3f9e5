import type { EventEnvelope } from '../../domain/events/envelope.js';
import type { EventFacts } from '../../domain/notifications/notification-rules.js';
import type { Queryable } from '../../storage/database.js';

export interface LoadedFacts extends EventFacts {
  customerId: string | null;
}

type Payload = Record<string, unknown>;

/**
 * What the notification rules need beyond the event: the order (its customer, type and total), and
 * the little state the consumer keeps to notice transitions — whether a delivery was picked up and
 * already announced as en route, and whether an item was available before this change — and whether
 * an order's move to out_for_delivery or delivered was a delivery step that has its own notification. That state is
 * updated here, in the consumer's transaction, so it moves with the notifications it causes.
 */
export async function loadEventFacts(tx: Queryable, event: EventEnvelope): Promise<LoadedFacts> {
  const facts: LoadedFacts = { customerId: null };
  const payload = (event.payload ?? {}) as Payload;
  switch (event.event_type) {
    case 'delivery.picked_up':
      await tx.query(
        `INSERT INTO notification_delivery_progress (delivery_id, business_id, order_id, picked_up)
         VALUES ($1, $2, $3, true)
         ON CONFLICT (delivery_id) DO UPDATE SET picked_up = true`,
        [payload.delivery_id, event.business_id, event.order_id],
      );
      break;
    case 'delivery.location_updated': {
      // Exactly one update flips en_route_notified: the first after pickup.
      const flipped = await tx.query(
        `UPDATE notification_delivery_progress SET en_route_notified = true
          WHERE delivery_id = $1 AND picked_up AND NOT en_route_notified`,
        [payload.delivery_id],
      );
      facts.firstPingAfterPickup = flipped.rowCount > 0;
      break;
    }
    case 'delivery.delivered':
    case 'delivery.failed':
      await tx.query('DELETE FROM notification_delivery_progress WHERE delivery_id = $1', [
        payload.delivery_id,
      ]);
      break;
    case 'menu.changed':
      if (payload.entity === 'item') facts.itemWasAvailable = await trackItem(tx, event, payload);
      break;
    case 'order.status_changed': {
      // A driver's pickup or hand-over moves the order in the same transaction, stamped with the same
      // instant as the delivery's phase: that delivery event tells the customer already.
      const column =
        payload.to === 'out_for_delivery'
          ? 'picked_up_at'
          : payload.to === 'delivered'
            ? 'delivered_at'
            : null;
      if (column && event.order_id) {
        const { rows } = await tx.query(
          `SELECT 1 FROM deliveries WHERE order_id = $1 AND status <> 'failed' AND ${column} = $2`,
          [event.order_id, event.occurred_at],
        );
        facts.deliveryStepAnnounced = rows.length > 0;
      }
      break;
    }
  }
  // Driver pings are frequent and mostly notify nobody: the order is read only when one does.
  const needsOrder = event.event_type !== 'delivery.location_updated' || facts.firstPingAfterPickup === true;
  if (event.order_id && needsOrder) {
    const { rows } = await tx.query<{
      customer_id: string | null;
      service_type: string;
      total_minor: number;
      currency: string;
    }>('SELECT customer_id, service_type, total_minor, currency FROM orders WHERE id = $1', [event.order_id]);
    const order = rows[0];
    if (order) {
      facts.customerId = order.customer_id;
      facts.order = {
        serviceType: order.service_type,
        totalMinor: order.total_minor,
        currency: order.currency.trim(),
      };
    }
  }
  return facts;
}

/** Records the item's availability after the change; returns what it was before (null: never seen). */
async function trackItem(tx: Queryable, event: EventEnvelope, payload: Payload): Promise<boolean | null> {
  const itemId = payload.entity_id as string;
  const { rows } = await tx.query<{ available: boolean }>(
    'SELECT available FROM notification_item_availability WHERE item_id = $1',
    [itemId],
  );
  const before = rows[0]?.available ?? null;
  const data = payload.data as Payload | null;
  if (payload.action === 'deleted' || !data) {
    await tx.query('DELETE FROM notification_item_availability WHERE item_id = $1', [itemId]);
  } else {
    await tx.query(
      `INSERT INTO notification_item_availability (item_id, business_id, available) VALUES ($1, $2, $3)
       ON CONFLICT (item_id) DO UPDATE SET available = EXCLUDED.available`,
      [itemId, event.business_id, data.available !== false],
    );
  }
  return before;
}
