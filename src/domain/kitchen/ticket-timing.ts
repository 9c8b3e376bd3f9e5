import type { TicketStatus } from './ticket-status.js';

/** Minutes allowed for an item whose prep time is unknown (a foreign order's item we do not sell). */
export const DEFAULT_PREP_MINUTES = 10;

/**
 * When a ticket should be ready: the moment the kitchen got it plus the longest prep time on it.
 * Items on one ticket cook side by side at one station, so the slowest sets the pace, and quantity
 * does not multiply it (a station cooks four burgers at once).
 */
export function ticketTargetAt(firedAt: Date, prepMinutes: readonly (number | null | undefined)[]): Date {
  const known = prepMinutes.map((minutes) => minutes ?? DEFAULT_PREP_MINUTES);
  const longest = known.length === 0 ? DEFAULT_PREP_MINUTES : Math.max(...known);
  return new Date(firedAt.getTime() + longest * 60_000);
}

/**
 * Late: still being worked on (pending or preparing) after its target time. A ticket at the pass
 * (ready) or beyond is no longer late; whether it was is `finishedLate`.
 */
export function isLate(ticket: { status: TicketStatus; targetAt: Date }, now: Date): boolean {
  return (
    (ticket.status === 'pending' || ticket.status === 'preparing') &&
    now.getTime() > ticket.targetAt.getTime()
  );
}

/** Whether a ticket that became ready did so after its target time. */
export function finishedLate(readyAt: Date, targetAt: Date): boolean {
  return readyAt.getTime() > targetAt.getTime();
}

/** Whole seconds from the ticket reaching the kitchen to it being ready (never negative). */
export function prepSeconds(createdAt: Date, readyAt: Date): number {
  return Math.max(0, Math.round((readyAt.getTime() - createdAt.getTime()) / 1000));
}

/** How long a ticket has been in the kitchen, in whole seconds (0 when the clock is behind). */
export function ageSeconds(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 1000));
}
