import os from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Logger } from 'pino';
import { openBus } from '../bus/open-bus.js';
import type { Config } from '../config/config.js';
import { resolveSecrets } from '../config/secrets.js';
import { demoWorld } from '../demo/demo-world.js';
import { openLakeStore } from '../lake/store/open-lake-store.js';
import { writeShiftHistory } from '../server/demo-shift-history.js';
import { ensureDemo } from '../server/ensure-demo.js';
import { exitOnSignals } from '../server/graceful-shutdown.js';
import { prepareDatabase } from '../server/prepare-database.js';
import { fileSink } from '../simulator/history/file-sinks.js';
import { writeHistoryAsText } from '../simulator/history/history-in-threads.js';
import { registeredPeople } from '../simulator/history/history-people.js';
import { lakePacedSink } from '../simulator/history/lake-paced-sink.js';
import { outboxSink } from '../simulator/history/outbox-sink.js';
import { backfillWindow, writeHistory } from '../simulator/history/write-history.js';
import { openLiveSimulation } from '../simulator/live/open-live-simulation.js';
import { simWorldOf } from '../simulator/world/demo-sim-world.js';
import { progressLine } from './progress-line.js';
import { runAction } from './run-action.js';

function positiveInteger(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return value;
}

interface SimulateOptions {
  live?: boolean;
  backfill?: boolean;
  days?: number;
  out?: string;
  threads?: number;
  url?: string;
  speed?: number;
  seed?: number;
  minutes?: number;
}

/**
 * `brigade simulate`: the demo world, either played live against a running Brigade through its public
 * API (`--live`; `brigade start` does the same in-process), or written as history (`--backfill`) into
 * this Brigade's outbox, or into files with `--out`.
 */
export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('simulate the demo world: live against a running Brigade, or N days of history')
    .option('--live', 'drive the platform through its HTTP API in (accelerated) real time')
    .option('--backfill', 'write the history of the last --days days through the event outbox')
    .option('--days <days>', 'days of history to write with --backfill (default 30)', positiveInteger)
    .option(
      '--out <path>',
      'with --backfill: write the events to files instead (a .ndjson/.json file, or a directory)',
    )
    .option(
      '--threads <threads>',
      'with --out: worker threads writing days side by side (default: the number of CPUs; 1 = none)',
      positiveInteger,
    )
    .option('--url <url>', 'with --live: the Brigade to drive (default: http://127.0.0.1:$PORT)')
    .option(
      '--speed <times>',
      'with --live: simulated seconds per real second (default: BRIGADE_SIMULATOR_SPEED)',
      positiveInteger,
    )
    .option('--seed <seed>', 'behaviour seed (default: BRIGADE_SIMULATOR_SEED)', positiveInteger)
    .option(
      '--minutes <minutes>',
      'with --live: stop after this many real minutes (default: run until interrupted)',
      positiveInteger,
    )
    .action((options: SimulateOptions, command: Command) => {
      if (Boolean(options.live) === Boolean(options.backfill))
        command.error('choose one of --live or --backfill');
      if (options.live && (options.days !== undefined || options.out !== undefined))
        command.error('--days and --out go with --backfill');
      if (options.threads !== undefined && options.out === undefined)
        command.error('--threads goes with --out');
      return runAction((config, logger) =>
        options.live ? simulateLive(config, logger, options) : backfill(config, logger, options),
      )();
    });
}

async function simulateLive(config: Config, logger: Logger, options: SimulateOptions): Promise<void> {
  const url = options.url ?? `http://127.0.0.1:${config.port}`;
  const { jwtSecret } = await resolveSecrets(config.dataDir, config.jwtSecret);
  const speed = options.speed ?? config.simulator.speed;
  const simulation = await openLiveSimulation(
    config,
    jwtSecret,
    url,
    { speed, concurrency: config.simulator.concurrency, seed: options.seed ?? config.simulator.seed },
    logger,
  );
  simulation.start();
  process.stdout.write(`Simulating the demo world against ${url} at ${speed}× real time.\n`);
  const finish = async () => {
    await simulation.stop();
    process.stdout.write(`${JSON.stringify(simulation.status().tally, null, 2)}\n`);
  };
  if (options.minutes === undefined) {
    exitOnSignals(finish, logger);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, (options.minutes ?? 0) * 60_000));
  await finish();
}

/**
 * History into the outbox of the configured database (seeding the demo first when it is not there),
 * or into files. With the embedded database, run it while no `brigade start` holds the same DATA_DIR:
 * PGlite is one process's; the next start relays what was written.
 */
/** A note at most every 10 s while the backfill waits for the relay or the lake writer. */
function throttledNotice(logger: Logger): (what: string) => void {
  let last = 0;
  return (what) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    logger.warn(`backfill waiting for ${what} (is a Brigade with the relay and the lake worker running?)`);
  };
}

async function backfill(config: Config, logger: Logger, options: SimulateOptions): Promise<void> {
  const days = options.days ?? 30;
  const world = demoWorld();
  const sim = simWorldOf(world);
  const window = backfillWindow(days, Date.now());
  const seed = options.seed ?? config.simulator.seed;
  const progress = progressLine(`History of the last ${days} days, days written`);
  const onProgress = (done: { days: number; totalDays: number }) => progress(done.days, done.totalDays);
  const started = performance.now();
  if (options.out !== undefined) {
    const written = await writeHistoryAsText({
      world,
      sim,
      seed,
      window,
      sink: await fileSink(options.out),
      threads: options.threads ?? os.availableParallelism(),
      onProgress,
    });
    process.stdout.write(
      `Wrote ${written.orders.toLocaleString('en')} orders, ${written.events.toLocaleString('en')} events to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    return;
  }
  if (config.redisUrl && !config.databaseUrl)
    throw new Error(
      "simulate --backfill with REDIS_URL needs DATABASE_URL: a running Brigade must relay the history to the lake as it is written, and the embedded database is one process's",
    );
  // Secrets first: that also creates DATA_DIR, where the embedded database lives.
  const { jwtSecret } = await resolveSecrets(config.dataDir, config.jwtSecret);
  const { db } = await prepareDatabase(config, logger);
  try {
    await ensureDemo(db, config, 'unless-seeded', logger);
    const sink = outboxSink(db);
    const people = await registeredPeople(db, world, sim, jwtSecret);
    // Redis Streams trims what the lake writer has not read yet: wait for it day by day (see the sink).
    const bus = config.redisUrl ? openBus(config, db) : null;
    const paced = bus
      ? lakePacedSink(sink, { db, bus, lake: openLakeStore(config), onWait: throttledNotice(logger) })
      : sink;
    const written = await writeHistory({ world, sim, seed, window, people, sink: paced, onProgress }).finally(
      () => bus?.close(),
    );
    // The staff's shifts of the window, through the time clock (src/server/demo-shift-history.ts).
    const shifts = await writeShiftHistory(db, sim, window);
    process.stdout.write(
      `Wrote ${written.orders.toLocaleString('en')} orders (${written.events.toLocaleString('en')} events, ${sink.appended().toLocaleString('en')} new to the outbox) and ${shifts.toLocaleString('en')} staff shifts in ${((performance.now() - started) / 1000).toFixed(1)} s. A running Brigade relays them to the lake and the feeds.\n`,
    );
  } finally {
    await db.close();
  }
}
