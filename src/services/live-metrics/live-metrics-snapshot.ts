import { addCounters, type Counters, zeroCounters } from '../../domain/live-metrics/counters.js';
import { type LiveFigures, liveFigures } from '../../domain/live-metrics/live-figures.js';
import { localParts } from '../../domain/locations/local-time.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';

export interface LocationLiveMetrics extends LiveFigures {
  locationId: string;
  code: string;
  name: string;
  timeZone: string;
  /** The location's local date the figures are for (its "today" at the snapshot's instant). */
  date: string;
}

/**
 * Today's figures of a business and of each of its locations. It holds no clock reading of its own
 * (only each location's local date), so two snapshots are equal exactly when the figures are: the
 * realtime hub pushes one only when it differs from the last.
 */
export interface LiveMetricsSnapshot {
  businessId: string;
  /** Sum over the locations whose currency is the business's (normally all of them), each on its own today. */
  business: LiveFigures;
  /** Sums over locations that trade in another currency, one per currency (normally empty). */
  otherCurrencies: LiveFigures[];
  locations: LocationLiveMetrics[];
}

interface DailyRow {
  location_id: string;
  orders: number;
  revenue_minor: number;
  tips_minor: number;
  cancellations: number;
  tickets_created: number;
  open_tickets: number;
  ready_tickets: number;
  prep_seconds_total: number;
  late_tickets: number;
}

/** Reads today's figures: each location's row for its own local date at `now`, summed for the business. */
export async function loadLiveMetricsSnapshot(
  db: Queryable,
  businessId: string,
  now: Date,
): Promise<LiveMetricsSnapshot> {
  const business = await db.query<{ currency: string }>('SELECT currency FROM businesses WHERE id = $1', [
    businessId,
  ]);
  const businessCurrency = business.rows[0]?.currency.trim();
  if (!businessCurrency) throw new AppError('not_found', 'Business not found');
  const { rows: locations } = await db.query<{
    id: string;
    code: string;
    name: string;
    time_zone: string;
    currency: string;
  }>('SELECT id, code, name, time_zone, currency FROM locations WHERE business_id = $1 ORDER BY code, id', [
    businessId,
  ]);
  const today = locations.map((location) => localParts(location.time_zone, now).date);
  const ids = locations.map((location) => location.id);
  const daily = new Map<string, Counters>();
  const overdue = new Map<string, number>();
  if (locations.length > 0) {
    const { rows } = await db.query<DailyRow>(
      `SELECT d.location_id, d.orders, d.revenue_minor, d.tips_minor, d.cancellations, d.tickets_created,
              d.open_tickets, d.ready_tickets, d.prep_seconds_total, d.late_tickets
         FROM live_metrics_daily d
         JOIN unnest($2::uuid[], $3::text[]) AS today(location_id, day)
           ON d.location_id = today.location_id AND d.local_date = today.day::date
        WHERE d.business_id = $1`,
      [businessId, ids, today],
    );
    for (const row of rows) daily.set(row.location_id, countersOf(row));
    const late = await db.query<{ location_id: string; n: number }>(
      `SELECT t.location_id, count(*)::int AS n
         FROM live_metrics_tickets t
         JOIN unnest($2::uuid[], $3::text[]) AS today(location_id, day)
           ON t.location_id = today.location_id AND t.created_date = today.day::date
        WHERE t.business_id = $1 AND t.status IN ('pending', 'preparing', 'ready') AND t.target_at < $4
        GROUP BY t.location_id`,
      [businessId, ids, today, now.toISOString()],
    );
    for (const row of late.rows) overdue.set(row.location_id, row.n);
  }

  const groups = new Map<string, { counters: Counters; overdue: number }>();
  const perLocation = locations.map((location, index) => {
    const currency = location.currency.trim();
    const counters = daily.get(location.id) ?? zeroCounters();
    const overdueTickets = overdue.get(location.id) ?? 0;
    const group = groups.get(currency) ?? { counters: zeroCounters(), overdue: 0 };
    groups.set(currency, {
      counters: addCounters(group.counters, counters),
      overdue: group.overdue + overdueTickets,
    });
    return {
      locationId: location.id,
      code: location.code,
      name: location.name,
      timeZone: location.time_zone,
      date: today[index] ?? '',
      ...liveFigures(currency, counters, overdueTickets),
    };
  });
  const own = groups.get(businessCurrency) ?? { counters: zeroCounters(), overdue: 0 };
  return {
    businessId,
    business: liveFigures(businessCurrency, own.counters, own.overdue),
    otherCurrencies: [...groups]
      .filter(([currency]) => currency !== businessCurrency)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, group]) => liveFigures(currency, group.counters, group.overdue)),
    locations: perLocation,
  };
}

function countersOf(row: DailyRow): Counters {
  return {
    orders: row.orders,
    revenueMinor: row.revenue_minor,
    tipsMinor: row.tips_minor,
    cancellations: row.cancellations,
    ticketsCreated: row.tickets_created,
    openTickets: row.open_tickets,
    readyTickets: row.ready_tickets,
    prepSecondsTotal: row.prep_seconds_total,
    lateTickets: row.late_tickets,
  };
}
