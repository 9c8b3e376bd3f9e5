import type { Principal } from '../../auth/principal.js';
import { ASSIGNABLE_ORDER_STATUSES, type DeliveryStatus } from '../../domain/delivery/delivery-status.js';
import { ETA_SPEED_MPS, estimateArrival } from '../../domain/delivery/eta.js';
import type { OrderStatus } from '../../domain/orders/order-status.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import { orderActorRole } from '../orders/order-access.js';
import { loadOrderRow } from '../orders/order-view.js';

/** A delivery order's delivery as the API returns it (to the customer, its staff and the driver). */
export interface DeliveryView {
  orderId: string;
  orderStatus: OrderStatus;
  /** When the customer placed the order: how long it has waited. */
  placedAt: string;
  /** `unassigned` until a driver is assigned; the newest attempt's phase after that. */
  status: 'unassigned' | DeliveryStatus;
  deliveryId: string | null;
  driver: { userId: string; name: string } | null;
  assignedAt: string | null;
  arrivedAt: string | null;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  failureReason: string | null;
  lastPosition: {
    lat: number;
    lon: number;
    heading: number | null;
    speedMps: number | null;
    recordedAt: string;
  } | null;
  restaurant: {
    locationId: string;
    name: string;
    address: Record<string, unknown>;
    lat: number;
    lon: number;
  };
  destination: { address: Record<string, unknown>; lat: number; lon: number };
  eta: {
    distanceMeters: number;
    seconds: number;
    arriveAt: string;
    from: 'driver' | 'restaurant';
    speedMph: number;
  } | null;
}

interface ViewRow {
  order_id: string;
  order_status: OrderStatus;
  placed_at: Date | string;
  delivery_address: Record<string, unknown> | null;
  delivery_lat: number;
  delivery_lon: number;
  location_id: string;
  restaurant_name: string;
  restaurant_address: Record<string, unknown>;
  restaurant_lat: number;
  restaurant_lon: number;
  delivery_id: string | null;
  status: DeliveryStatus | null;
  driver_user_id: string | null;
  driver_name: string | null;
  assigned_at: Date | string | null;
  arrived_at: Date | string | null;
  picked_up_at: Date | string | null;
  delivered_at: Date | string | null;
  failed_at: Date | string | null;
  failure_reason: string | null;
  last_lat: number | null;
  last_lon: number | null;
  last_heading: number | null;
  last_speed_mps: number | null;
  last_recorded_at: Date | string | null;
}

const VIEW_COLUMNS = `
  o.id AS order_id, o.status AS order_status, o.placed_at, o.delivery_address, o.delivery_lat, o.delivery_lon,
  l.id AS location_id, l.name AS restaurant_name, l.address AS restaurant_address,
  l.lat AS restaurant_lat, l.lon AS restaurant_lon,
  d.id AS delivery_id, d.status, d.driver_user_id, u.name AS driver_name, d.assigned_at, d.arrived_at,
  d.picked_up_at, d.delivered_at, d.failed_at, d.failure_reason, d.last_lat, d.last_lon, d.last_heading,
  d.last_speed_mps, d.last_recorded_at`;

/** The order's live attempt, else its newest failed one (none: unassigned), with its driver. */
const CURRENT_ATTEMPT = `
  LEFT JOIN LATERAL (
    SELECT * FROM deliveries WHERE order_id = o.id ORDER BY (status <> 'failed') DESC, assigned_at DESC LIMIT 1
  ) d ON true
  LEFT JOIN users u ON u.id = d.driver_user_id`;

/** Order statuses in which the food is still on its way to the customer (an ETA makes sense). */
const EN_ROUTE: readonly OrderStatus[] = ['confirmed', 'preparing', 'ready', 'out_for_delivery'];

/**
 * The delivery of an order, for its customer and the business's staff. Everyone else is told the
 * order does not exist (as for the order itself).
 */
export async function getOrderDelivery(
  deps: { db: Queryable; now: () => Date },
  principal: Principal,
  orderId: string,
): Promise<DeliveryView> {
  const order = await loadOrderRow(deps.db, orderId);
  if (!order) throw new AppError('not_found', 'Order not found');
  orderActorRole(principal, order);
  if (order.service_type !== 'delivery') {
    throw new AppError('delivery_order_required', `This is a ${order.service_type} order`);
  }
  return loadOrderDelivery(deps.db, orderId, deps.now());
}

