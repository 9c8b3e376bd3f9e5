import { addDays } from '../../domain/calendar.js';
import { averageMinor, toInt } from '../figures.js';
import type { Report } from '../report.js';
import { andLocations, dateBetween } from '../report-sql.js';

interface DayRow {
  location_id: string;
  local_date: string;
  sales: string;
  orders: string;
  tips: string;
  tax: string;
  customers: string;
  cancellations: string;
}

/**
 * Today at each location — its own local date, so Toronto and Vancouver each show their current day —
 * from gold of that date: sales, orders, AOV, tips, tax, customers, cancellations and the hours so far.
 * The totals add the locations (customers too: one person at two locations counts twice). The lake's
 * freshness (when the manifest was committed, and how long ago) is in `asOf`.
 */
export const realtimeReport: Report = {
  name: 'realtime',
  defaultPeriod: '1d',
  // Local dates of all zones lie within two days of the latest one (UTC−12 … UTC+14).
  inputs: (filters) => {
    const range = { from: addDays(filters.to, -2), to: filters.to };
    return [
      { table: 'gold_daily_sales_summary', range },
      { table: 'gold_location_sales_hourly', range },
    ];
  },
  clockKey: (locations, filters, now) =>
    locations
      .selected(filters.locationIds)
      .map((location) => `${location.locationId}=${locations.localDate(location.locationId, now)}`)
      .join(','),
  async run({ session, filters, locations, now }) {
    const where = `${dateBetween('local_date', addDays(filters.to, -2), filters.to)} ${andLocations(filters)}`;
    const days = await session.rows<DayRow>(
      `SELECT location_id, local_date, sum(total_sales) AS sales, sum(total_orders) AS orders,
              sum(total_tips) AS tips, sum(total_tax) AS tax, sum(total_customers) AS customers,
              sum(cancelled_orders) AS cancellations
         FROM gold_daily_sales_summary WHERE ${where} GROUP BY ALL`,
    );
    const hours = await session.rows<{
      location_id: string;
      local_date: string;
      hour: number;
      orders: string;
      sales: string;
      tips: string;
    }>(
      `SELECT location_id, local_date, hour, sum(orders) AS orders, sum(revenue) AS sales, sum(tips) AS tips
         FROM gold_location_sales_hourly WHERE ${where} GROUP BY ALL ORDER BY hour`,
    );
    const ids = new Set(
      filters.locationIds ?? locations.selected(null).map((location) => location.locationId),
    );
    // A location trading today but missing from the lake's snapshot still shows (on UTC's date).
    if (filters.locationIds === null) for (const row of days) ids.add(row.location_id);

    const list = [...ids].sort().map((locationId) => {
      const date = locations.localDate(locationId, now);
      const row = days.find((d) => d.location_id === locationId && d.local_date === date);
      const known = locations.get(locationId);
      const sales = toInt(row?.sales);
      const orders = toInt(row?.orders);
      return {
        locationId,
        name: known?.name ?? null,
        timeZone: known?.timeZone ?? null,
        date,
        orders,
        salesMinor: sales,
        averageOrderValueMinor: averageMinor(sales, orders),
        tipsMinor: toInt(row?.tips),
        taxMinor: toInt(row?.tax),
        customers: toInt(row?.customers),
        cancellations: toInt(row?.cancellations),
        hourly: hours
          .filter((h) => h.location_id === locationId && h.local_date === date)
          .map((h) => ({
            hour: h.hour,
            orders: toInt(h.orders),
            salesMinor: toInt(h.sales),
            tipsMinor: toInt(h.tips),
          })),
      };
    });
    const sum = (pick: (l: (typeof list)[number]) => number) => list.reduce((total, l) => total + pick(l), 0);
    const totals = {
      orders: sum((l) => l.orders),
      salesMinor: sum((l) => l.salesMinor),
      averageOrderValueMinor: averageMinor(
        sum((l) => l.salesMinor),
        sum((l) => l.orders),
      ),
      tipsMinor: sum((l) => l.tipsMinor),
      taxMinor: sum((l) => l.taxMinor),
      customers: sum((l) => l.customers),
      cancellations: sum((l) => l.cancellations),
    };
    return {
      body: { currency: locations.currency(filters.locationIds), totals, locations: list },
      table: {
        columns: [
          { name: 'location_id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'local_date', type: 'DATE' },
          { name: 'orders', type: 'BIGINT' },
          { name: 'sales_minor', type: 'BIGINT' },
          { name: 'average_order_value_minor', type: 'BIGINT' },
          { name: 'tips_minor', type: 'BIGINT' },
          { name: 'tax_minor', type: 'BIGINT' },
          { name: 'customers', type: 'BIGINT' },
          { name: 'cancellations', type: 'BIGINT' },
        ],
        rows: list.map((l) => ({
          location_id: l.locationId,
          name: l.name,
          local_date: l.date,
          orders: l.orders,
          sales_minor: l.salesMinor,
          average_order_value_minor: l.averageOrderValueMinor,
          tips_minor: l.tipsMinor,
          tax_minor: l.taxMinor,
          customers: l.customers,
          cancellations: l.cancellations,
        })),
      },
    };
  },
};
