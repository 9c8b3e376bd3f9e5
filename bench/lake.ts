import { fork } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { EmbeddedBus } from '../src/bus/embedded-bus.js';
import type { EventBus } from '../src/bus/event-bus.js';
import { RedisBus } from '../src/bus/redis-bus.js';
import type { EventEnvelope } from '../src/domain/events/envelope.js';
import { payloadProblems } from '../src/domain/events/payload-check.js';
import { sqlString } from '../src/lake/duckdb/duck-session.js';
import type { Manifest } from '../src/lake/manifest.js';
import { readManifest } from '../src/lake/manifest-io.js';
import { LocalDirStore } from '../src/lake/store/local-dir-store.js';
import type { BusMessage } from '../src/lake/writer/batch-intake.js';
import { openWriterDuck, startLakeWriter } from '../src/lake/writer/lake-writer.js';
import { ManifestEdit } from '../src/lake/writer/manifest-edit.js';
import { loadOrderIndex } from '../src/lake/writer/staging-step.js';
import { commitEdit, writeBatch } from '../src/lake/writer/write-batch.js';
import type { Database } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres-database.js';
import { percentile } from './brigade-process.js';
import { DuckProfile } from './duck-profile.js';
import { withScratchDatabase } from './scratch-database.js';
import { REDIS_URL, withScratchStream } from './scratch-stream.js';
import {
  buildWorld,
  dimensionEvents,
  historyByDay,
  orderEvents,
  Rng,
  type World,
} from './synthetic-events.js';

/**
 * `npm run bench:lake` (issue 4): the lake writer (src/lake/writer/) end to end.
 *
 * (a) Throughput: a synthetic stream (bench/synthetic-events.ts: 3 restaurant groups × 4 locations,
 *     orders with their whole lifecycle) is put on a bus first, then timed from the writer's start
 *     until the manifest it committed holds the last event — bronze, quarantine, staging, silver and
 *     gold included. Once per bus (the embedded log on PostgreSQL; Redis Streams), then the writer's
 *     own rate with the same messages handed to writeBatch directly (no bus), with a profile of where
 *     that time goes. Target: ≥ 250,000 events/s on 2 cores.
 * (b) Freshness: a real `brigade api` process (relay and lake workers, PostgreSQL + Redis Streams)
 *     over the lake (a) built, orders committed to the outbox at a steady rate (as an accepted order
 *     leaves the API: order.placed, payment authorized and captured, order.confirmed); the bench reads
 *     the lake as a reader would (manifest, then the gold_order_header files it lists) and times
 *     commit sent → order in gold. Target: p95 ≤ 2 s.
 * Figures: docs/benchmarks.md.
 */
const TARGET_EVENTS_PER_SECOND = 250_000;
const TARGET_FRESHNESS_P95_MS = 2000;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    flush: { type: 'string', default: '50000' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    skip: { type: 'string', default: '' },
    'profile-lines': { type: 'string', default: '15' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:lake -- [--events 100000] [--flush 50000] [--rate 100] [--duration 20] [--warmup 3]\n' +
      '       [--skip embedded,redis,direct,freshness] [--profile-lines 15]\n' +
      "--profile-lines: statements listed in the direct run's profile, most expensive first;\n" +
      '--events: events in the throughput stream; --flush: the writer batch (BRIGADE_LAKE_FLUSH_EVENTS);\n' +
      '--rate: orders/s in the freshness run (4 events each), measured for --duration s after --warmup s.\n' +
      'DATABASE_URL: admin connection (a scratch database is created and dropped); REDIS_URL: Redis (default local).',
  );
  process.exit(0);
}
const totalEvents = Number(values.events);
const flushEvents = Number(values.flush);
const skip = new Set(String(values.skip).split(',').filter(Boolean));
const WRITER_MEMORY_MB = 2048;

/** The stream: the world's catalog events, then days of orders ending yesterday, cut at `total`. */
function syntheticStream(world: World, total: number): EventEnvelope[] {
  const days = Math.max(1, Math.ceil(total / 45_000) + 1);
  const from = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const events = dimensionEvents(world, new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000), new Rng(7));
  for (const day of historyByDay(world, { seed: 11, from, days, ordersPerLocationDay: 300 })) {
    events.push(...day);
    if (events.length >= total) break;
  }
  const stream = events.slice(0, total);
  // Fail fast if the generator drifts from the catalog: the writer would quarantine such events.
  for (const event of stream.filter((_, index) => index % 97 === 0)) {
    const problems = payloadProblems(event.event_type, event.payload);
    if (problems.length > 0)
      throw new Error(`${event.event_type} breaks the catalog: ${problems.join('; ')}`);
  }
  return stream;
}

