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
    const from = dateLiteral(filters.from);
    // One pass over the history: every customer who ordered in the range, with their first order
    // ever and their orders and spend in the range, computed once; the summary and the top customers
    // both read it (a query each used to group the whole history again). A customer's last order is
    // in the range, which ends at `to`, so last_date is the range's too.
    const rows = await session.rows<Record<string, string | null>>(
      `WITH per_customer AS MATERIALIZED (
         SELECT customer_id, min(local_date) AS first_date, max(local_date) AS last_date,
                count(*) FILTER (WHERE local_date >= ${from}) AS orders,
                sum(order_revenue) FILTER (WHERE local_date >= ${from}) AS spend
           FROM gold_order_header
          WHERE counts_as_revenue AND customer_id IS NOT NULL AND local_date <= ${dateLiteral(filters.to)}
                ${andLocations(filters)}
          GROUP BY ALL
         HAVING count(*) FILTER (WHERE local_date >= ${from}) > 0),
       summary AS (
         SELECT count(*) AS customers, count(*) FILTER (WHERE first_date >= ${from}) AS new_customers,
                count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
                sum(orders) AS total_orders, sum(spend) AS total_spend
           FROM per_customer),
       top AS (SELECT * FROM per_customer ORDER BY spend DESC, customer_id LIMIT ${Math.trunc(options.limit)})
       SELECT s.*, t.customer_id, t.orders, t.spend, t.first_date, t.last_date
         FROM summary s LEFT JOIN top t ON true
        ORDER BY t.spend DESC, t.customer_id`,
    );
    const summary = rows[0];
    const top = rows.filter((row) => row.customer_id !== null);
    const [guests] = await session.rows<{ orders: string }>(
      `SELECT count(*) AS orders FROM gold_order_header
        WHERE counts_as_revenue AND customer_id IS NULL AND ${inRange(filters)}`,
    );
    const customers = toInt(summary?.customers);
    const newCustomers = toInt(summary?.new_customers);
    const orders = toInt(summary?.total_orders);
    const spend = toInt(summary?.total_spend);
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
