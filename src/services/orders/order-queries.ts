import type { Principal } from '../../auth/principal.js';
import type { StoredEvent } from '../../domain/events/envelope.js';
import { AppError } from '../../errors/app-error.js';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../../outbox/outbox-rows.js';
import type { Queryable } from '../../storage/database.js';
import { decodeNewestFirstCursor, encodeNewestFirstCursor } from '../pagination/newest-first-cursor.js';
import { orderActorRole } from './order-access.js';
import { loadOrderRow, loadOrderView, loadOrderViews, type OrderView } from './order-view.js';

export async function getOrder(db: Queryable, principal: Principal, orderId: string): Promise<OrderView> {
  const view = await loadOrderView(db, orderId);
  if (!view) throw new AppError('not_found', 'Order not found');
  orderActorRole(principal, {
    business_id: view.businessId,
    location_id: view.locationId,
    customer_id: view.customerId,
  });
  return view;
}

/** The order's timeline: its outbox events in sequence. */
export async function orderTimeline(
  db: Queryable,
  principal: Principal,
  orderId: string,
): Promise<StoredEvent[]> {
  const row = await loadOrderRow(db, orderId);
  if (!row) throw new AppError('not_found', 'Order not found');
  orderActorRole(principal, row);
  const { rows } = await db.query<OutboxRow & { position: number }>(
    `SELECT position, ${ENVELOPE_COLUMNS} FROM outbox WHERE order_id = $1 ORDER BY sequence`,
    [orderId],
  );
  return rows.map((row) => ({ position: row.position, ...toEnvelope(row) }));
}

export interface OrderListQuery {
  status?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A location's orders, newest first, with keyset pagination on (placed_at, id). */
export async function listLocationOrders(
  db: Queryable,
  locationId: string,
  query: OrderListQuery,
): Promise<{ orders: OrderView[]; nextCursor: string | null }> {
  const conditions = ['location_id = $1'];
  const params: unknown[] = [locationId];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  if (query.status && query.status.length > 0) add((n) => `status = ANY($${n}::text[])`, query.status);
  if (query.from) add((n) => `placed_at >= $${n}`, query.from);
  if (query.to) add((n) => `placed_at < $${n}`, query.to);
  if (query.cursor) {
    const cursor = decodeNewestFirstCursor('placedAt', query.cursor);
    params.push(cursor.at, cursor.id);
    conditions.push(`(placed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const { rows } = await db.query<{ id: string; placed_at: Date }>(
    `SELECT id, placed_at FROM orders WHERE ${conditions.join(' AND ')}
     ORDER BY placed_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const orders = await loadOrderViews(
    db,
    page.map((row) => row.id),
  );
  const last = page[page.length - 1];
  return {
    orders,
    nextCursor:
      rows.length > query.limit && last
        ? encodeNewestFirstCursor('placedAt', { at: new Date(last.placed_at).toISOString(), id: last.id })
        : null,
  };
}
