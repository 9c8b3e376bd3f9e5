import { addDays, addMonths } from '../../domain/calendar.js';
import type { GoldDayTable } from '../gold/gold-sql.js';
import { isMonthPartition, monthOf } from '../lake-keys.js';
import { GOLD_DAY_TABLES, type LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import { dateLiteral } from './lake-dates.js';
import type { ManifestEdit } from './manifest-edit.js';
import { writeOnePartition } from './partitioned-write.js';
import { filesSource, type WriterContext } from './writer-context.js';

/**
 * Month roll-ups of the gold day tables. The writer files gold rows under their local date, one file
 * per day, because a live flush rewrites only today. Reports over long ranges then pay per file (a
 * year is 365 files per table), so compaction rewrites the days of a month that are settled as one
 * file, partition `YYYY-MM` (`local_month=` directory), rows unchanged. A day is settled
 * ROLL_UP_AFTER_DAYS after its date: over in every time zone and past the days in which late data
 * (deliveries after midnight, refunds of the week) usually arrives. The current month is rolled up as
 * its days settle, so a 30-day report reads a few files per table, not thirty.
 *
 * The roll-up records the last date it holds (`through`); the month's later days stay in day files
 * until they settle in turn. Late data for a rolled-up day is folded back in by the gold step: the day
 * is recomputed as always, then the roll-up is rewritten with that day's new rows in place of its old
 * ones. Between commits a day's rows are therefore in its day file or in the roll-up, never in both.
 */
export const ROLL_UP_AFTER_DAYS = 7;

export interface RollUpTarget {
  table: GoldDayTable;
  businessId: string;
  month: string;
  /** The last date the roll-up is to hold: the month's settled days up to it are folded in. */
  through: string;
}

export async function rollUpMonth(
  context: WriterContext,
  edit: ManifestEdit,
  target: RollUpTarget,
  /** Days recomputed in this edit: their rows come from day files only (none if they have no rows now). */
  recomputed: Iterable<string> = [],
): Promise<{ filesBefore: number; filesAfter: number }> {
  const { table, businessId, month } = target;
  const files = filesOfMonth(edit, table, businessId, month);
  const rollups = files.filter((file) => isMonthPartition(file.partition as string));
  // A roll-up never gives back a day it holds: its days have no day files of their own.
  const through = [target.through, ...rollups.map(throughOf)].sort().at(-1) as string;
  const days = files.filter(
    (file) => !isMonthPartition(file.partition as string) && (file.partition as string) <= through,
  );
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
  edit.remove([...rollups, ...days]);
  if (written) edit.add([{ ...written, through }]);
  return { filesBefore: rollups.length + days.length, filesAfter: written ? 1 : 0 };
}

/**
 * After the gold step rewrote some days of `table`: folds each of those days that its month's roll-up
 * holds back into the roll-up. Later days of the month keep their day files.
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
      const [rollup] = edit.filesOf(table, businessId, new Set([month]));
      if (rollup === undefined) continue;
      const through = throughOf(rollup);
      const held = recomputed.filter((date) => date <= through);
      if (held.length > 0) await rollUpMonth(context, edit, { table, businessId, month, through }, held);
    }
  }
}

/**
 * What compaction rolls up: per gold day table, business and month with day files of settled days
 * (ROLL_UP_AFTER_DAYS before `today` or earlier), the roll-up through the last settled day of the month.
 */
export function dueRollUps(files: readonly ManifestFile[], today: string): RollUpTarget[] {
  const lastSettled = addDays(today, -ROLL_UP_AFTER_DAYS);
  const targets = new Map<string, RollUpTarget>();
  for (const file of files) {
    if (!isGoldDayTable(file.table) || file.partition === null || isMonthPartition(file.partition)) continue;
    if (file.partition > lastSettled) continue;
    const month = monthOf(file.partition);
    const through = [lastSettled, lastDayOf(month)].sort()[0] as string;
    targets.set(`${file.table}\u0000${file.businessId}\u0000${month}`, {
      table: file.table,
      businessId: file.businessId,
      month,
      through,
    });
  }
  return [...targets.values()];
}

/** The last date a roll-up holds (a roll-up written before `through` existed holds its whole month). */
function throughOf(rollup: ManifestFile): string {
  return rollup.through ?? lastDayOf(rollup.partition as string);
}

/** The last date of a month (`YYYY-MM`). */
function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
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
