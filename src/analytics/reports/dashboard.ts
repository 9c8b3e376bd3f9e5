import { allEnded } from '../../lake/duckdb/duck-session.js';
import { averageMinor, growthPct, toDecimal, toInt } from '../figures.js';
import type { Report, ReportContext } from '../report.js';
import type { Filters } from '../report-filters.js';
import type { ReportSession } from '../report-session.js';
import { andLocations, DISTINCT_CUSTOMERS, dateBetween, dateLiteral } from '../report-sql.js';
import { hasTrailingWindow, lookUpTrailingCustomers } from '../trailing-customers.js';

type Unit = 'money' | 'count' | 'rating' | 'score';
export interface Kpi {
  key: string;
  unit: Unit;
  current: number | null;
  previous: number | null;
  growthPct: number | null;
}

const SIDES = ['current', 'previous'] as const;
type Side = (typeof SIDES)[number];
type Figures = Record<Side, number | null>;

/**
 * The headline figures of a period and of the equal period just before it, with growth in percent:
 * sales, orders, AOV, customers, tips, tax, refunds, cancellations, rating and NPS (by the local date
 * of the order rated), all from gold. Customers of a standard period come from
 * gold_trailing_customers (see customersBySide).
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
      ...(trailingApplies(filters)
        ? [
            {
              table: 'gold_trailing_customers' as const,
              range: { from: filters.previous.to, to: filters.to },
            },
          ]
        : []),
    ];
  },
  async run({ session, filters, locations }: ReportContext<Record<string, never>>) {
    const side = `CASE WHEN local_date >= ${dateLiteral(filters.from)} THEN 'current' ELSE 'previous' END`;
    const where = `${dateBetween('local_date', filters.previous.from, filters.to)} ${andLocations(filters)}`;
    // Three independent queries over different tables: each on a connection of its own, at once (a
    // failure is passed on after all three ended, since the session is closed next).
    const [sales, customers, feedback] = await allEnded([
      session.rows<Record<string, string | null> & { side: Side }>(
        `SELECT ${side} AS side, sum(total_sales) AS sales, sum(total_orders) AS orders, sum(total_tips) AS tips,
                sum(total_tax) AS tax, sum(refunded_amount) AS refunds, sum(cancelled_orders) AS cancellations
           FROM gold_daily_sales_summary WHERE ${where} GROUP BY ALL`,
      ),
      session.sibling().then((sibling) => customersBySide(sibling, filters, side)),
      session.sibling().then((sibling) =>
        sibling.rows<{
          side: Side;
          rating: number | null;
          responses: string;
          promoters: string;
          detractors: string;
        }>(
          `SELECT ${side} AS side, CAST(sum(rating_sum) AS DOUBLE) / nullif(sum(ratings), 0) AS rating,
                  sum(nps_responses) AS responses, sum(promoters) AS promoters, sum(detractors) AS detractors
             FROM gold_feedback_day WHERE ${where} GROUP BY ALL`,
        ),
      ),
    ]);
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
      kpi('customers', 'count', customers),
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

/** Whether gold_trailing_customers holds the customers of both sides: a standard period, one scope. */
function trailingApplies(filters: Filters): boolean {
  return (
    hasTrailingWindow(filters.days) && (filters.locationIds === null || filters.locationIds.length === 1)
  );
}

/**
 * Distinct customers of each side. Daily counts cannot be added up: a standard period of the business
 * or of one location is looked up in gold_trailing_customers; the sides it cannot answer (any other
 * range, a day the writer has not computed) are counted from the order headers in one query.
 */
async function customersBySide(session: ReportSession, filters: Filters, side: string): Promise<Figures> {
  const figures: Figures = { current: null, previous: null };
  if (trailingApplies(filters)) {
    const scope = filters.locationIds === null ? null : (filters.locationIds[0] as string);
    const found = await lookUpTrailingCustomers(session, filters.days, [filters.to, filters.previous.to]);
    const current = found.get(filters.to);
    const previous = found.get(filters.previous.to);
    if (current) figures.current = current.get(scope) ?? 0;
    if (previous) figures.previous = previous.get(scope) ?? 0;
  }
  if (figures.current !== null && figures.previous !== null) return figures;
  // The sides are adjacent: count over the one missing, or over both.
  const from = figures.previous === null ? filters.previous.from : filters.from;
  const to = figures.current === null ? filters.to : filters.previous.to;
  const rows = await session.rows<{ side: Side; customers: string }>(
    `SELECT ${side} AS side, ${DISTINCT_CUSTOMERS} AS customers FROM gold_order_header
      WHERE counts_as_revenue AND ${dateBetween('local_date', from, to)} ${andLocations(filters)} GROUP BY ALL`,
  );
  for (const s of SIDES) {
    figures[s] ??= toInt(rows.find((row) => row.side === s)?.customers);
  }
  return figures;
}

function kpi(key: string, unit: Unit, figures: Figures): Kpi {
  return { key, unit, ...figures, growthPct: growthPct(figures.current, figures.previous) };
}
