import type { ItemMove, KitchenDecision } from '../../domain/kitchen/ticket-machine.js';
import { statusRank, type TicketStatus } from '../../domain/kitchen/ticket-status.js';
import { finishedLate, prepSeconds } from '../../domain/kitchen/ticket-timing.js';
import type { NewEvent } from '../../outbox/outbox-writer.js';
import type { Queryable } from '../../storage/database.js';
import { kitchenEvent, ticketRef } from './kitchen-event.js';
import type { LoadedTicket, TicketItemRow, TicketRow } from './ticket-rows.js';

type Accepted = Extract<KitchenDecision, { ok: true }>;

const rank = (status: TicketStatus) => (status === 'cancelled' ? -1 : statusRank(status));

/**
 * Writes an accepted decision to a ticket the caller has locked: item statuses and their timestamps,
 * the ticket's status and timestamps, and returns the kitchen events describing the change (item
 * events first, then the ticket's), for the caller to append in the same transaction.
 */
export async function applyDecision(
  tx: Queryable,
  loaded: LoadedTicket,
  decision: Accepted,
  at: Date,
  cancelReason = 'order cancelled',
): Promise<{ ticket: TicketRow; events: NewEvent[] }> {
  const { ticket } = loaded;
  const events: NewEvent[] = [];
  const changedItems = decision.moves.map((move) => movedItem(loaded.items, move, at));
  if (changedItems.length > 0) {
    await tx.query(
      `UPDATE kitchen_ticket_items AS i
       SET status = u.status, started_at = u.started_at, ready_at = u.ready_at, served_at = u.served_at
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
         AS u(id, status, started_at, ready_at, served_at)
       WHERE i.id = u.id AND i.ticket_id = $6`,
      [
        changedItems.map((item) => item.id),
        changedItems.map((item) => item.status),
        changedItems.map((item) => item.started_at?.toISOString() ?? null),
        changedItems.map((item) => item.ready_at?.toISOString() ?? null),
        changedItems.map((item) => item.served_at?.toISOString() ?? null),
        ticket.id,
      ],
    );
  }
  for (const move of decision.moves) {
    if (move.to === 'preparing' && move.from === 'pending') {
      events.push(
        kitchenEvent(
          ticket,
          'kitchen.item_started',
          { ...ticketRef(ticket), ticket_item_id: move.id, at: at.toISOString() },
          at,
        ),
      );
    } else if (move.to === 'ready' && rank(move.from) < rank('ready')) {
      events.push(
        kitchenEvent(
          ticket,
          'kitchen.item_ready',
          { ...ticketRef(ticket), ticket_item_id: move.id, at: at.toISOString() },
          at,
        ),
      );
    }
  }

  const next: TicketRow = { ...ticket, status: decision.to, updated_at: at };
  const { from, to } = decision;
  if (to === 'cancelled') {
    next.cancelled_at = at;
    next.cancel_reason = cancelReason;
    events.push(
      kitchenEvent(
        ticket,
        'kitchen.ticket_cancelled',
        { ...ticketRef(ticket), reason: cancelReason, at: at.toISOString() },
        at,
      ),
    );
  } else if (rank(to) < rank(from)) {
    if (from === 'served') next.served_at = null;
    if (from === 'ready' || from === 'served') {
      if (to === 'preparing') {
        next.ready_at = null;
        next.finished_late = null;
      }
    }
    events.push(
      kitchenEvent(
        ticket,
        'kitchen.ticket_recalled',
        { ...ticketRef(ticket), from, to, at: at.toISOString() },
        at,
      ),
    );
  } else {
    // Forward: one event per status crossed (a bump crosses one; item moves never cross more).
    for (const step of ['preparing', 'ready', 'served'] as const) {
      if (rank(step) <= rank(from) || rank(step) > rank(to)) continue;
      if (step === 'preparing') {
        next.started_at = next.started_at ?? at;
        events.push(
          kitchenEvent(
            ticket,
            'kitchen.ticket_started',
            { ...ticketRef(ticket), started_at: next.started_at.toISOString() },
            at,
          ),
        );
      } else if (step === 'ready') {
        next.started_at = next.started_at ?? at;
        next.ready_at = at;
        next.finished_late = finishedLate(at, ticket.target_at);
        events.push(
          kitchenEvent(
            ticket,
            'kitchen.ticket_ready',
            {
              ...ticketRef(ticket),
              started_at: next.started_at.toISOString(),
              ready_at: at.toISOString(),
              target_at: ticket.target_at.toISOString(),
              prep_seconds: prepSeconds(ticket.created_at, at),
              late: next.finished_late,
            },
            at,
          ),
        );
      } else {
        next.served_at = at;
        events.push(
          kitchenEvent(
            ticket,
            'kitchen.ticket_served',
            { ...ticketRef(ticket), served_at: at.toISOString() },
            at,
          ),
        );
      }
    }
  }
  await tx.query(
    `UPDATE kitchen_tickets SET status = $2, started_at = $3, ready_at = $4, served_at = $5, cancelled_at = $6,
       cancel_reason = $7, finished_late = $8, updated_at = $9
     WHERE id = $1`,
    [
      ticket.id,
      next.status,
      next.started_at?.toISOString() ?? null,
      next.ready_at?.toISOString() ?? null,
      next.served_at?.toISOString() ?? null,
      next.cancelled_at?.toISOString() ?? null,
      next.cancel_reason,
      next.finished_late,
      at.toISOString(),
    ],
  );
  return { ticket: next, events };
}

/** An item after one move, with the timestamps that move sets or clears. */
function movedItem(items: readonly TicketItemRow[], move: ItemMove, at: Date): TicketItemRow {
  const item = items.find((candidate) => candidate.id === move.id);
  if (!item) throw new Error(`ticket item ${move.id} is not on the ticket`);
  const next = { ...item, status: move.to };
  const forward = rank(move.to) > rank(move.from);
  if (move.to === 'cancelled') return next;
  if (forward) {
    next.started_at = next.started_at ?? at;
    if (move.to === 'ready') next.ready_at = at;
    if (move.to === 'served') {
      next.ready_at = next.ready_at ?? at;
      next.served_at = at;
    }
  } else {
    if (move.from === 'served') next.served_at = null;
    if (move.to === 'preparing') next.ready_at = null;
  }
  return next;
}
