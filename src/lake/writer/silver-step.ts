import {
  DIMENSION_TABLES,
  type LakeTableName,
  SILVER_ORDER_TABLES,
  SNAPSHOT_TABLES,
} from '../lake-tables.js';
import { inList } from '../silver/json-sql.js';
import { QUARANTINE_SQL, SILVER_SQL, silverBaseStatements } from '../silver/silver-sql.js';
import { SNAPSHOT_EVENT_TYPES, SNAPSHOT_SQL } from '../silver/snapshot-sql.js';
import type { ManifestEdit } from './manifest-edit.js';
import { writePartitioned } from './partitioned-write.js';
import { eachConcurrently, filesSource, loadFiles, type WriterContext } from './writer-context.js';

/** Loads the current dimension snapshots of the businesses into `dim_*` tables. */
export async function loadDimensions(
  context: WriterContext,
  edit: ManifestEdit,
  businessIds: readonly string[],
): Promise<void> {
  await eachConcurrently(context, DIMENSION_TABLES, (lane, table) =>
    loadFiles(
      lane,
      table,
      table,
      businessIds.flatMap((businessId) => edit.filesOf(table, businessId)),
    ),
  );
}

/**
 * Rewrites the snapshots (dimensions and shifts) this batch changed: per table, for each business
 * with events of the table's types, previous snapshot + this batch's changes → one new file.
 */
export async function updateSnapshots(context: WriterContext, edit: ManifestEdit): Promise<void> {
  const { duck } = context;
  const types = [...new Set(Object.values(SNAPSHOT_EVENT_TYPES).flat())];
  await duck.run(`
    CREATE OR REPLACE TABLE snapshot_events AS
    SELECT * FROM batch_events WHERE event_type IN ${inList(types)} AND silver_problem IS NULL
  `);
  const changed = await duck.rows<{ business_id: string; event_type: string }>(
    'SELECT DISTINCT business_id, event_type FROM snapshot_events',
  );
  const snapshots = SNAPSHOT_TABLES.flatMap((table) => {
    const businesses = new Set(
      changed
        .filter((row) => SNAPSHOT_EVENT_TYPES[table].includes(row.event_type))
        .map((row) => row.business_id),
    );
    if (businesses.size === 0) return [];
    return [{ table, previous: [...businesses].flatMap((businessId) => edit.filesOf(table, businessId)) }];
  });
  const written = await eachConcurrently(context, snapshots, async (lane, { table, previous }) => {
    await loadFiles(lane, `${table}_previous`, table, previous);
    return writePartitioned(lane.duck, lane.store, lane.scratchDir, {
      table,
      source: SNAPSHOT_SQL[table],
      fileName: `v${edit.version}.parquet`,
    });
  });
  for (const [index, { previous }] of snapshots.entries()) {
    edit.remove(previous);
    edit.add(written[index] ?? []);
  }
}

/** SQL condition: the row `f` (filesSource) belongs to an order of `touched_orders` (staging-step.ts). */
const TOUCHED =
  'EXISTS (SELECT 1 FROM touched_orders t WHERE t.order_id = f.order_id AND t.business_id = f.business_id)';

/**
 * Recomputes the silver rows of the orders this batch touched (`touched_orders`) from all their staged
 * events, and writes each affected partition again as its other orders' rows, unchanged, plus the
 * touched orders' new rows. An order's silver rows depend only on its own events (and the dimensions),
 * so the other orders need no recomputation: a batch costs what its orders cost, not what their days
 * already hold. Returns the local dates (per business) whose gold must follow: those of the touched
 * orders before and after, so an order that moved out of silver (now rejected) leaves its old day too.
 */
