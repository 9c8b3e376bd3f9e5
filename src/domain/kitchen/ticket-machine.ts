import { nextStatus, previousStatus, statusRank, type TicketStatus } from './ticket-status.js';

/**
 * The kitchen ticket state machine. A ticket is one station's share of an order; each of its items
 * has its own status, and the ticket's status follows from its items (see deriveTicketStatus), so a
 * bump or recall is expressed as item moves and the ticket lands where its items say. Pure: the
 * service layer locks the ticket row, asks here, then writes the moves and their events.
 */

export interface TicketItemState {
  id: string;
  status: TicketStatus;
}

export interface TicketState {
  status: TicketStatus;
  items: readonly TicketItemState[];
}

export interface ItemMove {
  id: string;
  from: TicketStatus;
  to: TicketStatus;
}

/** The one refusal code is an AppError code, so callers can throw it unchanged. */
export type KitchenDecision =
  | { ok: true; from: TicketStatus; to: TicketStatus; moves: ItemMove[] }
  | {
      ok: false;
      code: 'kitchen_illegal_transition';
      message: string;
      from: TicketStatus;
      to: TicketStatus | null;
    };

type LineStatus = Exclude<TicketStatus, 'cancelled'>;

/**
 * A live ticket's status from its items (cancelled items left out): served when every item is
 * served, ready when every item is at least ready, preparing once any item has started, else
 * pending. With no live item left the ticket is cancelled.
 */
export function deriveTicketStatus(items: readonly { status: TicketStatus }[]): TicketStatus {
  const live = items
    .map((item) => item.status)
    .filter((status): status is LineStatus => status !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  const lowest = Math.min(...live.map(statusRank));
  if (lowest >= statusRank('served')) return 'served';
  if (lowest >= statusRank('ready')) return 'ready';
  return live.some((status) => status !== 'pending') ? 'preparing' : 'pending';
}

function refuse(from: TicketStatus, to: TicketStatus | null, message: string): KitchenDecision {
  return { ok: false, code: 'kitchen_illegal_transition', message, from, to };
}

/**
 * Bump: the ticket advances one step, and every live item that is behind that step is brought to it
 * (an item still pending when the ticket is bumped ready was cooked with the rest).
 */
export function decideBump(ticket: TicketState): KitchenDecision {
  const to = nextStatus(ticket.status);
  if (to === null) return refuse(ticket.status, null, `A ${ticket.status} ticket cannot be bumped`);
  const rank = statusRank(to as LineStatus);
  const moves = ticket.items
    .filter((item) => item.status !== 'cancelled' && statusRank(item.status as LineStatus) < rank)
    .map((item) => ({ id: item.id, from: item.status, to }));
  return { ok: true, from: ticket.status, to, moves };
}

/**
 * Recall: a bumped ticket comes back one step (served → ready, ready → preparing). Items at the
 * status being left go back with it; items already served stay served when a ready ticket goes back
 * to preparing, since that food has left the pass.
 */
export function decideRecall(ticket: TicketState): KitchenDecision {
  const to = previousStatus(ticket.status);
  if (to === null) {
    return refuse(
      ticket.status,
      null,
      `A ${ticket.status} ticket cannot be recalled; only ready and served ones`,
    );
  }
  const moves = ticket.items
    .filter((item) => item.status === ticket.status)
    .map((item) => ({ id: item.id, from: item.status, to }));
  return { ok: true, from: ticket.status, to, moves };
}

/** One item moves one step forward; the ticket follows its items. */
export function decideItemStatus(ticket: TicketState, itemId: string, to: TicketStatus): KitchenDecision {
  const item = ticket.items.find((candidate) => candidate.id === itemId);
  if (!item) return refuse(ticket.status, to, 'The item is not on this ticket');
  if (ticket.status === 'cancelled' || item.status === 'cancelled') {
    return refuse(ticket.status, to, 'The ticket was cancelled');
  }
  if (nextStatus(item.status) !== to) {
    return refuse(
      ticket.status,
      to,
      `An item moves one step at a time: ${item.status} → ${nextStatus(item.status) ?? 'nothing'}, not ${to}`,
    );
  }
  const items = ticket.items.map((candidate) =>
    candidate.id === itemId ? { ...candidate, status: to } : candidate,
  );
  return {
    ok: true,
    from: ticket.status,
    to: deriveTicketStatus(items),
    moves: [{ id: itemId, from: item.status, to }],
  };
}

/** Cancelling an order cancels its tickets that were not yet served; served food stays served. */
export function decideCancel(ticket: TicketState): KitchenDecision {
  if (ticket.status === 'served' || ticket.status === 'cancelled') {
    return refuse(ticket.status, 'cancelled', `A ${ticket.status} ticket cannot be cancelled`);
  }
  const moves = ticket.items
    .filter((item) => item.status !== 'served' && item.status !== 'cancelled')
    .map((item) => ({ id: item.id, from: item.status, to: 'cancelled' as const }));
  return { ok: true, from: ticket.status, to: 'cancelled', moves };
}

/** Applies a decision's item moves (for callers and tests that keep state in memory). */
export function applyMoves<T extends TicketItemState>(items: readonly T[], moves: readonly ItemMove[]): T[] {
  const byId = new Map(moves.map((move) => [move.id, move.to]));
  return items.map((item) => {
    const to = byId.get(item.id);
    return to === undefined ? item : { ...item, status: to };
  });
}
