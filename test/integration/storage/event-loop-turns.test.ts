import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';

/**
 * The storage contract for a process that serves requests while a loop writes: transactions run back
 * to back (a relay catching up, history being written) still let the event loop turn between them,
 * so timers and requests are not held until the loop ends. PostgreSQL gets that from the network;
 * PGlite runs on this thread and settles at once, so its adapter yields after each transaction.
 */
for (const kind of await databaseKinds()) {
  describe(`back-to-back transactions on ${kind.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await kind.open();
      await db.exec('CREATE TABLE loop_turns (id int PRIMARY KEY)');
    });
    afterAll(async () => {
      await db?.close();
    });

    const loops = {
      transactions: (id: number) =>
        db.transaction((tx) => tx.query('INSERT INTO loop_turns (id) VALUES ($1)', [id])),
      'single statements': (id: number) => db.query('INSERT INTO loop_turns (id) VALUES ($1)', [id + 1000]),
    };
    for (const [name, call] of Object.entries(loops)) {
      it(`${name} let a timer set before them fire long before the last one`, async () => {
        const calls = 200;
        let done = 0;
        let doneWhenTimerFired: number | undefined;
        const timer = new Promise<void>((resolve) =>
          setTimeout(() => {
            doneWhenTimerFired = done;
            resolve();
          }, 0),
        );
        for (let id = 0; id < calls; id++) {
          await call(id);
          done += 1;
        }
        await timer;
        expect(doneWhenTimerFired).toBeLessThan(5);
      });
    }
  });
}
