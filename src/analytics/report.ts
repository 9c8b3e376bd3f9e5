import type { LakeTableName } from '../lake/lake-tables.js';
import type { LocationDirectory } from './location-directory.js';
import type { DateRange } from './partition-range.js';
import type { Filters, Period } from './report-filters.js';
import type { ReportSession } from './report-session.js';

/** A table a report reads, and the local dates it needs from it (partitions outside are not read). */
export interface ReportInput {
  table: LakeTableName;
  range: DateRange;
}

export interface ReportContext<Options> {
  businessId: string;
  filters: Filters;
  options: Options;
  locations: LocationDirectory;
  session: ReportSession;
  now: Date;
}

/** DuckDB types an export column can have. */
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'BOOLEAN';

/** A report's answer as one table: what CSV and Parquet exports hold. */
export interface ReportTable {
  columns: readonly { name: string; type: ColumnType }[];
  rows: readonly Record<string, unknown>[];
}

export interface ReportResult {
  /** The JSON answer (the service adds businessId, range and asOf). */
  body: Record<string, unknown>;
  table: ReportTable;
}

/**
 * One analytics report. `inputs` names the lake tables and dates it reads before anything runs, so
 * the service lists exactly those files: for the views, for tenant isolation and for the cache key.
 */
export interface Report<Options = Record<string, never>> {
  /** Stable name: part of the cache key and of export file names (`sales-summary`). */
  name: string;
  /** The period used when the request names no dates. */
  defaultPeriod: Period;
  inputs(filters: Filters, options: Options): ReportInput[];
  /**
   * The gold version (lake-tables.ts GOLD_VERSION) whose tables the report reads, when above 1: on a
   * lake whose gold is older the answer would be wrong, so it is refused until the writer has
   * recomputed it (analytics_gold_upgrading).
   */
  goldVersion?: number;
  run(context: ReportContext<Options>): Promise<ReportResult>;
  /**
   * What else than its inputs the answer depends on through the clock (e.g. each location's today),
   * so a cached answer is not served across a location's midnight.
   */
  clockKey?(locations: LocationDirectory, filters: Filters, now: Date): string;
}