interface ThroughputResult {
  bus: string;
  events: number;
  seconds: number;
  flushes: { events: number; seconds: number }[];
  manifest: Manifest;
}

/** Starts the lake writer on `bus` and waits until its manifest holds `lastId`. */
async function timeWriter(bus: EventBus, lakeDir: string, lastId: string, events: number) {
  const store = new LocalDirStore(lakeDir);
  const flushes: { events: number; seconds: number }[] = [];
  let failure: unknown;
  let done: (manifest: Manifest) => void = () => {};
  const finished = new Promise<Manifest>((resolve) => {
    done = resolve;
  });
  const started = performance.now();
  const writer = startLakeWriter(bus, store, {
    flushEvents,
    flushMs: 1000,
    lateHorizonDays: 0,
    memoryMb: WRITER_MEMORY_MB,
    scratchDir: `${lakeDir}-scratch`,
    maintenanceMs: 3_600_000,
    onFlush: ({ events: flushed, seconds, manifest }) => {
      flushes.push({ events: flushed, seconds });
      if (manifest.cursor === lastId) done(manifest);
    },
    onError: (error) => {
      failure = error;
      console.error('lake writer failed:', error);
    },
  });
  const manifest = await finished;
  const seconds = (performance.now() - started) / 1000;
  await writer.stop();
  if (failure) throw failure;
  return { events, seconds, flushes, manifest };
}

async function fillOutbox(db: Database, stream: readonly EventEnvelope[]): Promise<void> {
  const chunk = 5000;
  for (let start = 0; start < stream.length; start += chunk) {
    const rows = stream.slice(start, start + chunk);
    const column = <T>(pick: (event: EventEnvelope) => T) => rows.map(pick);
    await db.query(
      `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, location_id, order_id,
                           sequence, payload, log_position, published_at)
       SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::uuid[], $6::uuid[],
                                   $7::uuid[], $8::int[], $9::jsonb[], $10::bigint[])`,
      [
        column((e) => e.event_id),
        column((e) => e.event_type),
        column((e) => e.version),
        column((e) => e.occurred_at),
        column((e) => e.business_id),
        column((e) => e.location_id),
        column((e) => e.order_id),
        column((e) => e.sequence),
        column((e) => JSON.stringify(e.payload)),
        rows.map((_, index) => start + index + 1),
      ],
    );
  }
}

async function publishToRedis(bus: RedisBus, stream: readonly EventEnvelope[]): Promise<void> {
  const chunk = 5000;
  for (let start = 0; start < stream.length; start += chunk) {
    await bus.publish(
      stream
        .slice(start, start + chunk)
        .map((event, index) => ({ ...event, log_position: start + index + 1 })),
    );
  }
}

/** writeBatch fed directly, batch after batch, committing each: the writer without a bus. */
async function timeDirect(messages: readonly BusMessage[], lakeDir: string) {
  const store = new LocalDirStore(lakeDir);
  const duck = await openWriterDuck({ memoryMb: WRITER_MEMORY_MB, scratchDir: `${lakeDir}-scratch` });
  const profile = new DuckProfile();
  try {
    const context = {
      duck,
      store,
      scratchDir: `${lakeDir}-scratch`,
      lateHorizonDays: 0,
      now: () => new Date(),
    };
    let manifest = await readManifest(store);
    await loadOrderIndex(context, new ManifestEdit(manifest));
    profile.wrap(duck, store);
    const flushes: { events: number; seconds: number }[] = [];
    const started = performance.now();
    for (let start = 0; start < messages.length; start += flushEvents) {
      const batch = messages.slice(start, start + flushEvents);
      const batchStarted = performance.now();
      const edit = new ManifestEdit(manifest);
      await writeBatch(context, edit, batch);
      manifest = await profile.time('commit manifest', () =>
        commitEdit(context, edit, batch[batch.length - 1]?.id ?? null),
      );
      flushes.push({ events: batch.length, seconds: (performance.now() - batchStarted) / 1000 });
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      events: messages.length,
      seconds,
      flushes,
      manifest,
      profile: profile.report(seconds * 1000, Number(values['profile-lines'])),
    };
  } finally {
    duck.close();
  }
}

/** Rows per layer in a manifest: proof that silver and gold were really built. */
function layerRows(manifest: Manifest): string {
  const rows = new Map<string, number>();
  for (const file of manifest.files) rows.set(file.table, (rows.get(file.table) ?? 0) + file.rows);
  const pick = [
    'events',
    'quarantine',
    'orders',
    'order_items',
    'payments',
    'gold_order_header',
    'gold_metrics',
  ];
  return pick.map((table) => `${table} ${rows.get(table) ?? 0}`).join(', ');
}

