import type { TSchema } from '@sinclair/typebox';
import { type AnalyticsService, SQL_TABLES } from '../../analytics/analytics-service.js';
import type { Report } from '../../analytics/report.js';
import { EXPORT_CONTENT_TYPES } from '../../analytics/report-export.js';
import type { FilterQuery } from '../../analytics/report-filters.js';
import { customerCohortsReport } from '../../analytics/reports/customer-cohorts.js';
import { customerInsightsReport } from '../../analytics/reports/customer-insights.js';
import { dashboardReport } from '../../analytics/reports/dashboard.js';
import { financialSummaryReport } from '../../analytics/reports/financial-summary.js';
import { kitchenPerformanceReport } from '../../analytics/reports/kitchen-performance.js';
import { labourReport } from '../../analytics/reports/labour.js';
import { type Grain, type Metric, metricSeriesReport } from '../../analytics/reports/metric-series.js';
import { phaseTimingReport } from '../../analytics/reports/phase-timing.js';
import { profitAnalysisReport } from '../../analytics/reports/profit-analysis.js';
import { realtimeReport } from '../../analytics/reports/realtime.js';
import { salesByBrandReport } from '../../analytics/reports/sales-by-brand.js';
import { salesByCategoryReport } from '../../analytics/reports/sales-by-category.js';
import { salesByLocationReport } from '../../analytics/reports/sales-by-location.js';
import { salesByPaymentMethodReport } from '../../analytics/reports/sales-by-payment-method.js';
import { type GroupBy, salesSummaryReport } from '../../analytics/reports/sales-summary.js';
import { type ItemMetric, topItemsReport } from '../../analytics/reports/top-items.js';
import type { ActorRole } from '../../auth/principal.js';
import { LAKE_TABLES } from '../../lake/lake-tables.js';
import {
  AnalyticsParams,
  CustomerCohortsAnswer,
  CustomerInsightsAnswer,
  DashboardAnswer,
  FinancialSummaryAnswer,
  GrainField,
  GroupByField,
  KitchenPerformanceAnswer,
  LabourAnswer,
  LimitField,
  MetricAnswer,
  MetricParams,
  PhaseTimingAnswer,
  ProfitAnalysisAnswer,
  RealtimeAnswer,
  reportQuery,
  reportResponse,
  SalesByBrandAnswer,
  SalesByCategoryAnswer,
  SalesByLocationAnswer,
  SalesByPaymentMethodAnswer,
  SalesSummaryAnswer,
  SqlAnswerSchema,
  SqlBody,
  SqlTablesAnswer,
  TopItemsAnswer,
  TopItemsFields,
} from '../../schemas/analytics.js';
import { MANAGER_ROLES } from '../access.js';
import type { BrigadeApp } from '../brigade-app.js';

const BASE = '/api/v1/businesses/:businessId/analytics';
/** Ad-hoc SQL: business owners (and platform admins, who pass every tenant check). */
const SQL_ROLES: readonly ActorRole[] = ['owner'];

type QueryValues = FilterQuery & { format?: 'json' | 'csv' | 'parquet' } & Record<string, unknown>;
type ParamValues = { businessId: string; metric?: Metric };

interface ReportRoute<Options> {
  path: string;
  summary: string;
  description: string;
  report: Report<Options>;
  query: TSchema;
  answer: TSchema;
  params?: TSchema;
  options: (query: QueryValues, params: ParamValues) => Options;
  /** Export file name without extension (default: the report's name). */
  fileStem?: (params: ParamValues) => string;
}

/**
 * The analytics API over the lake (docs/analytics.md): one GET per report — JSON by default, CSV or
 * Parquet with `?format=` — for owners and managers, and ad-hoc SQL for owners.
 */
