import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredRecords } from '../../../src/services/housekeeping/prune-records.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';

const RETENTION = { records: 7, activity: 90 };

for (const kind of await databaseKinds()) {
  describe(`record housekeeping on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
    });
    afterAll(() => t.close());

    it('deletes expired refresh tokens and used ones past the retention, and keeps the rest', async () => {
      const user = await t.userToken();
      const tokens = {
        live: { expires: '1 day', revoked: null },
        expired: { expires: '-1 minute', revoked: null },
        usedLongAgo: { expires: '20 days', revoked: '-8 days' },
        usedRecently: { expires: '20 days', revoked: '-6 days' },
      };
      for (const [name, token] of Object.entries(tokens)) {
        await t.db.query(
          `INSERT INTO refresh_tokens (id, user_id, token_hash, expires_at, revoked_at)
           VALUES ($1, $2, $3, now() + $4::interval, now() + $5::interval)`,
          [randomUUID(), user.userId, `${name}-${user.userId}`, token.expires, token.revoked],
        );
      }
      const pruned = await pruneExpiredRecords(t.db, new Date(), RETENTION);
      expect(pruned.refreshTokens).toBeGreaterThanOrEqual(2);
      const { rows } = await t.db.query<{ token_hash: string }>(
        `SELECT token_hash FROM refresh_tokens WHERE user_id = $1 AND token_hash LIKE '%-' || $1 ORDER BY token_hash`,
        [user.userId],
      );
      expect(rows.map((row) => row.token_hash.split('-')[0])).toEqual(['live', 'usedRecently']);
    });

    it('forgets an Idempotency-Key after the retention: a retry that late places a new order', async () => {
      const customer = await t.userToken();
      const place = () =>
        t.request({
          method: 'POST',
          url: `/api/v1/restaurants/${f.locationId}/orders`,
          token: customer.token,
          headers: { 'idempotency-key': 'weekly-retry' },
          body: {
            serviceType: 'takeout',
            items: [{ itemId: f.items.fries, quantity: 1 }],
            payment: { method: 'cash' },
          },
        });
      const first = await place();
      expect(first.statusCode).toBe(201);
      await pruneExpiredRecords(t.db, new Date(), RETENTION);
      const replayed = await place();
      expect([replayed.statusCode, replayed.json().id]).toEqual([200, first.json().id]);

      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = 'weekly-retry'`,
      );
      const pruned = await pruneExpiredRecords(t.db, new Date(), RETENTION);
      expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
      const late = await place();
      expect(late.statusCode).toBe(201);
      expect(late.json().id).not.toBe(first.json().id);
    });

    it('deletes GPS pings of deliveries that ended before the activity retention, never a live track', async () => {
      const customer = await t.userToken();
      const driver = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'driver' }],
      });
      const delivery = async () => {
        const order = await placeOrder(t, {
          locationId: f.locationId,
          token: customer.token,
          serviceType: 'delivery',
          items: [{ itemId: f.items.fries, quantity: 1 }],
        });
        const post = (path: string, body?: unknown) =>
          t.request({
            method: 'POST',
            url: `/api/v1/orders/${order.id}/delivery/${path}`,
            token: driver.token,
            body,
          });
        expect((await post('claim')).statusCode).toBe(201);
        const now = t.clock.now.getTime();
        const pings = [20, 10].map((secondsAgo, index) => ({
          lat: [43.65, 43.651][index],
          lon: -79.38,
          recordedAt: new Date(now - secondsAgo * 1000).toISOString(),
        }));
        expect((await post('pings', { pings })).json()).toMatchObject({ stored: 2 });
        return { orderId: order.id, end: () => post('failed', { reason: 'customer unreachable' }) };
      };
      const endedLongAgo = await delivery();
      const liveLongAgo = await delivery();
      const endedRecently = await delivery();
      expect((await endedLongAgo.end()).statusCode).toBe(200);
      expect((await endedRecently.end()).statusCode).toBe(200);
      for (const { orderId } of [endedLongAgo, liveLongAgo]) {
        await t.db.query(
          `UPDATE delivery_pings SET recorded_at = recorded_at - interval '91 days' WHERE order_id = $1`,
          [orderId],
        );
        await t.db.query(
          `UPDATE deliveries SET assigned_at = assigned_at - interval '91 days',
                  last_recorded_at = last_recorded_at - interval '91 days' WHERE order_id = $1`,
          [orderId],
        );
      }

      const pruned = await pruneExpiredRecords(t.db, new Date(), RETENTION);
      expect(pruned.deliveryPings).toBe(2);
      const pingsOf = async (orderId: string) => {
        const { rows } = await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM delivery_pings WHERE order_id = $1',
          [orderId],
        );
        return rows[0]?.n;
      };
      expect([
        await pingsOf(endedLongAgo.orderId),
        await pingsOf(liveLongAgo.orderId),
        await pingsOf(endedRecently.orderId),
      ]).toEqual([0, 2, 2]);
      // The delivery keeps its last position.
      const view = await t.request({
        method: 'GET',
        url: `/api/v1/orders/${endedLongAgo.orderId}/delivery`,
        token: customer.token,
      });
      expect(view.json().lastPosition).toMatchObject({ lat: 43.651, lon: -79.38 });
    });

    it('deletes notifications and finished notification messages older than the activity retention', async () => {
      const user = await t.userToken();
      const notify = (name: string, age: string) =>
        t.db.query(
          `INSERT INTO notifications (user_id, business_id, type, title, body, source_event_id, created_at)
           VALUES ($1, $2, 'order_ready', $3, 'body', $4, now() - $5::interval)`,
          [user.userId, f.businessId, name, randomUUID(), age],
        );
      const message = (name: string, status: string, age: string) =>
        t.db.query(
          `INSERT INTO notification_deliveries (id, business_id, user_id, notification_type, channel, recipient,
                                                subject, body, source_event_id, status, created_at)
           VALUES ($1, $2, $3, 'order_ready', 'email', 'someone@example.com', $4, 'body', $5, $6,
                   now() - $7::interval)`,
          [randomUUID(), f.businessId, user.userId, name, randomUUID(), status, age],
        );
      await notify('old', '91 days');
      await notify('recent', '89 days');
      await message('old sent', 'sent', '91 days');
      await message('old failed', 'failed', '91 days');
      await message('old pending', 'pending', '91 days');
      await message('recent sent', 'sent', '1 day');

      const pruned = await pruneExpiredRecords(t.db, new Date(), RETENTION);
      expect([pruned.notifications, pruned.notificationMessages]).toEqual([1, 2]);
      const left = async (sql: string) =>
        (await t.db.query<{ name: string }>(sql, [user.userId])).rows.map((row) => row.name).sort();
      expect(await left('SELECT title AS name FROM notifications WHERE user_id = $1')).toEqual(['recent']);
      expect(await left('SELECT subject AS name FROM notification_deliveries WHERE user_id = $1')).toEqual([
        'old pending',
        'recent sent',
      ]);
    });
  });
}
