import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { EmbeddedBus } from '../src/bus/embedded-bus.js';
import type { EventBus } from '../src/bus/event-bus.js';
import { RedisBus } from '../src/bus/redis-bus.js';
import { relayOnce } from '../src/outbox/outbox-relay.js';
import { appendEvents } from '../src/outbox/outbox-writer.js';
import { migrate } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres-database.js';
import { withScratchDatabase } from './scratch-database.js';
import { REDIS_URL, withScratchStream } from './scratch-stream.js';

/**
 * `npm run bench:relay` (issue 3): outbox relay throughput against PostgreSQL, publishing to Redis
 * Streams and to the embedded log, in one run. A backlog of events is written to the outbox first
 * (the relay's input), then timed until the relay has published all of it. Target: ≥ 20,000 events/s
 * to Redis. Figures: docs/benchmarks.md.
 */
const TARGET_EVENTS_PER_SECOND = 20_000;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '2000' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:relay -- [--events 200000] [--batch 2000]\n' +
      'DATABASE_URL: admin connection (a scratch database is created and dropped); REDIS_URL: Redis (default local).',
  );
  process.exit(0);
}
const total = Number(values.events);
const batchSize = Number(values.batch);

async function fillOutbox(databaseUrl: string): Promise<void> {
  const db = openPostgres({ connectionString: databaseUrl, maxConnections: 4 });
  try {
    const businessId = randomUUID();
    const chunk = 1000;
    for (let written = 0; written < total; written += chunk) {
      await db.transaction((tx) =>
        appendEvents(
          tx,
          Array.from({ length: Math.min(chunk, total - written) }, (_, index) => ({
            type: 'business.changed' as const,
            businessId,
            payload: { action: 'updated' as const, data: { n: written + index, note: 'relay benchmark' } },
          })),
        ),
      );
    }
  } finally {
    await db.close();
  }
}

async function timeRelay(databaseUrl: string, bus: (db: ReturnType<typeof openPostgres>) => EventBus) {
  const db = openPostgres({ connectionString: databaseUrl, maxConnections: 2 });
  const target = bus(db);
  try {
    await db.query('UPDATE outbox SET log_position = NULL, published_at = NULL');
    await db.query('VACUUM ANALYZE outbox').catch(() => {});
    const started = process.hrtime.bigint();
    let published = 0;
    for (;;) {
      const result = await relayOnce(db, target, batchSize);
      published += result.published;
      if (result.published === 0) break;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { published, seconds, perSecond: published / seconds };
  } finally {
    await target.close();
    await db.close();
  }
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg()[0] ?? 0;
  await withScratchStream((stream, client) =>
    withScratchDatabase(async (databaseUrl) => {
      const setup = openPostgres({ connectionString: databaseUrl });
      await migrate(setup);
      await setup.close();
      process.stdout.write(`writing ${total} events to the outbox... `);
      const fillStarted = Date.now();
      await fillOutbox(databaseUrl);
      console.log(`${((Date.now() - fillStarted) / 1000).toFixed(1)} s`);

      const redis = await timeRelay(
        databaseUrl,
        () => new RedisBus({ url: REDIS_URL, stream, maxLength: total * 2 }),
      );
      const embedded = await timeRelay(databaseUrl, (db) => new EmbeddedBus(db));
      const length = await client.xlen(stream);

      console.log('\nBrigade relay benchmark (bench/relay.ts)');
      console.log(`machine: ${os.cpus().length} cores, load average before ${loadBefore.toFixed(2)}`);
      console.log(`events: ${total}, relay batch: ${batchSize}`);
      console.log(
        `to Redis Streams: ${redis.published} events in ${redis.seconds.toFixed(2)} s = ${Math.round(redis.perSecond)} events/s (stream length ${length})`,
      );
      console.log(
        `to the embedded log: ${embedded.published} events in ${embedded.seconds.toFixed(2)} s = ${Math.round(embedded.perSecond)} events/s`,
      );
      console.log(
        `target ≥ ${TARGET_EVENTS_PER_SECOND} events/s to Redis: ${redis.perSecond >= TARGET_EVENTS_PER_SECOND ? 'met' : 'NOT met'}`,
      );
      if (length !== total) throw new Error(`stream holds ${length} entries, expected ${total}`);
    }),
  );
}

await main();
