import { randomUUID } from 'node:crypto';
import type { ActorRole, Principal } from '../../auth/principal.js';
import { ASSIGNABLE_ORDER_STATUSES } from '../../domain/delivery/delivery-status.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Database, Queryable } from '../../storage/database.js';
import { sqlStateOf } from '../../storage/sql-state.js';
import type { OrderRow } from '../orders/order-view.js';
import { lockDeliveryOrder, lockLiveDelivery, MANAGING_ROLES } from './delivery-order.js';
import { type DeliveryView, loadOrderDelivery } from './delivery-queries.js';

const UNIQUE_VIOLATION = '23505';

export interface DeliveryDeps {
  db: Database;
  now: () => Date;
}

/** A manager or owner gives a delivery order to one of the business's drivers at its location. */
export async function assignDriver(
  deps: DeliveryDeps,
  principal: Principal,
  orderId: string,
  driverUserId: string,
): Promise<DeliveryView> {
  return start(deps, principal, orderId, async (tx, order, role) => {
    if (!MANAGING_ROLES.includes(role))
      throw new AppError('forbidden', 'Only managers and owners assign drivers');
    const driver = await eligibleDriver(tx, order, driverUserId);
    if (!driver) {
      throw new AppError(
        'driver_not_eligible',
        'The user is not a driver of this business at this location',
        {
          errors: [{ field: 'body/driverUserId', message: 'not a driver at this location' }],
        },
      );
    }
    return driver;
  });
}

/** A driver of the business at the order's location takes an unassigned delivery order. */
export async function claimDelivery(
  deps: DeliveryDeps,
  principal: Principal,
  orderId: string,
): Promise<DeliveryView> {
  return start(deps, principal, orderId, async (tx, order, role) => {
    if (role !== 'driver') throw new AppError('forbidden', 'Only drivers claim deliveries');
    const driver = await eligibleDriver(tx, order, principal.userId);
    if (!driver) throw new AppError('driver_not_eligible');
    return driver;
  });
}

type PickDriver = (
  tx: Queryable,
  order: OrderRow,
  role: ActorRole,
) => Promise<{ userId: string; name: string }>;

/**
 * Starts an attempt in one transaction with its event. The order row lock makes concurrent claims and
 * assignments queue: the first writes the attempt, the others then see it and are refused with
 * delivery_already_assigned (the partial unique index is the backstop if a caller ever skips the lock).
 */
async function start(
  deps: DeliveryDeps,
  principal: Principal,
  orderId: string,
  pickDriver: PickDriver,
): Promise<DeliveryView> {
  const now = deps.now();
  try {
    await deps.db.transaction(async (tx) => {
      const { order, role } = await lockDeliveryOrder(tx, principal, orderId);
      const driver = await pickDriver(tx, order, role);
      if (!(ASSIGNABLE_ORDER_STATUSES as readonly OrderStatus[]).includes(order.status)) {
        throw new AppError(
          'delivery_not_allowed',
          `An order that is ${order.status} cannot be given to a driver`,
        );
      }
      if (await lockLiveDelivery(tx, orderId)) throw new AppError('delivery_already_assigned');
      const deliveryId = randomUUID();
      await tx.query(
        `INSERT INTO deliveries (id, business_id, location_id, order_id, driver_user_id, status, assigned_by,
                                 assigned_by_role, assigned_at)
         VALUES ($1, $2, $3, $4, $5, 'assigned', $6, $7, $8)`,
        [
          deliveryId,
          order.business_id,
          order.location_id,
          orderId,
          driver.userId,
          principal.userId,
          role,
          now.toISOString(),
        ],
      );
      await appendEvents(tx, [
        {
          type: 'delivery.driver_assigned',
          businessId: order.business_id,
          locationId: order.location_id,
          orderId,
          occurredAt: now,
          payload: {
            delivery_id: deliveryId,
            order_id: orderId,
            driver_user_id: driver.userId,
            driver_name: driver.name,
            assigned_by: { user_id: principal.userId, role },
            at: now.toISOString(),
          },
        },
      ]);
    });
  } catch (error) {
    if (sqlStateOf(error) === UNIQUE_VIOLATION) throw new AppError('delivery_already_assigned');
    throw error;
  }
  return loadOrderDelivery(deps.db, orderId, now);
}

/** The user, if they are staff of the order's business with position driver covering its location. */
async function eligibleDriver(
  tx: Queryable,
  order: OrderRow,
  userId: string,
): Promise<{ userId: string; name: string } | undefined> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT u.id, u.name FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.user_id = $1 AND m.business_id = $2 AND m.role = 'staff' AND m.staff_position = 'driver'
       AND (cardinality(m.location_ids) = 0 OR $3::uuid = ANY (m.location_ids))`,
    [userId, order.business_id, order.location_id],
  );
  const row = rows[0];
  return row ? { userId: row.id, name: row.name } : undefined;
}
