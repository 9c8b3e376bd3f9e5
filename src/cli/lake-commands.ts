import path from 'node:path';
import type { Command } from 'commander';
import { openBus } from '../bus/open-bus.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { GOLD_VERSION } from '../lake/lake-tables.js';
import { backfillLake } from '../lake/maintenance/backfill-lake.js';
import { compactLake } from '../lake/maintenance/compact-lake.js';
import { lakeStatus } from '../lake/maintenance/lake-status.js';
import { rebuildLake } from '../lake/maintenance/rebuild-lake.js';
import { vacuumLake } from '../lake/maintenance/vacuum-lake.js';
import { readManifest } from '../lake/manifest-io.js';
import type { LakeStore } from '../lake/store/lake-store.js';
import { openLakeStore } from '../lake/store/open-lake-store.js';
import { openWriterDuck } from '../lake/writer/lake-writer.js';
import type { WriterContext } from '../lake/writer/writer-context.js';
import { countAwaitingRelay } from '../outbox/outbox-relay.js';
import { prepareDatabase } from '../server/prepare-database.js';
import { openDatabase } from '../storage/open-database.js';
import { progressLine } from './progress-line.js';
import { runAction } from './run-action.js';

/** `brigade lake ...`: the lake's maintenance commands. Run them with the lake writer stopped. */
export function addLakeCommands(program: Command): void {
  const lake = program
    .command('lake')
    .description('lakehouse maintenance: status, compact, rebuild, backfill');

  lake
    .command('status')
    .description(
      'partitions, files, rows and sizes per table, the cursor, the lag behind the bus, the gold version',
    )
    .action(
      runAction(async (config) => {
        const store = openLakeStore(config);
        try {
          const manifest = await readManifest(store);
          // The embedded database belongs to the running server; only PostgreSQL can be shared. Read
          // only: a status does not migrate the schema.
          const db = config.databaseUrl
            ? await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
            : undefined;
          const bus = db ? openBus(config, db) : null;
          const [status, awaitingRelay] = await Promise.all([
            lakeStatus(manifest, bus),
            db ? countAwaitingRelay(db) : null,
          ]).finally(async () => {
            await bus?.close();
            await db?.close();
          });
          const lag =
            status.lag === null
              ? 'unknown (set DATABASE_URL to measure it; the embedded database is the running server’s)'
              : `${status.lagAtLeast ? 'at least ' : ''}${status.lag.toLocaleString('en')} events on the bus, ${(awaitingRelay ?? 0).toLocaleString('en')} more waiting for the relay`;
          process.stdout.write(
            [
              `Lake (${store.kind}) manifest v${status.version}, committed ${status.committedAt}`,
              `cursor: ${status.cursor ?? 'none'}; lag: ${lag}; order events waiting for their order: ${status.pendingOrderEvents}`,
              status.goldVersion >= GOLD_VERSION
                ? `gold: version ${status.goldVersion}`
                : `gold: version ${status.goldVersion}, older than this Brigade's ${GOLD_VERSION}: the lake writer recomputes it when it starts`,
              '',
              formatTable(status.tables),
              '',
            ].join('\n'),
          );
        } finally {
          await store.close();
        }
      }),
    );

  lake
    .command('compact')
    .description(
      'merge small files per partition, roll settled days of gold up into one file per month, delete files no manifest lists',
    )
    .option('--grace-minutes <minutes>', 'keep unlisted files younger than this', '15')
    .action((options: { graceMinutes: string }) =>
      withWriterContext(async (context, store) => {
        const show = progressLine('partitions merged');
        const result = await compactLake(context, { onProgress: show });
        const vacuumed = await vacuumLake(store, { graceMs: Number(options.graceMinutes) * 60_000 });
        process.stdout.write(
          `Merged ${result.filesBefore} files into ${result.filesAfter} in ${result.partitions} partitions; deleted ${vacuumed.deleted} unlisted files (${vacuumed.bytes} bytes).\n`,
        );
      })(),
    );

  lake
    .command('rebuild')
    .description('rebuild staging, silver and gold from bronze (after a transform change or a lost file)')
    .action(
      withWriterContext(async (context) => {
        const show = progressLine('events rebuilt');
        const manifest = await rebuildLake(context, { onProgress: ({ done, total }) => show(done, total) });
        process.stdout.write(`Rebuilt the lake from bronze: manifest v${manifest.version}.\n`);
      }),
    );

  lake
    .command('backfill')
    .description('fill an empty lake from the PostgreSQL history (the outbox), then hand over to the bus')
    .action(
      withWriterContext(async (context, _store, config, logger) => {
        if (!config.databaseUrl) {
          throw new ConfigError([
            'brigade lake backfill reads PostgreSQL (DATABASE_URL); an embedded deployment fills its lake from the start',
          ]);
        }
        const { db } = await prepareDatabase(config, logger);
        const bus = openBus(config, db);
        try {
          const show = progressLine('events backfilled');
          const { manifest, events, awaitingRelay } = await backfillLake(context, db, bus, {
            onProgress: ({ done, total }) => show(done, total),
          });
          process.stdout.write(
            `Backfilled ${events.toLocaleString('en')} events into the lake: manifest v${manifest.version}, cursor ${manifest.cursor ?? 'none'}.\n`,
          );
          if (awaitingRelay > 0)
            process.stdout.write(
              `${awaitingRelay.toLocaleString('en')} events of the outbox were not yet on the bus: the lake writer takes them from the bus once the relay has published them ('brigade worker relay lake', or a Brigade running them).\n`,
            );
        } finally {
          await bus.close();
          await db.close();
        }
      }),
    );
}

type WriterAction = (
  context: WriterContext,
  store: LakeStore,
  config: Config,
  logger: Parameters<Parameters<typeof runAction>[0]>[1],
) => Promise<void>;

/** Runs a command with the lake store and a writer's DuckDB, closing both afterwards. */
function withWriterContext(action: WriterAction) {
  return runAction(async (config, logger) => {
    const store = openLakeStore(config);
    const scratchDir = path.join(config.dataDir, 'lake-maintenance');
    const duck = await openWriterDuck({ memoryMb: config.lake.memoryMb, scratchDir });
    try {
      await action(
        { duck, store, scratchDir, lateHorizonDays: config.lake.lateHorizonDays, now: () => new Date() },
        store,
        config,
        logger,
      );
    } finally {
      duck.close();
      await store.close();
    }
  });
}

function formatTable(
  rows: readonly {
    table: string;
    layer: string;
    partitions: number;
    files: number;
    rows: number;
    bytes: number;
  }[],
): string {
  const header = ['table', 'layer', 'partitions', 'files', 'rows', 'MB'];
  const body = rows.map((row) => [
    row.table,
    row.layer,
    String(row.partitions),
    String(row.files),
    row.rows.toLocaleString('en'),
    (row.bytes / 1e6).toFixed(2),
  ]);
  const widths = header.map((_, index) =>
    Math.max(...[header, ...body].map((cells) => (cells[index] ?? '').length)),
  );
  return [header, ...body]
    .map((cells) => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  '))
    .join('\n');
}
