import { TRAILING_WINDOWS } from '../lake/gold/affected-periods.js';
import { toInt } from './figures.js';
import type { ReportSession } from './report-session.js';
import { dateLiteral } from './report-sql.js';

/** Distinct customers per location over a range, the whole business under null. */
export type CustomersByLocation = ReadonlyMap<string | null, number>;

/**
 * Whether gold_trailing_customers can answer a range of `days` local days: one of its windows (the
 * standard periods). Other lengths count the order headers.
 */
export function hasTrailingWindow(days: number): boolean {
  return (TRAILING_WINDOWS as readonly number[]).includes(days);
}

/**
 * The distinct customers of the `windowDays` days ending on each of `ends`, from
 * gold_trailing_customers (the view must be among the report's inputs). An end the writer has not
 * computed (no business-wide row: a day with nothing written yet, or beyond tomorrow) is absent from
 * the answer, and the caller counts the order headers for it; a location without a row on a computed
 * day had no customer then (the table leaves zero rows out).
 */
export async function lookUpTrailingCustomers(
  session: ReportSession,
  windowDays: number,
  ends: readonly string[],
): Promise<Map<string, CustomersByLocation>> {
  if (!hasTrailingWindow(windowDays)) throw new Error(`no trailing window of ${windowDays} days`);
  const rows = await session.rows<{ period_end: string; location_id: string | null; customers: string }>(
    `SELECT strftime(period_end, '%Y-%m-%d') AS period_end, location_id, customers
       FROM gold_trailing_customers
      WHERE window_days = ${windowDays} AND period_end IN (${ends.map(dateLiteral).join(', ')})`,
  );
  const found = new Map<string, Map<string | null, number>>();
  for (const row of rows) {
    const byLocation = found.get(row.period_end) ?? new Map<string | null, number>();
    byLocation.set(row.location_id, toInt(row.customers));
    found.set(row.period_end, byLocation);
  }
  for (const [end, byLocation] of found) if (!byLocation.has(null)) found.delete(end);
  return found;
}
