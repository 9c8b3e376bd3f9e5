import { ACTIVE_TICKET_STATUSES, type TicketStatus } from '../../domain/kitchen/ticket-status.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import { decodeNewestFirstCursor, encodeNewestFirstCursor } from '../pagination/newest-first-cursor.js';
import { loadTicket, loadTickets } from './ticket-rows.js';
import { type TicketView, toTicketView } from './ticket-view.js';

export interface KitchenScope {
  businessId: string;
  locationId: string;
}

/** The kitchen screen: highest priority first, then the earliest target, then the oldest. */
export async function listTickets(
  db: Queryable,
  scope: KitchenScope,
  query: {
    station?: string | undefined;
    status?: TicketStatus[] | undefined;
    active: boolean;
    limit: number;
  },
  now: Date,
): Promise<{ tickets: TicketView[] }> {
  const params: unknown[] = [scope.businessId, scope.locationId];
  const conditions = ['business_id = $1', 'location_id = $2'];
  const statuses =
    query.status && query.status.length > 0 ? query.status : query.active ? [...ACTIVE_TICKET_STATUSES] : [];
  if (statuses.length > 0) {
    params.push(statuses);
    conditions.push(`status = ANY($${params.length}::text[])`);
  }
  if (query.station) {
    params.push(query.station);
    conditions.push(`station = $${params.length}`);
  }
  const tickets = await loadTickets(db, conditions.join(' AND '), params, {
    orderBy: 'priority DESC, target_at, created_at, id',
    limit: query.limit,
  });
  return { tickets: tickets.map((ticket) => toTicketView(ticket, now)) };
}

export async function getTicket(
  db: Queryable,
  scope: KitchenScope,
  ticketId: string,
  now: Date,
): Promise<TicketView> {
  const found = await loadTicket(db, scope, ticketId);
  if (!found) throw new AppError('not_found', 'Ticket not found');
  return toTicketView(found, now);
}

/** Every ticket the location ever had (tickets are never deleted), newest first, keyset-paged. */
export async function ticketHistory(
  db: Queryable,
  scope: KitchenScope,
  query: {
    from?: string | undefined;
    to?: string | undefined;
    station?: string | undefined;
    status?: TicketStatus[] | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  now: Date,
): Promise<{ tickets: TicketView[]; nextCursor: string | null }> {
  const params: unknown[] = [scope.businessId, scope.locationId];
  const conditions = ['business_id = $1', 'location_id = $2'];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(params.length));
  };
  if (query.from) add((n) => `created_at >= $${n}::timestamptz`, query.from);
  if (query.to) add((n) => `created_at < $${n}::timestamptz`, query.to);
  if (query.station) add((n) => `station = $${n}`, query.station);
  if (query.status && query.status.length > 0) add((n) => `status = ANY($${n}::text[])`, query.status);
  if (query.cursor) {
    const cursor = decodeNewestFirstCursor('createdAt', query.cursor);
    params.push(cursor.at, cursor.id);
    conditions.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  const rows = await loadTickets(db, conditions.join(' AND '), params, {
    orderBy: 'created_at DESC, id DESC',
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    tickets: page.map((ticket) => toTicketView(ticket, now)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeNewestFirstCursor('createdAt', {
            at: last.ticket.created_at.toISOString(),
            id: last.ticket.id,
          })
        : null,
  };
}

/**
 * The location's stations: every station its menu items cook at, plus any still holding tickets (a
 * foreign order may route to a station the menu does not name), with their active ticket counts.
 */
export async function listStations(db: Queryable, scope: KitchenScope, now: Date) {
  const { rows } = await db.query<{
    station: string;
    pending: number;
    preparing: number;
    ready: number;
    late: number;
  }>(
    `WITH menu_stations AS (
       SELECT DISTINCT mi.station FROM menu_items mi
       JOIN menus m ON m.id = mi.menu_id
       JOIN brand_locations bl ON bl.brand_id = m.brand_id
       WHERE bl.location_id = $2 AND mi.business_id = $1
     ), ticket_counts AS (
       SELECT station,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'preparing')::int AS preparing,
              count(*) FILTER (WHERE status = 'ready')::int AS ready,
              count(*) FILTER (WHERE status IN ('pending', 'preparing') AND target_at < $3::timestamptz)::int AS late
       FROM kitchen_tickets
       WHERE business_id = $1 AND location_id = $2 AND status IN ('pending', 'preparing', 'ready')
       GROUP BY station
     )
     SELECT s.station, coalesce(c.pending, 0) AS pending, coalesce(c.preparing, 0) AS preparing,
            coalesce(c.ready, 0) AS ready, coalesce(c.late, 0) AS late
     FROM (SELECT station FROM menu_stations UNION SELECT station FROM ticket_counts) s
     LEFT JOIN ticket_counts c ON c.station = s.station
     ORDER BY s.station`,
    [scope.businessId, scope.locationId, now.toISOString()],
  );
  return { stations: rows };
}