/** The order's live attempt, or else its newest failed one, or `unassigned`. */
export async function loadOrderDelivery(db: Queryable, orderId: string, now: Date): Promise<DeliveryView> {
  const { rows } = await db.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS}
     FROM orders o
     JOIN locations l ON l.id = o.location_id
     ${CURRENT_ATTEMPT}
     WHERE o.id = $1`,
    [orderId],
  );
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'Order not found');
  return toView(row, now);
}

/**
 * A driver's own deliveries: every live one (oldest first: the next to do), and the `recentLimit`
 * most recently finished ones (delivered or failed), across every business they drive for.
 */
export async function listDriverDeliveries(
  db: Queryable,
  driverUserId: string,
  now: Date,
  recentLimit = 20,
): Promise<{ active: DeliveryView[]; recent: DeliveryView[] }> {
  const from = `FROM deliveries d
     JOIN orders o ON o.id = d.order_id
     JOIN locations l ON l.id = o.location_id
     JOIN users u ON u.id = d.driver_user_id
     WHERE d.driver_user_id = $1`;
  const active = await db.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS} ${from} AND d.status IN ('assigned', 'arrived', 'picked_up') ORDER BY d.assigned_at`,
    [driverUserId],
  );
  const recent = await db.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS} ${from} AND d.status IN ('delivered', 'failed')
     ORDER BY coalesce(d.delivered_at, d.failed_at) DESC LIMIT $2`,
    [driverUserId, recentLimit],
  );
  return {
    active: active.rows.map((row) => toView(row, now)),
    recent: recent.rows.map((row) => toView(row, now)),
  };
}

/**
 * Delivery orders the driver may claim: confirmed, preparing or ready, with no live attempt, at a
 * location they drive for (a driver membership listing no location covers all of the business's), the
 * longest-waiting first. The same eligibility as `claimDelivery`, so each one listed can be claimed
 * unless another driver is quicker.
 */
export async function listClaimableDeliveries(
  db: Queryable,
  driverUserId: string,
  now: Date,
  limit = 50,
): Promise<DeliveryView[]> {
  const { rows } = await db.query<ViewRow>(
    `SELECT ${VIEW_COLUMNS}
     FROM orders o
     JOIN locations l ON l.id = o.location_id
     ${CURRENT_ATTEMPT}
     WHERE o.service_type = 'delivery' AND o.status = ANY ($2::text[])
       AND (d.id IS NULL OR d.status = 'failed')
       AND EXISTS (
         SELECT 1 FROM memberships m
         WHERE m.user_id = $1 AND m.business_id = o.business_id AND m.role = 'staff'
           AND m.staff_position = 'driver'
           AND (cardinality(m.location_ids) = 0 OR o.location_id = ANY (m.location_ids)))
     ORDER BY o.placed_at, o.id
     LIMIT $3`,
    [driverUserId, ASSIGNABLE_ORDER_STATUSES, limit],
  );
  return rows.map((row) => toView(row, now));
}

const iso = (value: Date | string | null) =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

function toView(row: ViewRow, now: Date): DeliveryView {
  const restaurant = { lat: row.restaurant_lat, lon: row.restaurant_lon };
  const destination = { lat: row.delivery_lat, lon: row.delivery_lon };
  const lastPosition =
    row.last_lat !== null && row.last_lon !== null && row.last_recorded_at !== null
      ? {
          lat: row.last_lat,
          lon: row.last_lon,
          heading: row.last_heading,
          speedMps: row.last_speed_mps,
          recordedAt: iso(row.last_recorded_at) ?? '',
        }
      : null;
  const phase = row.status ?? 'unassigned';
  // Delivered and failed attempts, and orders no longer on their way, have no ETA.
  const etaPhase = phase === 'delivered' || phase === 'failed' ? null : phase;
  const eta =
    etaPhase && EN_ROUTE.includes(row.order_status)
      ? estimateArrival({ phase: etaPhase, restaurant, customer: destination, driver: lastPosition, now })
      : null;
  return {
    orderId: row.order_id,
    orderStatus: row.order_status,
    placedAt: iso(row.placed_at) ?? '',
    status: phase,
    deliveryId: row.delivery_id,
    driver:
      row.driver_user_id && row.driver_name ? { userId: row.driver_user_id, name: row.driver_name } : null,
    assignedAt: iso(row.assigned_at),
    arrivedAt: iso(row.arrived_at),
    pickedUpAt: iso(row.picked_up_at),
    deliveredAt: iso(row.delivered_at),
    failedAt: iso(row.failed_at),
    failureReason: row.failure_reason,
    lastPosition,
    restaurant: {
      locationId: row.location_id,
      name: row.restaurant_name,
      address: row.restaurant_address,
      ...restaurant,
    },
    destination: { address: row.delivery_address ?? {}, ...destination },
    eta: eta
      ? {
          distanceMeters: eta.distanceMeters,
          seconds: eta.seconds,
          arriveAt: eta.arriveAt.toISOString(),
          from: eta.from,
          speedMph: Math.round((ETA_SPEED_MPS * 3600) / 1609.344),
        }
      : null,
  };
}
