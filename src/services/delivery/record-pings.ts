import type { Principal } from '../../auth/principal.js';
import { isActiveDelivery } from '../../domain/delivery/delivery-status.js';
import { futurePings, type Ping, planPings } from '../../domain/delivery/ping-rules.js';
import { isTerminal } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { DeliveryDeps } from './assign-driver.js';
import { lockDeliveryOrder, lockLiveDelivery } from './delivery-order.js';

export interface PingResult {
  /** Pings stored now. */
  stored: number;
  /** Pings already stored earlier (a resent batch) or repeated within this batch. */
  duplicates: number;
  /** Whether the newest ping moved the driver's last known position. */
  positionUpdated: boolean;
  /** Whether a delivery.location_updated event was written. */
  announced: boolean;
}

const PING_COLUMNS = 9;

/**
 * Stores a batch of GPS pings from the delivery's driver while the attempt is live. Safe to resend:
 * a ping is identified by its recorded_at, so a retried batch stores nothing twice and announces
 * nothing twice. Older pings (arriving late) are stored for analytics without moving the position.
 */
export async function recordPings(
  deps: DeliveryDeps,
  principal: Principal,
  orderId: string,
  pings: readonly Ping[],
): Promise<PingResult> {
  const now = deps.now();
  const future = futurePings(pings, now);
  if (future.length > 0) {
    throw new AppError('validation_failed', 'Pings may not be recorded in the future', {
      errors: future.map((index) => ({
        field: `body/pings/${index}/recordedAt`,
        message: 'is ahead of the server clock by more than 2 minutes',
      })),
    });
  }
  return deps.db.transaction(async (tx) => {
    const { order } = await lockDeliveryOrder(tx, principal, orderId);
    const delivery = await lockLiveDelivery(tx, orderId);
    if (!delivery) throw new AppError('delivery_not_active', 'This order has no delivery in progress');
    if (delivery.driver_user_id !== principal.userId) throw new AppError('driver_not_assigned');
    if (isTerminal(order.status)) throw new AppError('delivery_not_active', `The order is ${order.status}`);
    if (!isActiveDelivery(delivery.status)) {
      throw new AppError('delivery_not_active', `The delivery is already ${delivery.status}`);
    }
    const plan = planPings(pings, {
      lastRecordedAt: delivery.last_recorded_at ? new Date(delivery.last_recorded_at) : null,
      lastAnnouncedAt: delivery.last_announced_at ? new Date(delivery.last_announced_at) : null,
    });
    const params: unknown[] = [];
    const rows = plan.store.map((ping, index) => {
      params.push(
        order.business_id,
        delivery.id,
        orderId,
        delivery.driver_user_id,
        ping.lat,
        ping.lon,
        ping.heading,
        ping.speedMps,
        ping.recordedAt.toISOString(),
      );
      const base = index * PING_COLUMNS;
      return `(${Array.from({ length: PING_COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')})`;
    });
    const inserted = await tx.query(
      `INSERT INTO delivery_pings (business_id, delivery_id, order_id, driver_user_id, lat, lon, heading,
                                   speed_mps, recorded_at)
       VALUES ${rows.join(', ')} ON CONFLICT (delivery_id, recorded_at) DO NOTHING`,
      params,
    );
    const { latest, announce } = plan;
    if (latest) {
      await tx.query(
        `UPDATE deliveries SET last_lat = $2, last_lon = $3, last_heading = $4, last_speed_mps = $5,
                last_recorded_at = $6::timestamptz,
                last_announced_at = CASE WHEN $7::boolean THEN $6::timestamptz ELSE last_announced_at END,
                updated_at = now()
         WHERE id = $1`,
        [
          delivery.id,
          latest.lat,
          latest.lon,
          latest.heading,
          latest.speedMps,
          latest.recordedAt.toISOString(),
          announce,
        ],
      );
    }
    if (latest && announce) {
      await appendEvents(tx, [
        {
          type: 'delivery.location_updated',
          businessId: order.business_id,
          locationId: order.location_id,
          orderId,
          occurredAt: now,
          payload: {
            delivery_id: delivery.id,
            order_id: orderId,
            driver_user_id: delivery.driver_user_id,
            lat: latest.lat,
            lon: latest.lon,
            heading: latest.heading,
            speed_mps: latest.speedMps,
            recorded_at: latest.recordedAt.toISOString(),
          },
        },
      ]);
    }
    return {
      stored: inserted.rowCount,
      duplicates: pings.length - inserted.rowCount,
      positionUpdated: latest !== null,
      announced: latest !== null && announce,
    };
  });
}
