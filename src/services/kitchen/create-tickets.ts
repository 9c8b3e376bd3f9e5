import { randomUUID } from 'node:crypto';
import { routeByStation, ticketPriority } from '../../domain/kitchen/ticket-routing.js';
import { ticketTargetAt } from '../../domain/kitchen/ticket-timing.js';
import type { NewEvent } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';
import { kitchenEvent } from './kitchen-event.js';

/** An order line as the kitchen keeps it: what to cook, where, and nothing about prices. */
export interface IntakeLine {
  line_id: string | null;
  line_number: number | null;
  item_id: string | null;
  name: string;
  station: string;
  quantity: number;
  modifiers: { name: string }[];
  notes: string | null;
}

export interface TicketOrigin {
  businessId: string;
  locationId: string;
  orderId: string;
  /** The order is a row of `orders` (a Brigade order), so its events carry it in the envelope. */
  linkedOrder: boolean;
  serviceType: string | null;
  tableNumber: string | null;
}

/**
 * Creates one ticket per station for the lines given and returns their kitchen.ticket_created events.
 * Lines already on a ticket are skipped, so a replayed confirmation or addition (even under a new event
 * id) creates nothing twice; the unique index on (order_id, order_line_id) backs this up should two
 * transactions ever race. Target time: firedAt plus the longest prep time of the ticket's items, looked
 * up in this business's menu (unknown items count DEFAULT_PREP_MINUTES).
 */
export async function createTickets(
  tx: Queryable,
  origin: TicketOrigin,
  lines: readonly IntakeLine[],
  firedAt: Date,
  source: 'order' | 'added',
  options: { mayHaveTickets?: boolean } = {},
): Promise<NewEvent[]> {
  const lineIds = lines.map((line) => line.line_id).filter((id): id is string => id !== null);
  const ticketed = new Set(
    lineIds.length === 0 || options.mayHaveTickets === false
      ? []
      : (
          await tx.query<{ order_line_id: string }>(
            `SELECT order_line_id FROM kitchen_ticket_items WHERE order_id = $1 AND order_line_id = ANY($2::uuid[])`,
            [origin.orderId, lineIds],
          )
        ).rows.map((row) => row.order_line_id),
  );
  const fresh = lines.filter((line) => line.line_id === null || !ticketed.has(line.line_id));
  if (fresh.length === 0) return [];

  const itemIds = [...new Set(fresh.map((line) => line.item_id).filter((id): id is string => id !== null))];
  const prep = new Map(
    itemIds.length === 0
      ? []
      : (
          await tx.query<{ id: string; prep_minutes: number }>(
            'SELECT id, prep_minutes FROM menu_items WHERE business_id = $1 AND id = ANY($2::uuid[])',
            [origin.businessId, itemIds],
          )
        ).rows.map((row) => [row.id, row.prep_minutes]),
  );
  const prepOf = (line: IntakeLine) => (line.item_id ? prep.get(line.item_id) : undefined);

  const events: NewEvent[] = [];
  const priority = ticketPriority(origin.serviceType, source === 'added');
  for (const group of routeByStation(fresh)) {
    const ticketId = randomUUID();
    const targetAt = ticketTargetAt(firedAt, group.lines.map(prepOf));
    await tx.query(
      `INSERT INTO kitchen_tickets (id, business_id, location_id, order_id, linked_order, station, status, priority,
         service_type, table_number, source, created_at, target_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9, $10, $11, $12, $11)`,
      [
        ticketId,
        origin.businessId,
        origin.locationId,
        origin.orderId,
        origin.linkedOrder,
        group.station,
        priority,
        origin.serviceType,
        origin.tableNumber,
        source,
        firedAt.toISOString(),
        targetAt.toISOString(),
      ],
    );
    const items = group.lines.map((line) => ({ id: randomUUID(), line }));
    const params: unknown[] = [];
    const values = items.map(({ id, line }, position) => {
      params.push(
        id,
        origin.businessId,
        ticketId,
        origin.orderId,
        line.line_id,
        line.line_number,
        line.item_id,
        line.name,
        line.quantity,
        JSON.stringify(line.modifiers),
        line.notes,
        prepOf(line) ?? null,
        position,
      );
      const base = position * ITEM_COLUMNS;
      return `(${Array.from({ length: ITEM_COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')}, 'pending')`;
    });
    await tx.query(
      `INSERT INTO kitchen_ticket_items (id, business_id, ticket_id, order_id, order_line_id, line_number, item_id, name,
         quantity, modifiers, notes, prep_minutes, position, status)
       VALUES ${values.join(', ')}`,
      params,
    );
    const ticket = {
      business_id: origin.businessId,
      location_id: origin.locationId,
      order_id: origin.orderId,
      linked_order: origin.linkedOrder,
    };
    events.push(
      kitchenEvent(
        ticket,
        'kitchen.ticket_created',
        {
          ticket_id: ticketId,
          order_id: origin.orderId,
          station: group.station,
          priority,
          target_at: targetAt.toISOString(),
          created_at: firedAt.toISOString(),
          items: items.map(({ id, line }) => ({
            ticket_item_id: id,
            order_line_id: line.line_id,
            item_id: line.item_id,
            name: line.name,
            quantity: line.quantity,
            modifiers: line.modifiers,
            notes: line.notes,
          })),
        },
        firedAt,
      ),
    );
  }
  return events;
}

const ITEM_COLUMNS = 13;
