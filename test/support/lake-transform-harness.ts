import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { kitchenConsumer } from '../../src/consumers/kitchen-consumer.js';
import type { DuckSession } from '../../src/lake/duckdb/duck-session.js';
import { GOLD_DAY_SQL, GOLD_METRICS_SQL } from '../../src/lake/gold/gold-sql.js';
import { computeTrailingCounts } from '../../src/lake/gold/trailing-counts.js';
import {
  DIMENSION_TABLES,
  GOLD_DAY_TABLES,
  type LakeTableName,
  SILVER_ORDER_TABLES,
} from '../../src/lake/lake-tables.js';
import { SILVER_SQL, silverBaseStatements } from '../../src/lake/silver/silver-sql.js';
import { SNAPSHOT_EVENT_TYPES, SNAPSHOT_SQL } from '../../src/lake/silver/snapshot-sql.js';
import { filesRelation, typedSelect } from '../../src/lake/table-sql.js';
import type { Database } from '../../src/storage/database.js';
import type { DeliveryFact, LineFact, Names, OrderFact, TicketFact } from '../unit/lake/gold-oracle.js';
import type { TestApp } from './app.js';
import { drainPipeline } from './pipeline.js';

/**
 * What the lake transform tests need around the SQL: a restaurant built through the admin API (so
 * every location, brand, category and item has its events, as in production), order steps over HTTP
 * with the app's clock where the app takes one, the business's outbox read back as the lake writer
 * would see it, the lake built from it in DuckDB exactly as the writer runs the transforms, and the
 * PostgreSQL rows the gold figures must reconcile with.
 */

type Token = { userId: string; token: string };
type Method = 'GET' | 'POST' | 'PATCH';

export interface Catalog {
  businessId: string;
  locations: { toronto: string; kolkata: string; london: string };
  items: { burger: string; fries: string; ramen: string; gyoza: string };
  options: { cheese: string; bacon: string };
  brands: { burgers: string; noodles: string };
}

const address = { line1: '1 Front St', city: 'Somewhere', region: 'XX', postalCode: '00000', country: 'CA' };

/** The restaurant group: three locations in three zones, two brands served everywhere, one promo. */
export async function buildCatalog(t: TestApp): Promise<{ catalog: Catalog; owner: Token }> {
  const admin = await t.userToken({ platformRole: 'platform_admin' });
  const business = await t.request({
    method: 'POST',
    url: '/api/v1/businesses',
    token: admin.token,
    body: { name: 'Lakeside Kitchens', slug: `lakeside-${randomUUID().slice(0, 8)}`, currency: 'CAD' },
  });
  expect(business.statusCode, business.body).toBe(201);
  const businessId = business.json().id as string;
  const owner = await t.userToken({ memberships: [{ businessId, role: 'owner' }] });
  const api = adminApi(t, businessId, owner.token);

  const location = (code: string, timeZone: string, lat: number, lon: number, rateBps: number) =>
    api('POST', '/locations', {
      code,
      name: `Lakeside ${code}`,
      address,
      lat,
      lon,
      timeZone,
      taxRules: [{ name: 'Tax', rateBps }],
      serviceTypes: ['dine_in', 'takeout', 'delivery'],
      deliveryFeeMinor: 399,
    });
  const toronto = await location('TOR', 'America/Toronto', 43.65, -79.38, 1300);
  const kolkata = await location('CCU', 'Asia/Kolkata', 22.57, 88.36, 500);
  const london = await location('LON', 'Europe/London', 51.5, -0.12, 2000);
  const locationIds = [toronto.id, kolkata.id, london.id];

  const extras = await api('POST', '/menu/modifiers', {
    name: 'Extras',
    selection: 'multiple',
    maxSelections: 2,
    options: [
      { name: 'Cheese', priceMinor: 150 },
      { name: 'Bacon', priceMinor: 250 },
    ],
  });
  const [cheese, bacon] = extras.options as { id: string }[];
  const burgers = await api('POST', '/brands', { name: 'Burger Lab', cuisine: 'burgers', locationIds });
  const noodles = await api('POST', '/brands', { name: 'Noodle Bar', cuisine: 'noodles', locationIds });
  const burgerMenu = await api('POST', '/menus', { brandId: burgers.id, name: 'All day' });
  const noodleMenu = await api('POST', '/menus', { brandId: noodles.id, name: 'Bowls' });
  const mains = await api('POST', '/menu/categories', { menuId: burgerMenu.id, name: 'Mains' });
  const burgerCategory = await api('POST', '/menu/categories', {
    menuId: burgerMenu.id,
    parentId: mains.id,
    name: 'Burgers',
  });
  const sides = await api('POST', '/menu/categories', { menuId: burgerMenu.id, name: 'Sides' });
  const bowls = await api('POST', '/menu/categories', { menuId: noodleMenu.id, name: 'Bowls' });
  const item = (
    categoryId: string,
    name: string,
    priceMinor: number,
    costMinor: number | null,
    station: string,
  ) =>
    api('POST', '/menu/items', {
      categoryId,
      name,
      priceMinor,
      costMinor,
      station,
      ...(name === 'Classic burger' ? { modifierGroupIds: [extras.id] } : {}),
    });
  const burger = await item(burgerCategory.id, 'Classic burger', 1299, 400, 'grill');
  const fries = await item(sides.id, 'Fries', 499, 120, 'fry');
  const ramen = await item(bowls.id, 'Shoyu ramen', 1450, 500, 'wok');
  // No cost recorded: its lines carry unit_cost null, and item profit counts no cost for it.
  const gyoza = await item(bowls.id, 'Gyoza', 650, null, 'wok');
  await api('POST', '/offers', { name: 'Spring', code: 'SPRING10', kind: 'percent', percentBps: 1000 });

  return {
    owner,
    catalog: {
      businessId,
      locations: { toronto: toronto.id, kolkata: kolkata.id, london: london.id },
      items: { burger: burger.id, fries: fries.id, ramen: ramen.id, gyoza: gyoza.id },
      options: { cheese: (cheese as { id: string }).id, bacon: (bacon as { id: string }).id },
      brands: { burgers: burgers.id, noodles: noodles.id },
    },
  };
}

