import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import { affectedPeriods, affectedTrailingEnds } from '../../../src/lake/gold/affected-periods.js';
import { GOLD_DAY_TABLES, type LakeTableName } from '../../../src/lake/lake-tables.js';
import { QUARANTINE_SQL } from '../../../src/lake/silver/silver-sql.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import {
  adminApi,
  buildCatalog,
  buildDimensions,
  buildGold,
  buildSilver,
  type Catalog,
  OrderDriver,
  type OutboxEvent,
  type PgFacts,
  readOutbox,
  readPgFacts,
} from '../../support/lake-transform-harness.js';
import { brokenOrders } from '../../unit/lake/broken-orders.js';
import {
  countsAsRevenue,
  expectedBrandSalesDay,
  expectedDailySummary,
  expectedFeedbackDay,
  expectedFinancialDay,
  expectedItemPerformance,
  expectedItemSalesDay,
  expectedLocationSalesHourly,
  expectedOrderHeader,
  expectedPhasePercentiles,
  orderRevenue,
  type Row,
} from '../../unit/lake/gold-oracle.js';
import { comparableRows, instant } from '../../unit/lake/lake-rows.js';
import { expectedMetrics, expectedTrailingCustomers } from '../../unit/lake/metrics-oracle.js';

/**
 * The core proof of the lake transforms: a realistic mix of orders goes through the real app on a real
 * database; the business's outbox, as the lake writer receives it, is turned into silver and gold by
 * the transforms in DuckDB; every gold figure must equal an independent computation from PostgreSQL's
 * rows, to the cent.
 */
