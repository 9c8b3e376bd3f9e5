import { Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, Uuid } from './common.js';

const Count = Type.Integer({ minimum: 0 });

const figures = {
  currency: CurrencyCode,
  orders: Type.Integer({ description: 'orders placed today, paid, neither cancelled nor refunded' }),
  revenueMinor: Type.Integer({ description: 'captured − refunded of those orders (minor units)' }),
  averageOrderValueMinor: Nullable(Type.Integer({ description: 'revenue ÷ orders, rounded half up' })),
  tipsMinor: MinorUnits,
  cancellations: Count,
  ticketsCreated: Count,
  openTickets: Type.Integer({ description: 'tickets created today, neither served nor cancelled' }),
  overdueTickets: Count,
  readyTickets: Count,
  averagePrepSeconds: Nullable(Type.Integer({ minimum: 0 })),
  lateTickets: Count,
};

export const LiveFiguresSchema = Type.Object(figures);

export const LiveMetricsSnapshotSchema = Type.Object(
  {
    businessId: Uuid,
    business: LiveFiguresSchema,
    otherCurrencies: Type.Array(LiveFiguresSchema),
    locations: Type.Array(
      Type.Object({
        locationId: Uuid,
        code: Type.String(),
        name: Type.String(),
        timeZone: Type.String(),
        date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "the location's local date" }),
        ...figures,
      }),
    ),
  },
  { description: "Today's figures, each location on its own local day (docs/live-metrics.md)" },
);
