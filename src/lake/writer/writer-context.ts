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
 * Runs `work` for each item, several at once, each with a context whose `duck` is a connection of its
 * own to the writer's database (DuckSession.concurrently): for steps whose statements read what was
 * created before and nothing of each other. Results come back in the items' order.
 */
export function eachConcurrently<Item, Result>(
  context: WriterContext,
  items: readonly Item[],
  work: (context: WriterContext, item: Item) => Promise<Result>,
): Promise<Result[]> {
  return context.duck.concurrently(items, (duck, item) => work({ ...context, duck }, item));
}

/**
 * A SELECT of the rows of the given lake files (typed as `table`, aliased `f`), keeping those `where`
 * holds for: a source to read once, straight into a COPY or a work table.
 */
export async function filesSource(
  context: WriterContext,
  table: LakeTableName,
  files: readonly ManifestFile[],
  where = 'true',
): Promise<string> {
  const paths = await Promise.all(files.map((file) => context.store.localPath(file.key)));
  return `SELECT * FROM (${filesRelation(table, paths)}) AS f WHERE ${where}`;
}

/**
 * Makes `name` a work table holding the rows of the given lake files (filesSource). Steps materialise
 * their inputs once because several transforms read each of them. Work tables are plain tables of the
 * writer's in-memory database, not TEMP ones: those are private to a connection, and the steps read
 * them from several at once (eachConcurrently).
 */
export async function loadFiles(
  context: WriterContext,
  name: string,
  table: LakeTableName,
  files: readonly ManifestFile[],
  where?: string,
): Promise<void> {
  await context.duck.run(
    `CREATE OR REPLACE TABLE ${name} AS ${await filesSource(context, table, files, where)}`,
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