/** Calls the admin API of one business, expects success and returns the body. */
export function adminApi(t: TestApp, businessId: string, token: string) {
  return async (method: Method, path: string, body?: unknown) => {
    const response = await t.request({
      method,
      url: `/api/v1/businesses/${businessId}${path}`,
      token,
      ...(body === undefined ? {} : { body }),
    });
    expect(response.statusCode, `${method} ${path}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
}

export interface PlaceRequest {
  location: string;
  token: string;
  items: { itemId: string; quantity: number; modifiers?: string[] }[];
  serviceType?: 'takeout' | 'delivery' | 'dine_in';
  tip?: { percentBps: number } | { amountMinor: number };
  promoCode?: string;
  loyaltyPointsToRedeem?: number;
  payment?: { method: string; cardNumber?: string };
  expectStatus?: number;
}

/** Order steps over HTTP, as staff and customers would take them. */
export class OrderDriver {
  constructor(
    private readonly t: TestApp,
    private readonly staff: { cook: Token; cashier: Token; manager: Token },
  ) {}

  /** Sets the app's clock: placement, kitchen and delivery steps take their time from it. */
  at(iso: string): void {
    this.t.clock.now = new Date(iso);
  }

  later(minutes: number): void {
    this.t.clock.now = new Date(this.t.clock.now.getTime() + minutes * 60_000);
  }

  /** Runs the relay and the kitchen consumer (tickets, their cancellation) to a standstill. */
  drain(): Promise<void> {
    return drainPipeline(this.t.db, { consumers: [kitchenConsumer()], now: () => this.t.clock.now });
  }

  async place(request: PlaceRequest): Promise<string> {
    const serviceType = request.serviceType ?? 'takeout';
    const response = await this.t.request({
      method: 'POST',
      url: `/api/v1/restaurants/${request.location}/orders`,
      token: request.token,
      body: {
        serviceType,
        items: request.items,
        ...(serviceType === 'dine_in' ? { tableNumber: '7' } : {}),
        ...(serviceType === 'delivery'
          ? { delivery: { address: { line1: '9 Side St', city: 'Somewhere' }, lat: 0, lon: 0 } }
          : {}),
        ...(request.tip ? { tip: request.tip } : {}),
        ...(request.promoCode ? { promoCode: request.promoCode } : {}),
        ...(request.loyaltyPointsToRedeem ? { loyaltyPointsToRedeem: request.loyaltyPointsToRedeem } : {}),
        payment: request.payment ?? { method: 'credit_card' },
      },
    });
    expect(response.statusCode, response.body).toBe(request.expectStatus ?? 201);
    const body = response.json();
    await this.drain();
    return (response.statusCode === 402 ? body.order.id : body.id) as string;
  }

  async post(url: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<unknown> {
    const response = await this.t.request({
      method: 'POST',
      url,
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
    expect(response.statusCode, `POST ${url}: ${response.body}`).toBeLessThan(300);
    await this.drain();
    return response.json();
  }

  move(orderId: string, status: string): Promise<unknown> {
    return this.post(`/api/v1/orders/${orderId}/status`, this.staff.manager.token, { status });
  }

  cancel(orderId: string, token: string): Promise<unknown> {
    return this.post(`/api/v1/orders/${orderId}/cancel`, token, { reason: 'changed my mind' });
  }

  refund(orderId: string, amountMinor?: number): Promise<unknown> {
    return this.post(`/api/v1/orders/${orderId}/refunds`, this.staff.manager.token, {
      reason: 'not as ordered',
      ...(amountMinor ? { amountMinor } : {}),
    });
  }

  addItems(orderId: string, token: string, items: PlaceRequest['items']): Promise<unknown> {
    return this.post(
      `/api/v1/orders/${orderId}/items`,
      token,
      { items, payment: { method: 'credit_card' } },
      { 'idempotency-key': randomUUID() },
    );
  }

  feedback(orderId: string, token: string, rating: number, nps: number): Promise<unknown> {
    return this.post(`/api/v1/orders/${orderId}/feedback`, token, {
      rating,
      nps,
      comment: `rated ${rating}`,
    });
  }

  /**
   * Bumps every ticket of the order (a few minutes apart) until each reaches `until`; a recall on the
   * way, when asked, sends a ready ticket back to preparing once.
   */
  async kitchen(orderId: string, location: string, until: 'preparing' | 'ready' | 'served', recall = false) {
    const base = `/api/v1/locations/${location}/kitchen/tickets`;
    const list = await this.t.request({
      method: 'GET',
      url: `${base}?active=false&limit=500`,
      token: this.staff.cook.token,
    });
    const tickets = (list.json().tickets as { id: string; orderId: string; status: string }[]).filter(
      (ticket) => ticket.orderId === orderId && ticket.status !== 'served' && ticket.status !== 'cancelled',
    );
    expect(tickets.length).toBeGreaterThan(0);
    const steps = { preparing: 1, ready: 2, served: 3 }[until];
    for (const ticket of tickets) {
      const from = { pending: 0, preparing: 1, ready: 2 }[ticket.status] ?? 0;
      for (let step = from; step < steps; step++) {
        this.later(step === 1 ? 9 : 3);
        await this.post(`${base}/${ticket.id}/bump`, this.staff.cook.token);
        if (recall && step === 1) {
          this.later(1);
          await this.post(`${base}/${ticket.id}/recall`, this.staff.cook.token);
          this.later(2);
          await this.post(`${base}/${ticket.id}/bump`, this.staff.cook.token);
        }
      }
    }
  }

  /** Bumps one ticket of the order (the first at `station`) forward once, or recalls it one step. */
  async ticketStep(orderId: string, location: string, station: string, action: 'bump' | 'recall') {
    const base = `/api/v1/locations/${location}/kitchen/tickets`;
    const list = await this.t.request({
      method: 'GET',
      url: `${base}?active=false&limit=500`,
      token: this.staff.cook.token,
    });
    const ticket = (list.json().tickets as { id: string; orderId: string; station: string }[]).find(
      (candidate) => candidate.orderId === orderId && candidate.station === station,
    );
    if (!ticket) throw new Error(`no ${station} ticket for order ${orderId}`);
    this.later(2);
    await this.post(`${base}/${ticket.id}/${action}`, this.staff.cook.token);
  }

  /** A delivery by the driver: assigned by the manager, then each phase minutes apart. */
  async deliver(orderId: string, location: string, driver: Token, options: { failFirst?: Token } = {}) {
    const delivery = (path: string, token: string, body?: unknown) =>
      this.post(`/api/v1/orders/${orderId}/delivery/${path}`, token, body);
    if (options.failFirst) {
      await delivery('assign', this.staff.manager.token, { driverUserId: options.failFirst.userId });
      this.later(4);
      await delivery('failed', options.failFirst.token, { reason: 'flat tyre' });
    }
    this.later(1);
    await delivery('assign', this.staff.manager.token, { driverUserId: driver.userId });
    this.later(2);
    await this.kitchen(orderId, location, 'ready');
    this.later(1);
    await delivery('arrived', driver.token);
    this.later(2);
    await delivery('picked-up', driver.token);
    this.later(3);
    const recordedAt = new Date(this.t.clock.now.getTime() - 1000).toISOString();
    await delivery('pings', driver.token, {
      pings: [{ lat: 1, lon: 1, heading: 10, speedMps: 8, recordedAt }],
    });
    this.later(11);
    await delivery('delivered', driver.token);
  }
}

/** An outbox row as the lake writer receives it from the bus. */
export interface OutboxEvent {
  log_offset: string;
  event_id: string;
  event_type: string;
  version: number;
  occurred_at: string;
  business_id: string;
  location_id: string | null;
  order_id: string | null;
  sequence: number;
  payload: unknown;
}

export async function readOutbox(db: Database, businessId: string): Promise<OutboxEvent[]> {
  const { rows } = await db.query<
    Omit<OutboxEvent, 'occurred_at' | 'log_offset'> & {
      occurred_at: Date | string;
      position: string | number;
      log_position: string | number | null;
    }
  >(
    `SELECT position, log_position, event_id, event_type, version, occurred_at, business_id, location_id, order_id,
            sequence, payload
     FROM outbox WHERE business_id = $1 ORDER BY position`,
    [businessId],
  );
  return rows.map(({ position, log_position, occurred_at, ...row }) => ({
    ...row,
    log_offset: String(log_position ?? position),
    occurred_at: new Date(occurred_at).toISOString(),
  }));
}

/** Loads events into a DuckDB table shaped as the lake's envelope (payload JSON, occurred_at TIMESTAMPTZ). */
async function loadEnvelopes(duck: DuckSession, name: string, events: readonly OutboxEvent[]): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${name}_raw (log_offset VARCHAR, event_id VARCHAR, event_type VARCHAR,
    version INTEGER, occurred_at VARCHAR, business_id VARCHAR, location_id VARCHAR, order_id VARCHAR,
    sequence INTEGER, payload VARCHAR)`);
  for (const e of events) {
    await duck.run(`INSERT INTO ${name}_raw VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      e.log_offset,
      e.event_id,
      e.event_type,
      e.version,
      e.occurred_at,
      e.business_id,
      e.location_id,
      e.order_id,
      e.sequence,
      JSON.stringify(e.payload),
    ]);
  }
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${name} AS
    SELECT log_offset, event_id, event_type, version, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at, business_id,
           location_id, order_id, sequence, CAST(payload AS JSON) AS payload
    FROM ${name}_raw`);
}

async function create(duck: DuckSession, name: string, table: LakeTableName, sql: string): Promise<void> {
  await duck.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${typedSelect(table, sql)}`);
}

/**
 * Folds dimension events into the dim_* tables, batch after batch, as the writer does: each batch
 * reads the previous snapshot (`<table>_previous`) and replaces it.
 */
export async function buildDimensions(duck: DuckSession, batches: readonly (readonly OutboxEvent[])[]) {
  for (const table of DIMENSION_TABLES) {
    await duck.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${filesRelation(table, [])}`);
  }
  for (const batch of batches) {
    await loadEnvelopes(
      duck,
      'snapshot_events',
      batch.filter((e) =>
        DIMENSION_TABLES.some((table) => SNAPSHOT_EVENT_TYPES[table].includes(e.event_type)),
      ),
    );
    for (const table of DIMENSION_TABLES) {
      await duck.run(`CREATE OR REPLACE TEMP TABLE ${table}_previous AS SELECT * FROM ${table}`);
      await create(duck, table, table, SNAPSHOT_SQL[table]);
    }
  }
}

