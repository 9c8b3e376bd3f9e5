import { averageMinor, growthPct, toDecimal, toInt } from '../figures.js';
import type { Report, ReportContext } from '../report.js';
import { andLocations, DISTINCT_CUSTOMERS, dateBetween, dateLiteral } from '../report-sql.js';

type Unit = 'money' | 'count' | 'rating' | 'score';
export interface Kpi {
  key: string;
  unit: Unit;
  current: number | null;
  previous: number | null;
  growthPct: number | null;
}

type Side = 'current' | 'previous';
type Figures = Record<Side, number | null>;

/**
 * The headline figures of a period and of the equal period just before it, with growth in percent:
 * sales, orders, AOV, customers, tips, tax, refunds, cancellations, rating and NPS (by the local date
 * of the order rated), all from gold.
 */
export const dashboardReport: Report = {
  name: 'dashboard',
  defaultPeriod: '30d',
  goldVersion: 4,
  inputs: (filters) => {
    const range = { from: filters.previous.from, to: filters.to };
    return [
      { table: 'gold_daily_sales_summary', range },
      { table: 'gold_order_header', range },
      { table: 'gold_feedback_day', range },
    ];
  },
  async run({ session, filters, locations }: ReportContext<Record<string, never>>) {
    const side = `CASE WHEN local_date >= ${dateLiteral(filters.from)} THEN 'current' ELSE 'previous' END`;
    const where = `${dateBetween('local_date', filters.previous.from, filters.to)} ${andLocations(filters)}`;
    const sales = await session.rows<Record<string, string | null> & { side: Side }>(
      `SELECT ${side} AS side, sum(total_sales) AS sales, sum(total_orders) AS orders, sum(total_tips) AS tips,
              sum(total_tax) AS tax, sum(refunded_amount) AS refunds, sum(cancelled_orders) AS cancellations
         FROM gold_daily_sales_summary WHERE ${where} GROUP BY ALL`,
    );
    // Distinct over the whole period: daily customer counts cannot be added up.
    const customers = await session.rows<{ side: Side; customers: string }>(
      `SELECT ${side} AS side, ${DISTINCT_CUSTOMERS} AS customers
         FROM gold_order_header WHERE counts_as_revenue AND ${where} GROUP BY ALL`,
    );
    const feedback = await session.rows<{
      side: Side;
      rating: number | null;
      responses: string;
      promoters: string;
      detractors: string;
    }>(
      `SELECT ${side} AS side, CAST(sum(rating_sum) AS DOUBLE) / nullif(sum(ratings), 0) AS rating,
              sum(nps_responses) AS responses, sum(promoters) AS promoters, sum(detractors) AS detractors
         FROM gold_feedback_day WHERE ${where} GROUP BY ALL`,
    );

    const pick = (
      rows: readonly Record<string, unknown>[],
      column: string,
      convert: (value: unknown) => number | null = toInt,
    ): Figures => {
      const of = (s: Side) => {
        const row = rows.find((candidate) => candidate.side === s);
        return row ? convert(row[column]) : convert(null);
      };
      return { current: of('current'), previous: of('previous') };
    };
    const salesFigures = pick(sales, 'sales');
    const orders = pick(sales, 'orders');
    const nps = (s: Side): number | null => {
      const row = feedback.find((candidate) => candidate.side === s);
      const responses = toInt(row?.responses);
      if (!row || responses === 0) return null;
      return Math.round(((toInt(row.promoters) - toInt(row.detractors)) / responses) * 100);
    };
    const kpis: Kpi[] = [
      kpi('sales', 'money', salesFigures),
      kpi('orders', 'count', orders),
      kpi('average_order_value', 'money', {
        current: averageMinor(salesFigures.current ?? 0, orders.current ?? 0),
        previous: averageMinor(salesFigures.previous ?? 0, orders.previous ?? 0),
      }),
      kpi('customers', 'count', pick(customers, 'customers')),
      kpi('tips', 'money', pick(sales, 'tips')),
      kpi('tax', 'money', pick(sales, 'tax')),
      kpi('refunds', 'money', pick(sales, 'refunds')),
      kpi('cancellations', 'count', pick(sales, 'cancellations')),
      kpi(
        'average_rating',
        'rating',
        pick(feedback, 'rating', (value) => toDecimal(value, 2)),
      ),
      kpi('nps', 'score', { current: nps('current'), previous: nps('previous') }),
    ];
    return {
      body: { currency: locations.currency(filters.locationIds), previousRange: filters.previous, kpis },
      table: {
        columns: [
          { name: 'kpi', type: 'VARCHAR' },
          { name: 'unit', type: 'VARCHAR' },
          { name: 'current', type: 'DOUBLE' },
          { name: 'previous', type: 'DOUBLE' },
          { name: 'growth_pct', type: 'DOUBLE' },
        ],
        rows: kpis.map((k) => ({
          kpi: k.key,
          unit: k.unit,
          current: k.current,
          previous: k.previous,
          growth_pct: k.growthPct,
        })),
      },
    };
  },
};

function kpi(key: string, unit: Unit, figures: Figures): Kpi {
  return { key, unit, ...figures, growthPct: growthPct(figures.current, figures.previous) };
}
