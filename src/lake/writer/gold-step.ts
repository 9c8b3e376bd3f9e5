import { addDays } from '../../domain/calendar.js';
import { sqlString } from '../duckdb/duck-session.js';
import {
  affectedPeriods,
  affectedTrailingEnds,
  CHURN_WINDOW_DAYS,
  LONGEST_TRAILING_WINDOW,
} from '../gold/affected-periods.js';
import { GOLD_DAY_SQL, GOLD_METRICS_SQL } from '../gold/gold-sql.js';
import { TRAILING_CUSTOMERS_SQL } from '../gold/trailing-customers-sql.js';
import { partitionOverlaps } from '../lake-keys.js';
import { GOLD_DAY_TABLES, SILVER_ORDER_TABLES } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { loadFilesKept } from './kept-files.js';
import { dateLiteral } from './lake-dates.js';
import type { ManifestEdit } from './manifest-edit.js';
import { foldIntoRollups } from './month-rollup.js';
import { writePartitioned } from './partitioned-write.js';
import { loadDimensions } from './silver-step.js';
import { prepareTrailingSplit } from './trailing-split.js';
import { eachConcurrently, loadFiles, type WriterContext } from './writer-context.js';

/**
 * Recomputes the gold partitions (local dates) of the given businesses from silver, exactly: every
 * figure of a day is computed again from all of that day's orders, so late data of any age lands in
 * the right day and nothing is counted twice. Then the metrics of every day, week and month those
 * dates touch (churn looks back 90 days, so a late order reaches that far forward) and the trailing
 * customer counts of the days whose windows hold them. A recomputed day of a month already rolled up
 * into one file is folded into that file (month-rollup.ts). Every business of a batch goes through
 * one pass per table: the statements and files of a flush do not multiply with the tenants in it.
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
      first: addDays(sorted[0] as string, -1),
      last: addDays(sorted[sorted.length - 1] as string, 1),
    };
  });
  await eachConcurrently(context, SILVER_ORDER_TABLES, (lane, table) => {
    const files = silverRanges.flatMap(({ businessId, first, last }) =>
      edit
        .filesOf(table, businessId)
        .filter((file) => file.partition !== null && file.partition >= first && file.partition <= last),
    );
    return loadFiles(lane, `silver_${table}`, table, files);
  });
  await loadDimensions(context, edit, [...targets.keys()]);
  await duck.run(`CREATE OR REPLACE TABLE target_dates (business_id VARCHAR, local_date DATE)`);
  const values = [...targets].flatMap(([businessId, dates]) =>
    [...dates].map((date) => `(${sqlString(businessId)}, ${dateLiteral(date as string)})`),
  );
  await duck.run(`INSERT INTO target_dates VALUES ${values.join(', ')}`);

  const fileName = `v${edit.version}.parquet`;
  // The day tables read the same inputs and nothing of each other: they are written side by side.
  const written = await eachConcurrently(context, GOLD_DAY_TABLES, (lane, table) =>
    writePartitioned(lane.duck, lane.store, lane.scratchDir, {
      table,
      source: GOLD_DAY_SQL[table],
      fileName,
    }),
  );
  for (const [index, table] of GOLD_DAY_TABLES.entries()) {
    edit.replacePartitions(table, targets, written[index] ?? []);
    await foldIntoRollups(context, edit, table, targets);
  }
  await rebuildHeaderFigures(context, edit, targets);
}

/**
 * The gold tables computed from the order headers of many days rather than from one day's silver:
 * gold_trailing_customers for every day whose trailing windows hold one of the dates (up to 365 days
 * later) and gold_metrics for every day, week and month period the dates touch (churn looks back
 * 2 × 90 days). One pass of running sums gives the trailing counts of both: the stored days' and the
 * periods' last days, whose 90- and 180-day counts are the metrics' churn.
 */