for (const kind of await databaseKinds()) {
  describe(`lake transforms reconcile with ${kind.name}`, () => {
    let t: TestApp;
    let catalog: Catalog;
    let outbox: OutboxEvent[];
    let facts: PgFacts;
    let duck: DuckSession;
    const periods = () => affectedPeriods([...new Set(facts.orders.map((o) => o.localDate))]);
    /** PostgreSQL's orders as the metrics oracles take them. */
    const headerFacts = () =>
      facts.orders.map((o) => ({
        orderId: o.orderId,
        locationId: o.locationId,
        localDate: o.localDate,
        customerId: o.customerId,
        status: o.status,
        countsAsRevenue: countsAsRevenue(o),
        orderRevenue: orderRevenue(o),
      }));
    // Every day from the first order to the day after the last, as a writer on that day would hold.
    const ends = () => {
      const dates = [...new Set(facts.orders.map((o) => o.localDate))].sort();
      return affectedTrailingEnds(dates, dates[dates.length - 1] as string);
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      t.clock.now = new Date('2024-10-01T12:00:00Z');
      const built = await buildCatalog(t);
      catalog = built.catalog;
      await playOrders(t, catalog, built.owner.token);
      outbox = await readOutbox(t.db, catalog.businessId);
      facts = await readPgFacts(t.db, catalog.businessId, outbox);
      duck = await DuckSession.open();
      // Dimensions in two batches, as two writer runs would fold them.
      const half = Math.floor(outbox.length / 2);
      await buildDimensions(duck, [outbox.slice(0, half), outbox.slice(half)]);
      await buildSilver(duck, outbox);
      await buildGold(duck, periods(), ends());
    }, 120_000);
    afterAll(async () => {
      duck?.close();
      await t?.close();
    });

    const rows = (table: string) => duck.rows(`SELECT * FROM ${table}`);
    const actual = async (table: LakeTableName) => comparableRows(table, await rows(table));

    it('plays a realistic mix: zones, statuses, refunds, late events', () => {
      const statuses = new Set(facts.orders.map((o) => o.status));
      for (const status of ['completed', 'delivered', 'cancelled', 'refunded', 'confirmed', 'preparing']) {
        expect(statuses).toContain(status);
      }
      expect(facts.orders.some((o) => o.refunded > 0 && countsAsRevenue(o))).toBe(true); // a partial refund
      expect(facts.orders.some((o) => o.lines.some((l) => l.discount > 0))).toBe(true); // an offer
      expect(outbox.some((e) => e.event_type === 'order.items_added')).toBe(true);
      expect(outbox.some((e) => e.event_type === 'delivery.failed')).toBe(true);
      expect(outbox.some((e) => e.event_type === 'kitchen.ticket_recalled')).toBe(true);
      // Late events: refunds and feedback written days after their order was placed.
      const placedAt = new Map(
        outbox
          .filter((e) => e.event_type === 'order.placed')
          .map((e) => [e.order_id, Date.parse(e.occurred_at)]),
      );
      const late = outbox.filter(
        (e) =>
          ['refund.processed', 'feedback.submitted'].includes(e.event_type) &&
          Date.parse(e.occurred_at) - (placedAt.get(e.order_id) ?? 0) > 3 * 86_400_000,
      );
      expect(late.length).toBeGreaterThan(2);
      // Local dates differ from UTC dates (Toronto evening, Kolkata night, London after midnight).
      expect(facts.orders.some((o) => o.localDate !== o.placedAt.slice(0, 10))).toBe(true);
    });

    it('builds the dimensions from the admin events', async () => {
      const locations = await rows('dim_locations');
      const { rows: pg } = await t.db.query<{ id: string; name: string; time_zone: string; status: string }>(
        'SELECT id, name, time_zone, status FROM locations WHERE business_id = $1',
        [catalog.businessId],
      );
      expect(
        locations
          .map((l) => ({
            id: l.location_id,
            name: l.name,
            time_zone: l.time_zone,
            status: l.status,
            deleted: l.deleted,
          }))
          .sort(byId),
      ).toEqual(pg.map((l) => ({ ...l, deleted: false })).sort(byId));
      const items = await rows('dim_items');
      const { rows: pgItems } = await t.db.query<{
        id: string;
        name: string;
        price_minor: number;
        cost_minor: number | null;
      }>('SELECT id, name, price_minor, cost_minor, category_id FROM menu_items WHERE business_id = $1', [
        catalog.businessId,
      ]);
      expect(
        items
          .map((i) => ({
            id: i.item_id,
            name: i.name,
            price: Number(i.price),
            cost: i.cost === null ? null : Number(i.cost),
          }))
          .sort(byId),
      ).toEqual(
        pgItems.map((i) => ({ id: i.id, name: i.name, price: i.price_minor, cost: i.cost_minor })).sort(byId),
      );
      const brands = await rows('dim_brands');
      expect(brands.map((b) => b.name).sort()).toEqual([...facts.names.brands.values()].sort());
      const categories = await rows('dim_categories');
      const { rows: pgCategories } = await t.db.query<{ id: string; name: string; parent_id: string | null }>(
        'SELECT id, name, parent_id FROM menu_categories WHERE business_id = $1',
        [catalog.businessId],
      );
      expect(
        categories.map((c) => ({ id: c.category_id, name: c.name, parent_id: c.parent_id })).sort(byId),
      ).toEqual(pgCategories.sort(byId));
    });

    it('puts every order in silver with the money PostgreSQL holds, and rejects none', async () => {
      expect(await duck.rows(QUARANTINE_SQL)).toEqual([]);
      const firstPayment = (orderId: unknown) =>
        facts.raw.payments
          .filter((p) => p.order_id === orderId)
          .sort((a, b) => instant(a.created_at).localeCompare(instant(b.created_at)))[0];
      const silver = await rows('silver_orders');
      const expected = facts.raw.orders.map((o) => ({
        order_id: o.id,
        status: o.status,
        subtotal: o.subtotal_minor,
        discount: o.discount_minor,
        loyalty_discount: o.loyalty_discount_minor,
        tax: o.tax_minor,
        tip: o.tip_minor,
        delivery_fee: o.delivery_fee_minor,
        total: o.total_minor,
        captured_amount: o.captured_minor,
        refunded_amount: o.refunded_minor,
        payment_method: o.payment_method,
        // orders.payment_provider is what the request named; the gateway's answer is on the payment.
        payment_provider: firstPayment(o.id)?.provider ?? null,
        customer_id: o.customer_id,
        placed_at: instant(o.placed_at),
      }));
      const got = silver.map((o) => ({
        order_id: o.order_id,
        status: o.status,
        subtotal: Number(o.subtotal),
        discount: Number(o.discount),
        loyalty_discount: Number(o.loyalty_discount),
        tax: Number(o.tax),
        tip: Number(o.tip),
        delivery_fee: Number(o.delivery_fee),
        total: Number(o.total),
        captured_amount: Number(o.captured_amount),
        refunded_amount: Number(o.refunded_amount),
        payment_method: o.payment_method,
        payment_provider: o.payment_provider,
        customer_id: o.customer_id,
        placed_at: instant(o.placed_at),
      }));
      expect(got.sort(byOrder)).toEqual(expected.sort(byOrder));
      const netRevenue = new Map(silver.map((o) => [o.order_id, Number(o.net_revenue)]));
      for (const order of facts.orders) expect(netRevenue.get(order.orderId)).toBe(orderRevenue(order));

      const lines = await rows('silver_order_items');
      expect(lines).toHaveLength(facts.raw.lines.length);
      expect(lines.filter((l) => l.added_later)).toHaveLength(
        outbox
          .filter((e) => e.event_type === 'order.items_added')
          .reduce((n, e) => n + (e.payload as { lines: unknown[] }).lines.length, 0),
      );
      for (const line of facts.raw.lines) {
        const found = lines.find((l) => l.line_id === line.id);
        expect(Number(found?.extended_price)).toBe(line.line_subtotal_minor);
      }
    });

    it('puts payments, refunds, feedback, tickets and deliveries in silver as PostgreSQL has them', async () => {
      const payments = await rows('silver_payments');
      const ofKind = (k: string) => payments.filter((p) => p.kind === k);
      const captured = facts.raw.payments.filter((p) => p.status === 'captured');
      expect(
        ofKind('captured')
          .map((p) => [p.payment_id, Number(p.amount)])
          .sort(),
      ).toEqual(captured.map((p) => [p.id, p.captured_minor]).sort());
      expect(
        ofKind('declined')
          .map((p) => p.payment_id)
          .sort(),
      ).toEqual(
        facts.raw.payments
          .filter((p) => p.status === 'declined')
          .map((p) => p.id)
          .sort(),
      );
      expect(
        ofKind('refunded')
          .map((p) => [p.refund_id, p.payment_id, Number(p.amount), p.method])
          .sort(),
      ).toEqual(
        facts.raw.refunds
          .map((r) => [
            r.id,
            r.payment_id,
            r.amount_minor,
            facts.raw.payments.find((p) => p.id === r.payment_id)?.method,
          ])
          .sort(),
      );
      const feedback = await rows('silver_feedback');
      expect(feedback.map((f) => [f.feedback_id, f.order_id, f.rating, f.nps]).sort()).toEqual(
        facts.raw.feedback.map((f) => [f.id, f.order_id, f.rating, f.nps]).sort(),
      );
      const tickets = await rows('silver_kitchen_tickets');
      const { rows: pgTickets } = await t.db.query<Record<string, Date | null | string | boolean>>(
        'SELECT id, order_id, station, created_at, started_at, ready_at, served_at, cancelled_at, finished_late FROM kitchen_tickets WHERE business_id = $1',
        [catalog.businessId],
      );
      const when = (v: unknown) => (v === null || v === undefined ? null : instant(v));
      expect(
        tickets
          .map((k) => [
            k.ticket_id,
            k.order_id,
            k.station,
            when(k.created_at),
            when(k.started_at),
            when(k.ready_at),
            when(k.served_at),
            when(k.cancelled_at),
            k.late,
          ])
          .sort(),
      ).toEqual(
        pgTickets
          .map((k) => [
            k.id,
            k.order_id,
            k.station,
            when(k.created_at),
            when(k.started_at),
            when(k.ready_at),
            when(k.served_at),
            when(k.cancelled_at),
            k.finished_late,
          ])
          .sort(),
      );
      const deliveries = await rows('silver_deliveries');
      expect(
        deliveries
          .map((d) => [
            d.order_id,
            d.driver_id,
            when(d.assigned_at),
            when(d.arrived_at),
            when(d.picked_up_at),
            when(d.delivered_at),
            when(d.failed_at),
          ])
          .sort(),
      ).toEqual(
        facts.deliveries
          .map((d) => [
            d.orderId,
            d.driverId,
            d.assignedAt,
            d.arrivedAt,
            d.pickedUpAt,
            d.deliveredAt,
            d.failedAt,
          ])
          .sort(),
      );
      const changes = await rows('silver_order_status_changes');
      expect(changes).toHaveLength(
        outbox.filter((e) =>
          ['order.confirmed', 'order.status_changed', 'order.cancelled', 'order.refunded'].includes(
            e.event_type,
          ),
        ).length,
      );
    });

    it('reconciles every gold day table with PostgreSQL, to the cent', async () => {
      const { orders, names, tickets, deliveries } = facts;
      const expected: Record<(typeof GOLD_DAY_TABLES)[number], Row[]> = {
        gold_order_header: expectedOrderHeader(orders),
        gold_item_sales_day: expectedItemSalesDay(orders, names),
        gold_brand_sales_day: expectedBrandSalesDay(orders, names),
        gold_location_sales_hourly: expectedLocationSalesHourly(orders),
        gold_daily_sales_summary: expectedDailySummary(orders, names),
        gold_item_performance: expectedItemPerformance(orders, names),
        gold_financial_day: expectedFinancialDay(orders),
        gold_feedback_day: expectedFeedbackDay(
          orders,
          facts.raw.feedback.map((f) => ({
            orderId: f.order_id as string,
            rating: f.rating as number | null,
            nps: f.nps as number | null,
          })),
        ),
        gold_phase_percentiles: expectedPhasePercentiles(orders, tickets, deliveries),
      };
      for (const table of GOLD_DAY_TABLES) {
        const got = await actual(table);
        expect(got.length, table).toBeGreaterThan(0);
        expect(got, table).toEqual(comparableRows(table, expected[table]));
      }
    });

    it('reconciles the metrics of every affected day, week and month, per location and business-wide', async () => {
      const headers = headerFacts();
      const expected = expectedMetrics(headers, periods()).map((m) => ({
        ...m,
        business_id: catalog.businessId,
      }));
      const got = await actual('gold_metrics');
      expect(got).toEqual(comparableRows('gold_metrics', expected));
      // The data set exercises every metric: repeat customers, lapsed ones, unfulfilled orders.
      expect(got.some((m) => (m.repeat_rate as number) > 0)).toBe(true);
      expect(got.some((m) => (m.churn_rate as number) > 0 && (m.churn_rate as number) < 1)).toBe(true);
      expect(got.some((m) => (m.fulfillment_rate as number) > 0 && (m.fulfillment_rate as number) < 1)).toBe(
        true,
      );
    });

    it('reconciles the distinct customers of every trailing window, per location and business-wide', async () => {
      const headers = headerFacts();
      const expected = expectedTrailingCustomers(headers, ends()).map((row) => ({
        ...row,
        business_id: catalog.businessId,
      }));
      const got = await actual('gold_trailing_customers');
      expect(got).toEqual(comparableRows('gold_trailing_customers', expected));
      // Windows that differ: a customer seen again after more than a week counts in 30 days, not in 7.
      const at = (row: Row, window: number) =>
        got.find(
          (r) =>
            r.period_end === row.period_end && r.location_id === row.location_id && r.window_days === window,
        )?.customers as number;
      expect(got.some((r) => r.window_days === 7 && (r.customers as number) < at(r, 365))).toBe(true);
    });

    it('changes nothing when every event arrives twice, in another order', async () => {
      const replayed = await DuckSession.open();
      try {
        const doubled = [
          ...outbox,
          ...outbox.map((e) => ({ ...e, log_offset: `${e.log_offset}-1` })),
        ].reverse();
        await buildDimensions(replayed, [doubled]);
        await buildSilver(replayed, doubled);
        await buildGold(replayed, periods(), ends());
        for (const table of [
          ...GOLD_DAY_TABLES,
          'gold_metrics',
          'gold_trailing_customers',
          'dim_items',
          'dim_locations',
        ] as const) {
          expect(comparableRows(table, await replayed.rows(`SELECT * FROM ${table}`)), table).toEqual(
            await actual(table),
          );
        }
      } finally {
        replayed.close();
      }
    });

    it('rejects orders that break a rule, with the reason, and keeps them out of silver and gold', async () => {
      const broken = brokenOrders(outbox);
      const session = await DuckSession.open();
      try {
        const events = [...outbox, ...broken.events];
        await buildDimensions(session, [events]);
        await buildSilver(session, events);
        await buildGold(session, periods(), ends());
        const rejected = await session.rows<{ event_id: string; order_id: string; reason: string }>(
          QUARANTINE_SQL,
        );
        expect(rejected.map((r) => [r.event_id, r.reason]).sort()).toEqual(broken.expected.sort());
        const silverIds = (
          await session.rows<{ order_id: string }>('SELECT order_id FROM silver_orders')
        ).map((r) => r.order_id);
        for (const orderId of broken.orderIds) expect(silverIds).not.toContain(orderId);
        expect(silverIds).toHaveLength(facts.orders.length);
        for (const table of [...GOLD_DAY_TABLES, 'gold_metrics', 'gold_trailing_customers'] as const) {
          expect(comparableRows(table, await session.rows(`SELECT * FROM ${table}`)), table).toEqual(
            await actual(table),
          );
        }
      } finally {
        session.close();
      }
    });
  });
}

