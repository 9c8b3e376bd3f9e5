import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { RedisBus } from '../../../src/bus/redis-bus.js';
import { migrate } from '../../../src/storage/migrator.js';
import { openPglite } from '../../../src/storage/pglite-database.js';
import { eventBusContract } from '../../contract/event-bus-contract.js';
import { databaseKinds } from '../../support/databases.js';
import { isRedisReachable, REDIS_URL, scratchStream } from '../../support/redis.js';

for (const kind of await databaseKinds()) {
  eventBusContract(`embedded log on ${kind.name}`, async () => {
    const db = await kind.open();
    return {
      db,
      openBus: () => new EmbeddedBus(db, { leaseMs: 300 }),
      takeoverMs: 300,
      close: () => db.close(),
    };
  });
}

if (await isRedisReachable()) {
  eventBusContract('Redis Streams', async () => {
    const db = await openPglite();
    await migrate(db);
    const scratch = scratchStream();
    return {
      db,
      openBus: () =>
        new RedisBus({ url: REDIS_URL, stream: scratch.stream, maxLength: 10_000, claimIdleMs: 300 }),
      takeoverMs: 300,
      async close() {
        await scratch.drop();
        await db.close();
      },
    };
  });
}
