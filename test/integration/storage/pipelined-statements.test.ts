import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Transaction } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';

/**
 * The storage contract for statements a transaction issues without awaiting the previous one (order
 * placement and payment do, so that PostgreSQL receives them in one round trip): they run in the
 * order issued, commit together, and a failure among them leaves nothing behind.
 */
for (const kind of await databaseKinds()) {
  describe(`statements issued together in a transaction on ${kind.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await kind.open();
      await db.exec(`
        CREATE TABLE pipe_parent (id int PRIMARY KEY, children int NOT NULL DEFAULT 0);
        CREATE TABLE pipe_child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES pipe_parent (id));`);
    });
    afterAll(async () => {
      await db?.close();
    });
    const count = async (table: string, parentId: number) => {
      const column = table === 'pipe_parent' ? 'id' : 'parent_id';
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
        [parentId],
      );
      return rows[0]?.n;
    };

    it('run in the order issued and commit together', async () => {
      const [, , updated] = await db.transaction((tx) =>
        Promise.all([
          tx.query('INSERT INTO pipe_parent (id) VALUES (1)'),
          // Needs the parent above (foreign key), then the update below needs both children.
          tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (1, 1), (2, 1)'),
          tx.query<{ children: number }>(
            'UPDATE pipe_parent SET children = (SELECT count(*) FROM pipe_child WHERE parent_id = 1) WHERE id = 1 RETURNING children',
          ),
        ]),
      );
      expect(updated.rows).toEqual([{ children: 2 }]);
      expect(await count('pipe_child', 1)).toBe(2);
    });

    it('roll back every one of them when one fails, and answer with that failure', async () => {
      await expect(
        db.transaction((tx) =>
          Promise.all([
            tx.query('INSERT INTO pipe_parent (id) VALUES (2)'),
            tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (3, 99)'),
            tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (4, 2)'),
          ]),
        ),
      ).rejects.toThrow(/foreign key/);
      expect(await count('pipe_parent', 2)).toBe(0);
      expect(await count('pipe_child', 2)).toBe(0);
    });

    it('leave nothing behind when the work throws while they are still in flight', async () => {
      const stray: Promise<unknown>[] = [];
      await expect(
        db.transaction(async (tx) => {
          stray.push(tx.query('INSERT INTO pipe_parent (id) VALUES (3)'));
          stray.push(tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (5, 3)'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await Promise.allSettled(stray);
      expect(await count('pipe_parent', 3)).toBe(0);
      expect(await count('pipe_child', 3)).toBe(0);
    });

    it('commit with the last of them when the work ends with commitAfter', async () => {
      const outcome = await db.transaction(async (tx) => {
        const parent = tx.query('INSERT INTO pipe_parent (id) VALUES (10)');
        await tx.commitAfter([parent, tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (10, 10)')]);
        return 'done';
      });
      expect(outcome).toBe('done');
      expect(await count('pipe_child', 10)).toBe(1);
    });

    it('commit nothing when one of the last writes fails, and answer with its failure', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO pipe_parent (id) VALUES (11)');
          await tx.commitAfter([
            tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (11, 11)'),
            tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (12, 98)'),
          ]);
        }),
      ).rejects.toThrow(/foreign key/);
      expect(await count('pipe_parent', 11)).toBe(0);
      expect(await count('pipe_child', 11)).toBe(0);
    });

    it('commit nothing when an earlier statement failed and the work did not look', async () => {
      for (const ending of ['commitAfter', 'return'] as const) {
        await expect(
          db.transaction(async (tx) => {
            await tx.query('INSERT INTO pipe_parent (id) VALUES (12)');
            tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (13, 97)').catch(() => {});
            const last = tx.query('UPDATE pipe_parent SET children = 1 WHERE id = 12');
            if (ending === 'commitAfter') await tx.commitAfter([last]);
            else await last.catch(() => {});
          }),
          ending,
        ).rejects.toThrow();
        expect(await count('pipe_parent', 12), ending).toBe(0);
      }
    });

    it('refuse a statement issued after commitAfter', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.commitAfter([tx.query('INSERT INTO pipe_parent (id) VALUES (13)')]);
          await tx.query('INSERT INTO pipe_parent (id) VALUES (14)');
        }),
      ).rejects.toThrow(/committing/);
      expect(await count('pipe_parent', 14)).toBe(0);
    });

    it('fail loudly when one of the last writes issues a statement of its own after COMMIT', async () => {
      // A misuse (each of the last writes must have issued its statements already): whatever was
      // committed, the work must not look as if it succeeded.
      const twoSteps = async (tx: Transaction) => {
        await tx.query('INSERT INTO pipe_parent (id) VALUES (15)');
        await tx.query('INSERT INTO pipe_child (id, parent_id) VALUES (15, 15)');
      };
      await expect(db.transaction((tx) => tx.commitAfter([twoSteps(tx)]))).rejects.toThrow(/commit/);
      expect(await count('pipe_child', 15)).toBe(0);
    });

    it('leave every connection fit for the next transactions', async () => {
      // More transactions than the pool has connections, so each connection that saw a failure above
      // serves again: one left inside an aborted transaction would fail these.
      const ids = Array.from({ length: 30 }, (_, index) => 100 + index);
      await Promise.all(
        ids.map((id) =>
          db.transaction((tx) =>
            Promise.all([
              tx.query('INSERT INTO pipe_parent (id) VALUES ($1)', [id]),
              tx.query('INSERT INTO pipe_child (id, parent_id) VALUES ($1, $1)', [id]),
            ]),
          ),
        ),
      );
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pipe_child WHERE id >= 100',
      );
      expect(rows[0]?.n).toBe(ids.length);
    });
  });
}