function printThroughput(result: ThroughputResult): void {
  const rate = result.events / result.seconds;
  const batches = result.flushes.map((flush) => flush.seconds.toFixed(1)).join(' ');
  console.log(
    `${result.bus}: ${result.events} events in ${result.seconds.toFixed(1)} s = ${Math.round(rate)} events/s ` +
      `(target ≥ ${TARGET_EVENTS_PER_SECOND}: ${rate >= TARGET_EVENTS_PER_SECOND ? 'met' : 'NOT met'}); ` +
      `${result.flushes.length} batches, seconds each: ${batches}`,
  );
  console.log(`  manifest v${result.manifest.version}: ${layerRows(result.manifest)}`);
}

/** The relay and the lake writer in a child process (bench/lake-pipeline-process.ts). */
async function startPipeline(options: { databaseUrl: string; stream: string; lakeDir: string }) {
  const dataDir = `${options.lakeDir}-data`;
  const child = fork(path.join(import.meta.dirname, 'lake-pipeline-process.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      REDIS_URL,
      BRIGADE_BUS_STREAM: options.stream,
      BRIGADE_LAKE_DIR: options.lakeDir,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the pipeline process exited with ${code}`)));
  });
  return {
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Freshness: orders committed to the outbox at `rate`/s; time until each is in gold_order_header. */
async function freshness(options: {
  databaseUrl: string;
  stream: string;
  lakeDir: string;
  world: World;
}): Promise<void> {
  const rate = Number(values.rate);
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  const pipeline = await startPipeline(options);
  const db = openPostgres({ connectionString: options.databaseUrl, maxConnections: 4 });
  const reader = await DuckDBInstance.create(':memory:', { threads: '1' });
  const readerConnection = await reader.connect();
  const store = new LocalDirStore(options.lakeDir);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seenFiles = new Set<string>();
  const flushGaps: number[] = [];
  let version = (await readManifest(store)).version;
  let polling = true;

  // The reader: a new manifest → the gold_order_header files it lists that were not there before.
  const poll = (async () => {
    for (const file of (await readManifest(store)).files) seenFiles.add(file.key);
    let lastCommit = performance.now();
    while (polling) {
      const manifest = await readManifest(store);
      if (manifest.version !== version) {
        const now = performance.now();
        flushGaps.push(now - lastCommit);
        lastCommit = now;
        version = manifest.version;
        const fresh = manifest.files.filter(
          (file) => file.table === 'gold_order_header' && !seenFiles.has(file.key),
        );
        for (const file of manifest.files) seenFiles.add(file.key);
        if (fresh.length > 0) {
          const list = fresh.map((file) => sqlString(path.join(options.lakeDir, file.key))).join(', ');
          const result = await readerConnection.runAndReadAll(`SELECT order_id FROM read_parquet([${list}])`);
          for (const [orderId] of result.getRows()) {
            const sent = sentAt.get(String(orderId));
            if (sent !== undefined) {
              latencies.push(now - sent);
              sentAt.delete(String(orderId));
            }
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  const rng = new Rng(99);
  const business = options.world.businesses[0];
  if (!business) throw new Error('no business');
  let measured = 0;
  let sent = 0;
  const started = performance.now();
  const total = (warmupS + durationS) * 1000;
  const inFlight = new Set<Promise<unknown>>();
  while (performance.now() - started < total) {
    const elapsed = performance.now() - started;
    const due = Math.floor((elapsed / 1000) * rate) - sent;
    if (due > 0) {
      const measuring = elapsed >= warmupS * 1000;
      const events = Array.from({ length: due }, () =>
        orderEvents(rng, business, rng.pick(business.locations), Date.now(), { lifecycle: false }),
      ).flat();
      const issued = performance.now();
      if (measuring) {
        for (const event of events) {
          if (event.event_type === 'order.placed' && event.order_id) sentAt.set(event.order_id, issued);
        }
        measured += due;
      }
      const insert = db.query(
        `INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, location_id, order_id,
                             sequence, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[], $5::uuid[], $6::uuid[],
                              $7::uuid[], $8::int[], $9::jsonb[])`,
        [
          events.map((e) => e.event_id),
          events.map((e) => e.event_type),
          events.map((e) => e.version),
          events.map((e) => e.occurred_at),
          events.map((e) => e.business_id),
          events.map((e) => e.location_id),
          events.map((e) => e.order_id),
          events.map((e) => e.sequence),
          events.map((e) => JSON.stringify(e.payload)),
        ],
      );
      inFlight.add(insert);
      void insert.finally(() => inFlight.delete(insert));
      sent += due;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(inFlight);
  // Wait for the stragglers (at most 30 s), then stop.
  const waitUntil = performance.now() + 30_000;
  while (sentAt.size > 0 && performance.now() < waitUntil) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  polling = false;
  await poll;
  await pipeline.stop();
  readerConnection.closeSync();
  reader.closeSync();
  await db.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const gaps = [...flushGaps].sort((a, b) => a - b);
  console.log(
    `\nfreshness: ${rate} orders/s (${rate * 4} events/s) for ${durationS} s after ${warmupS} s warm-up, ` +
      'PostgreSQL outbox → relay → Redis Streams → lake writer (one process running what `brigade worker relay lake` runs, ' +
      'flush every 1 s or 50,000 events) → manifest + gold_order_header read by the bench',
  );
  console.log(
    `  order committed → visible in gold: ${latencies.length}/${measured} orders; p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
      `p95 ${p95.toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms` +
      ` — target p95 ≤ ${TARGET_FRESHNESS_P95_MS} ms: ${p95 <= TARGET_FRESHNESS_P95_MS && latencies.length === measured ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  manifest commits seen: ${flushGaps.length}; time between commits p50 ${percentile(gaps, 50).toFixed(0)} ms, max ${(gaps.at(-1) ?? Number.NaN).toFixed(0)} ms`,
  );
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const root = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-lake-'));
  const world = buildWorld({
    seed: 42,
    businesses: 3,
    locationsPerBusiness: 4,
    customersPerBusiness: 20_000,
  });
  process.stdout.write(`generating ${totalEvents} events... `);
  const generated = performance.now();
  const stream = syntheticStream(world, totalEvents);
  const orders = stream.filter((event) => event.event_type === 'order.placed').length;
  console.log(`${((performance.now() - generated) / 1000).toFixed(1)} s (${orders} orders)`);
  const results: ThroughputResult[] = [];
  let direct: Awaited<ReturnType<typeof timeDirect>> | undefined;
  try {
    await withScratchStream((streamName, redis) =>
      withScratchDatabase(async (databaseUrl) => {
        const db = openPostgres({ connectionString: databaseUrl, maxConnections: 4 });
        try {
          await migrate(db);
          if (!skip.has('embedded')) {
            await fillOutbox(db, stream);
            await db.query('VACUUM ANALYZE outbox');
            const bus = new EmbeddedBus(db);
            console.log(`embedded log filled; running the writer (load ${os.loadavg()[0]?.toFixed(2)})`);
            results.push({
              bus: 'embedded log (PostgreSQL outbox)',
              ...(await timeWriter(
                bus,
                path.join(root, 'lake-embedded'),
                String(stream.length),
                stream.length,
              )),
            });
            await bus.close();
          }
        } finally {
          await db.close();
        }
        const redisLake = path.join(root, 'lake-redis');
        if (!skip.has('redis') || !skip.has('freshness')) {
          const bus = new RedisBus({ url: REDIS_URL, stream: streamName, maxLength: totalEvents * 2 });
          await publishToRedis(bus, stream);
          const [newest] = (await redis.xrevrange(streamName, '+', '-', 'COUNT', 1)) as [string, string[]][];
          if (!newest) throw new Error('the stream is empty');
          console.log(`Redis stream filled; running the writer (load ${os.loadavg()[0]?.toFixed(2)})`);
          results.push({
            bus: 'Redis Streams',
            ...(await timeWriter(bus, redisLake, newest[0], stream.length)),
          });
          await bus.close();
        }
        if (!skip.has('direct')) {
          console.log(`writeBatch directly (load ${os.loadavg()[0]?.toFixed(2)})`);
          const messages = stream.map((event, index) => ({
            id: String(index + 1),
            body: JSON.stringify(event),
          }));
          direct = await timeDirect(messages, path.join(root, 'lake-direct'));
        }
        if (!skip.has('freshness')) {
          console.log(`freshness run (load ${os.loadavg()[0]?.toFixed(2)})`);
          await mkdir(redisLake, { recursive: true });
          await freshness({ databaseUrl, stream: streamName, lakeDir: redisLake, world });
        }
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }

  console.log('\nBrigade lake benchmark (bench/lake.ts)');
  console.log(
    `machine: ${os.cpus().length} cores, load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `stream: ${stream.length} events (${orders} orders, ${(stream.length / Math.max(1, orders)).toFixed(1)} events per order), ` +
      `3 businesses × 4 locations; writer batch ${flushEvents} events, DuckDB memory ${WRITER_MEMORY_MB} MB, local-directory lake`,
  );
  for (const result of results) printThroughput(result);
  if (direct) {
    printThroughput({ bus: 'writeBatch fed directly (no bus)', ...direct });
    console.log('  where the direct run spent its time (wall clock, by statement):');
    for (const line of direct.profile) console.log(`  ${line}`);
  }
}

await main();
