import { averageMinor, share, toInt, toIntOrNull } from '../figures.js';
import type { Report } from '../report.js';
import type { Filters } from '../report-filters.js';
import type { ReportSession } from '../report-session.js';
import { andBrand, DISTINCT_CUSTOMERS, inRange } from '../report-sql.js';
import {
  type CustomersByLocation,
  hasTrailingWindow,
  lookUpTrailingCustomers,
} from '../trailing-customers.js';

/**
 * Sales per location, largest first (those without a sale last, with zeros), with names from the
 * lake's location snapshot. For the whole business: orders, sales, tips, cancellations (gold daily
 * summary) and distinct customers (gold order header, or gold_trailing_customers for a standard
 * period). For a brand: the brand's orders and revenue (gold_brand_sales_day); tips, customers and
 * cancellations belong to whole orders and are null.
 */
export const salesByLocationReport: Report = {
  name: 'sales-by-location',
  defaultPeriod: '30d',
  goldVersion: 4,
  inputs: (filters) => {
    const range = { from: filters.from, to: filters.to };
    if (filters.brandId !== null) return [{ table: 'gold_brand_sales_day', range }];
    return [
      { table: 'gold_daily_sales_summary', range },
      { table: 'gold_order_header', range },
      ...(hasTrailingWindow(filters.days)
        ? [{ table: 'gold_trailing_customers' as const, range: { from: filters.to, to: filters.to } }]
        : []),
    ];
  },
  async run({ session, filters, locations }) {
    const rows = await session.rows<{
      location_id: string;
      orders: string;
      sales: string;
      tips: string | null;
      cancellations: string | null;
    }>(
      filters.brandId === null
        ? `SELECT location_id, sum(total_orders) AS orders, sum(total_sales) AS sales, sum(total_tips) AS tips,
                  sum(cancelled_orders) AS cancellations
             FROM gold_daily_sales_summary WHERE ${inRange(filters)} GROUP BY ALL ORDER BY sales DESC, location_id`
        : `SELECT location_id, sum(orders) AS orders, sum(brand_revenue) AS sales, NULL AS tips,
                  NULL AS cancellations
             FROM gold_brand_sales_day WHERE ${inRange(filters)} ${andBrand(filters)}
            GROUP BY ALL ORDER BY sales DESC, location_id`,
    );
    // Every location of the business asked for (all of them when none is) has its line, also without
    // a sale in the range; for a brand only where it sold, since not every location serves every brand.
    // An id the business's snapshot does not know (another business's) gets none.
    if (filters.brandId === null) {
      const wanted = locations.selected(filters.locationIds).map((location) => location.locationId);
      const present = new Set(rows.map((row) => row.location_id));
      for (const locationId of [...wanted].sort()) {
        if (!present.has(locationId))
          rows.push({ location_id: locationId, orders: '0', sales: '0', tips: '0', cancellations: '0' });
      }
    }
    const customers = filters.brandId === null ? await customersByLocation(session, filters) : null;
    const total = rows.reduce((sum, row) => sum + toInt(row.sales), 0);
    const list = rows.map((row) => ({
      locationId: row.location_id,
      name: locations.get(row.location_id)?.name ?? null,
      orders: toInt(row.orders),
      salesMinor: toInt(row.sales),
      averageOrderValueMinor: averageMinor(toInt(row.sales), toInt(row.orders)),
      tipsMinor: toIntOrNull(row.tips),
      customers: customers === null ? null : (customers.get(row.location_id) ?? 0),
      cancellations: toIntOrNull(row.cancellations),
      share: share(toInt(row.sales), total),
    }));
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        brandId: filters.brandId,
        totalSalesMinor: total,
        locations: list,
      },
      table: {
        columns: [
          { name: 'location_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
          { name: 'tips_minor', type: 'BIGINT' },
          { name: 'customers', type: 'BIGINT' },
          { name: 'cancellations', type: 'BIGINT' },
          { name: 'share', type: 'DOUBLE' },
        ],
        rows: list.map((l) => ({
          location_id: l.locationId,
          name: l.name,
          orders: l.orders,
          sales_minor: l.salesMinor,
          average_order_value_minor: l.averageOrderValueMinor,
          tips_minor: l.tipsMinor,
          customers: l.customers,
          cancellations: l.cancellations,
          share: l.share,
        })),
      },
    };
  },
};

/**
 * Distinct customers per location over the range: looked up in gold_trailing_customers for a standard
 * period the writer has computed, else counted from the order headers.
 */
async function customersByLocation(session: ReportSession, filters: Filters): Promise<CustomersByLocation> {
  if (hasTrailingWindow(filters.days)) {
    const found = await lookUpTrailingCustomers(session, filters.days, [filters.to]);
    const counts = found.get(filters.to);
    if (counts) return counts;
  }
  const rows = await session.rows<{ location_id: string; customers: string }>(
    `SELECT location_id, ${DISTINCT_CUSTOMERS} AS customers
       FROM gold_order_header WHERE counts_as_revenue AND ${inRange(filters)} GROUP BY ALL`,
  );
  return new Map(rows.map((row) => [row.location_id, toInt(row.customers)]));
}
