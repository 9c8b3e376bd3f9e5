import { coveredLocationIds, type Principal } from '../../auth/principal.js';
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
): Promise<OrderPage> {
  const where = new OrderConditions('location_id', locationId);
  where.statuses(query.status);
  where.placedBetween(query.from, query.to);
  return pageOrders(db, where, query);
}

export interface BusinessOrderListQuery extends OrderListQuery {
  location_id?: string[] | undefined;
  service_type?: string[] | undefined;
  q?: string | undefined;
}

/**
 * A business's orders across its locations, newest first, filtered and searched. Staff whose
 * membership lists locations see those locations' orders only, and asking for another is refused.
 */
export async function listBusinessOrders(
  db: Queryable,
  principal: Principal,
  businessId: string,
  query: BusinessOrderListQuery,
): Promise<OrderPage> {
  const covered = coveredLocationIds(principal, businessId);
  const outside = covered && query.location_id?.find((id) => !covered.includes(id));
  if (outside) throw new AppError('forbidden', `Your membership does not cover location ${outside}`);
  const where = new OrderConditions('business_id', businessId);
  const locations = query.location_id && query.location_id.length > 0 ? query.location_id : covered;
  if (locations) where.add((n) => `location_id = ANY($${n}::uuid[])`, locations);
  where.statuses(query.status);
  if (query.service_type && query.service_type.length > 0)
    where.add((n) => `service_type = ANY($${n}::text[])`, query.service_type);
  where.placedBetween(query.from, query.to);
  if (query.q?.trim()) where.search(query.q.trim());
  return pageOrders(db, where, query);
}

/**
 * A customer's own orders, at every restaurant of every business, newest first (the web app's "Your
 * orders"). Only the customer (or a platform admin) may list them.
 */
export async function listCustomerOrders(
  db: Queryable,
  principal: Principal,
  userId: string,
  query: OrderListQuery,
): Promise<OrderPage> {
  if (principal.userId !== userId && principal.platformRole !== 'platform_admin')
    throw new AppError('forbidden', 'These are not your orders');
  const where = new OrderConditions('customer_id', userId);
  where.statuses(query.status);
  where.placedBetween(query.from, query.to);
  return pageOrders(db, where, query);
}

/** The WHERE clause of an order list, built with numbered parameters. */
class OrderConditions {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  constructor(column: 'location_id' | 'business_id' | 'customer_id', id: string) {
    this.add((n) => `${column} = $${n}`, id);
  }

  add(sql: (n: number) => string, value: unknown): void {
    this.params.push(value);
    this.conditions.push(sql(this.params.length));
  }

  statuses(statuses: string[] | undefined): void {
    if (statuses && statuses.length > 0) this.add((n) => `status = ANY($${n}::text[])`, statuses);
  }

  placedBetween(from: string | undefined, to: string | undefined): void {
    if (from) this.add((n) => `placed_at >= $${n}`, from);
    if (to) this.add((n) => `placed_at < $${n}`, to);
  }

  /**
   * Order number or customer. Screens show an order as the start of its id (`#1a2b3c`), so text that
   * could be one also matches ids starting with it; any text matches the customer's name or email.
   */
  search(text: string): void {
    const like = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
    this.params.push(like);
    const customer = `EXISTS (SELECT 1 FROM users u WHERE u.id = orders.customer_id
                        AND (u.name ILIKE $${this.params.length} OR u.email ILIKE $${this.params.length}))`;
    const number = text.replace(/^#/, '').toLowerCase();
    if (/^[0-9a-f-]+$/.test(number)) {
      this.params.push(`${number}%`);
      this.conditions.push(`(id::text LIKE $${this.params.length} OR ${customer})`);
    } else this.conditions.push(customer);
  }
}

type OrderPage = { orders: OrderView[]; nextCursor: string | null };

/** One page of the orders matching `where`, newest first, with keyset pagination on (placed_at, id). */
async function pageOrders(
  db: Queryable,
  where: OrderConditions,
  page: { limit: number; cursor?: string | undefined },
): Promise<OrderPage> {
  const { conditions, params } = where;
  if (page.cursor) {
    const cursor = decodeNewestFirstCursor('placedAt', page.cursor);
    params.push(cursor.at, cursor.id);
    conditions.push(`(placed_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(page.limit + 1);
  const { rows } = await db.query<{ id: string; placed_at: Date }>(
    `SELECT id, placed_at FROM orders WHERE ${conditions.join(' AND ')}
     ORDER BY placed_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const shown = rows.slice(0, page.limit);
  const orders = await loadOrderViews(
    db,
    shown.map((row) => row.id),
  );
  const last = shown[shown.length - 1];
  return {
    orders,
    nextCursor:
      rows.length > page.limit && last
        ? encodeNewestFirstCursor('placedAt', { at: new Date(last.placed_at).toISOString(), id: last.id })
        : null,
  };
}
