import type { DuckSession } from '../duckdb/duck-session.js';
import { TRAILING_CUSTOMERS_SQL, TRAILING_REFRESH_SQL } from './trailing-customers-sql.js';

/**
 * Work table `trailing_counts` for the days in `target_ends` from `order_header_all` in one go, keeping
 * nothing for a next call (bench:metrics, the tests): the visits are split `splitBack` days before
 * each business's first target day. The lake writer splits at that day and keeps the visits before it
 * between flushes instead (writer/trailing-split.ts).
 */
export async function computeTrailingCounts(duck: DuckSession, splitBack = 0): Promise<void> {
  await duck.run(
    `CREATE OR REPLACE TABLE trailing_split AS
     SELECT business_id, min(period_end) - ${splitBack} AS split_day FROM target_ends GROUP BY business_id`,
  );
  await duck.run('CREATE OR REPLACE TABLE trailing_refresh AS SELECT * FROM trailing_split');
  for (const statement of TRAILING_REFRESH_SQL) await duck.run(statement);
  await duck.run(`CREATE OR REPLACE TABLE trailing_counts AS ${TRAILING_CUSTOMERS_SQL}`);
}
