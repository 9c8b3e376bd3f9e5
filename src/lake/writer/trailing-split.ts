import { createHash } from 'node:crypto';
import { addDays } from '../../domain/calendar.js';
import { sqlString } from '../duckdb/duck-session.js';
import { TRAILING_KEPT_TABLES_SQL, TRAILING_REFRESH_SQL } from '../gold/trailing-customers-sql.js';
import { partitionOverlaps } from '../lake-keys.js';
import type { ManifestFile } from '../manifest.js';
import { fileIdentity } from './kept-files.js';
import { dateLiteral } from './lake-dates.js';
import type { WriterContext } from './writer-context.js';

/**
 * The furthest a kept split day may lie before a flush's first day: the visits from the split on are
 * read every flush, so this bounds them to about a week while the visits before it serve for a week.
 */
const MAX_SPLIT_LAG_DAYS = 7;

/**
 * Sets each business's split day for gold_trailing_customers (work table `trailing_split`; see
 * gold/trailing-customers-sql.ts) and makes the kept steps and last visits before it current. Any
 * split at or before a flush's first day gives the same counts, so the kept one serves as long as it
 * is at most a week before that day and none of the business's order-header files before it changed
 * (a live flush then reads only the visits since the split, and a flush whose first day is a location's
 * yesterday does not throw it away); otherwise they are computed again, split at the first day.
 * `headerFiles` are the business's gold_order_header files loaded into `order_header_all`.
 */
export async function prepareTrailingSplit(
  context: WriterContext,
  firstDays: ReadonlyMap<string, { firstDay: string; headerFiles: readonly ManifestFile[] }>,
): Promise<void> {
  const { duck } = context;
  for (const statement of TRAILING_KEPT_TABLES_SQL) await duck.run(statement);
  const held = new Map(
    (
      await duck.rows<{ business_id: string; split_day: string; files_hash: string }>(
        'SELECT * FROM trailing_old_key',
      )
    ).map((row) => [row.business_id, { splitDay: row.split_day, filesHash: row.files_hash }]),
  );
  const chosen = new Map<string, { splitDay: string; filesHash: string }>();
  const stale: string[] = [];
  for (const [businessId, { firstDay, headerFiles }] of firstDays) {
    // The identities of the header files before a split day: what the visits kept for it were read from.
    const filesHashBefore = (splitDay: string) =>
      createHash('sha256')
        .update(
          headerFiles
            .filter(
              (file) =>
                file.partition !== null &&
                partitionOverlaps(file.partition, undefined, addDays(splitDay, -1)),
            )
            .map(fileIdentity)
            .sort()
            .join('\n'),
        )
        .digest('hex');
    const kept = held.get(businessId);
    if (
      kept !== undefined &&
      kept.splitDay <= firstDay &&
      kept.splitDay >= addDays(firstDay, -MAX_SPLIT_LAG_DAYS) &&
      filesHashBefore(kept.splitDay) === kept.filesHash
    ) {
      chosen.set(businessId, kept);
    } else {
      chosen.set(businessId, { splitDay: firstDay, filesHash: filesHashBefore(firstDay) });
      stale.push(businessId);
    }
  }
  const rows = (ids: Iterable<string>) =>
    [...ids].map((id) => `(${sqlString(id)}, ${dateLiteral(chosen.get(id)?.splitDay as string)})`).join(', ');
  await duck.run(`CREATE OR REPLACE TABLE trailing_split (business_id VARCHAR, split_day DATE)`);
  if (chosen.size > 0) await duck.run(`INSERT INTO trailing_split VALUES ${rows(chosen.keys())}`);
  // Like the kept headers, only this call's businesses are kept: memory stays bounded by one flush's.
  for (const table of ['trailing_old_key', 'trailing_old_steps', 'trailing_old_last']) {
    await duck.run(`DELETE FROM ${table} WHERE business_id NOT IN (SELECT business_id FROM trailing_split)`);
  }
  if (stale.length === 0) return;
  await duck.run(`CREATE OR REPLACE TABLE trailing_refresh (business_id VARCHAR, split_day DATE)`);
  await duck.run(`INSERT INTO trailing_refresh VALUES ${rows(stale)}`);
  // The keys go first: a refresh that fails half-way leaves no key, so the next call refreshes again.
  await duck.run(
    'DELETE FROM trailing_old_key WHERE business_id IN (SELECT business_id FROM trailing_refresh)',
  );
  for (const statement of TRAILING_REFRESH_SQL) await duck.run(statement);
  await duck.run(
    `INSERT INTO trailing_old_key VALUES ${stale
      .map((id) => {
        const { splitDay, filesHash } = chosen.get(id) as { splitDay: string; filesHash: string };
        return `(${sqlString(id)}, ${sqlString(splitDay)}, ${sqlString(filesHash)})`;
      })
      .join(', ')}`,
  );
  await duck.run('DROP TABLE trailing_refresh');
}