async function rebuildHeaderFigures(
  context: WriterContext,
  edit: ManifestEdit,
  targets: ReadonlyMap<string, ReadonlySet<string | null>>,
): Promise<void> {
  const { duck } = context;
  const today = context.now().toISOString().slice(0, 10);
  const periodRows: string[] = [];
  const countRows: string[] = [];
  const storedRows: string[] = [];
  const headerFiles: ManifestFile[] = [];
  const metricMonths = new Map<string, Set<string | null>>();
  const storedMonths = new Map<string, Set<string | null>>();
  const firstDays = new Map<string, { firstDay: string; headerFiles: readonly ManifestFile[] }>();
  for (const [businessId, dates] of targets) {
    const changed = [...dates] as string[];
    const periods = affectedPeriods(changed, CHURN_WINDOW_DAYS, today);
    const stored = affectedTrailingEnds(changed, today);
    const counted = [...new Set([...stored, ...periods.map((period) => period.period_end)])].sort();
    if (counted.length === 0) continue;
    const business = sqlString(businessId);
    for (const period of periods) {
      periodRows.push(
        `(${business}, '${period.grain}', ${dateLiteral(period.period_start)}, ${dateLiteral(period.period_end)})`,
      );
    }
    for (const end of counted) countRows.push(`(${business}, ${dateLiteral(end)})`);
    for (const end of stored) storedRows.push(`(${business}, ${dateLiteral(end)})`);
    // Only the order headers the figures can see: the days of the periods and windows, and the longest
    // window before the first of them.
    const from = addDays(counted[0] as string, -(LONGEST_TRAILING_WINDOW - 1));
    const to = counted[counted.length - 1] as string;
    const businessHeaders = edit
      .filesOf('gold_order_header', businessId)
      .filter((file) => file.partition !== null && partitionOverlaps(file.partition, from, to));
    headerFiles.push(...businessHeaders);
    firstDays.set(businessId, { firstDay: counted[0] as string, headerFiles: businessHeaders });
    // A month partition holds every period starting in it, every trailing window ending in it.
    metricMonths.set(businessId, new Set(periods.map((period) => period.period_start.slice(0, 7))));
    storedMonths.set(businessId, new Set(stored.map((end) => end.slice(0, 7))));
  }
  if (countRows.length === 0) return;
  // Kept between flushes: a live flush changes only today's headers among its look-back's ~370 days.
  await loadFilesKept(context, 'order_header_all', 'gold_order_header', headerFiles);
  await createTargets(
    context,
    'target_periods',
    'grain VARCHAR, period_start DATE, period_end DATE',
    periodRows,
  );
  await createTargets(context, 'target_ends', 'period_end DATE', countRows);
  await createTargets(context, 'stored_ends', 'period_end DATE', storedRows);
  // The visits before the first day counted are kept between flushes (trailing-split.ts).
  await prepareTrailingSplit(context, firstDays);
  await duck.run(`CREATE OR REPLACE TABLE trailing_counts AS ${TRAILING_CUSTOMERS_SQL}`);

  const isStored = (alias: string) =>
    `SELECT 1 FROM stored_ends t WHERE t.business_id = ${alias}.business_id AND t.period_end = ${alias}.period_end`;
  const rewrites = [
    {
      table: 'gold_metrics',
      months: metricMonths,
      source: GOLD_METRICS_SQL,
      recomputed: `SELECT 1 FROM target_periods t WHERE t.business_id = p.business_id AND t.grain = p.grain
                      AND t.period_start = p.period_start`,
    },
    {
      table: 'gold_trailing_customers',
      months: storedMonths,
      source: `SELECT * FROM trailing_counts c WHERE EXISTS (${isStored('c')})`,
      recomputed: isStored('p'),
    },
  ] as const;
  const written = await eachConcurrently(context, rewrites, (lane, rewrite) =>
    rewriteMonths(lane, edit, rewrite),
  );
  for (const [index, { table, months }] of rewrites.entries()) {
    const files = written[index];
    if (files) edit.replacePartitions(table, months, files);
  }
}

/** A work table of (business_id, …columns) holding the given VALUES rows. */
async function createTargets(
  context: WriterContext,
  name: string,
  columns: string,
  rows: readonly string[],
): Promise<void> {
  await context.duck.run(`CREATE OR REPLACE TABLE ${name} (business_id VARCHAR, ${columns})`);
  if (rows.length > 0) await context.duck.run(`INSERT INTO ${name} VALUES ${rows.join(', ')}`);
}

/**
 * Writes the month partitions of a month-partitioned gold table again: the rows `source` computes plus
 * the partitions' previous rows (as `p`) that `recomputed` does not match. Returns the files, for the
 * caller to put in place of the months' old ones; null when no month is to be rewritten.
 */
async function rewriteMonths(
  context: WriterContext,
  edit: ManifestEdit,
  rewrite: {
    table: 'gold_metrics' | 'gold_trailing_customers';
    months: ReadonlyMap<string, ReadonlySet<string | null>>;
    source: string;
    recomputed: string;
  },
): Promise<ManifestFile[] | null> {
  const { table, months, source, recomputed } = rewrite;
  if (![...months.values()].some((values) => values.size > 0)) return null;
  const previous = [...months].flatMap(([businessId, values]) => edit.filesOf(table, businessId, values));
  await loadFiles(context, `${table}_previous`, table, previous);
  return writePartitioned(context.duck, context.store, context.scratchDir, {
    table,
    source: `SELECT * FROM (${source})
             UNION ALL BY NAME
             SELECT * FROM ${table}_previous AS p WHERE NOT EXISTS (${recomputed})`,
    fileName: `v${edit.version}.parquet`,
  });
}
