import type { DuckSession } from '../duckdb/duck-session.js';
import type { LakeTableName } from '../lake-tables.js';
import type { ManifestFile } from '../manifest.js';
import type { LakeStore } from '../store/lake-store.js';
import { filesRelation } from '../table-sql.js';

/** What every step of the lake writer works with. */
export interface WriterContext {
  duck: DuckSession;
  store: LakeStore;
  /** Local directory for DuckDB's output before upload. */
  scratchDir: string;
  lateHorizonDays: number;
  now: () => Date;
}

/**
 * Makes `name` a temp table holding the rows of the given lake files (typed as `table`). Steps
 * materialise their inputs once because several transforms read each of them.
 */
export async function loadFiles(
  context: WriterContext,
  name: string,
  table: LakeTableName,
  files: readonly ManifestFile[],
  /** Keeps only the rows this SQL condition holds for (the files' rows are `f`). */
  where = 'true',
): Promise<void> {
  const paths = await Promise.all(files.map((file) => context.store.localPath(file.key)));
  await context.duck.run(
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (${filesRelation(table, paths)}) AS f WHERE ${where}`,
  );
}

/** Groups partition values by business: the shape ManifestEdit.replacePartitions takes. */
export function partitionsByBusiness(
  rows: readonly { business_id: string; partition: string | null }[],
): Map<string, Set<string | null>> {
  const grouped = new Map<string, Set<string | null>>();
  for (const row of rows) {
    const values = grouped.get(row.business_id) ?? new Set<string | null>();
    values.add(row.partition);
    grouped.set(row.business_id, values);
  }
  return grouped;
}
