import { createHash } from 'node:crypto';
import { sqlString } from '../duckdb/duck-session.js';
import { TRAILING_KEPT_TABLES_SQL, TRAILING_REFRESH_SQL } from '../gold/trailing-customers-sql.js';
import { partitionOverlaps } from '../lake-keys.js';
import type { ManifestFile } from '../manifest.js';
import { fileIdentity } from './kept-files.js';
import { dateLiteral, shiftDate } from './lake-dates.js';
import type { WriterContext } from './writer-context.js';

/**
 * Sets each business's split day for gold_trailing_customers (temp table `trailing_split`; see
 * gold/trailing-customers-sql.ts) and makes the kept steps and last visits before it current. They
 * are recomputed for a business only when its split day or one of its order-header files before that
 * day differs from the last time: a live flush, whose split is today, reuses them all day and reads
 * only today's visits; a late order moves the split back and recomputes them once.
 * `headerFiles` are the business's gold_order_header files loaded into `order_header_all`.
 */
export async function prepareTrailingSplit(
  context: WriterContext,
  splits: ReadonlyMap<string, { splitDay: string; headerFiles: readonly ManifestFile[] }>,
): Promise<void> {
  const { duck } = context;
  for (const statement of TRAILING_KEPT_TABLES_SQL) await duck.run(statement);
  const held = new Map(
    (await duck.rows<{ business_id: string; cache_key: string }>('SELECT * FROM trailing_old_key')).map(
      (row) => [row.business_id, row.cache_key],
    ),
  );
  const keys = new Map<string, string>();
  for (const [businessId, { splitDay, headerFiles }] of splits) {
    const before = headerFiles
      .filter(
        (file) =>
          file.partition !== null && partitionOverlaps(file.partition, undefined, shiftDate(splitDay, -1)),
      )
      .map(fileIdentity)
      .sort();
    keys.set(businessId, `${splitDay}|${createHash('sha256').update(before.join('\n')).digest('hex')}`);
  }
  const rows = (ids: Iterable<string>) =>
    [...ids].map((id) => `(${sqlString(id)}, ${dateLiteral(splits.get(id)?.splitDay as string)})`).join(', ');
  await duck.run(`CREATE OR REPLACE TEMP TABLE trailing_split (business_id VARCHAR, split_day DATE)`);
  if (splits.size > 0) await duck.run(`INSERT INTO trailing_split VALUES ${rows(splits.keys())}`);
  // Like the kept headers, only this call's businesses are kept: memory stays bounded by one flush's.
  for (const table of ['trailing_old_key', 'trailing_old_steps', 'trailing_old_last']) {
    await duck.run(`DELETE FROM ${table} WHERE business_id NOT IN (SELECT business_id FROM trailing_split)`);
  }
  const stale = [...keys].filter(([id, key]) => held.get(id) !== key).map(([id]) => id);
  if (stale.length === 0) return;
  await duck.run(`CREATE OR REPLACE TEMP TABLE trailing_refresh (business_id VARCHAR, split_day DATE)`);
  await duck.run(`INSERT INTO trailing_refresh VALUES ${rows(stale)}`);
  // The keys go first: a refresh that fails half-way leaves no key, so the next call refreshes again.
  await duck.run(
    'DELETE FROM trailing_old_key WHERE business_id IN (SELECT business_id FROM trailing_refresh)',
  );
  for (const statement of TRAILING_REFRESH_SQL) await duck.run(statement);
  await duck.run(
    `INSERT INTO trailing_old_key VALUES ${stale.map((id) => `(${sqlString(id)}, ${sqlString(keys.get(id) as string)})`).join(', ')}`,
  );
  await duck.run('DROP TABLE trailing_refresh');
}