export async function rebuildSilver(
  context: WriterContext,
  edit: ManifestEdit,
  partitions: ReadonlyMap<string, ReadonlySet<string | null>>,
): Promise<Map<string, Set<string>>> {
  const { duck } = context;
  const filesOf = (table: LakeTableName) =>
    [...partitions].flatMap(([businessId, values]) => edit.filesOf(table, businessId, values));
  const staged = filesOf('order_events');
  await loadFiles(context, 'order_events', 'order_events', staged, TOUCHED);
  await loadDimensions(context, edit, [...partitions.keys()]);

  const fileName = `v${edit.version}.parquet`;
  // Each partition again: the touched orders' new rows, the other orders' rows read straight from
  // the partition's files into the COPY.
  const rewrite = async (lane: WriterContext, table: LakeTableName, fresh: string) =>
    writePartitioned(lane.duck, lane.store, lane.scratchDir, {
      table,
      source: `${fresh} UNION ALL BY NAME ${await filesSource(context, table, filesOf(table), `NOT ${TOUCHED}`)}`,
      fileName,
    });
  // The touched orders' local dates before this batch, read before their rows are replaced.
  await duck.run(
    `CREATE OR REPLACE TABLE touched_before AS
     SELECT business_id, local_date FROM (${await filesSource(context, 'orders', filesOf('orders'), TOUCHED)})`,
  );
  for (const statement of silverBaseStatements()) await duck.run(statement);
  // Each table reads the base relations and nothing of the others: they are computed side by side.
  const tables = [...SILVER_ORDER_TABLES, 'rejected_events'] as const;
  const written = await eachConcurrently(context, tables, async (lane, table) => {
    if (table === 'rejected_events') {
      return rewrite(
        lane,
        table,
        `SELECT q.*, o.business_id, o.order_date FROM (${QUARANTINE_SQL}) AS q
         JOIN (SELECT DISTINCT order_id, business_id, order_date FROM order_events) AS o USING (order_id)`,
      );
    }
    await lane.duck.run(`CREATE OR REPLACE TABLE silver_${table} AS ${SILVER_SQL[table]}`);
    return rewrite(lane, table, `SELECT * FROM silver_${table}`);
  });
  for (const [index, table] of tables.entries())
    edit.replacePartitions(table, partitions, written[index] ?? []);
  await compactStaging(context, edit, partitions, staged.length);

  const dates = await duck.rows<{ business_id: string; local_date: string }>(
    `SELECT DISTINCT business_id, strftime(local_date, '%Y-%m-%d') AS local_date
     FROM (SELECT business_id, local_date FROM silver_orders
           UNION ALL SELECT business_id, local_date FROM touched_before)`,
  );
  await duck.run('DROP TABLE touched_before');
  const byBusiness = new Map<string, Set<string>>();
  for (const row of dates) {
    byBusiness.set(row.business_id, (byBusiness.get(row.business_id) ?? new Set()).add(row.local_date));
  }
  return byBusiness;
}

/** Staged partitions holding more files than this are merged into one as their silver is rebuilt. */
const STAGING_FILES_BEFORE_MERGE = 16;

/**
 * Merges the staging files of the rebuilt partitions that have grown many small files. The merged
 * file replaces them in the same manifest commit, so a reader sees either the small files or the
 * merged one, never both or neither.
 */
async function compactStaging(
  context: WriterContext,
  edit: ManifestEdit,
  partitions: ReadonlyMap<string, ReadonlySet<string | null>>,
  stagedFiles: number,
): Promise<void> {
  if (stagedFiles <= STAGING_FILES_BEFORE_MERGE) return;
  const crowded = new Map<string, Set<string | null>>();
  for (const [businessId, values] of partitions) {
    for (const value of values) {
      if (edit.filesOf('order_events', businessId, new Set([value])).length > STAGING_FILES_BEFORE_MERGE) {
        crowded.set(businessId, (crowded.get(businessId) ?? new Set()).add(value));
      }
    }
  }
  if (crowded.size === 0) return;
  const files = [...crowded].flatMap(([businessId, values]) =>
    edit.filesOf('order_events', businessId, values),
  );
  const merged = await writePartitioned(context.duck, context.store, context.scratchDir, {
    table: 'order_events',
    source: await filesSource(context, 'order_events', files),
    fileName: `merged-v${edit.version}.parquet`,
  });
  edit.replacePartitions('order_events', crowded, merged);
}
