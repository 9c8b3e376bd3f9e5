import { type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { PERIODS } from '../analytics/report-filters.js';
import { GRAINS, METRICS } from '../analytics/reports/metric-series.js';
import { GROUP_BYS } from '../analytics/reports/sales-summary.js';
import { ITEM_METRICS } from '../analytics/reports/top-items.js';
import { CurrencyCode, Nullable, StrictObject, Uuid } from './common.js';

/** Schemas of /api/v1/businesses/{businessId}/analytics/* (docs/analytics.md). */

const LocalDate = Type.String({
  format: 'date',
  description: 'a local date YYYY-MM-DD (the location’s wall clock)',
});
const Money = Type.Integer({ description: 'integer minor units of `currency`' });
const NullableMoney = Nullable(Money);
const Count = Type.Integer({ minimum: 0 });
const Share = Nullable(Type.Number({ description: 'fraction 0..1' }));
const Seconds = Nullable(Type.Number({ description: 'seconds' }));
const Enum = <T extends string>(values: readonly T[], extra: { default?: T; description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...extra });

export const AnalyticsParams = Type.Object({ businessId: Uuid });
export const MetricParams = Type.Object({ businessId: Uuid, metric: Enum(METRICS) });

const formatField = {
  format: Enum(['json', 'csv', 'parquet'] as const, {
    default: 'json',
    description: 'csv or parquet: the report’s table as a file download instead of JSON',
  }),
};
const locationField = {
  location_id: Type.Optional(
    Type.Array(Type.String({ maxLength: 4000 }), {
      maxItems: 100,
      description: 'locations to include: repeat the parameter or comma-separate; all when absent',
    }),
  ),
};
const rangeFields = {
  period: Type.Optional(
    Enum(PERIODS, { description: 'days ending at `to` (default today); not with `from`' }),
  ),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
};
const brandField = {
  brand_id: Type.Optional(Type.String({ format: 'uuid', description: 'only this brand’s sales' })),
};

/** A report's query string: location filter and format always; dates and brand where they apply. */
export function reportQuery(options: { range: boolean; brand: boolean }, extra: TProperties = {}) {
  return StrictObject({
    ...formatField,
    ...locationField,
    ...(options.range ? rangeFields : {}),
    ...(options.brand ? brandField : {}),
    ...extra,
  });
}

export const GroupByField = { group_by: Enum(GROUP_BYS, { default: 'day' }) };
export const TopItemsFields = {
  metric: Enum(ITEM_METRICS, { default: 'revenue' }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
};
export const LimitField = { limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) };
export const GrainField = { grain: Enum(GRAINS, { default: 'day' }) };

/** Every JSON answer: the business, the local dates covered, and the lake state it was computed on. */
function answer<P extends TProperties>(properties: P, description: string) {
  return Type.Object(
    {
      businessId: Uuid,
      range: Type.Object({ from: LocalDate, to: LocalDate }),
      asOf: Type.Object({
        lakeVersion: Type.Integer({ description: 'manifest version the answer reflects' }),
        committedAt: Type.String({ format: 'date-time', description: 'when that manifest was committed' }),
        ageSeconds: Nullable(Type.Integer({ description: 'seconds since then (null for an empty lake)' })),
      }),
      ...properties,
    },
    { description },
  );
}

const Currency = Nullable(CurrencyCode);

const RealtimeFigures = {
  orders: Count,
  salesMinor: Money,
  averageOrderValueMinor: NullableMoney,
  tipsMinor: Money,
  taxMinor: Money,
  customers: Count,
  cancellations: Count,
};
export const RealtimeAnswer = answer(
  {
    currency: Currency,
    totals: Type.Object(RealtimeFigures),
    locations: Type.Array(
      Type.Object({
        locationId: Type.String(),
        name: Nullable(Type.String()),
        timeZone: Nullable(Type.String()),
        date: LocalDate,
        ...RealtimeFigures,
        hourly: Type.Array(
          Type.Object({
            hour: Type.Integer({ minimum: 0, maximum: 23 }),
            orders: Count,
            salesMinor: Money,
            tipsMinor: Money,
          }),
        ),
      }),
    ),
  },
  'Today per location (each on its own local date), from gold',
);

export const DashboardAnswer = answer(
  {
    currency: Currency,
    previousRange: Type.Object({ from: LocalDate, to: LocalDate }),
    kpis: Type.Array(
      Type.Object({
        key: Type.String(),
        unit: Enum(['money', 'count', 'rating', 'score'] as const),
        current: Nullable(Type.Number()),
        previous: Nullable(Type.Number()),
        growthPct: Nullable(
          Type.Number({ description: 'percent change against previous; null when previous is 0' }),
        ),
      }),
    ),
  },
  'KPIs of the range against the equal range before it',
);

export const SalesSummaryAnswer = answer(
  {
    currency: Currency,
    groupBy: Enum(GROUP_BYS),
    brandId: Nullable(Type.String()),
    totals: Type.Object({
      orders: Count,
      salesMinor: Money,
      tipsMinor: NullableMoney,
      averageOrderValueMinor: NullableMoney,
    }),
    buckets: Type.Array(
      Type.Object({
        bucket: Type.String({ description: 'YYYY-MM-DDTHH:00, YYYY-MM-DD, week Monday, or YYYY-MM' }),
        date: LocalDate,
        hour: Nullable(Type.Integer()),
        orders: Count,
        salesMinor: Money,
        tipsMinor: NullableMoney,
        averageOrderValueMinor: NullableMoney,
      }),
    ),
  },
  'Sales over time in local hour, day, week or month buckets',
);

export const SalesByCategoryAnswer = answer(
  {
    currency: Currency,
    brandId: Nullable(Type.String()),
    totalRevenueMinor: Money,
    categories: Type.Array(
      Type.Object({
        categoryId: Nullable(Type.String()),
        name: Nullable(Type.String()),
        items: Count,
        units: Count,
        revenueMinor: Money,
        share: Share,
      }),
    ),
  },
  'Units and item revenue per category',
);

export const SalesByPaymentMethodAnswer = answer(
  {
    currency: Currency,
    totalSalesMinor: Money,
    methods: Type.Array(
      Type.Object({
        method: Type.String(),
        orders: Count,
        salesMinor: Money,
        averageOrderValueMinor: NullableMoney,
        share: Share,
      }),
    ),
  },
  'Orders and sales per payment method',
);

export const SalesByLocationAnswer = answer(
  {
    currency: Currency,
    brandId: Nullable(Type.String()),
    totalSalesMinor: Money,
    locations: Type.Array(
      Type.Object({
        locationId: Type.String(),
        name: Nullable(Type.String()),
        orders: Count,
        salesMinor: Money,
        averageOrderValueMinor: NullableMoney,
        tipsMinor: NullableMoney,
        customers: Nullable(Count),
        cancellations: Nullable(Count),
        share: Share,
      }),
    ),
  },
  'Sales per location',
);

export const SalesByBrandAnswer = answer(
  {
    currency: Currency,
    brandId: Nullable(Type.String()),
    totalSalesMinor: Money,
    brands: Type.Array(
      Type.Object({
        brandId: Type.String(),
        name: Nullable(Type.String()),
        orders: Type.Integer({ minimum: 0, description: 'orders with a line of the brand' }),
        units: Count,
        salesMinor: Money,
        averageOrderValueMinor: NullableMoney,
        share: Share,
      }),
    ),
  },
  'Orders, units and revenue per brand',
);

const ItemFields = {
  itemId: Type.String(),
  name: Nullable(Type.String()),
  category: Nullable(Type.String()),
  quantity: Count,
  revenueMinor: Money,
  costMinor: Money,
  profitMinor: Money,
  margin: Share,
};
export const TopItemsAnswer = answer(
  {
    currency: Currency,
    metric: Enum(ITEM_METRICS),
    brandId: Nullable(Type.String()),
    items: Type.Array(Type.Object({ rank: Type.Integer({ minimum: 1 }), ...ItemFields })),
  },
  'Items ranked by revenue, quantity or profit',
);

export const ProfitAnalysisAnswer = answer(
  {
    currency: Currency,
    brandId: Nullable(Type.String()),
    totals: Type.Object({
      quantity: Count,
      revenueMinor: Money,
      costMinor: Money,
      profitMinor: Money,
      margin: Share,
    }),
    thresholds: Type.Object({
      popularQuantity: Nullable(Type.Number()),
      averageUnitProfitMinor: Nullable(Type.Number()),
    }),
    items: Type.Array(
      Type.Object({
        ...ItemFields,
        averagePriceMinor: NullableMoney,
        unitCostMinor: NullableMoney,
        unitProfitMinor: NullableMoney,
        class: Enum(['star', 'plowhorse', 'puzzle', 'dog'] as const),
      }),
    ),
  },
  'Per-item profit and margin with menu-engineering classes',
);

export const CustomerInsightsAnswer = answer(
  {
    currency: Currency,
    customers: Count,
    newCustomers: Count,
    returningCustomers: Count,
    repeatCustomers: Count,
    repeatRate: Share,
    orders: Count,
    guestOrders: Count,
    ordersPerCustomer: Nullable(Type.Number()),
    spendPerCustomerMinor: NullableMoney,
    topCustomers: Type.Array(
      Type.Object({
        customerId: Type.String(),
        orders: Count,
        spendMinor: Money,
        firstOrderDate: LocalDate,
        lastOrderDate: LocalDate,
      }),
    ),
  },
  'New and returning customers, repeat rate, top customers by spend (ids only)',
);

export const CustomerCohortsAnswer = answer(
  {
    cohorts: Type.Array(
      Type.Object({
        cohortMonth: Type.String({ description: 'YYYY-MM of the first order' }),
        customers: Count,
        retention: Type.Array(
          Type.Object({
            offset: Type.Integer({ minimum: 0 }),
            month: Type.String(),
            activeCustomers: Count,
            rate: Share,
          }),
        ),
      }),
    ),
  },
  'Monthly acquisition cohorts and their retention by month offset',
);

export const PhaseTimingAnswer = answer(
  {
    deliveries: Count,
    delivered: Count,
    failed: Count,
    phases: Type.Array(
      Type.Object({
        phase: Type.String(),
        samples: Count,
        avgSeconds: Seconds,
        p50Seconds: Seconds,
        p75Seconds: Seconds,
        p95Seconds: Seconds,
        p99Seconds: Seconds,
        maxSeconds: Seconds,
      }),
    ),
  },
  'Delivery phase durations: mean and percentiles',
);

export const KitchenPerformanceAnswer = answer(
  {
    stations: Type.Array(
      Type.Object({
        station: Type.String({ description: 'the station, or `all`' }),
        tickets: Count,
        ready: Count,
        cancelled: Count,
        avgPrepSeconds: Seconds,
        p50PrepSeconds: Seconds,
        p95PrepSeconds: Seconds,
        avgWaitSeconds: Seconds,
        late: Count,
        lateShare: Share,
      }),
    ),
  },
  'Kitchen prep times and lateness per station',
);

export const FinancialSummaryAnswer = answer(
  {
    currency: Currency,
    orders: Count,
    grossSalesMinor: Money,
    discountsMinor: Money,
    netSalesMinor: Money,
    taxMinor: Money,
    tipsMinor: Money,
    deliveryFeesMinor: Money,
    totalCollectedMinor: Money,
    refundsMinor: Money,
    netRevenueMinor: Money,
    cogsMinor: Money,
    grossProfitMinor: Money,
    grossMargin: Nullable(Type.Number()),
  },
  'Gross to net, refunds, COGS and gross profit of paid orders',
);

const LabourFigures = {
  shifts: Count,
  minutes: Type.Integer({ minimum: 0, description: 'whole minutes of closed shifts' }),
  overtimeMinutes: Type.Integer({ minimum: 0, description: 'minutes beyond 8 hours in a person’s day' }),
  labourCostMinor: Type.Integer({ minimum: 0, description: 'pay of the priced person-days, minor units' }),
  unpricedDays: Type.Integer({
    minimum: 0,
    description: 'person-days left out of the cost: a shift without an hourly rate',
  }),
  openShifts: Type.Integer({ minimum: 0, description: 'shifts begun in the range and not yet closed' }),
  netSalesMinor: Money,
  labourShare: Share,
};

export const LabourAnswer = answer(
  {
    currency: Currency,
    days: Type.Array(Type.Object({ date: LocalDate, people: Count, ...LabourFigures })),
    totals: Type.Object(LabourFigures),
  },
  'Hours and labour cost per local day against net sales',
);

export const MetricAnswer = answer(
  {
    metric: Enum(METRICS),
    grain: Enum(GRAINS),
    unit: Enum(['money', 'count', 'ratio'] as const),
    currency: Currency,
    series: Type.Array(
      Type.Object({
        locationId: Nullable(Type.String({ description: 'null: the whole business' })),
        points: Type.Array(
          Type.Object({ periodStart: LocalDate, periodEnd: LocalDate, value: Nullable(Type.Number()) }),
        ),
      }),
    ),
  },
  'A standard metric (gold_metrics) by day, week or month',
);

export const SqlBody = StrictObject({
  sql: Type.String({ minLength: 1, maxLength: 100_000, description: 'one SELECT over the analytics views' }),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: 'rows at most (capped by the server limit)',
    }),
  ),
});

export const SqlAnswerSchema = Type.Object({
  columns: Type.Array(
    Type.Object({ name: Type.String(), type: Type.String({ description: 'DuckDB type' }) }),
  ),
  rows: Type.Array(Type.Array(Type.Unknown()), {
    description: 'rows as arrays in column order; BIGINT, DECIMAL, DATE and TIMESTAMP as text',
  }),
  row_count: Count,
  truncated: Type.Boolean({ description: 'more rows existed than the limit' }),
  elapsed_ms: Count,
});

/** The 200 of a report: JSON, or the file when `format` asks for one. */
export function reportResponse(schema: TSchema) {
  return {
    description: 'The report as JSON, or as a CSV or Parquet download with ?format=csv|parquet',
    content: {
      'application/json': { schema },
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
    },
  };
}

export const SqlTablesAnswer = Type.Object({
  tables: Type.Array(
    Type.Object({
      name: Type.String(),
      layer: Type.String(),
      description: Type.String(),
      columns: Type.Array(Type.Object({ name: Type.String(), type: Type.String() })),
    }),
  ),
});
