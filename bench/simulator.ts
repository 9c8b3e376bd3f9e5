import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EmbeddedBus } from '../src/bus/embedded-bus.js';
import { loadConfig } from '../src/config/config.js';
import { demoPasswordsForSeeding } from '../src/demo/demo-credentials.js';
import { buildDemoWorld } from '../src/demo/demo-world.js';
import { NORTHWIND_BUSINESS_ID, seedDemo } from '../src/demo/seed-demo.js';
import type { Manifest } from '../src/lake/manifest.js';
import { LocalDirStore } from '../src/lake/store/local-dir-store.js';
import { startLakeWriter } from '../src/lake/writer/lake-writer.js';
import { relayOnce } from '../src/outbox/outbox-relay.js';
import { fileSink } from '../src/simulator/history/file-sinks.js';
import { writeHistoryAsText } from '../src/simulator/history/history-in-threads.js';
import { namedPeople, registeredPeople } from '../src/simulator/history/history-people.js';
import type { HistorySink } from '../src/simulator/history/history-sink.js';
import { outboxSink } from '../src/simulator/history/outbox-sink.js';
import { type HistoryWindow, writeHistory } from '../src/simulator/history/write-history.js';
import { DAY_MS } from '../src/simulator/model/opening-day.js';
import { streamOrders } from '../src/simulator/model/plan-orders.js';
import type { SimWorld } from '../src/simulator/sim-world.js';
import { simWorldOf } from '../src/simulator/world/demo-sim-world.js';
import { migrate } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres-database.js';
import { withScratchDatabase } from './scratch-database.js';

/**
 * `npm run bench:simulator` (issue 5): `brigade simulate --backfill` measured in two parts.
 *
 * (a) Generation: `--days` days of the whole demo world (Northwind's 12 Ontario restaurants and Lantern
 *     Row's 4 ghost kitchens) planned and turned into the events the platform would have written
 *     (writeHistory: pricing, kitchen routing and timing, lifecycle checks, every payload checked
 *     against the catalog) into a sink that only counts. Target: ≥ 500,000 events/s.
 * (a′) The same days as `brigade simulate --backfill --out` writes them: serialized as NDJSON (to
 *     /dev/null), on this thread and then on `--threads` worker threads, so the two compare in one run.
 * (b) Into the lake: `--lake-days` days of Northwind's 12 locations written by the backfill into the
 *     outbox of a scratch PostgreSQL database (demo seeded, customers registered as the command does),
 *     then relayed onto the embedded bus and written by the lake writer (bronze, silver, gold) until
 *     its manifest holds the last event; each phase timed on its own. The 365-day figure is the
 *     measured rate scaled to a year's events, not a measured year. Target: 365 days × 12 locations
 *     into the lake in ≤ 2 minutes.
 * Figures: docs/benchmarks.md.
 */
const TARGET_EVENTS_PER_SECOND = 500_000;
const TARGET_YEAR_SECONDS = 120;

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    'lake-days': { type: 'string', default: '7' },
    'lake-flush': { type: 'string' },
    threads: { type: 'string', default: String(os.availableParallelism()) },
    skip: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'usage: npm run bench:simulator -- [--days 30] [--lake-days 7] [--lake-flush 50000] [--threads N] [--skip generation,out,lake]\n' +
      '--threads: worker threads of (a′), the --out path (default: the number of CPUs).\n' +
      "--lake-flush: the lake writer's flush size in (b) (default: BRIGADE_LAKE_FLUSH_EVENTS as the product reads it).\n" +
      'DATABASE_URL: admin connection for (b) (a scratch database is created and dropped).',
  );
  process.exit(0);
}
const skip = new Set(String(values.skip).split(',').filter(Boolean));
const world = buildDemoWorld();
const fullSim = simWorldOf(world);
// A fixed past window: the same orders on every run (the model is deterministic for a seed).
const FROM = Date.parse('2026-03-02T00:00:00Z');
const windowOf = (days: number): HistoryWindow => ({ from: FROM, to: FROM + days * DAY_MS });
const counting = (): HistorySink & { events: number } => ({
  events: 0,
  async write(events) {
    this.events += events.length;
  },
  close: async () => {},
});
const rate = (events: number, seconds: number) => Math.round(events / seconds).toLocaleString('en');
/** The work's result and its wall time in seconds. */
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
};

