import { addMonths, monthsBetween } from '../../domain/calendar.js';
import { share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andLocations, dateLiteral } from '../report-sql.js';

/**
 * Monthly acquisition cohorts: customers grouped by the month of their first order (that counts as
 * revenue, at the selected locations), for cohort months from the month of `from` to the month of
 * `to`; for each, how many ordered again in each later month up to `to` (offset 0 is the cohort
 * itself, so its rate is 1). Reads the order history up to `to`.
 */
export const customerCohortsReport: Report = {
  name: 'customer-cohorts',
  defaultPeriod: '1y',
  inputs: (filters) => [{ table: 'gold_order_header', range: { to: filters.to } }],
  async run({ session, filters }) {
    // Months as dates (date_trunc) and offsets by datediff: formatting every order's date as text
    // was about 30% of the query over a year of orders; only the result's cohorts are formatted.
    const rows = await session.rows<{ cohort: string; month_offset: number; active: string }>(
      `WITH activity AS (
         SELECT DISTINCT customer_id, date_trunc('month', local_date) AS month FROM gold_order_header
          WHERE counts_as_revenue AND customer_id IS NOT NULL AND local_date <= ${dateLiteral(filters.to)}
                ${andLocations(filters)}),
       firsts AS (SELECT customer_id, min(month) AS cohort FROM activity GROUP BY ALL)
       SELECT strftime(f.cohort, '%Y-%m') AS cohort,
              CAST(datediff('month', f.cohort, a.month) AS INTEGER) AS month_offset,
              count(*) AS active
         FROM firsts f JOIN activity a USING (customer_id)
        WHERE f.cohort >= ${dateLiteral(`${filters.from.slice(0, 7)}-01`)}
        GROUP BY ALL ORDER BY 1, 2`,
    );
    const lastMonth = filters.to.slice(0, 7);
    const cohorts: {
      cohortMonth: string;
      customers: number;
      retention: { offset: number; month: string; activeCustomers: number; rate: number | null }[];
    }[] = [];
    for (let month = filters.from.slice(0, 7); month <= lastMonth; month = addMonths(month, 1)) {
      const mine = rows.filter((row) => row.cohort === month);
      const size = toInt(mine.find((row) => Number(row.month_offset) === 0)?.active);
      if (size === 0) continue;
      const retention = [];
      for (let offset = 0; offset <= monthsBetween(month, lastMonth); offset++) {
        const active = toInt(mine.find((row) => Number(row.month_offset) === offset)?.active);
        retention.push({
          offset,
          month: addMonths(month, offset),
          activeCustomers: active,
          rate: share(active, size),
        });
      }
      cohorts.push({ cohortMonth: month, customers: size, retention });
    }
    return {
      body: { cohorts },
      table: {
        columns: [
          { name: 'cohort_month', type: 'VARCHAR' },
          { name: 'customers', type: 'BIGINT' },
          { name: 'month_offset', type: 'INTEGER' },
          { name: 'month', type: 'VARCHAR' },
          { name: 'active_customers', type: 'BIGINT' },
          { name: 'rate', type: 'DOUBLE' },
        ],
        rows: cohorts.flatMap((cohort) =>
          cohort.retention.map((point) => ({
            cohort_month: cohort.cohortMonth,
            customers: cohort.customers,
            month_offset: point.offset,
            month: point.month,
            active_customers: point.activeCustomers,
            rate: point.rate,
          })),
        ),
      },
    };
  },
};