const byId = (a: { id: unknown }, b: { id: unknown }) => (String(a.id) < String(b.id) ? -1 : 1);
const byOrder = (a: { order_id: unknown }, b: { order_id: unknown }) =>
  String(a.order_id) < String(b.order_id) ? -1 : 1;

/**
 * The story: orders at three locations over a few days around Toronto's DST change, a few months after
 * a first order, with every outcome the lake must handle. Placement, kitchen and delivery steps run on
 * the app's clock; payments, status changes, refunds and feedback on the wall clock, so they land
 * long after placement — late data, as a late refund or rating would be.
 */
async function playOrders(t: TestApp, catalog: Catalog, ownerToken: string): Promise<void> {
  const { businessId, locations: loc, items, options } = catalog;
  const staff = (position: 'kitchen' | 'cashier' | 'driver') =>
    t.userToken({ memberships: [{ businessId, role: 'staff', position }] });
  const cook = await staff('kitchen');
  const cashier = await staff('cashier');
  const driver = await staff('driver');
  const otherDriver = await staff('driver');
  const manager = await t.userToken({ memberships: [{ businessId, role: 'manager' }] });
  const [c1, c2, c3, c4] = await Promise.all([t.userToken(), t.userToken(), t.userToken(), t.userToken()]);
  if (!c1 || !c2 || !c3 || !c4) throw new Error('no customers');
  const o = new OrderDriver(t, { cook, cashier, manager });
  const api = adminApi(t, businessId, ownerToken);
  const burger = (quantity: number, modifiers: string[] = []) => ({
    itemId: items.burger,
    quantity,
    modifiers,
  });

  // A first order months before: its customer has lapsed by March.
  o.at('2024-11-04T17:00:00Z');
  const first = await o.place({
    location: loc.toronto,
    token: c4.token,
    items: [burger(1), { itemId: items.fries, quantity: 1 }],
  });
  await o.kitchen(first, loc.toronto, 'served');
  await o.move(first, 'completed');

  // Saturday in Toronto: takeout with tip and a recalled ticket, a multi-brand delivery with a promo
  // code, a guest dine-in entered by the cashier.
  o.at('2025-03-08T16:00:00Z');
  const takeout = await o.place({
    location: loc.toronto,
    token: c1.token,
    items: [burger(2, [options.cheese]), { itemId: items.fries, quantity: 1 }],
    tip: { percentBps: 1500 },
  });
  await o.kitchen(takeout, loc.toronto, 'served', true);
  await o.move(takeout, 'completed');
  await o.feedback(takeout, c1.token, 5, 10);

  o.at('2025-03-08T18:30:00Z');
  const delivery = await o.place({
    location: loc.toronto,
    token: c2.token,
    serviceType: 'delivery',
    items: [burger(1, [options.bacon]), { itemId: items.ramen, quantity: 1 }],
    promoCode: 'SPRING10',
    tip: { percentBps: 1000 },
  });
  await o.deliver(delivery, loc.toronto, driver);
  await o.feedback(delivery, c2.token, 4, 8);

  o.at('2025-03-08T19:00:00Z');
  const dineIn = await o.place({
    location: loc.toronto,
    token: cashier.token,
    serviceType: 'dine_in',
    items: [
      { itemId: items.ramen, quantity: 2 },
      { itemId: items.gyoza, quantity: 1 },
    ],
  });
  await o.kitchen(dineIn, loc.toronto, 'served');

  // Menu and brand changes between the days: later lines carry the new price, dimensions the new name.
  o.at('2025-03-09T00:00:00Z');
  await api('PATCH', `/menu/items/${items.fries}`, { priceMinor: 549 });
  await api('PATCH', `/brands/${catalog.brands.noodles}`, { name: 'Noodle Bar & Co' });
  await api('PATCH', `/locations/${loc.kolkata}`, { status: 'paused' });
  await api('PATCH', `/locations/${loc.kolkata}`, { status: 'open' });

  // Kolkata: a declined card, a customer cancellation after payment, a delivery whose first driver
  // fails, then a partial refund; an order after local midnight.
  o.at('2025-03-09T04:00:00Z');
  await o.place({
    location: loc.kolkata,
    token: c1.token,
    items: [{ itemId: items.ramen, quantity: 1 }],
    payment: { method: 'credit_card', cardNumber: '4000000000000002' },
    expectStatus: 402,
  });
  o.at('2025-03-09T06:00:00Z');
  const cancelled = await o.place({
    location: loc.kolkata,
    token: c3.token,
    items: [{ itemId: items.fries, quantity: 3 }],
  });
  await o.cancel(cancelled, c3.token);
  o.at('2025-03-09T08:00:00Z');
  const failedFirst = await o.place({
    location: loc.kolkata,
    token: c3.token,
    serviceType: 'delivery',
    items: [
      { itemId: items.ramen, quantity: 1 },
      { itemId: items.gyoza, quantity: 2 },
    ],
  });
  await o.deliver(failedFirst, loc.kolkata, driver, { failFirst: otherDriver });
  await o.refund(failedFirst, 500);
  o.at('2025-03-09T20:00:00Z');
  const kolkataNight = await o.place({ location: loc.kolkata, token: c2.token, items: [burger(1)] });
  await o.kitchen(kolkataNight, loc.kolkata, 'served');
  await o.move(kolkataNight, 'completed');

  // London: a full refund after completion (rated afterwards), a dine-in with items added later.
  o.at('2025-03-09T12:00:00Z');
  const refunded = await o.place({
    location: loc.london,
    token: c2.token,
    items: [burger(1, [options.bacon, options.cheese])],
  });
  await o.kitchen(refunded, loc.london, 'served');
  await o.move(refunded, 'completed');
  await o.refund(refunded);
  await o.feedback(refunded, c2.token, 1, 0);
  o.at('2025-03-09T13:00:00Z');
  const added = await o.place({
    location: loc.london,
    token: c4.token,
    serviceType: 'dine_in',
    items: [{ itemId: items.ramen, quantity: 1 }],
  });
  o.later(5);
  await o.addItems(added, c4.token, [{ itemId: items.gyoza, quantity: 2 }]);
  await o.kitchen(added, loc.london, 'served');

  // Toronto late Sunday evening (after the DST change: UTC−4), paid partly with loyalty points, left
  // confirmed; Monday: a cash order still being prepared.
  o.at('2025-03-10T03:30:00Z');
  await o.place({
    location: loc.toronto,
    token: c1.token,
    items: [{ itemId: items.fries, quantity: 2 }],
    loyaltyPointsToRedeem: 20,
  });
  o.at('2025-03-10T15:00:00Z');
  const preparing = await o.place({
    location: loc.toronto,
    token: c3.token,
    items: [burger(1), { itemId: items.fries, quantity: 1 }],
    payment: { method: 'cash' },
  });
  // The grill ticket is bumped to ready and recalled (no ready_at any more); the fry ticket waits.
  await o.ticketStep(preparing, loc.toronto, 'grill', 'bump');
  await o.ticketStep(preparing, loc.toronto, 'grill', 'bump');
  await o.ticketStep(preparing, loc.toronto, 'grill', 'recall');

  // London, 23:30 UTC on 31 March is 00:30 on 1 April (BST): another month locally.
  o.at('2025-03-31T23:30:00Z');
  const april = await o.place({
    location: loc.london,
    token: c2.token,
    items: [{ itemId: items.gyoza, quantity: 1 }],
  });
  await o.kitchen(april, loc.london, 'served');
  await o.move(april, 'completed');
}
