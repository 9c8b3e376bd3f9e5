import { roundHalfUp } from '../money.js';
import type { Counters } from './counters.js';

/** The figures a dashboard shows for one location (or a sum of locations) on one day. */
export interface LiveFigures {
  currency: string;
  orders: number;
  revenueMinor: number;
  /** revenue ÷ orders, rounded half up to the minor unit; null without orders. */
  averageOrderValueMinor: number | null;
  tipsMinor: number;
  cancellations: number;
  ticketsCreated: number;
  openTickets: number;
  /** Open tickets past their target time at the moment of the snapshot. */
  overdueTickets: number;
  readyTickets: number;
  /** Total prep seconds ÷ ready tickets, rounded half up; null when none was ready. */
  averagePrepSeconds: number | null;
  lateTickets: number;
}

export function liveFigures(currency: string, counters: Counters, overdueTickets: number): LiveFigures {
  return {
    currency,
    orders: counters.orders,
    revenueMinor: counters.revenueMinor,
    averageOrderValueMinor: counters.orders > 0 ? roundHalfUp(counters.revenueMinor, counters.orders) : null,
    tipsMinor: counters.tipsMinor,
    cancellations: counters.cancellations,
    ticketsCreated: counters.ticketsCreated,
    openTickets: counters.openTickets,
    overdueTickets,
    readyTickets: counters.readyTickets,
    averagePrepSeconds:
      counters.readyTickets > 0 ? roundHalfUp(counters.prepSecondsTotal, counters.readyTickets) : null,
    lateTickets: counters.lateTickets,
  };
}
