import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvents, EventContractError, type NewEvent } from '../../src/outbox/outbox-writer.js';
import type { Database } from '../../src/storage/database.js';
import { databaseKinds } from '../support/databases.js';

/**
 * appendEvents for an order that does not exist: its statement fails (it is never found by counting
 * rows afterwards), so the transaction rolls back even when COMMIT was sent behind it.
 */
for (const kind of await databaseKinds()) {
  describe(`appendEvents on ${kind.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await kind.open();
      await db.exec('CREATE TABLE append_probe (id int PRIMARY KEY)');
    });
    afterAll(() => db.close());

    const confirmedOf = (orderId: string): NewEvent => ({
      type: 'order.confirmed',
      businessId: randomUUID(),
      orderId,
      payload: { from: 'placed', to: 'confirmed', actor: { user_id: null, role: 'system' } },
    });
    const probes = async (id: number) =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM append_probe WHERE id = $1', [id]))
        .rows[0]?.n;

    it('refuses an event of a missing order as a broken contract, and writes nothing', async () => {
      const orderId = randomUUID();
      const refused = db.transaction(async (tx) => {
        await tx.query('INSERT INTO append_probe (id) VALUES (1)');
        await appendEvents(tx, [confirmedOf(orderId)]);
      });
      await expect(refused).rejects.toThrow(EventContractError);
      await expect(refused).rejects.toThrow(`order ${orderId} does not exist`);
      expect(await probes(1)).toBe(0);
    });

    it('commits nothing when that append is among the last writes', async () => {
      await expect(
        db.transaction((tx) =>
          tx.commitAfter([
            tx.query('INSERT INTO append_probe (id) VALUES (2)'),
            appendEvents(tx, [confirmedOf(randomUUID())]),
          ]),
        ),
      ).rejects.toThrow(EventContractError);
      expect(await probes(2)).toBe(0);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
      expect(rows[0]?.n).toBe(0);
    });
  });
}
