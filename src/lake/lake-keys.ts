import { LAKE_TABLES, type LakeTableName } from './lake-tables.js';

/**
 * Where a table's files live in the store: `<layer>/<table>/business_id=<id>/<column>=<value>/<file>`
 * (Hive-style, so any engine can read the lake by directory). A partition value of null means
 * "not known yet" (staged events of an order whose order.placed has not arrived) and is spelled
 * `pending`. A gold day table's month roll-up (a month value, see isMonthPartition) lives under
 * `local_month=<YYYY-MM>`: the directory says what the file spans, and its rows keep `local_date`.
 */
export function partitionDir(table: LakeTableName, businessId: string, partition: string | null): string {
  const spec = LAKE_TABLES[table];
  const base = `${spec.layer}/${spec.name}/business_id=${businessId}`;
  if (spec.partition === 'none') return base;
  if (spec.partition === 'local_date' && partition !== null && isMonthPartition(partition)) {
    return `${base}/local_month=${partition}`;
  }
  return `${base}/${spec.partition}=${partition ?? PENDING_PARTITION}`;
}

export const PENDING_PARTITION = 'pending';

/**
 * Whether a partition value is a month (`YYYY-MM`) rather than a date. Gold day tables hold recent
 * days one partition each and a month's settled days as one roll-up partition named by the month
 * (writer/month-rollup.ts); gold_metrics is partitioned by month throughout.
 */
export function isMonthPartition(value: string): boolean {
  return /^\d{4}-\d{2}$/.test(value);
}

/** The month (`YYYY-MM`) of an ISO date or of a month partition value. */
export function monthOf(value: string): string {
  return value.slice(0, 7);
}

/**
 * Whether a date or month partition can hold rows of the dates `from` … `to` (inclusive ISO dates;
 * an open end is unbounded). Text order is time order for both spellings.
 */
export function partitionOverlaps(value: string, from: string | undefined, to: string | undefined): boolean {
  const [low, high] = isMonthPartition(value) ? [from && monthOf(from), to && monthOf(to)] : [from, to];
  return (low === undefined || value >= low) && (high === undefined || value <= high);
}

/** Bus offsets as they appear in file names: stream ids (`1733-0`) and positions are both safe. */
export function offsetRange(first: string, last: string): string {
  return `${first}-${last}`.replace(/[^0-9A-Za-z_-]/g, '_');
}
