import { describe, expect, it } from 'vitest';
import {
  addCounters,
  type Counters,
  contributionDelta,
  zeroCounters,
} from '../../../src/domain/live-metrics/counters.js';
import { liveFigures } from '../../../src/domain/live-metrics/live-figures.js';
import {
  applyOrderFact,
  newOrderFacts,
  type OrderFact,
  orderContribution,
} from '../../../src/domain/live-metrics/order-facts.js';
import {
  applyTicketFact,
  newTicketFacts,
  type TicketFact,
  ticketContribution,
} from '../../../src/domain/live-metrics/ticket-facts.js';

/** Applies facts one by one and sums the deltas, as the consumer does with stored counters. */
function run<F>(
  start: F,
  facts: readonly unknown[],
  apply: (facts: F, fact: never) => F,
  contribution: (facts: F) => ReturnType<typeof orderContribution>,
  initial: ReturnType<typeof orderContribution> = [],
): Map<string, Counters> {
  const days = new Map<string, Counters>();
  const add = (delta: Map<string, Counters>) => {
    for (const [date, counters] of delta)
      days.set(date, addCounters(days.get(date) ?? zeroCounters(), counters));
  };
  let state = start;
  add(contributionDelta(initial, contribution(state)));
  for (const fact of facts) {
    const next = apply(state, fact as never);
    add(contributionDelta(contribution(state), contribution(next)));
    state = next;
  }
  return days;
}

const captured: OrderFact = { kind: 'captured', paymentId: 'p1', amountMinor: 2000, tipMinor: 300 };

describe('order contributions', () => {
  it('counts a paid order with its revenue and tip, net of partial refunds', () => {
    const days = run(
      newOrderFacts('2025-03-09', 'CAD'),
      [captured, { kind: 'confirmed' }, { kind: 'refund', refundedTotalMinor: 500 }],
      applyOrderFact,
      orderContribution,
    );
    expect(days.get('2025-03-09')).toMatchObject({
      orders: 1,
      revenueMinor: 1500,
      tipsMinor: 300,
      cancellations: 0,
    });
  });

  it('takes a cancelled or fully refunded order out of orders and revenue', () => {
    const cancelled = run(
      newOrderFacts('2025-03-09', 'CAD'),
      [captured, { kind: 'confirmed' }, { kind: 'cancelled' }, { kind: 'refund', refundedTotalMinor: 2000 }],
      applyOrderFact,
      orderContribution,
    );
    expect(cancelled.get('2025-03-09')).toMatchObject({
      orders: 0,
      revenueMinor: 0,
      tipsMinor: 0,
      cancellations: 1,
    });
    const refunded = run(
      newOrderFacts('2025-03-09', 'CAD'),
      [captured, { kind: 'confirmed' }, { kind: 'refund', refundedTotalMinor: 2000 }, { kind: 'refunded' }],
      applyOrderFact,
      orderContribution,
    );
    expect(refunded.get('2025-03-09')).toMatchObject({ orders: 0, revenueMinor: 0, cancellations: 0 });
  });

  it('changes nothing when a fact is applied again, or an older refund total arrives late', () => {
    const once = run(
      newOrderFacts('d', 'CAD'),
      [captured, { kind: 'confirmed' }, { kind: 'refund', refundedTotalMinor: 700 }],
      applyOrderFact,
      orderContribution,
    );
    const repeated = run(
      newOrderFacts('d', 'CAD'),
      [
        captured,
        captured,
        { kind: 'confirmed' },
        { kind: 'confirmed' },
        { kind: 'refund', refundedTotalMinor: 700 },
        { kind: 'refund', refundedTotalMinor: 200 },
      ],
      applyOrderFact,
      orderContribution,
    );
    expect(repeated).toEqual(once);
  });

  it('adds up several captures of one order, tips included', () => {
    const days = run(
      newOrderFacts('d', 'CAD'),
      [captured, { kind: 'confirmed' }, { kind: 'captured', paymentId: 'p2', amountMinor: 800, tipMinor: 0 }],
      applyOrderFact,
      orderContribution,
    );
    expect(days.get('d')).toMatchObject({ orders: 1, revenueMinor: 2800, tipsMinor: 300 });
  });

  it('does not count an order captured after it was cancelled', () => {
    const days = run(
      newOrderFacts('d', 'CAD'),
      [{ kind: 'cancelled' }, captured],
      applyOrderFact,
      orderContribution,
    );
    expect(days.get('d')).toMatchObject({ orders: 0, revenueMinor: 0, cancellations: 1 });
  });
});

describe('ticket contributions', () => {
  it('counts open tickets on the creation day and prep time on the ready day, recalls included', () => {
    const facts: TicketFact[] = [
      { kind: 'ready', date: 'day2', prepSeconds: 600, late: true },
      { kind: 'status', status: 'served' },
      { kind: 'status', status: 'ready' }, // recalled
    ];
    const days = run(newTicketFacts('day1', null), facts, applyTicketFact, ticketContribution);
    expect(days.get('day1')).toMatchObject({ ticketsCreated: 1, openTickets: 1 });
    expect(days.get('day2')).toMatchObject({ readyTickets: 1, prepSecondsTotal: 600, lateTickets: 1 });
  });

  it('replaces the prep time when a recalled ticket is ready again, and closes on serve or cancel', () => {
    const days = run(
      newTicketFacts('d', null),
      [
        { kind: 'ready', date: 'd', prepSeconds: 600, late: false },
        { kind: 'status', status: 'preparing' },
        { kind: 'ready', date: 'd', prepSeconds: 900, late: true },
        { kind: 'status', status: 'cancelled' },
      ] satisfies TicketFact[],
      applyTicketFact,
      ticketContribution,
    );
    expect(days.get('d')).toMatchObject({
      ticketsCreated: 1,
      openTickets: 0,
      readyTickets: 1,
      prepSecondsTotal: 900,
      lateTickets: 1,
    });
  });
});

describe('live figures', () => {
  it('derives averages with half-up rounding and null without data', () => {
    const counters = {
      ...zeroCounters(),
      orders: 3,
      revenueMinor: 1001,
      readyTickets: 2,
      prepSecondsTotal: 601,
    };
    expect(liveFigures('CAD', counters, 0)).toMatchObject({
      averageOrderValueMinor: 334,
      averagePrepSeconds: 301,
    });
    expect(liveFigures('CAD', zeroCounters(), 0)).toMatchObject({
      averageOrderValueMinor: null,
      averagePrepSeconds: null,
    });
  });
});
