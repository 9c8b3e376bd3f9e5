import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitchenConsumer } from '../../../src/consumers/kitchen-consumer.js';
import type { EventEnvelope } from '../../../src/domain/events/envelope.js';
import { importEnvelopes } from '../../../src/outbox/outbox-import.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { drainPipeline } from '../../support/pipeline.js';

/**
 * Orders that exist only as events: a foreign producer's envelopes put on the (embedded) bus reach the
 * kitchen like Brigade's own, and replays never duplicate tickets.
 */
for (const kind of await databaseKinds()) {
  describe(`kitchen consumer with foreign orders on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let cook: { token: string };
    const consumer = kitchenConsumer();
    const drain = () => drainPipeline(t.db, { consumers: [consumer], now: () => t.clock.now });

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      await t.db.query(`UPDATE menu_items SET prep_minutes = 7 WHERE id = $1`, [f.items.burger]);
      cook = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'kitchen' }],
      });
    });
    afterAll(() => t.close());

    let sequence = 0;
    const envelope = (
      type: string,
      orderId: string,
      payload: unknown,
      occurredAt = new Date(),
    ): EventEnvelope => ({
      event_id: randomUUID(),
      event_type: type,
      version: 1,
      occurred_at: occurredAt.toISOString(),
      business_id: f.businessId,
      location_id: f.locationId,
      order_id: orderId,
      sequence: sequence++,
      payload,
    });
    /** What an external producer would XADD; on the embedded bus, the log is the outbox table. */
    const publish = async (event: EventEnvelope) => {
      await importEnvelopes(t.db, [event]);
    };
    const line = (itemId: string, station: string, lineNumber: number, name: string) => ({
      line_id: randomUUID(),
      line_number: lineNumber,
      item_id: itemId,
      brand_id: f.brandId,
      category_id: f.categoryId,
      name,
      station,
      unit_price: 1000,
      unit_cost: null,
      quantity: 1,
      modifiers: [
        {
          group_id: randomUUID(),
          group_name: 'Sauce',
          option_id: randomUUID(),
          name: 'Extra sauce',
          price: 0,
        },
      ],
      line_subtotal: 1000,
      discount: 0,
      notes: null,
    });
    const totals = {
      currency: 'CAD',
      subtotal: 1000,
      discount: 0,
      loyalty_discount: 0,
      tax: 0,
      tip: 0,
      delivery_fee: 0,
      total: 1000,
    };
    const placed = (orderId: string, lines: unknown[]) =>
      envelope('order.created', orderId, {
        status: 'placed',
        customer_id: null,
        placed_by: null,
        channel: 'aggregator',
        service_type: 'delivery',
        table_number: null,
        delivery: { address: { line1: '9 Queen St' }, lat: 43.6, lon: -79.4 },
        lines,
        totals,
        promo_code: null,
        applied_offers: [],
        loyalty_points_redeemed: 0,
        placed_at: new Date().toISOString(),
      });
    const confirmed = (orderId: string, at = new Date()) =>
      envelope(
        'order.confirmed',
        orderId,
        { from: 'placed', to: 'confirmed', actor: { user_id: null, role: 'system' } },
        at,
      );
    const ticketsOf = async (orderId: string) => {
      const response = await t.request({
        method: 'GET',
        url: `/api/v1/locations/${f.locationId}/kitchen/tickets?active=false&limit=500`,
        token: cook.token,
      });
      return (
        response.json().tickets as {
          id: string;
          orderId: string;
          station: string;
          status: string;
          priority: number;
          createdAt: string;
          targetAt: string;
          items: { name: string; modifiers: { name: string }[] }[];
        }[]
      ).filter((ticket) => ticket.orderId === orderId);
    };

    it('routes a foreign order from the bus, with lines added before confirmation, and cooks it', async () => {
      const orderId = randomUUID();
      const unknownItem = randomUUID();
      const confirmedAt = new Date(Date.now() - 60_000);
      await publish(
        placed(orderId, [
          line(f.items.burger, 'grill', 1, 'Burger'),
          line(unknownItem, 'wok', 2, 'Pad thai'),
        ]),
      );
      await publish(
        envelope('order.items_added', orderId, {
          addition_id: randomUUID(),
          lines: [line(f.items.fries, 'grill', 3, 'Fries')],
          added: totals,
          totals,
          added_by: { user_id: null, role: 'customer' },
          at: new Date().toISOString(),
        }),
      );
      await publish(confirmed(orderId, confirmedAt));
      await drain();

      const tickets = await ticketsOf(orderId);
      const grill = tickets.find((ticket) => ticket.station === 'grill');
      const wok = tickets.find((ticket) => ticket.station === 'wok');
      expect(grill?.items.map((item) => item.name)).toEqual(['Burger', 'Fries']);
      expect(grill?.items[0]?.modifiers).toEqual([{ name: 'Extra sauce' }]);
      expect(grill?.priority).toBe(6); // delivery
      expect(grill?.createdAt).toBe(confirmedAt.toISOString());
      // Longest known prep on the grill: fries keep the default 10 minutes, over the burger's 7.
      expect(Date.parse(grill?.targetAt ?? '') - confirmedAt.getTime()).toBe(10 * 60_000);
      expect(Date.parse(wok?.targetAt ?? '') - confirmedAt.getTime()).toBe(10 * 60_000);

      // Kitchen events name the foreign order in the payload; the envelope cannot (no orders row).
      const { rows } = await t.db.query<{ order_id: string | null }>(
        `SELECT order_id FROM outbox WHERE event_type = 'kitchen.ticket_created' AND payload->>'order_id' = $1`,
        [orderId],
      );
      expect(rows).toEqual([{ order_id: null }, { order_id: null }]);

      for (let step = 0; step < 3; step++) {
        const bumped = await t.request({
          method: 'POST',
          url: `/api/v1/locations/${f.locationId}/kitchen/tickets/${grill?.id}/bump`,
          token: cook.token,
        });
        expect(bumped.statusCode, bumped.body).toBe(200);
      }
      expect((await ticketsOf(orderId)).find((ticket) => ticket.station === 'grill')?.status).toBe('served');
    });

    it('never duplicates tickets: replayed confirmations under new event ids, or the same event twice', async () => {
      const orderId = randomUUID();
      await publish(placed(orderId, [line(f.items.burger, 'grill', 1, 'Burger')]));
      const confirm = confirmed(orderId);
      await publish(confirm);
      await drain();
      expect(await ticketsOf(orderId)).toHaveLength(1);

      await publish(confirmed(orderId)); // a producer retrying under a fresh event id
      await drain();
      await t.db.transaction((tx) => consumer.handle(tx, [confirm, confirm], { now: () => new Date() }));
      expect(await ticketsOf(orderId)).toHaveLength(1);
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'kitchen.ticket_created' AND payload->>'order_id' = $1`,
        [orderId],
      );
      expect(rows[0]?.n).toBe(1);
    });

    it("cancels a foreign order's open tickets, and a confirmation after cancellation routes nothing", async () => {
      const orderId = randomUUID();
      await publish(placed(orderId, [line(f.items.burger, 'grill', 1, 'Burger')]));
      await publish(confirmed(orderId));
      await publish(
        envelope('order.cancelled', orderId, {
          from: 'confirmed',
          to: 'cancelled',
          actor: { user_id: null, role: 'system' },
          reason: 'aggregator cancelled',
        }),
      );
      await drain();
      expect((await ticketsOf(orderId)).map((ticket) => ticket.status)).toEqual(['cancelled']);

      const late = randomUUID();
      await publish(placed(late, [line(f.items.burger, 'grill', 1, 'Burger')]));
      await publish(
        envelope('order.cancelled', late, {
          from: 'placed',
          to: 'cancelled',
          actor: { user_id: null, role: 'system' },
          reason: 'customer',
        }),
      );
      await publish(confirmed(late));
      await drain();
      expect(await ticketsOf(late)).toEqual([]);
    });

    it('refuses events it cannot place in a kitchen (dead-lettered with the reason)', async () => {
      const other = await seedRestaurant(t.db);
      const wrongTenant = {
        ...placed(randomUUID(), [line(f.items.burger, 'grill', 1, 'Burger')]),
        location_id: other.locationId,
      };
      await expect(
        t.db.transaction((tx) =>
          consumer.handle(tx, [{ ...wrongTenant, event_type: 'order.placed' }], { now: () => new Date() }),
        ),
      ).rejects.toThrow(/is not a location of business/);
      const neverPlaced = confirmed(randomUUID());
      await expect(
        t.db.transaction((tx) => consumer.handle(tx, [neverPlaced], { now: () => new Date() })),
      ).rejects.toThrow(/never saw placed/);
    });
  });
}
