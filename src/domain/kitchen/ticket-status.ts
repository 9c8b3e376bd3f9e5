/**
 * Kitchen ticket and ticket item statuses, in the order food moves through them. `cancelled` is off
 * the line: it is where an order's unserved tickets go when the order is called off.
 */
export const TICKET_STATUSES = ['pending', 'preparing', 'ready', 'served', 'cancelled'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The statuses a kitchen screen shows: everything not yet handed over or called off. */
export const ACTIVE_TICKET_STATUSES = [
  'pending',
  'preparing',
  'ready',
] as const satisfies readonly TicketStatus[];

/** Where a bump goes: one step forward along pending → preparing → ready → served. */
const NEXT: Record<TicketStatus, TicketStatus | null> = {
  pending: 'preparing',
  preparing: 'ready',
  ready: 'served',
  served: null,
  cancelled: null,
};

/** Where a recall goes: one step back, only from a bumped-to-the-pass status (served → ready → preparing). */
const PREVIOUS: Record<TicketStatus, TicketStatus | null> = {
  pending: null,
  preparing: null,
  ready: 'preparing',
  served: 'ready',
  cancelled: null,
};

export function nextStatus(status: TicketStatus): TicketStatus | null {
  return NEXT[status];
}

export function previousStatus(status: TicketStatus): TicketStatus | null {
  return PREVIOUS[status];
}

/** Rank along the line (cancelled has none): used to compare how far items have come. */
export function statusRank(status: Exclude<TicketStatus, 'cancelled'>): number {
  return ['pending', 'preparing', 'ready', 'served'].indexOf(status);
}
