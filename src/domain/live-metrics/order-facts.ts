import type { DayContribution } from './counters.js';

/**
 * What the live-metrics consumer keeps about one order: the local day it counts on (the day it was
 * placed, in its location's time zone) and absolute facts, never running sums, so that applying the
 * same fact twice leaves the order as it was.
 */
export interface OrderFacts {
  localDate: string;
  currency: string;
  confirmed: boolean;
  cancelled: boolean;
  refunded: boolean;
  /**
   * payment id → what it captured and the tip in it. An order can have several captures (items added
   * later are paid separately, with no tip), so tips are summed like amounts, never overwritten.
   */
  payments: Record<string, { capturedMinor: number; tipMinor: number }>;
  /** Total refunded so far (refund.processed carries the running total). */
  refundedMinor: number;
}

/** A fact about an order, taken from one event. */
export type OrderFact =
  | { kind: 'confirmed' }
  | { kind: 'cancelled' }
  | { kind: 'refunded' }
  | { kind: 'captured'; paymentId: string; amountMinor: number; tipMinor: number }
  | { kind: 'refund'; refundedTotalMinor: number };

export function newOrderFacts(localDate: string, currency: string): OrderFacts {
  return {
    localDate,
    currency,
    confirmed: false,
    cancelled: false,
    refunded: false,
    payments: {},
    refundedMinor: 0,
  };
}

export function applyOrderFact(facts: OrderFacts, fact: OrderFact): OrderFacts {
  switch (fact.kind) {
    case 'confirmed':
      return { ...facts, confirmed: true };
    case 'cancelled':
      return { ...facts, cancelled: true };
    case 'refunded':
      return { ...facts, refunded: true };
    case 'captured':
      return {
        ...facts,
        payments: {
          ...facts.payments,
          [fact.paymentId]: { capturedMinor: fact.amountMinor, tipMinor: fact.tipMinor },
        },
      };
    case 'refund':
      // Running totals only grow; max() makes an old or repeated refund event harmless.
      return { ...facts, refundedMinor: Math.max(facts.refundedMinor, fact.refundedTotalMinor) };
  }
}

/** Whether the order counts in orders, revenue and tips: paid for, and neither cancelled nor refunded. */
export function orderCounts(facts: OrderFacts): boolean {
  return facts.confirmed && !facts.cancelled && !facts.refunded;
}

export function capturedTotal(facts: OrderFacts): number {
  return Object.values(facts.payments).reduce((sum, payment) => sum + payment.capturedMinor, 0);
}

export function tipTotal(facts: OrderFacts): number {
  return Object.values(facts.payments).reduce((sum, payment) => sum + payment.tipMinor, 0);
}

/** The order's share of its day's counters (docs/live-metrics.md defines each). */
export function orderContribution(facts: OrderFacts): DayContribution[] {
  const counts = orderCounts(facts);
  return [
    {
      date: facts.localDate,
      counters: {
        orders: counts ? 1 : 0,
        revenueMinor: counts ? capturedTotal(facts) - facts.refundedMinor : 0,
        tipsMinor: counts ? tipTotal(facts) : 0,
        cancellations: facts.cancelled ? 1 : 0,
      },
    },
  ];
}
