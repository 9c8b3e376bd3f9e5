import type { Principal } from '../../auth/principal.js';
import {
  decideBump,
  decideItemStatus,
  decideRecall,
  type KitchenDecision,
} from '../../domain/kitchen/ticket-machine.js';
import type { TicketStatus } from '../../domain/kitchen/ticket-status.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { Database, Queryable } from '../../storage/database.js';
import { applyDecision } from './apply-decision.js';
import { kitchenEvent, ticketRef } from './kitchen-event.js';
import { syncOrderWithKitchen } from './order-sync.js';
import type { KitchenScope } from './ticket-queries.js';
import { getTicket } from './ticket-queries.js';
import { type LoadedTicket, loadTicket, ticketState } from './ticket-rows.js';
import type { TicketView } from './ticket-view.js';

export interface KitchenDeps {
  db: Database;
  now: () => Date;
}

/** Advances the ticket one step (pending → preparing → ready → served). */
export function bumpTicket(
  deps: KitchenDeps,
  principal: Principal,
  scope: KitchenScope,
  ticketId: string,
  expected: TicketStatus | undefined,
): Promise<TicketView> {
  return moveTicket(deps, principal, scope, ticketId, expected, (loaded) => decideBump(ticketState(loaded)));
}

/** Brings a bumped ticket back one step (served → ready, ready → preparing). */
export function recallTicket(
  deps: KitchenDeps,
  principal: Principal,
  scope: KitchenScope,
  ticketId: string,
  expected: TicketStatus | undefined,
): Promise<TicketView> {
  return moveTicket(deps, principal, scope, ticketId, expected, (loaded) =>
    decideRecall(ticketState(loaded)),
  );
}

/** Moves one item one step forward; the ticket (and the order) follow. */
export function setItemStatus(
  deps: KitchenDeps,
  principal: Principal,
  scope: KitchenScope,
  ticketId: string,
  itemId: string,
  to: TicketStatus,
): Promise<TicketView> {
  return moveTicket(deps, principal, scope, ticketId, undefined, (loaded) => {
    if (!loaded.items.some((item) => item.id === itemId))
      throw new AppError('not_found', 'Ticket item not found');
    return decideItemStatus(ticketState(loaded), itemId, to);
  });
}

export async function setTicketPriority(
  deps: KitchenDeps,
  scope: KitchenScope,
  ticketId: string,
  priority: number,
): Promise<TicketView> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const { ticket } = await lockTicket(tx, scope, ticketId);
    if (ticket.status === 'served' || ticket.status === 'cancelled') {
      throw new AppError('kitchen_illegal_transition', `A ${ticket.status} ticket's priority cannot change`, {
        extra: { from: ticket.status, to: ticket.status },
      });
    }
    if (ticket.priority === priority) return;
    await tx.query('UPDATE kitchen_tickets SET priority = $2, updated_at = $3 WHERE id = $1', [
      ticket.id,
      priority,
      at.toISOString(),
    ]);
    await appendEvents(tx, [
      kitchenEvent(ticket, 'kitchen.ticket_priority_changed', { ...ticketRef(ticket), priority }, at),
    ]);
  });
  return getTicket(deps.db, scope, ticketId, at);
}

/**
 * One kitchen move in one transaction: lock the ticket row (so two cooks bumping at once are applied
 * one after the other, each from the state the other left), ask the state machine, write items,
 * ticket and their events, and bring the order along. A refused move writes nothing.
 */
async function moveTicket(
  deps: KitchenDeps,
  principal: Principal,
  scope: KitchenScope,
  ticketId: string,
  expected: TicketStatus | undefined,
  decide: (loaded: LoadedTicket) => KitchenDecision,
): Promise<TicketView> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const loaded = await lockTicket(tx, scope, ticketId);
    if (expected !== undefined && loaded.ticket.status !== expected) {
      throw new AppError(
        'kitchen_ticket_changed',
        `The ticket is ${loaded.ticket.status} now, not ${expected}; someone moved it first`,
        { extra: { expected, status: loaded.ticket.status } },
      );
    }
    const decision = decide(loaded);
    if (!decision.ok) {
      throw new AppError(decision.code, decision.message, {
        extra: { from: decision.from, to: decision.to },
      });
    }
    const { events } = await applyDecision(tx, loaded, decision, at);
    const orderEvents: NewEvent[] =
      loaded.ticket.linked_order && loaded.ticket.order_id
        ? await syncOrderWithKitchen(tx, principal, loaded.ticket.order_id)
        : [];
    await appendEvents(tx, [...events, ...orderEvents]);
  });
  return getTicket(deps.db, scope, ticketId, at);
}

async function lockTicket(tx: Queryable, scope: KitchenScope, ticketId: string): Promise<LoadedTicket> {
  const loaded = await loadTicket(tx, scope, ticketId, true);
  if (!loaded) throw new AppError('not_found', 'Ticket not found');
  return loaded;
}
