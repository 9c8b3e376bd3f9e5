import { sqlString } from '../duckdb/duck-session.js';
import { affectedPeriods, CHURN_WINDOW_DAYS } from '../gold/affected-periods.js';
import { GOLD_DAY_SQL, GOLD_METRICS_SQL } from '../gold/gold-sql.js';
import { partitionOverlaps } from '../lake-keys.js';
import { GOLD_DAY_TABLES, SILVER_ORDER_TABLES } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { loadFilesKept } from './kept-files.js';
import { dateLiteral, shiftDate } from './lake-dates.js';
import type { ManifestEdit } from './manifest-edit.js';
import { foldIntoRollups } from './month-rollup.js';
import { writePartitioned } from './partitioned-write.js';
import { loadDimensions } from './silver-step.js';
import { loadFiles, type WriterContext } from './writer-context.js';

/**
 * Recomputes the gold partitions (local dates) of the given businesses from silver, exactly: every
 * figure of a day is computed again from all of that day's orders, so late data of any age lands in
 * the right day and nothing is counted twice. Then the metrics of every day, week and month those
 * dates touch (churn looks back 90 days, so a late order reaches that far forward). A recomputed day
 * of a month already rolled up into one file is folded into that file (month-rollup.ts). Every
 * business of a batch goes through one pass per table: the statements and files of a flush do not
 * multiply with the tenants in it.
 */
export async function rebuildGold(
  context: WriterContext,
  edit: ManifestEdit,
  localDates: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  const targets = new Map<string, Set<string | null>>();
  for (const [businessId, dates] of localDates) if (dates.size > 0) targets.set(businessId, new Set(dates));
  if (targets.size === 0) return;
  const { duck } = context;
  // The silver order-date partitions around each business's dates: a local day spans UTC dates one
  // either side (time zones are within ±14 h of UTC).
  const silverRanges = [...targets].map(([businessId, dates]) => {
    const sorted = [...dates].sort() as string[];
    return {
      businessId,
      first: shiftDate(sorted[0] as string, -1),
      last: shiftDate(sorted[sorted.length - 1] as string, 1),
    };
  });
  for (const table of SILVER_ORDER_TABLES) {
    const files = silverRanges.flatMap(({ businessId, first, last }) =>
      edit
        .filesOf(table, businessId)
        .filter((file) => file.partition !== null && file.partition >= first && file.partition <= last),
    );
    await loadFiles(context, `silver_${table}`, table, files);
  }
  await loadDimensions(context, edit, [...targets.keys()]);
  await duck.run(`CREATE OR REPLACE TEMP TABLE target_dates (business_id VARCHAR, local_date DATE)`);
  const values = [...targets].flatMap(([businessId, dates]) =>
    [...dates].map((date) => `(${sqlString(businessId)}, ${dateLiteral(date as string)})`),
  );
  await duck.run(`INSERT INTO target_dates VALUES ${values.join(', ')}`);

  const fileName = `v${edit.version}.parquet`;
  for (const table of GOLD_DAY_TABLES) {
    const written = await writePartitioned(duck, context.store, context.scratchDir, {
      table,
      source: GOLD_DAY_SQL[table],
      fileName,
    });
    edit.replacePartitions(table, targets, written);
    await foldIntoRollups(context, edit, table, targets);
  }
  await rebuildMetrics(context, edit, targets);
}

async function rebuildMetrics(
  context: WriterContext,
  edit: ManifestEdit,
  targets: ReadonlyMap<string, ReadonlySet<string | null>>,
): Promise<void> {
  const { duck } = context;
  const today = context.now().toISOString().slice(0, 10);
  const periodRows: string[] = [];
  const headerFiles: ManifestFile[] = [];
  const months = new Map<string, Set<string | null>>();
  for (const [businessId, dates] of targets) {
    const periods = affectedPeriods([...dates] as string[], CHURN_WINDOW_DAYS, today);
    if (periods.length === 0) continue;
    for (const period of periods) {
      periodRows.push(
        `(${sqlString(businessId)}, '${period.grain}', ${dateLiteral(period.period_start)}, ${dateLiteral(period.period_end)})`,
      );
    }
    // Only the order headers the periods can see: their own days and the churn look-back before them.
    const ends = periods.map((period) => period.period_end).sort();
    const from = shiftDate(ends[0] as string, -(2 * CHURN_WINDOW_DAYS - 1));
    const to = ends[ends.length - 1] as string;
    headerFiles.push(
      ...edit
        .filesOf('gold_order_header', businessId)
        .filter((file) => file.partition !== null && partitionOverlaps(file.partition, from, to)),
    );
    // A month partition holds every period starting in it.
    months.set(businessId, new Set(periods.map((period) => period.period_start.slice(0, 7))));
  }
  if (periodRows.length === 0) return;
  // Kept between flushes: a live flush changes only today's headers among its look-back's ~200 days.
  await loadFilesKept(context, 'order_header_all', 'gold_order_header', headerFiles);
  await duck.run(
    `CREATE OR REPLACE TEMP TABLE target_periods
       (business_id VARCHAR, grain VARCHAR, period_start DATE, period_end DATE)`,
  );
  await duck.run(`INSERT INTO target_periods VALUES ${periodRows.join(', ')}`);

  // Keep the periods of those months that are not recomputed.
  const previous = [...months].flatMap(([businessId, values]) =>
    edit.filesOf('gold_metrics', businessId, values),
  );
  await loadFiles(context, 'metrics_previous', 'gold_metrics', previous);
  const written = await writePartitioned(duck, context.store, context.scratchDir, {
    table: 'gold_metrics',
    source: `SELECT * FROM (${GOLD_METRICS_SQL})
             UNION ALL BY NAME
             SELECT * FROM metrics_previous AS p
             WHERE NOT EXISTS (SELECT 1 FROM target_periods t
                               WHERE t.business_id = p.business_id AND t.grain = p.grain
                                 AND t.period_start = p.period_start)`,
    fileName: `v${edit.version}.parquet`,
  });
  edit.replacePartitions('gold_metrics', months, written);
}