async function generation(days: number): Promise<void> {
  const [written, seconds] = await time(() =>
    writeHistory({
      world,
      sim: fullSim,
      seed: 1,
      window: windowOf(days),
      people: namedPeople(world, fullSim),
      sink: counting(),
    }),
  );
  const perSecond = written.events / seconds;
  console.log(
    `(a) generation, ${days} days × 16 locations: ${written.orders.toLocaleString('en')} orders, ${written.events.toLocaleString('en')} events in ${seconds.toFixed(1)} s = ${rate(written.events, seconds)} events/s ` +
      `(${(perSecond / TARGET_EVENTS_PER_SECOND).toFixed(2)}× the ${TARGET_EVENTS_PER_SECOND.toLocaleString('en')}/s target); ` +
      `${Math.round(written.events / written.orders)} events per order; heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
  );
}

/**
 * (a′) `--out`: the same days written as NDJSON (serialized, to /dev/null: the file sink, no disk)
 * on this thread and on `threads` worker threads, back to back in this run.
 */
async function asText(days: number, threads: number): Promise<void> {
  let oneThread = 0;
  for (const count of new Set([1, threads])) {
    const sink = await fileSink('/dev/null');
    const [written, seconds] = await time(() =>
      writeHistoryAsText({ world, sim: fullSim, seed: 1, window: windowOf(days), sink, threads: count }),
    );
    const perSecond = written.events / seconds;
    oneThread ||= perSecond;
    console.log(
      `(a′) --out NDJSON, ${days} days, ${count === 1 ? '1 thread (no workers)' : `${count} threads`}: ` +
        `${written.events.toLocaleString('en')} events in ${seconds.toFixed(1)} s = ${rate(written.events, seconds)} events/s` +
        (count === 1 ? '' : ` (${(perSecond / oneThread).toFixed(2)}× one thread)`),
    );
  }
}

async function intoLake(days: number): Promise<void> {
  const sim: SimWorld = {
    ...fullSim,
    businesses: fullSim.businesses.filter((b) => b.id === NORTHWIND_BUSINESS_ID),
  };
  const lakeDir = await mkdtemp(path.join(os.tmpdir(), 'brigade-bench-sim-lake-'));
  try {
    await withScratchDatabase(async (url) => {
      const db = openPostgres({ connectionString: url, maxConnections: 4 });
      const bus = new EmbeddedBus(db);
      try {
        await migrate(db);
        await seedDemo(db, await demoPasswordsForSeeding(lakeDir, 'bench-password'), world);
        const [people, registration] = await time(async () => {
          const found = await registeredPeople(db, world, sim, 'bench-secret');
          // Registration happens as customers first appear; done up front here so it is timed on its own.
          for (const orders of streamOrders(sim, { seed: 1, ...windowOf(days) })) await found.prepare(orders);
          return found;
        });
        const sink = outboxSink(db);
        const [written, outbox] = await time(() =>
          writeHistory({ world, sim, seed: 1, window: windowOf(days), people, sink }),
        );
        const [, relay] = await time(async () => {
          while ((await relayOnce(db, bus, 5000)).published > 0) {}
        });
        const head = (await bus.newest())?.id ?? null;
        const [manifest, lake] = await time(() => writeLake(bus, lakeDir, head));
        const events = written.events;
        const total = outbox + relay + lake;
        const yearEvents = (events / days) * 365;
        const yearSeconds = (yearEvents / events) * total + registration;
        console.log(
          `(b) into the lake, ${days} days × 12 locations: ${written.orders.toLocaleString('en')} orders, ${events.toLocaleString('en')} events\n` +
            `    customers registered in ${registration.toFixed(1)} s (once per customer: scrypt)\n` +
            `    outbox: ${outbox.toFixed(1)} s (${rate(events, outbox)} events/s); relay: ${relay.toFixed(1)} s (${rate(events, relay)} events/s); ` +
            `lake writer: ${lake.toFixed(1)} s (${rate(events, lake)} events/s), manifest v${manifest.version} with ${manifest.files.length} files\n` +
            `    backfill to lake: ${total.toFixed(1)} s = ${rate(events, total)} events/s; a year (${Math.round(yearEvents).toLocaleString('en')} events) at that rate: ` +
            `${Math.round(yearSeconds)} s (target ${TARGET_YEAR_SECONDS} s: ${(yearSeconds / TARGET_YEAR_SECONDS).toFixed(1)}× over)`,
        );
      } finally {
        await bus.close();
        await db.close();
      }
    });
  } finally {
    await rm(lakeDir, { recursive: true, force: true });
    await rm(`${lakeDir}-scratch`, { recursive: true, force: true });
  }
}

/** The lake writer on the bus until its manifest's cursor is `head`. */
async function writeLake(bus: EmbeddedBus, lakeDir: string, head: string | null): Promise<Manifest> {
  let failure: unknown;
  let done: (manifest: Manifest) => void = () => {};
  const finished = new Promise<Manifest>((resolve) => {
    done = resolve;
  });
  const writer = startLakeWriter(bus, new LocalDirStore(lakeDir), {
    flushEvents:
      values['lake-flush'] === undefined ? loadConfig().lake.flushEvents : Number(values['lake-flush']),
    flushMs: 1000,
    lateHorizonDays: 0,
    memoryMb: 2048,
    scratchDir: `${lakeDir}-scratch`,
    maintenanceMs: 3_600_000,
    onFlush: ({ manifest }) => {
      if (manifest.cursor === head) done(manifest);
    },
    onError: (error) => {
      failure = error;
      done(undefined as unknown as Manifest);
    },
  });
  const manifest = await finished;
  await writer.stop();
  if (failure) throw failure;
  return manifest;
}

if (!skip.has('generation')) await generation(Number(values.days));
if (!skip.has('out')) await asText(Number(values.days), Number(values.threads));
if (!skip.has('lake')) await intoLake(Number(values['lake-days']));
