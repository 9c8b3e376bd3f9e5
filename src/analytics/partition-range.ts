import { addDays } from '../domain/calendar.js';
import { PENDING_PARTITION, partitionOverlaps } from '../lake/lake-keys.js';
import { LAKE_TABLES, type LakeTableName } from '../lake/lake-tables.js';

/** Local dates a report reads, inclusive; an open end reads all partitions on that side. */
export interface DateRange {
  from?: string;
  to?: string;
}

/**
 * Whether a partition of `table` can hold rows of the local dates in `range`, so a report lists only
 * the files it needs (and its cache key names only those).
 *
 * - gold day tables are partitioned by local date, and by month for the settled days rolled up into
 *   one file: the partitions overlapping the range (reports filter on `local_date`), a roll-up only
 *   if the range starts by the last date it holds;
 * - silver order tables by the UTC date of order.placed: a local day spans the UTC dates one either
 *   side (zones are within ±14 h of UTC), so the range widens by a day at each end and the report
 *   filters on `local_date`;
 * - gold_metrics by the month its period starts in: the months of the range;
 * - dimension snapshots have one partition: always read.
 */
export function partitionMatches(
  table: LakeTableName,
  range: DateRange,
  partition: string | null,
  /** A month roll-up's last date (ManifestFile.through): a range after it has none of its rows. */
  through?: string,
): boolean {
  const kind = LAKE_TABLES[table].partition;
  if (kind === 'none') return true;
  if (partition === null || partition === PENDING_PARTITION) return false;
  switch (kind) {
    case 'local_date':
      if (through !== undefined && range.from !== undefined && range.from > through) return false;
      return partitionOverlaps(partition, range.from, range.to);
    case 'period_month':
      return partitionOverlaps(partition, range.from, range.to);
    case 'order_date':
    case 'event_date':
      return partitionOverlaps(
        partition,
        range.from === undefined ? undefined : addDays(range.from, -1),
        range.to === undefined ? undefined : addDays(range.to, 1),
      );
  }
}
