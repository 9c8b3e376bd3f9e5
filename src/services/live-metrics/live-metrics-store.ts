import type { Counters } from '../../domain/live-metrics/counters.js';
import type { OrderFacts } from '../../domain/live-metrics/order-facts.js';
import type { TicketFacts, TicketStatus } from '../../domain/live-metrics/ticket-facts.js';
import type { Queryable } from '../../storage/database.js';
import { deleteInBatches } from '../../storage/delete-in-batches.js';

/** An order's or ticket's facts with the tenant and location they count for. */
export interface Owned<Facts> {
  businessId: string;
  locationId: string;
  facts: Facts;
}

export interface LocationZone {
  id: string;
  businessId: string;
  timeZone: string;
  currency: string;
}

export interface DailyDelta {
  businessId: string;
  locationId: string;
  date: string;
  currency: string;
  counters: Partial<Counters>;
}

export async function loadLocations(tx: Queryable, ids: string[]): Promise<Map<string, LocationZone>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; business_id: string; time_zone: string; currency: string }>(
    'SELECT id, business_id, time_zone, currency FROM locations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, businessId: row.business_id, timeZone: row.time_zone, currency: row.currency.trim() },
    ]),
  );
}

interface OrderRow {
  order_id: string;
  business_id: string;
  location_id: string;
  local_date: string;
  currency: string;
  confirmed: boolean;
  cancelled: boolean;
  refunded: boolean;
  payments: OrderFacts['payments'];
  refunded_minor: number;
}

/** Locks the orders' state rows: concurrent batches touching one order apply one after the other. */
export async function loadOrderStates(tx: Queryable, ids: string[]): Promise<Map<string, Owned<OrderFacts>>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<OrderRow>(
    `SELECT order_id, business_id, location_id, local_date::text AS local_date, currency, confirmed, cancelled,
            refunded, payments, refunded_minor
       FROM live_metrics_orders WHERE order_id = ANY($1::uuid[]) ORDER BY order_id FOR UPDATE`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.order_id,
      {
        businessId: row.business_id,
        locationId: row.location_id,
        facts: {
          localDate: row.local_date,
          currency: row.currency.trim(),
          confirmed: row.confirmed,
          cancelled: row.cancelled,
          refunded: row.refunded,
          payments: row.payments,
          refundedMinor: row.refunded_minor,
        },
      },
    ]),
  );
}

export async function saveOrderStates(tx: Queryable, orders: [string, Owned<OrderFacts>][]): Promise<void> {
  if (orders.length === 0) return;
  const rows = orders.map(([orderId, { businessId, locationId, facts }]) => ({
    order_id: orderId,
    business_id: businessId,
    location_id: locationId,
    local_date: facts.localDate,
    currency: facts.currency,
    confirmed: facts.confirmed,
    cancelled: facts.cancelled,
    refunded: facts.refunded,
    payments: facts.payments,
    refunded_minor: facts.refundedMinor,
  }));
  await tx.query(
    `INSERT INTO live_metrics_orders (order_id, business_id, location_id, local_date, currency, confirmed, cancelled,
                                      refunded, payments, refunded_minor)
     SELECT order_id, business_id, location_id, local_date, currency, confirmed, cancelled, refunded, payments,
            refunded_minor
       FROM jsonb_to_recordset($1::jsonb) AS r(order_id uuid, business_id uuid, location_id uuid, local_date date,
            currency text, confirmed boolean, cancelled boolean, refunded boolean, payments jsonb,
            refunded_minor bigint)
     ON CONFLICT (order_id) DO UPDATE SET confirmed = EXCLUDED.confirmed, cancelled = EXCLUDED.cancelled,
       refunded = EXCLUDED.refunded, payments = EXCLUDED.payments, refunded_minor = EXCLUDED.refunded_minor`,
    [JSON.stringify(rows)],
  );
}

interface TicketRow {
  ticket_id: string;
  business_id: string;
  location_id: string;
  created_date: string;
  status: TicketStatus;
  target_at: string | null;
  ready_date: string | null;
  prep_seconds: number | null;
  late: boolean | null;
}

export async function loadTicketStates(
  tx: Queryable,
  ids: string[],
): Promise<Map<string, Owned<TicketFacts>>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<TicketRow>(
    `SELECT ticket_id, business_id, location_id, created_date::text AS created_date, status,
            to_json(target_at)#>>'{}' AS target_at, ready_date::text AS ready_date, prep_seconds, late
       FROM live_metrics_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id FOR UPDATE`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.ticket_id,
      {
        businessId: row.business_id,
        locationId: row.location_id,
        facts: {
          createdDate: row.created_date,
          status: row.status,
          targetAt: row.target_at,
          ready:
            row.ready_date === null
              ? null
              : { date: row.ready_date, prepSeconds: row.prep_seconds ?? 0, late: row.late === true },
        },
      },
    ]),
  );
}

