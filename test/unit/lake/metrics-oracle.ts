import { TRAILING_WINDOWS } from '../../../src/lake/gold/affected-periods.js';

/**
 * An independent, deliberately plain computation of gold_metrics from order headers: loops over
 * orders per period and scope, following the definitions written in src/lake/gold/metrics-sql.ts.
 * The reconciliation test and the affected-periods property both measure the SQL against it.
 */

export interface HeaderFact {
  orderId: string;
  locationId: string;
  localDate: string;
  customerId: string | null;
  status: string;
  countsAsRevenue: boolean;
  orderRevenue: number;
}

export interface PeriodFact {
  grain: 'day' | 'week' | 'month';
  period_start: string;
  period_end: string;
}

export interface MetricFact {
  location_id: string | null;
  grain: string;
  period_start: string;
  period_end: string;
  revenue: number;
  aov: number | null;
  order_count: number;
  customer_count: number;
  repeat_rate: number | null;
  fulfillment_rate: number | null;
  churn_rate: number | null;
  period_month: string;
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function expectedMetrics(
  headers: readonly HeaderFact[],
  periods: readonly PeriodFact[],
  churnWindowDays = 90,
): MetricFact[] {
  const scopes: (string | null)[] = [null, ...new Set(headers.map((h) => h.locationId))];
  const rows: MetricFact[] = [];
  for (const period of periods) {
    for (const scope of scopes) {
      const mine = headers.filter((h) => scope === null || h.locationId === scope);
      const inPeriod = mine.filter(
        (h) => h.localDate >= period.period_start && h.localDate <= period.period_end,
      );
      const sales = inPeriod.filter((h) => h.countsAsRevenue);
      const seenFrom = addDays(period.period_end, -(2 * churnWindowDays - 1));
      const activeFrom = addDays(period.period_end, -(churnWindowDays - 1));
      const seen = new Set<string>();
      const active = new Set<string>();
      for (const h of mine) {
        if (!h.countsAsRevenue || h.customerId === null) continue;
        if (h.localDate < seenFrom || h.localDate > period.period_end) continue;
        seen.add(h.customerId);
        if (h.localDate >= activeFrom) active.add(h.customerId);
      }
      if (inPeriod.length === 0 && seen.size === 0) continue;

      const revenue = sales.reduce((sum, h) => sum + h.orderRevenue, 0);
      const ordersPerCustomer = new Map<string, number>();
      for (const h of sales) {
        if (h.customerId !== null)
          ordersPerCustomer.set(h.customerId, (ordersPerCustomer.get(h.customerId) ?? 0) + 1);
      }
      const customers = ordersPerCustomer.size;
      const repeaters = [...ordersPerCustomer.values()].filter((n) => n > 1).length;
      const fulfilled = inPeriod.filter((h) => h.status === 'completed' || h.status === 'delivered').length;
      rows.push({
        location_id: scope,
        grain: period.grain,
        period_start: period.period_start,
        period_end: period.period_end,
        revenue,
        aov: sales.length === 0 ? null : revenue / sales.length,
        order_count: sales.length,
        customer_count: customers,
        repeat_rate: customers === 0 ? null : repeaters / customers,
        fulfillment_rate: inPeriod.length === 0 ? null : fulfilled / inPeriod.length,
        churn_rate: seen.size === 0 ? null : (seen.size - active.size) / seen.size,
        period_month: period.period_start.slice(0, 7),
      });
    }
  }
  return rows;
}

/**
 * gold_trailing_customers by its definition (src/lake/gold/trailing-customers-sql.ts), without
 * business_id: for each day, window and scope, the distinct customers with an order counting as
 * revenue in the window's days; business-wide rows always, location rows only when not zero.
 */
export function expectedTrailingCustomers(headers: readonly HeaderFact[], ends: readonly string[]) {
  const rows: Record<string, unknown>[] = [];
  const locations = [...new Set(headers.map((h) => h.locationId))];
  for (const end of ends) {
    for (const window of TRAILING_WINDOWS) {
      const first = addDays(end, 1 - window);
      for (const scope of [null, ...locations]) {
        const customers = new Set(
          headers
            .filter(
              (h) =>
                h.countsAsRevenue &&
                h.customerId !== null &&
                h.localDate >= first &&
                h.localDate <= end &&
                (scope === null || h.locationId === scope),
            )
            .map((h) => h.customerId),
        );
        if (scope !== null && customers.size === 0) continue;
        rows.push({
          location_id: scope,
          period_end: end,
          window_days: window,
          customers: customers.size,
          period_month: end.slice(0, 7),
        });
      }
    }
  }
  return rows;
}
