import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredRecords } from '../../../src/services/housekeeping/prune-records.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';

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
      const pruned = await pruneExpiredRecords(t.db, new Date(), 7);
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
      await pruneExpiredRecords(t.db, new Date(), 7);
      const replayed = await place();
      expect([replayed.statusCode, replayed.json().id]).toEqual([200, first.json().id]);

      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = 'weekly-retry'`,
      );
      const pruned = await pruneExpiredRecords(t.db, new Date(), 7);
      expect(pruned.idempotencyKeys).toBeGreaterThanOrEqual(1);
      const late = await place();
      expect(late.statusCode).toBe(201);
      expect(late.json().id).not.toBe(first.json().id);
    });
  });
}