export async function saveTicketStates(
  tx: Queryable,
  tickets: [string, Owned<TicketFacts>][],
): Promise<void> {
  if (tickets.length === 0) return;
  const rows = tickets.map(([ticketId, { businessId, locationId, facts }]) => ({
    ticket_id: ticketId,
    business_id: businessId,
    location_id: locationId,
    created_date: facts.createdDate,
    status: facts.status,
    target_at: facts.targetAt,
    ready_date: facts.ready?.date ?? null,
    prep_seconds: facts.ready?.prepSeconds ?? null,
    late: facts.ready?.late ?? null,
  }));
  await tx.query(
    `INSERT INTO live_metrics_tickets (ticket_id, business_id, location_id, created_date, status, target_at,
                                       ready_date, prep_seconds, late)
     SELECT ticket_id, business_id, location_id, created_date, status, target_at, ready_date, prep_seconds, late
       FROM jsonb_to_recordset($1::jsonb) AS r(ticket_id uuid, business_id uuid, location_id uuid,
            created_date date, status text, target_at timestamptz, ready_date date, prep_seconds bigint,
            late boolean)
     ON CONFLICT (ticket_id) DO UPDATE SET status = EXCLUDED.status, ready_date = EXCLUDED.ready_date,
       prep_seconds = EXCLUDED.prep_seconds, late = EXCLUDED.late`,
    [JSON.stringify(rows)],
  );
}

/** Adds each delta to its location-day row (created at zero first). Sorted keys: a fixed lock order. */
export async function addDailyDeltas(tx: Queryable, deltas: DailyDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = [...deltas]
    .sort((a, b) => `${a.locationId}|${a.date}`.localeCompare(`${b.locationId}|${b.date}`))
    .map((delta) => ({
      business_id: delta.businessId,
      location_id: delta.locationId,
      local_date: delta.date,
      currency: delta.currency,
      orders: delta.counters.orders ?? 0,
      revenue_minor: delta.counters.revenueMinor ?? 0,
      tips_minor: delta.counters.tipsMinor ?? 0,
      cancellations: delta.counters.cancellations ?? 0,
      tickets_created: delta.counters.ticketsCreated ?? 0,
      open_tickets: delta.counters.openTickets ?? 0,
      ready_tickets: delta.counters.readyTickets ?? 0,
      prep_seconds_total: delta.counters.prepSecondsTotal ?? 0,
      late_tickets: delta.counters.lateTickets ?? 0,
    }));
  await tx.query(
    `INSERT INTO live_metrics_daily AS d (business_id, location_id, local_date, currency, orders, revenue_minor,
       tips_minor, cancellations, tickets_created, open_tickets, ready_tickets, prep_seconds_total, late_tickets)
     SELECT business_id, location_id, local_date, currency, orders, revenue_minor, tips_minor, cancellations,
            tickets_created, open_tickets, ready_tickets, prep_seconds_total, late_tickets
       FROM jsonb_to_recordset($1::jsonb) AS r(business_id uuid, location_id uuid, local_date date, currency text,
            orders integer, revenue_minor bigint, tips_minor bigint, cancellations integer, tickets_created integer,
            open_tickets integer, ready_tickets integer, prep_seconds_total bigint, late_tickets integer)
     ON CONFLICT (location_id, local_date) DO UPDATE SET
       orders = d.orders + EXCLUDED.orders,
       revenue_minor = d.revenue_minor + EXCLUDED.revenue_minor,
       tips_minor = d.tips_minor + EXCLUDED.tips_minor,
       cancellations = d.cancellations + EXCLUDED.cancellations,
       tickets_created = d.tickets_created + EXCLUDED.tickets_created,
       open_tickets = d.open_tickets + EXCLUDED.open_tickets,
       ready_tickets = d.ready_tickets + EXCLUDED.ready_tickets,
       prep_seconds_total = d.prep_seconds_total + EXCLUDED.prep_seconds_total,
       late_tickets = d.late_tickets + EXCLUDED.late_tickets,
       updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

/**
 * Deletes the facts of orders placed, and of finished tickets, on local days that ended before
 * `before` (a day ends at most 12 hours after its UTC midnight, hence the extra day). Only today's
 * figures are served, so a later event of such an order or ticket has nothing left to change: it is
 * skipped as for an order the consumer never saw. Open tickets keep their facts whatever their age,
 * since their readiness still counts on the day it happens; the day rows (one per location and day)
 * are kept.
 */
export async function pruneLiveMetricsState(db: Queryable, before: Date): Promise<number> {
  const params = [before.toISOString().slice(0, 10)];
  const orders = await deleteInBatches(db, {
    table: 'live_metrics_orders',
    key: 'order_id',
    where: 'local_date < $1::date - 1',
    params,
  });
  const tickets = await deleteInBatches(db, {
    table: 'live_metrics_tickets',
    key: 'ticket_id',
    where: `status IN ('served', 'cancelled') AND created_date < $1::date - 1
            AND (ready_date IS NULL OR ready_date < $1::date - 1)`,
    params,
  });
  return orders + tickets;
}