/**
 * Stages the order events (order_date = UTC date of the order's order.placed) and runs every silver
 * transform, into tables `silver_<table>`.
 */
export async function buildSilver(duck: DuckSession, events: readonly OutboxEvent[]): Promise<void> {
  await loadEnvelopes(
    duck,
    'staged_events',
    events.filter((e) => e.order_id !== null),
  );
  await create(
    duck,
    'order_events',
    'order_events',
    `SELECT e.*, p.order_date FROM staged_events e
     LEFT JOIN (SELECT order_id, CAST(min(occurred_at) AS DATE) AS order_date FROM staged_events
                WHERE event_type = 'order.placed' GROUP BY order_id) AS p USING (order_id)`,
  );
  for (const statement of silverBaseStatements()) await duck.run(statement);
  for (const table of SILVER_ORDER_TABLES) {
    await create(duck, `silver_${table}`, table, SILVER_SQL[table]);
  }
}

/**
 * Runs every gold day transform for all local dates in silver, then the metrics for the periods and
 * the trailing customer counts for the days `ends`.
 */
export async function buildGold(
  duck: DuckSession,
  periods: readonly { grain: string; period_start: string; period_end: string }[],
  ends: readonly string[] = [],
): Promise<void> {
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE target_dates AS SELECT DISTINCT business_id, local_date FROM silver_orders',
  );
  for (const table of GOLD_DAY_TABLES) await create(duck, table, table, GOLD_DAY_SQL[table]);
  await duck.run('CREATE OR REPLACE TEMP TABLE order_header_all AS SELECT * FROM gold_order_header');
  await duck.run(
    'CREATE OR REPLACE TEMP TABLE target_periods (business_id VARCHAR, grain VARCHAR, period_start DATE, period_end DATE)',
  );
  for (const period of periods) {
    await duck.run(
      `INSERT INTO target_periods
       SELECT DISTINCT business_id, $1, CAST($2 AS DATE), CAST($3 AS DATE) FROM order_header_all`,
      [period.grain, period.period_start, period.period_end],
    );
  }
  // The trailing counts of the stored days and of the periods' last days (their churn), as the writer.
  await duck.run('CREATE OR REPLACE TEMP TABLE stored_ends (business_id VARCHAR, period_end DATE)');
  for (const end of ends) {
    await duck.run(
      'INSERT INTO stored_ends SELECT DISTINCT business_id, CAST($1 AS DATE) FROM order_header_all',
      [end],
    );
  }
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE target_ends AS
     SELECT business_id, period_end FROM stored_ends UNION SELECT business_id, period_end FROM target_periods`,
  );
  await computeTrailingCounts(duck);
  await create(duck, 'gold_metrics', 'gold_metrics', GOLD_METRICS_SQL);
  await create(
    duck,
    'gold_trailing_customers',
    'gold_trailing_customers',
    'SELECT * FROM trailing_counts SEMI JOIN stored_ends USING (business_id, period_end)',
  );
}

/** A location's wall-clock date and hour at an instant, by the platform's own time-zone database. */
export function localTime(at: Date, zone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

export interface PgFacts {
  orders: OrderFact[];
  tickets: TicketFact[];
  deliveries: DeliveryFact[];
  names: Names;
  /** PostgreSQL's own rows, for the silver checks. */
  raw: {
    orders: Record<string, unknown>[];
    payments: Record<string, unknown>[];
    refunds: Record<string, unknown>[];
    feedback: Record<string, unknown>[];
    lines: Record<string, unknown>[];
  };
}

/**
 * The facts gold must agree with, read from PostgreSQL's state tables (not from events): orders and
 * their lines, kitchen tickets, delivery attempts, names. Two instants PostgreSQL keeps no column for
 * — when the order was confirmed and when it became ready — are taken from its outbox rows.
 */
export async function readPgFacts(
  db: Database,
  businessId: string,
  outbox: readonly OutboxEvent[],
): Promise<PgFacts> {
  const q = async <T = Record<string, unknown>>(sql: string) => (await db.query<T>(sql, [businessId])).rows;
  const zones = new Map(
    (
      await q<{ id: string; time_zone: string }>('SELECT id, time_zone FROM locations WHERE business_id = $1')
    ).map((row) => [row.id, row.time_zone]),
  );
  const lines = await q<{
    order_id: string;
    item_id: string;
    brand_id: string;
    category_id: string;
    name: string;
    unit_price_minor: number;
    unit_cost_minor: number | null;
    quantity: number;
    modifiers: { priceMinor: number }[];
    line_subtotal_minor: number;
    discount_minor: number;
  }>('SELECT * FROM order_lines WHERE business_id = $1 ORDER BY order_id, line_number');
  const orders = await q<{
    id: string;
    location_id: string;
    customer_id: string | null;
    status: string;
    service_type: string;
    payment_method: string;
    subtotal_minor: number;
    discount_minor: number;
    loyalty_discount_minor: number;
    delivery_fee_minor: number;
    total_minor: number;
    tax_minor: number;
    tip_minor: number;
    captured_minor: number;
    refunded_minor: number;
    placed_at: Date;
  }>('SELECT * FROM orders WHERE business_id = $1');
  const lineFacts = (orderId: string): LineFact[] =>
    lines
      .filter((line) => line.order_id === orderId)
      .map((line) => ({
        itemId: line.item_id,
        brandId: line.brand_id,
        categoryId: line.category_id,
        name: line.name,
        unitPrice: line.unit_price_minor,
        modifiersPrice: line.modifiers.reduce((sum, m) => sum + m.priceMinor, 0),
        quantity: line.quantity,
        discount: line.discount_minor,
        unitCost: line.unit_cost_minor,
      }));
  const orderFacts: OrderFact[] = orders.map((o) => {
    const local = localTime(new Date(o.placed_at), zones.get(o.location_id) ?? 'UTC');
    return {
      orderId: o.id,
      businessId,
      locationId: o.location_id,
      localDate: local.date,
      localHour: local.hour,
      placedAt: new Date(o.placed_at).toISOString(),
      customerId: o.customer_id,
      serviceType: o.service_type,
      status: o.status,
      paymentMethod: o.payment_method,
      subtotal: o.subtotal_minor,
      discount: o.discount_minor,
      loyaltyDiscount: o.loyalty_discount_minor,
      deliveryFee: o.delivery_fee_minor,
      total: o.total_minor,
      tax: o.tax_minor,
      tip: o.tip_minor,
      captured: o.captured_minor,
      refunded: o.refunded_minor,
      lines: lineFacts(o.id),
    };
  });

  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  const tickets = (
    await q<{
      order_id: string;
      created_at: Date;
      started_at: Date | null;
      ready_at: Date | null;
      served_at: Date | null;
    }>(
      'SELECT order_id, created_at, started_at, ready_at, served_at FROM kitchen_tickets WHERE business_id = $1',
    )
  ).map((row) => ({
    orderId: row.order_id,
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    readyAt: iso(row.ready_at),
    servedAt: iso(row.served_at),
  }));
  const attempts = await q<{
    order_id: string;
    assigned_at: Date;
    arrived_at: Date | null;
    picked_up_at: Date | null;
    delivered_at: Date | null;
    failed_at: Date | null;
    driver_user_id: string;
  }>(
    `SELECT DISTINCT ON (order_id) order_id, driver_user_id, assigned_at, arrived_at, picked_up_at, delivered_at, failed_at
     FROM deliveries WHERE business_id = $1 ORDER BY order_id, assigned_at DESC`,
  );
  const eventTime = (orderId: string, match: (e: OutboxEvent) => boolean) =>
    outbox.filter((e) => e.order_id === orderId && match(e)).at(-1)?.occurred_at ?? null;
  const deliveries: DeliveryFact[] = orderFacts
    .filter((o) => o.serviceType === 'delivery')
    .map((o) => {
      const attempt = attempts.find((row) => row.order_id === o.orderId);
      return {
        orderId: o.orderId,
        placedAt: o.placedAt,
        confirmedAt: eventTime(o.orderId, (e) => e.event_type === 'order.confirmed'),
        readyAt: eventTime(
          o.orderId,
          (e) => e.event_type === 'order.status_changed' && (e.payload as { to: string }).to === 'ready',
        ),
        assignedAt: iso(attempt?.assigned_at ?? null),
        arrivedAt: iso(attempt?.arrived_at ?? null),
        pickedUpAt: iso(attempt?.picked_up_at ?? null),
        deliveredAt: iso(attempt?.delivered_at ?? null),
        driverId: attempt?.driver_user_id ?? null,
        failedAt: iso(attempt?.failed_at ?? null),
      };
    });

  const nameMap = async (table: string) =>
    new Map(
      (await q<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE business_id = $1`)).map(
        (row) => [row.id, row.name],
      ),
    );
  return {
    orders: orderFacts,
    tickets,
    deliveries,
    names: {
      items: await nameMap('menu_items'),
      categories: await nameMap('menu_categories'),
      brands: await nameMap('brands'),
    },
    raw: {
      orders,
      payments: await q('SELECT * FROM payments WHERE business_id = $1'),
      refunds: await q('SELECT * FROM refunds WHERE business_id = $1'),
      feedback: await q('SELECT * FROM feedback WHERE business_id = $1'),
      lines,
    },
  };
}