export function analyticsRoutes(app: BrigadeApp, analytics: AnalyticsService): void {
  const tags = ['analytics'];
  const security = [{ bearer: [] }];
  const access = { businessParam: 'businessId', roles: MANAGER_ROLES };
  const none = () => ({}) as Record<string, never>;

  const route = <Options>(spec: ReportRoute<Options>) => {
    app.get(
      `${BASE}${spec.path}`,
      {
        config: { access },
        schema: {
          tags,
          security,
          summary: spec.summary,
          description: `${spec.description} See docs/analytics.md.`,
          params: spec.params ?? AnalyticsParams,
          querystring: spec.query,
          response: { 200: reportResponse(spec.answer) },
        },
      },
      async (request, reply) => {
        const query = request.query as QueryValues;
        const params = request.params as ParamValues;
        const businessId = params.businessId.toLowerCase();
        const answer = await analytics.report(spec.report, businessId, query, spec.options(query, params));
        reply.header('x-analytics-cache', answer.cached ? 'hit' : 'miss');
        if (query.format === 'csv' || query.format === 'parquet') {
          const stem = spec.fileStem?.(params) ?? spec.report.name;
          const file = `${stem}_${answer.filters.from}_${answer.filters.to}.${query.format}`;
          const stream = await analytics.exportAnswer(answer, query.format);
          return reply
            .type(EXPORT_CONTENT_TYPES[query.format])
            .header('content-disposition', `attachment; filename="${file}"`)
            .send(stream);
        }
        return answer.body;
      },
    );
  };

  const ranged = { range: true, brand: false };
  const branded = { range: true, brand: true };

  route({
    path: '/realtime',
    summary: "Today's figures per location and the lake's freshness",
    description: 'Each location on its own local date, from gold; `asOf` says when the lake last committed.',
    report: realtimeReport,
    query: reportQuery({ range: false, brand: false }),
    answer: RealtimeAnswer,
    options: none,
  });
  route({
    path: '/dashboard',
    summary: 'KPIs with growth against the previous equal period',
    description: 'Sales, orders, AOV, customers, tips, tax, refunds, cancellations, rating and NPS.',
    report: dashboardReport,
    query: reportQuery(ranged),
    answer: DashboardAnswer,
    options: none,
  });
  route({
    path: '/sales/summary',
    summary: 'Sales by local hour, day, week or month',
    description: 'Every bucket of the range, zeros included; brand_id narrows to one brand.',
    report: salesSummaryReport,
    query: reportQuery(branded, GroupByField),
    answer: SalesSummaryAnswer,
    options: (query) => ({ groupBy: query.group_by as GroupBy }),
  });
  route({
    path: '/sales/by-category',
    summary: 'Units and item revenue per menu category',
    description: 'From gold item sales by day.',
    report: salesByCategoryReport,
    query: reportQuery(branded),
    answer: SalesByCategoryAnswer,
    options: none,
  });
  route({
    path: '/sales/by-payment-method',
    summary: 'Orders and sales per payment method',
    description: 'Orders that count as revenue, from the gold order header.',
    report: salesByPaymentMethodReport,
    query: reportQuery(ranged),
    answer: SalesByPaymentMethodAnswer,
    options: none,
  });
  route({
    path: '/sales/by-location',
    summary: 'Sales per location',
    description: 'Orders, sales, AOV, tips, customers and cancellations per location (brand: its sales).',
    report: salesByLocationReport,
    query: reportQuery(branded),
    answer: SalesByLocationAnswer,
    options: none,
  });
  route({
    path: '/sales/by-brand',
    summary: 'Sales per brand',
    description: 'Orders with a line of the brand, units and brand revenue, from gold brand sales by day.',
    report: salesByBrandReport,
    query: reportQuery(branded),
    answer: SalesByBrandAnswer,
    options: none,
  });
  route({
    path: '/menu/top-items',
    summary: 'Top items by revenue, quantity or profit',
    description: 'From gold item performance.',
    report: topItemsReport,
    query: reportQuery(branded, TopItemsFields),
    answer: TopItemsAnswer,
    options: (query) => ({ metric: query.metric as ItemMetric, limit: Number(query.limit) }),
  });
  route({
    path: '/menu/profit-analysis',
    summary: 'Profit, margin and menu-engineering class of every item',
    description: 'Margin = (price − cost) / price; classes star, plowhorse, puzzle, dog.',
    report: profitAnalysisReport,
    query: reportQuery(branded),
    answer: ProfitAnalysisAnswer,
    options: none,
  });
  route({
    path: '/customers/insights',
    summary: 'New and returning customers, repeat rate, top customers',
    description: 'Customers by id only; "new" looks at the whole order history.',
    report: customerInsightsReport,
    query: reportQuery(ranged, LimitField),
    answer: CustomerInsightsAnswer,
    options: (query) => ({ limit: Number(query.limit) }),
  });
  route({
    path: '/customers/cohorts',
    summary: 'Monthly acquisition cohorts with retention per month',
    description: 'Cohort = month of the first order; default range one year.',
    report: customerCohortsReport,
    query: reportQuery(ranged),
    answer: CustomerCohortsAnswer,
    options: none,
  });
  route({
    path: '/operations/phase-timing',
    summary: 'Delivery phase durations (p50, p75, p95, p99)',
    description: 'Exact percentiles over the range from silver deliveries.',
    report: phaseTimingReport,
    query: reportQuery(ranged),
    answer: PhaseTimingAnswer,
    options: none,
  });
  route({
    path: '/operations/kitchen-performance',
    summary: 'Kitchen prep times and late share per station',
    description: 'From silver kitchen tickets.',
    report: kitchenPerformanceReport,
    query: reportQuery(ranged),
    answer: KitchenPerformanceAnswer,
    options: none,
  });
  route({
    path: '/operations/labour',
    summary: 'Hours and labour cost per day against net sales',
    description:
      'Closed time-clock shifts (silver shifts) by the timesheet’s rules — overtime beyond 8 hours a day at 1.5×, ' +
      'pay rounded per person and day — and the labour share of net sales (gold_financial_day).',
    report: labourReport,
    query: reportQuery(ranged),
    answer: LabourAnswer,
    options: none,
  });
  route({
    path: '/financial/summary',
    summary: 'Gross to net sales, tax, tips, fees, refunds, COGS and gross profit',
    description: 'Paid orders placed in the range, from silver orders and lines.',
    report: financialSummaryReport,
    query: reportQuery(ranged),
    answer: FinancialSummaryAnswer,
    options: none,
  });
  route({
    path: '/metrics/:metric',
    summary: 'A standard metric by day, week or month',
    description: 'revenue, aov, order_count, customer_count, repeat_rate, fulfillment_rate, churn_rate.',
    report: metricSeriesReport,
    params: MetricParams,
    query: reportQuery(ranged, GrainField),
    answer: MetricAnswer,
    options: (query, params) => ({ metric: params.metric as Metric, grain: query.grain as Grain }),
    fileStem: (params) => `metric-${params.metric ?? 'unknown'}`,
  });

  app.get(
    `${BASE}/sql/tables`,
    {
      config: { access: { businessParam: 'businessId', roles: SQL_ROLES } },
      schema: {
        tags,
        security,
        summary: 'The views ad-hoc SQL can query, with their columns',
        params: AnalyticsParams,
        response: { 200: SqlTablesAnswer },
      },
    },
    async () => ({
      tables: SQL_TABLES.map((name) => ({
        name,
        layer: LAKE_TABLES[name].layer,
        description: LAKE_TABLES[name].description,
        columns: Object.entries(LAKE_TABLES[name].columns).map(([column, type]) => ({ name: column, type })),
      })),
    }),
  );

  app.post(
    `${BASE}/sql`,
    {
      config: { access: { businessParam: 'businessId', roles: SQL_ROLES } },
      schema: {
        tags,
        security,
        summary: "Ad-hoc read-only SQL over the business's silver and gold views",
        description:
          'One SELECT; refused statements, table functions and functions are listed in docs/analytics.md. ' +
          'Runs in a locked DuckDB sandbox with a time and row limit.',
        params: AnalyticsParams,
        body: SqlBody,
        response: { 200: SqlAnswerSchema },
      },
    },
    async (request) =>
      analytics.sql(request.params.businessId.toLowerCase(), request.body.sql, request.body.limit),
  );
}
