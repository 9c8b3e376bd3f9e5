import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import type { LoggedEvent } from '../../../src/domain/events/envelope.js';
import { relayOnce } from '../../../src/outbox/outbox-relay.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import type { RestaurantFixture } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';
import { seedTwoTenants } from '../../support/two-tenants.js';
import { appendBulkEvents } from '../realtime/realtime-harness.js';

/**
 * GET /api/v1/businesses/{businessId}/events: the business's committed events in commit order, paged
 * by offset (the outbox log position), on real databases with the real relay and consumers.
 */
for (const kind of await databaseKinds()) {
  describe(`business event feed on ${kind.name}`, () => {
    let t: TestApp;
    let a: RestaurantFixture;
    let b: RestaurantFixture;
    let ownerA: string;
    let ownerB: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      ({ a, b, ownerA, ownerB } = await seedTwoTenants(t));
      // Two businesses' events interleaved in the log: orders through the API (with the kitchen's and the
      // notifications' own events from the consumers), and bulk menu changes.
      const customer = await t.userToken();
      for (let round = 0; round < 3; round++) {
        for (const fixture of [a, b]) {
          await placeOrder(t, {
            locationId: fixture.locationId,
            token: customer.token,
            items: [{ itemId: fixture.items.fries, quantity: 1 }],
          });
          await appendBulkEvents(t.db, fixture.businessId, 7, 10);
        }
      }
      await drainPipeline(t.db);
    });
    afterAll(() => t.close());

    const page = (businessId: string, query: string, token = ownerA) =>
      t.request({ method: 'GET', url: `/api/v1/businesses/${businessId}/events${query}`, token });

    const readAll = async (businessId: string, limit: number, token = ownerA) => {
      const events: LoggedEvent[] = [];
      let since = 0;
      for (let pages = 0; pages < 1000; pages++) {
        const response = await page(businessId, `?since=${since}&limit=${limit}`, token);
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json() as { events: LoggedEvent[]; next_since: number };
        if (body.events.length === 0) {
          expect(body.next_since).toBe(since);
          return events;
        }
        expect(body.events.length).toBeLessThanOrEqual(limit);
        expect(body.next_since).toBe(body.events[body.events.length - 1]?.offset);
        events.push(...body.events);
        since = body.next_since;
      }
      throw new Error('the feed never ended');
    };

    it('pages over every committed event of the business exactly once, in commit order', async () => {
      const events = await readAll(a.businessId, 7);
      const { rows } = await t.db.query<{ event_id: string; log_position: number }>(
        `SELECT event_id, log_position FROM outbox
         WHERE business_id = $1 AND event_type NOT LIKE 'notification.%' ORDER BY log_position`,
        [a.businessId],
      );
      expect(rows.length).toBeGreaterThan(30);
      expect(events.map((event) => event.event_id)).toEqual(rows.map((row) => row.event_id));
      expect(events.map((event) => event.offset)).toEqual(rows.map((row) => row.log_position));
      expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
      // The envelope of docs/events.md, with its offset first.
      expect(Object.keys(events[0] ?? {})).toEqual([
        'offset',
        'event_id',
        'event_type',
        'version',
        'occurred_at',
        'business_id',
        'location_id',
        'order_id',
        'sequence',
        'payload',
      ]);
      const types = new Set(events.map((event) => event.event_type));
      expect(types).toContain('order.placed');
      expect(types).toContain('kitchen.ticket_created');
      expect(types).toContain('menu.changed');
      // Notifications are messages to one person: not in the feed.
      const notifications = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE business_id = $1 AND event_type LIKE 'notification.%'`,
        [a.businessId],
      );
      expect(notifications.rows[0]?.n).toBeGreaterThan(0);
      expect([...types].some((type) => type.startsWith('notification.'))).toBe(false);

      // A page the size of everything gives the same; the default page holds them all too.
      expect((await readAll(a.businessId, 5000)).map((event) => event.event_id)).toEqual(
        events.map((event) => event.event_id),
      );
      const whole = (await page(a.businessId, '')).json() as { events: LoggedEvent[] };
      expect(whole.events).toEqual(events);
    });

    it('shows committed events once the relay has given them an offset, after what was read', async () => {
      const before = await readAll(a.businessId, 1000);
      const last = before[before.length - 1]?.offset ?? 0;
      const { rows } = await t.db.query<{ head: number }>('SELECT max(log_position) AS head FROM outbox');
      const head = rows[0]?.head ?? 0;
      await appendBulkEvents(t.db, a.businessId, 3, 10);
      const waiting = (await page(a.businessId, `?since=${last}`)).json() as { events: LoggedEvent[] };
      expect(waiting.events).toEqual([]);
      await relayOnce(t.db, new EmbeddedBus(t.db), 1000);
      const next = (await page(a.businessId, `?since=${last}`)).json() as {
        events: LoggedEvent[];
        next_since: number;
      };
      // Nothing else was waiting for the relay, so they take the next offsets of the whole log (the
      // business's last event before them need not have been the log's last: offsets are shared).
      expect(next.events.map((event) => event.offset)).toEqual([head + 1, head + 2, head + 3]);
      expect(next.next_since).toBe(head + 3);
    });

    it("keeps each business's feed to its own events and callers", async () => {
      const eventsOfB = await readAll(b.businessId, 10, ownerB);
      expect(eventsOfB.length).toBeGreaterThan(10);
      expect(eventsOfB.every((event) => event.business_id === b.businessId)).toBe(true);
      const eventsOfA = await readAll(a.businessId, 10, ownerA);
      const idsOfA = new Set(eventsOfA.map((event) => event.event_id));
      expect(eventsOfB.some((event) => idsOfA.has(event.event_id))).toBe(false);

      // Another business's owner, staff and customers are refused; managers and platform admins read.
      expect((await page(a.businessId, '', ownerB)).json()).toMatchObject({ status: 403, code: 'forbidden' });
      const cook = await t.userToken({
        memberships: [{ businessId: a.businessId, role: 'staff', position: 'kitchen' }],
      });
      expect((await page(a.businessId, '', cook.token)).statusCode).toBe(403);
      expect((await page(a.businessId, '', (await t.userToken()).token)).statusCode).toBe(403);
      const unauthenticated = await t.request({
        method: 'GET',
        url: `/api/v1/businesses/${a.businessId}/events`,
      });
      expect(unauthenticated.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
      const manager = await t.userToken({ memberships: [{ businessId: a.businessId, role: 'manager' }] });
      expect((await page(a.businessId, '?limit=1', manager.token)).statusCode).toBe(200);
      const admin = await t.userToken({ platformRole: 'platform_admin' });
      const asAdmin = (await page(a.businessId, '?limit=3', admin.token)).json() as { events: LoggedEvent[] };
      expect(asAdmin.events.map((event) => event.event_id)).toEqual(
        eventsOfA.slice(0, 3).map((e) => e.event_id),
      );
      expect((await page('00000000-0000-4000-8000-000000000000', '', admin.token)).json()).toMatchObject({
        status: 404,
        code: 'not_found',
      });
    });

    it('refuses a bad limit or offset with validation_failed, naming the field', async () => {
      for (const [query, field] of [
        ['?limit=0', 'querystring/limit'],
        ['?limit=5001', 'querystring/limit'],
        ['?limit=ten', 'querystring/limit'],
        ['?limit=2.5', 'querystring/limit'],
        ['?since=-1', 'querystring/since'],
        ['?since=abc', 'querystring/since'],
        ['?cursor=1', 'querystring/cursor'],
      ] as const) {
        const response = await page(a.businessId, query);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = response.json() as { code: string; errors: { field: string }[] };
        expect(problem.code, query).toBe('validation_failed');
        expect(
          problem.errors.map((error) => error.field),
          query,
        ).toContain(field);
      }
      expect((await page(a.businessId, '?limit=5000')).statusCode).toBe(200);
      expect((await page(a.businessId, '?limit=1')).json().events).toHaveLength(1);
    });
  });
}
