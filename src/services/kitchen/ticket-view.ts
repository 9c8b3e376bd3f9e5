import { ageSeconds, isLate, prepSeconds } from '../../domain/kitchen/ticket-timing.js';
import type { LoadedTicket } from './ticket-rows.js';

/** A ticket as the API returns it. */
export interface TicketView {
  id: string;
  locationId: string;
  orderId: string | null;
  station: string;
  status: LoadedTicket['ticket']['status'];
  priority: number;
  serviceType: string | null;
  tableNumber: string | null;
  source: 'order' | 'added';
  createdAt: string;
  targetAt: string;
  startedAt: string | null;
  readyAt: string | null;
  servedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  ageSeconds: number;
  late: boolean;
  finishedLate: boolean | null;
  prepSeconds: number | null;
  items: {
    id: string;
    orderLineId: string | null;
    lineNumber: number | null;
    itemId: string | null;
    name: string;
    quantity: number;
    modifiers: { name: string }[];
    notes: string | null;
    status: LoadedTicket['ticket']['status'];
    startedAt: string | null;
    readyAt: string | null;
    servedAt: string | null;
  }[];
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toTicketView({ ticket, items }: LoadedTicket, now: Date): TicketView {
  // Age stops when the ticket leaves the kitchen, so history shows how long it was on the screen.
  const end = ticket.served_at ?? ticket.cancelled_at ?? now;
  return {
    id: ticket.id,
    locationId: ticket.location_id,
    orderId: ticket.order_id,
    station: ticket.station,
    status: ticket.status,
    priority: ticket.priority,
    serviceType: ticket.service_type,
    tableNumber: ticket.table_number,
    source: ticket.source,
    createdAt: ticket.created_at.toISOString(),
    targetAt: ticket.target_at.toISOString(),
    startedAt: iso(ticket.started_at),
    readyAt: iso(ticket.ready_at),
    servedAt: iso(ticket.served_at),
    cancelledAt: iso(ticket.cancelled_at),
    cancelReason: ticket.cancel_reason,
    ageSeconds: ageSeconds(ticket.created_at, end),
    late: isLate({ status: ticket.status, targetAt: ticket.target_at }, now),
    finishedLate: ticket.finished_late,
    prepSeconds: ticket.ready_at ? prepSeconds(ticket.created_at, ticket.ready_at) : null,
    items: items.map((item) => ({
      id: item.id,
      orderLineId: item.order_line_id,
      lineNumber: item.line_number,
      itemId: item.item_id,
      name: item.name,
      quantity: item.quantity,
      modifiers: item.modifiers,
      notes: item.notes,
      status: item.status,
      startedAt: iso(item.started_at),
      readyAt: iso(item.ready_at),
      servedAt: iso(item.served_at),
    })),
  };
}
