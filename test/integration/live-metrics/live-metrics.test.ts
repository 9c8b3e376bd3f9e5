import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveMetricsConsumer } from '../../../src/consumers/live-metrics-consumer.js';
import type { EventEnvelope } from '../../../src/domain/events/envelope.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import type { LiveMetricsSnapshot } from '../../../src/services/live-metrics/live-metrics-snapshot.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { drainPipeline } from '../../support/pipeline.js';

const DECLINED_CARD = '4000000000009995';

for (const kind of await databaseKinds()) {
  describe(`live metrics on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let customer: { token: string };
    let owner: { token: string };
    let manager: { token: string };
    let kitchen: { token: string };
    const drain = () => drainPipeline(t.db, { consumers: [liveMetricsConsumer()] });

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      owner = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'owner' }] });
      manager = await t.userToken({ memberships: [{ businessId: f.businessId, role: 'manager' }] });
      kitchen = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen' }],
      });
    });
    afterAll(() => t.close());

    const place = async (
      options: { quantity?: number; tipBps?: number; card?: string; location?: string } = {},
    ) => {
      const response = await t.request({
        method: 'POST',
        url: `/api/v1/restaurants/${options.location ?? f.locationId}/orders`,
        token: customer.token,
        body: {
          serviceType: 'takeout',
          items: [{ itemId: f.items.fries, quantity: options.quantity ?? 1 }],
          ...(options.tipBps !== undefined ? { tip: { percentBps: options.tipBps } } : {}),
          payment: { method: 'credit_card', ...(options.card ? { cardNumber: options.card } : {}) },
        },
      });
      expect([201, 402]).toContain(response.statusCode);
      const body = response.json();
      return (response.statusCode === 402 ? body.order : body) as {
        id: string;
        totals: { totalMinor: number };
      };
    };
    const snapshot = async (): Promise<LiveMetricsSnapshot> => {
      const response = await t.request({
        method: 'GET',
        url: `/api/v1/businesses/${f.businessId}/live-metrics`,
        token: owner.token,
      });
      expect(response.statusCode).toBe(200);
      return response.json() as LiveMetricsSnapshot;
    };
    /**
     * The same figures computed independently, straight from orders and payments: orders placed on the
     * location's local day of `now`, counted when paid and neither cancelled nor refunded.
     */
    const fromTables = async (locationId: string, now: Date) => {
      const { rows } = await t.db.query<{
        orders: number;
        revenue: number;
        tips: number;
        cancellations: number;
      }>(
        `WITH today AS (
           SELECT o.* FROM orders o JOIN locations l ON l.id = o.location_id
            WHERE o.location_id = $1
              AND (o.placed_at AT TIME ZONE l.time_zone)::date = ($2::timestamptz AT TIME ZONE l.time_zone)::date
         ), paid AS (
           SELECT p.order_id, sum(p.captured_minor - p.refunded_minor) AS net FROM payments p
            WHERE p.status = 'captured' GROUP BY p.order_id
         )
         SELECT count(*) FILTER (WHERE today.status NOT IN ('placed', 'cancelled', 'refunded'))::int AS orders,
                COALESCE(sum(paid.net) FILTER (WHERE today.status NOT IN ('placed', 'cancelled', 'refunded')), 0)::int AS revenue,
                COALESCE(sum(today.tip_minor) FILTER (WHERE today.status NOT IN ('placed', 'cancelled', 'refunded')), 0)::int AS tips,
                count(*) FILTER (WHERE today.status = 'cancelled')::int AS cancellations
           FROM today LEFT JOIN paid ON paid.order_id = today.id`,
        [locationId, now.toISOString()],
      );
      const row = rows[0] ?? { orders: 0, revenue: 0, tips: 0, cancellations: 0 };
      return {
        orders: row.orders,
        revenueMinor: row.revenue,
        tipsMinor: row.tips,
        cancellations: row.cancellations,
        averageOrderValueMinor: row.orders > 0 ? Math.round(row.revenue / row.orders) : null,
      };
    };
    const moneyFigures = (figures: LiveMetricsSnapshot['business']) => ({
      orders: figures.orders,
      revenueMinor: figures.revenueMinor,
      tipsMinor: figures.tipsMinor,
      cancellations: figures.cancellations,
      averageOrderValueMinor: figures.averageOrderValueMinor,
    });

    it("keeps today's orders, revenue, tips and cancellations equal to the orders and payments tables", async () => {
      const completed = await place({ quantity: 3, tipBps: 1500 });
      for (const status of ['preparing', 'ready', 'picked_up', 'completed']) {
        const moved = await t.request({
          method: 'POST',
          url: `/api/v1/orders/${completed.id}/status`,
          token: manager.token,
          body: { status },
        });
        expect(moved.statusCode).toBe(200);
      }
      const extended = await place({ quantity: 2, tipBps: 1000 });
      // Items added later are paid by a second capture (without a tip).
      const added = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${extended.id}/items`,
        token: customer.token,
        headers: { 'idempotency-key': `add-${extended.id}` },
        body: { items: [{ itemId: f.items.cake, quantity: 1 }], payment: { method: 'credit_card' } },
      });
      expect(added.statusCode, added.body).toBeLessThan(300);
      const partlyRefunded = await place({ quantity: 4 });
      const fullyRefunded = await place({ quantity: 1, tipBps: 500 });
      const cancelled = await place({ quantity: 2, tipBps: 2000 });
      await place({ quantity: 5, card: DECLINED_CARD });
      const refund = (orderId: string, amountMinor?: number) =>
        t.request({
          method: 'POST',
          url: `/api/v1/orders/${orderId}/refunds`,
          token: owner.token,
          body: { reason: 'cold fries', ...(amountMinor ? { amountMinor } : {}) },
        });
      expect((await refund(partlyRefunded.id, 333)).statusCode).toBe(201);
      expect((await refund(fullyRefunded.id)).statusCode).toBe(201);
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${cancelled.id}/cancel`,
        token: customer.token,
        body: { reason: 'changed my mind' },
      });
      expect(cancel.statusCode).toBe(200);

      await drain();
      const live = await snapshot();
      const expected = await fromTables(f.locationId, t.clock.now);
      expect(expected.orders).toBe(3);
      expect(expected.cancellations).toBe(2);
      expect(moneyFigures(live.business)).toEqual(expected);
      const location = live.locations.find((l) => l.locationId === f.locationId);
      expect(location && moneyFigures(location)).toEqual(expected);
      expect(live.otherCurrencies).toEqual([]);

      // A refund after the fact moves today's revenue (the order was placed today).
      expect((await refund(completed.id, 100)).statusCode).toBe(201);
      await drain();
      expect(moneyFigures((await snapshot()).business)).toEqual(await fromTables(f.locationId, t.clock.now));
    });

    it('does not count an event twice when the events are replayed', async () => {
      await place({ quantity: 2, tipBps: 1200 });
      await drain();
      const before = await snapshot();
      expect(moneyFigures(before.business)).toEqual(await fromTables(f.locationId, t.clock.now));

      // Replay through the bus: the group starts over from the beginning of the log.
      await t.db.query(`UPDATE bus_groups SET committed_position = 0 WHERE group_name = 'live-metrics'`);
      await drain();
      expect(await snapshot()).toEqual(before);

      // Replay straight into the handler, bypassing the framework's dedupe: the facts are absolute.
      const { rows } = await t.db.query<EventEnvelope & { occurred_at: Date | string }>(
        `SELECT event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload
           FROM outbox WHERE business_id = $1 ORDER BY position`,
        [f.businessId],
      );
      const events = rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at).toISOString() }));
      await t.db.transaction((tx) => liveMetricsConsumer().handle(tx, events, { now: () => t.clock.now }));
      expect(await snapshot()).toEqual(before);
    });

    it("counts each location on its own local day and sums the business over the locations' todays", async () => {
      const other = await seedRestaurant(t.db);
      const saved = t.clock.now;
      // A second location of the same business, in Vancouver (three hours behind Toronto).
      const vancouver = randomUUID();
      await t.db.query(
        `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                                service_types)
         VALUES ($1, $2, 'VAN-1', 'Vancouver', '{"line1":"1 Main","city":"Vancouver"}', 49.28, -123.12,
                 'America/Vancouver', 'CAD', '[]', '{takeout}')`,
        [vancouver, f.businessId],
      );
      await t.db.query(
        `INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)`,
        [f.businessId, f.brandId, vancouver],
      );
      try {
        // 23:30 in Toronto on 9 March (EDT, UTC−4); 20:30 in Vancouver.
        t.clock.now = new Date('2025-03-10T03:30:00Z');
        const lateEvening = await place({ quantity: 1 });
        const vancouverEvening = await place({ quantity: 2, location: vancouver });
        // 00:30 in Toronto on 10 March; 21:30 on 9 March in Vancouver.
        t.clock.now = new Date('2025-03-10T04:30:00Z');
        const afterMidnight = await place({ quantity: 3 });
        await drain();

        const at = async (iso: string) => {
          t.clock.now = new Date(iso);
          return snapshot();
        };
        const beforeMidnight = await at('2025-03-10T03:45:00Z');
        const toronto = (s: LiveMetricsSnapshot) => s.locations.find((l) => l.locationId === f.locationId);
        const van = (s: LiveMetricsSnapshot) => s.locations.find((l) => l.locationId === vancouver);
        expect(toronto(beforeMidnight)?.date).toBe('2025-03-09');
        expect(toronto(beforeMidnight)?.orders).toBe(1);
        expect(toronto(beforeMidnight)?.revenueMinor).toBe(lateEvening.totals.totalMinor);

        const nextDay = await at('2025-03-10T05:00:00Z');
        expect(toronto(nextDay)?.date).toBe('2025-03-10');
        expect(toronto(nextDay)?.revenueMinor).toBe(afterMidnight.totals.totalMinor);
        expect(van(nextDay)?.date).toBe('2025-03-09');
        expect(van(nextDay)?.revenueMinor).toBe(vancouverEvening.totals.totalMinor);
        // The business is Toronto's 10 March plus Vancouver's 9 March.
        expect(nextDay.business.orders).toBe(2);
        expect(nextDay.business.revenueMinor).toBe(
          afterMidnight.totals.totalMinor + vancouverEvening.totals.totalMinor,
        );
        // Each location's figures equal the independent computation at that instant.
        expect(moneyFigures(toronto(nextDay) as LiveMetricsSnapshot['business'])).toEqual(
          await fromTables(f.locationId, t.clock.now),
        );
        expect(moneyFigures(van(nextDay) as LiveMetricsSnapshot['business'])).toEqual(
          await fromTables(vancouver, t.clock.now),
        );
        // Another business's figures never leak in.
        expect(nextDay.locations.map((l) => l.locationId)).not.toContain(other.locationId);
      } finally {
        t.clock.now = saved;
      }
    });

    it('keeps open tickets, prep time and late tickets from the kitchen events', async () => {
      const other = await seedRestaurant(t.db);
      // Noon in Toronto, so the hour of tickets before it is on the same local day.
      const saved = t.clock.now;
      t.clock.now = new Date('2025-06-15T16:00:00Z');
      const base = new Date(t.clock.now.getTime() - 60 * 60_000);
      const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000).toISOString();
      const tickets = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const ref = (ticket: string) => ({ ticket_id: ticket, order_id: null, station: 'grill' });
      const event = (type: string, payload: Record<string, unknown>) =>
        ({ type, businessId: other.businessId, locationId: other.locationId, payload }) as never;
      await t.db.transaction((tx) =>
        appendEvents(tx, [
          ...tickets.map((ticket, index) =>
            event('kitchen.ticket_created', {
              ...ref(ticket),
              priority: 0,
              // The fourth ticket's target has passed: it is overdue while still open.
              target_at: index === 3 ? at(5) : at(600),
              created_at: at(index),
              items: [
                {
                  ticket_item_id: randomUUID(),
                  order_line_id: null,
                  item_id: null,
                  name: 'Burger',
                  quantity: 1,
                  modifiers: [],
                  notes: null,
                },
              ],
            }),
          ),
          event('kitchen.ticket_ready', {
            ...ref(tickets[0] as string),
            started_at: at(1),
            ready_at: at(11),
            target_at: at(600),
            prep_seconds: 600,
            late: false,
          }),
          event('kitchen.ticket_served', { ...ref(tickets[0] as string), served_at: at(12) }),
          event('kitchen.ticket_ready', {
            ...ref(tickets[1] as string),
            started_at: at(2),
            ready_at: at(17),
            target_at: at(10),
            prep_seconds: 900,
            late: true,
          }),
          event('kitchen.ticket_served', { ...ref(tickets[1] as string), served_at: at(18) }),
          // Recalled from served: it is open again.
          event('kitchen.ticket_recalled', {
            ...ref(tickets[1] as string),
            from: 'served',
            to: 'ready',
            at: at(19),
          }),
          event('kitchen.ticket_cancelled', {
            ...ref(tickets[2] as string),
            reason: 'out of buns',
            at: at(20),
          }),
        ]),
      );
      await drain();
      const response = await t.request({
        method: 'GET',
        url: `/api/v1/businesses/${other.businessId}/live-metrics`,
        token: (await t.userToken({ platformRole: 'platform_admin' })).token,
      });
      expect(response.statusCode).toBe(200);
      const figures = (response.json() as LiveMetricsSnapshot).business;
      expect(figures).toMatchObject({
        ticketsCreated: 4,
        openTickets: 2, // the recalled one and the one never started
        overdueTickets: 1,
        readyTickets: 2,
        averagePrepSeconds: 750,
        lateTickets: 1,
      });
      t.clock.now = saved;
    });

    it('housekeeping deletes the facts of orders and finished tickets of days past the retention only', async () => {
      const { businessId, locationId } = f;
      const fact = (days: number) => ({ id: randomUUID(), days });
      const orders = [fact(0), fact(3), fact(9)];
      const tickets = [
        { ...fact(9), status: 'served', readyDays: 9 as number | null },
        { ...fact(9), status: 'cancelled', readyDays: null },
        // Created long ago but ready two days ago, and one still open: both kept.
        { ...fact(9), status: 'served', readyDays: 2 },
        { ...fact(9), status: 'pending', readyDays: null },
        { ...fact(1), status: 'served', readyDays: 1 },
      ];
      for (const order of orders) {
        await t.db.query(
          `INSERT INTO live_metrics_orders (order_id, business_id, location_id, local_date, currency)
           VALUES ($1, $2, $3, current_date - $4::int, 'CAD')`,
          [order.id, businessId, locationId, order.days],
        );
      }
      for (const ticket of tickets) {
        await t.db.query(
          `INSERT INTO live_metrics_tickets (ticket_id, business_id, location_id, created_date, status, ready_date)
           VALUES ($1, $2, $3, current_date - $4::int, $5, current_date - $6::int)`,
          [ticket.id, businessId, locationId, ticket.days, ticket.status, ticket.readyDays],
        );
      }
      const weekAgo = new Date(Date.now() - 7 * 86_400_000);
      const deleted = await liveMetricsConsumer().prune?.(t.db, weekAgo);
      // At least these three: earlier tests of this suite leave facts of other days behind.
      expect(deleted).toBeGreaterThanOrEqual(3);
      const left = async (table: string, key: string, ids: string[]) =>
        (
          await t.db.query<{ id: string }>(
            `SELECT ${key} AS id FROM ${table} WHERE ${key} = ANY($1::uuid[])`,
            [ids],
          )
        ).rows
          .map((row) => row.id)
          .sort();
      expect(
        await left(
          'live_metrics_orders',
          'order_id',
          orders.map((o) => o.id),
        ),
      ).toEqual([orders[0]?.id, orders[1]?.id].sort());
      expect(
        await left(
          'live_metrics_tickets',
          'ticket_id',
          tickets.map((o) => o.id),
        ),
      ).toEqual([tickets[2]?.id, tickets[3]?.id, tickets[4]?.id].sort());
    });

    it('answers owners, managers and platform admins only', async () => {
      const url = `/api/v1/businesses/${f.businessId}/live-metrics`;
      expect((await t.request({ method: 'GET', url, token: manager.token })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url, token: kitchen.token })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url, token: customer.token })).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url })).statusCode).toBe(401);
    });
  });
}
