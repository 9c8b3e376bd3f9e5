import type { GoldDayTable } from '../gold/gold-sql.js';
import { isMonthPartition, monthOf } from '../lake-keys.js';
import { GOLD_DAY_TABLES, type LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { dateLiteral, shiftDate } from './lake-dates.js';
import type { ManifestEdit } from './manifest-edit.js';
import { writeOnePartition } from './partitioned-write.js';
import { filesSource, type WriterContext } from './writer-context.js';

/**
 * Month roll-ups of the gold day tables. The writer files gold rows under their local date, one file
 * per day, because a live flush rewrites only today. Reports over long ranges then pay per file (a
 * year is 365 files per table), so once every local date of a month is over, compaction rewrites the
 * month's days as one file, partition `YYYY-MM` (`local_month=` directory), rows unchanged.
 *
 * Late data for a rolled-up month is folded back in by the gold step: the day is recomputed as always,
 * then the month is rewritten with that day's new rows in place of its old ones. A month therefore has
 * either day files or one roll-up between commits, never a day's rows twice.
 */
export async function rollUpMonth(
  context: WriterContext,
  edit: ManifestEdit,
  target: { table: GoldDayTable; businessId: string; month: string },
  /** Days recomputed in this edit: their rows come from day files only (none if they have no rows now). */
  recomputed: Iterable<string> = [],
): Promise<{ filesBefore: number; filesAfter: number }> {
  const { table, businessId, month } = target;
  const files = filesOfMonth(edit, table, businessId, month);
  const rollups = files.filter((file) => isMonthPartition(file.partition as string));
  const days = files.filter((file) => !isMonthPartition(file.partition as string));
  const superseded = new Set([...recomputed, ...days.map((file) => file.partition as string)]);
  const keep =
    superseded.size === 0 ? 'true' : `local_date NOT IN (${[...superseded].map(dateLiteral).join(', ')})`;
  const written = await writeOnePartition(context.duck, context.store, context.scratchDir, {
    table,
    source: `${await filesSource(context, table, rollups, keep)}
             UNION ALL BY NAME ${await filesSource(context, table, days)}`,
    businessId,
    partition: month,
    fileName: `v${edit.version}.parquet`,
  });
  edit.remove(files);
  if (written) edit.add([written]);
  return { filesBefore: files.length, filesAfter: written ? 1 : 0 };
}

/**
 * After the gold step rewrote some days of `table`: folds each of those days whose month is rolled up
 * into its roll-up.
 */
export async function foldIntoRollups(
  context: WriterContext,
  edit: ManifestEdit,
  table: GoldDayTable,
  targets: ReadonlyMap<string, ReadonlySet<string | null>>,
): Promise<void> {
  for (const [businessId, dates] of targets) {
    const byMonth = new Map<string, string[]>();
    for (const date of dates) {
      if (date === null) continue;
      byMonth.set(monthOf(date), [...(byMonth.get(monthOf(date)) ?? []), date]);
    }
    for (const [month, recomputed] of byMonth) {
      if (edit.filesOf(table, businessId, new Set([month])).length === 0) continue;
      await rollUpMonth(context, edit, { table, businessId, month }, recomputed);
    }
  }
}

/**
 * The months of gold day tables that hold day files and are over in every time zone (their last day
 * is at least two UTC days behind `today`): what compaction rolls up.
 */
export function closedMonthsToRollUp(
  files: readonly ManifestFile[],
  today: string,
): { table: GoldDayTable; businessId: string; month: string }[] {
  const firstOpen = monthOf(shiftDate(today, -2));
  const months = new Map<string, { table: GoldDayTable; businessId: string; month: string }>();
  for (const file of files) {
    if (!isGoldDayTable(file.table) || file.partition === null || isMonthPartition(file.partition)) continue;
    const month = monthOf(file.partition);
    if (month >= firstOpen) continue;
    months.set(`${file.table}\u0000${file.businessId}\u0000${month}`, {
      table: file.table,
      businessId: file.businessId,
      month,
    });
  }
  return [...months.values()];
}

/** The files of a business's gold day table holding rows of `month`: its roll-up and its day files. */
function filesOfMonth(
  edit: ManifestEdit,
  table: GoldDayTable,
  businessId: string,
  month: string,
): ManifestFile[] {
  return edit
    .filesOf(table, businessId)
    .filter((file) => file.partition !== null && monthOf(file.partition) === month);
}

function isGoldDayTable(table: LakeTableName): table is GoldDayTable {
  return (GOLD_DAY_TABLES as readonly LakeTableName[]).includes(table);
}
