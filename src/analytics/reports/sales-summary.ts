import { addDays, addMonths, monthStart, weekStart } from '../../domain/calendar.js';
import { AppError } from '../../errors/app-error.js';
import { averageMinor, toInt } from '../figures.js';
import type { Report, ReportInput } from '../report.js';
import type { Filters } from '../report-filters.js';
import { andBrand, inRange } from '../report-sql.js';

export const GROUP_BYS = ['hour', 'day', 'week', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Hourly buckets beyond this many days are more rows than any chart shows. */
export const MAX_HOURLY_DAYS = 93;

interface Bucket {
  bucket: string;
  date: string;
  hour: number | null;
  orders: number;
  salesMinor: number;
  tipsMinor: number | null;
  averageOrderValueMinor: number | null;
}

/**
 * Sales over time in hour, day, ISO-week (Monday) or month buckets of local time, every bucket of the
 * range present (zeros included) so charts need no gap filling. Week and month buckets are named by
 * their first day and hold only the range's days.
 *
 * Sources: the business's sales come from gold (hourly or daily summaries). A brand's come from
 * gold_brand_sales_day by day, and by hour from silver order lines (gold has no brand-hour grain):
 * the brand's lines' price less line discounts, in orders that count as revenue. Tips belong to whole
 * orders, so they are null for a brand.
 */
export const salesSummaryReport: Report<{ groupBy: GroupBy }> = {
  name: 'sales-summary',
  defaultPeriod: '30d',
  inputs: (filters, { groupBy }) => {
    if (groupBy === 'hour' && filters.days > MAX_HOURLY_DAYS) {
      throw new AppError('validation_failed', 'One or more fields are invalid', {
        errors: [
          { field: 'querystring/group_by', message: `hour buckets cover at most ${MAX_HOURLY_DAYS} days` },
        ],
      });
    }
    const range = { from: filters.from, to: filters.to };
    const tables: ReportInput['table'][] =
      filters.brandId === null
        ? [groupBy === 'hour' ? 'gold_location_sales_hourly' : 'gold_daily_sales_summary']
        : groupBy === 'hour'
          ? ['order_items', 'orders']
          : ['gold_brand_sales_day'];
    return tables.map((table) => ({ table, range }));
  },
  async run({ session, filters, options, locations }) {
    const rows = await session.rows<{
      local_date: string;
      hour: number | null;
      orders: string;
      sales: string;
      tips: string | null;
    }>(sourceSql(filters, options.groupBy));
    const byKey = new Map<string, { orders: number; sales: number; tips: number | null }>();
    for (const row of rows) {
      const key = bucketOf(row.local_date, row.hour, options.groupBy);
      const sum = byKey.get(key) ?? { orders: 0, sales: 0, tips: filters.brandId === null ? 0 : null };
      sum.orders += toInt(row.orders);
      sum.sales += toInt(row.sales);
      if (sum.tips !== null) sum.tips += toInt(row.tips);
      byKey.set(key, sum);
    }
    const buckets: Bucket[] = bucketsOf(filters, options.groupBy).map(({ bucket, date, hour }) => {
      const sum = byKey.get(bucket) ?? { orders: 0, sales: 0, tips: filters.brandId === null ? 0 : null };
      return {
        bucket,
        date,
        hour,
        orders: sum.orders,
        salesMinor: sum.sales,
        tipsMinor: sum.tips,
        averageOrderValueMinor: averageMinor(sum.sales, sum.orders),
      };
    });
    const orders = buckets.reduce((total, b) => total + b.orders, 0);
    const sales = buckets.reduce((total, b) => total + b.salesMinor, 0);
    const tips =
      filters.brandId === null ? buckets.reduce((total, b) => total + (b.tipsMinor ?? 0), 0) : null;
    return {
      body: {
        currency: locations.currency(filters.locationIds),
        groupBy: options.groupBy,
        brandId: filters.brandId,
        totals: {
          orders,
          salesMinor: sales,
          tipsMinor: tips,
          averageOrderValueMinor: averageMinor(sales, orders),
        },
        buckets,
      },
      table: {
        columns: [
          { name: 'bucket', type: 'VARCHAR' },
          { name: 'date', type: 'DATE' },
          { name: 'hour', type: 'INTEGER' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'tips_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
        ],
        rows: buckets.map((b) => ({
          bucket: b.bucket,
          date: b.date,
          hour: b.hour,
          orders: b.orders,
          sales_minor: b.salesMinor,
          tips_minor: b.tipsMinor,
          average_order_value_minor: b.averageOrderValueMinor,
        })),
      },
    };
  },
};

/** Rows per local date (and hour for hourly buckets): orders, sales, tips. */
function sourceSql(filters: Filters, groupBy: GroupBy): string {
  if (filters.brandId === null) {
    return groupBy === 'hour'
      ? `SELECT local_date, hour, sum(orders) AS orders, sum(revenue) AS sales, sum(tips) AS tips
           FROM gold_location_sales_hourly WHERE ${inRange(filters)} GROUP BY ALL`
      : `SELECT local_date, NULL AS hour, sum(total_orders) AS orders, sum(total_sales) AS sales,
                sum(total_tips) AS tips
           FROM gold_daily_sales_summary WHERE ${inRange(filters)} GROUP BY ALL`;
  }
  if (groupBy === 'hour') {
    return `SELECT i.local_date, i.local_hour AS hour, count(DISTINCT i.order_id) AS orders,
                   sum(i.extended_price - coalesce(i.discount, 0)) AS sales, NULL AS tips
              FROM order_items i JOIN orders o ON o.order_id = i.order_id
             WHERE o.counts_as_revenue AND ${inRange(filters, 'i.local_date', 'i.location_id')}
                   ${andBrand(filters, 'i.brand_id')}
             GROUP BY ALL`;
  }
  return `SELECT local_date, NULL AS hour, sum(orders) AS orders, sum(brand_revenue) AS sales, NULL AS tips
            FROM gold_brand_sales_day WHERE ${inRange(filters)} ${andBrand(filters)} GROUP BY ALL`;
}

function bucketOf(date: string, hour: number | null, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'hour':
      return `${date}T${String(hour ?? 0).padStart(2, '0')}:00`;
    case 'day':
      return date;
    case 'week':
      return weekStart(date);
    case 'month':
      return date.slice(0, 7);
  }
}

/** Every bucket of the range, in order. */
function bucketsOf(
  filters: Filters,
  groupBy: GroupBy,
): { bucket: string; date: string; hour: number | null }[] {
  const buckets: { bucket: string; date: string; hour: number | null }[] = [];
  if (groupBy === 'month') {
    for (let month = filters.from.slice(0, 7); month <= filters.to.slice(0, 7); month = addMonths(month, 1)) {
      buckets.push({ bucket: month, date: monthStart(`${month}-01`), hour: null });
    }
    return buckets;
  }
  if (groupBy === 'week') {
    for (let date = weekStart(filters.from); date <= filters.to; date = addDays(date, 7)) {
      buckets.push({ bucket: date, date, hour: null });
    }
    return buckets;
  }
  for (let date = filters.from; date <= filters.to; date = addDays(date, 1)) {
    if (groupBy === 'day') buckets.push({ bucket: date, date, hour: null });
    else
      for (let hour = 0; hour < 24; hour++)
        buckets.push({ bucket: bucketOf(date, hour, 'hour'), date, hour });
  }
  return buckets;
}
