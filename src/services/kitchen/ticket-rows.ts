import type { TicketState } from '../../domain/kitchen/ticket-machine.js';
import type { TicketStatus } from '../../domain/kitchen/ticket-status.js';
import type { Queryable } from '../../storage/database.js';

/** A kitchen_tickets row as read back (timestamps as Date). */
export interface TicketRow {
  id: string;
  business_id: string;
  location_id: string;
  order_id: string | null;
  linked_order: boolean;
  station: string;
  status: TicketStatus;
  priority: number;
  service_type: string | null;
  table_number: string | null;
  source: 'order' | 'added';
  created_at: Date;
  target_at: Date;
  started_at: Date | null;
  ready_at: Date | null;
  served_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  finished_late: boolean | null;
  updated_at: Date;
}

export interface TicketItemRow {
  id: string;
  ticket_id: string;
  order_id: string | null;
  order_line_id: string | null;
  line_number: number | null;
  item_id: string | null;
  name: string;
  quantity: number;
  modifiers: { name: string }[];
  notes: string | null;
  status: TicketStatus;
  prep_minutes: number | null;
  position: number;
  started_at: Date | null;
  ready_at: Date | null;
  served_at: Date | null;
}

export interface LoadedTicket {
  ticket: TicketRow;
  items: TicketItemRow[];
}

const TICKET_COLUMNS = `id, business_id, location_id, order_id, linked_order, station, status, priority, service_type,
  table_number, source, created_at, target_at, started_at, ready_at, served_at, cancelled_at, cancel_reason,
  finished_late, updated_at`;
const ITEM_COLUMNS = `id, ticket_id, order_id, order_line_id, line_number, item_id, name, quantity, modifiers, notes,
  status, prep_minutes, position, started_at, ready_at, served_at`;

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const maybeDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);

function toTicket(row: TicketRow): TicketRow {
  return {
    ...row,
    created_at: date(row.created_at),
    target_at: date(row.target_at),
    started_at: maybeDate(row.started_at),
    ready_at: maybeDate(row.ready_at),
    served_at: maybeDate(row.served_at),
    cancelled_at: maybeDate(row.cancelled_at),
    updated_at: date(row.updated_at),
  };
}

function toItem(row: TicketItemRow): TicketItemRow {
  return {
    ...row,
    started_at: maybeDate(row.started_at),
    ready_at: maybeDate(row.ready_at),
    served_at: maybeDate(row.served_at),
  };
}

/**
 * Tickets matching a condition, with their items. `lock` takes the ticket rows FOR UPDATE (in id
 * order, so two transactions locking overlapping sets cannot deadlock): a bump or cancellation then
 * decides on the state no one else can change before it commits.
 */
export async function loadTickets(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  options: { lock?: boolean; orderBy?: string; limit?: number } = {},
): Promise<LoadedTicket[]> {
  const limit = options.limit === undefined ? '' : ` LIMIT ${Math.trunc(options.limit)}`;
  const { rows } = await db.query<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM kitchen_tickets WHERE ${where}
     ORDER BY ${options.orderBy ?? 'id'}${limit}${options.lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  if (rows.length === 0) return [];
  const items = await db.query<TicketItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM kitchen_ticket_items WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, position`,
    [rows.map((row) => row.id)],
  );
  const byTicket = new Map<string, TicketItemRow[]>();
  for (const item of items.rows) {
    const list = byTicket.get(item.ticket_id);
    if (list) list.push(toItem(item));
    else byTicket.set(item.ticket_id, [toItem(item)]);
  }
  return rows.map((row) => ({ ticket: toTicket(row), items: byTicket.get(row.id) ?? [] }));
}

/** One ticket of a location, optionally locked; undefined when it is not there (or not this tenant's). */
export async function loadTicket(
  db: Queryable,
  scope: { businessId: string; locationId: string },
  ticketId: string,
  lock = false,
): Promise<LoadedTicket | undefined> {
  const [found] = await loadTickets(
    db,
    'id = $1 AND business_id = $2 AND location_id = $3',
    [ticketId, scope.businessId, scope.locationId],
    { lock },
  );
  return found;
}

/** What the state machine needs to decide. */
export function ticketState(loaded: LoadedTicket): TicketState {
  return {
    status: loaded.ticket.status,
    items: loaded.items.map((item) => ({ id: item.id, status: item.status })),
  };
}
