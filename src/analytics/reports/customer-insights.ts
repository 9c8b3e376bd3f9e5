import { averageMinor, share, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andLocations, dateLiteral, inRange } from '../report-sql.js';

/**
 * Who bought in the range (orders that count as revenue, gold_order_header): customers, new ones
 * (whose first order ever — at the selected locations — falls in the range) and returning ones, the
 * repeat rate (customers with two or more orders in the range ÷ customers), and the top customers by
 * spend. Customers appear by id only. Deciding "new" reads the order history before the range too.
 */
export const customerInsightsReport: Report<{ limit: number }> = {
  name: 'customer-insights',
  defaultPeriod: '30d',
  inputs: (filters) => [{ table: 'gold_order_header', range: { to: filters.to } }],
  async run({ session, filters, options, locations }) {
    const history = `WITH o AS (
        SELECT customer_id, local_date, order_revenue FROM gold_order_header
         WHERE counts_as_revenue AND customer_id IS NOT NULL AND local_date <= ${dateLiteral(filters.to)}
               ${andLocations(filters)}),
      firsts AS (SELECT customer_id, min(local_date) AS first_date FROM o GROUP BY ALL),
      ranged AS (
        SELECT customer_id, count(*) AS orders, sum(order_revenue) AS spend, max(local_date) AS last_date
          FROM o WHERE local_date >= ${dateLiteral(filters.from)} GROUP BY ALL)`;
    const [summary] = await session.rows<Record<string, string | null>>(
      `${history}
       SELECT count(*) AS customers,
              count(*) FILTER (WHERE f.first_date >= ${dateLiteral(filters.from)}) AS new_customers,
              count(*) FILTER (WHERE r.orders >= 2) AS repeat_customers,
              sum(r.orders) AS orders, sum(r.spend) AS spend
         FROM ranged r JOIN firsts f USING (customer_id)`,
    );
    const top = await session.rows<Record<string, string | null>>(
      `${history}
       SELECT r.customer_id, r.orders, r.spend, f.first_date, r.last_date
         FROM ranged r JOIN firsts f USING (customer_id)
        ORDER BY r.spend DESC, r.customer_id LIMIT ${Math.trunc(options.limit)}`,
    );
    const [guests] = await session.rows<{ orders: string }>(
      `SELECT count(*) AS orders FROM gold_order_header
        WHERE counts_as_revenue AND customer_id IS NULL AND ${inRange(filters)}`,
    );
    const customers = toInt(summary?.customers);
    const newCustomers = toInt(summary?.new_customers);
    const orders = toInt(summary?.orders);
    const spend = toInt(summary?.spend);
    const topCustomers = top.map((row) => ({
      customerId: String(row.customer_id),
      orders: toInt(row.orders),
      spendMinor: toInt(row.spend),
      firstOrderDate: String(row.first_date),
      lastOrderDate: String(row.last_date),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        customers,
        newCustomers,
        returningCustomers: customers - newCustomers,
        repeatCustomers: toInt(summary?.repeat_customers),
        repeatRate: share(toInt(summary?.repeat_customers), customers),
        orders,
        guestOrders: toInt(guests?.orders),
        ordersPerCustomer: customers === 0 ? null : Math.round((orders / customers) * 100) / 100,
        spendPerCustomerMinor: averageMinor(spend, customers),
        topCustomers,
      },
      table: {
        columns: [
          { name: 'customer_id', type: 'VARCHAR' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'spend_minor', type: 'BIGINT' },
          { name: 'first_order_date', type: 'DATE' },
          { name: 'last_order_date', type: 'DATE' },
        ],
        rows: topCustomers.map((c) => ({
          customer_id: c.customerId,
          orders: c.orders,
          spend_minor: c.spendMinor,
          first_order_date: c.firstOrderDate,
          last_order_date: c.lastOrderDate,
        })),
      },
    };
  },
};
