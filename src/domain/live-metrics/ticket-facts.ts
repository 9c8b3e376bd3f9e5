import type { DayContribution } from './counters.js';

export type TicketStatus = 'pending' | 'preparing' | 'ready' | 'served' | 'cancelled';

/** Statuses of a ticket still on the kitchen screen. */
const OPEN: ReadonlySet<TicketStatus> = new Set(['pending', 'preparing', 'ready']);

/**
 * What the live-metrics consumer keeps about one kitchen ticket: the local day it was created, its
 * current status, and its latest ready (day, prep seconds, late). Absolute values, so a repeated event
 * changes nothing.
 */
export interface TicketFacts {
  createdDate: string;
  status: TicketStatus;
  targetAt: string | null;
  ready: { date: string; prepSeconds: number; late: boolean } | null;
}

export type TicketFact =
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'ready'; date: string; prepSeconds: number; late: boolean };

export function newTicketFacts(createdDate: string, targetAt: string | null): TicketFacts {
  return { createdDate, status: 'pending', targetAt, ready: null };
}

/**
 * A ready replaces the previous one (a recalled ticket that comes back ready counts once, with its
 * latest prep time); recalls and cancellations change only the status, so a prep time that was
 * measured stays measured.
 */
export function applyTicketFact(facts: TicketFacts, fact: TicketFact): TicketFacts {
  if (fact.kind === 'status') return { ...facts, status: fact.status };
  return {
    ...facts,
    status: 'ready',
    ready: { date: fact.date, prepSeconds: fact.prepSeconds, late: fact.late },
  };
}

export function ticketIsOpen(facts: TicketFacts): boolean {
  return OPEN.has(facts.status);
}

/** Open tickets count on the day the ticket was created; prep time and lateness on the day it became ready. */
export function ticketContribution(facts: TicketFacts): DayContribution[] {
  const contribution: DayContribution[] = [
    { date: facts.createdDate, counters: { ticketsCreated: 1, openTickets: ticketIsOpen(facts) ? 1 : 0 } },
  ];
  if (facts.ready) {
    contribution.push({
      date: facts.ready.date,
      counters: {
        readyTickets: 1,
        prepSecondsTotal: facts.ready.prepSeconds,
        lateTickets: facts.ready.late ? 1 : 0,
      },
    });
  }
  return contribution;
}
