import { describe, expect, it } from 'vitest';
import { orderScript } from '../../../../src/simulator/live/order-script.js';
import { SimClock } from '../../../../src/simulator/live/sim-clock.js';
import type { PlannedOrder } from '../../../../src/simulator/planned-order.js';

const PLACED = Date.parse('2026-03-02T17:00:00Z');
const MINUTE = 60_000;

function plan(overrides: Partial<PlannedOrder> = {}): PlannedOrder {
  return {
    key: 'o1',
    businessKey: 'b',
    locationKey: 'l',
    placedAt: PLACED,
    customerKey: 'c',
    serviceType: 'dine_in',
    brandKeys: ['brand'],
    lines: [{ itemKey: 'i', quantity: 1, modifierOptionIds: [] }],
    tip: { percentBps: 1500 },
    payment: { method: 'credit_card', provider: 'VISA', declined: false },
    tableNumber: '4',
    delivery: null,
    kitchen: { startedAfter: 2, finishedAfter: 12, readyAfter: 14 },
    cancelledAfter: null,
    refund: null,
    feedback: null,
    ...overrides,
  };
}

const kinds = (order: PlannedOrder) => orderScript(order).map((step) => step.kind);

describe('orderScript', () => {
  it('plays a dine-in order from placement to the table, at the planned minutes', () => {
    const steps = orderScript(plan());
    expect(steps.map((step) => [step.kind, (step.at - PLACED) / MINUTE])).toEqual([
      ['place', 0],
      ['kitchen_start', 2],
      ['kitchen_ready', 14],
      ['serve', 16],
    ]);
  });

  it('hands takeout over at the counter and closes it', () => {
    expect(kinds(plan({ serviceType: 'takeout', tableNumber: null }))).toEqual([
      'place',
      'kitchen_start',
      'kitchen_ready',
      'serve',
      'complete',
    ]);
  });

  it('ends a declined order at placement and a cancelled one at its cancellation', () => {
    expect(kinds(plan({ payment: { method: 'credit_card', provider: 'VISA', declined: true } }))).toEqual([
      'place',
    ]);
    expect(
      kinds(plan({ cancelledAfter: 1, feedback: { afterHours: 2, rating: 5, nps: 9, comment: null } })),
    ).toEqual(['place', 'cancel']);
  });

  it('sends a delivery with a driver who never picks up before the food is ready, pinging in batches', () => {
    const route = Array.from({ length: 12 }, (_, index) => ({
      after: 21 + index,
      lat: 43.6 + index / 1000,
      lon: -79.4,
    }));
    const steps = orderScript(
      plan({
        serviceType: 'delivery',
        tableNumber: null,
        delivery: {
          lat: 43.7,
          lon: -79.4,
          address: {
            line1: '1 Main St',
            city: 'Toronto',
            region: 'ON',
            postalCode: 'M5V 1A1',
            country: 'CA',
          },
          driverKey: 'd',
          arrivedAfter: 10,
          pickedUpAfter: 12,
          route,
          deliveredAfter: 33,
          late: false,
        },
      }),
    );
    expect(steps.map((step) => step.kind)).toEqual([
      'place',
      'driver_claim',
      'kitchen_start',
      'driver_arrived',
      'kitchen_ready',
      'driver_picked_up',
      'driver_pings',
      'driver_pings',
      'driver_pings',
      'driver_delivered',
    ]);
    const pickedUp = steps.find((step) => step.kind === 'driver_picked_up');
    expect(pickedUp && (pickedUp.at - PLACED) / MINUTE).toBe(14);
    const pings = steps.flatMap((step) => (step.kind === 'driver_pings' ? step.points : []));
    expect(pings).toHaveLength(12);
    for (let index = 1; index < steps.length; index++) {
      expect(steps[index]?.at).toBeGreaterThanOrEqual(steps[index - 1]?.at ?? 0);
    }
  });

  it('puts a refund and a review after the hand-over, earliest first', () => {
    const steps = orderScript(
      plan({
        refund: { after: 5, share: 'partial', reason: 'Cold fries' },
        feedback: { afterHours: 0.1, rating: 2, nps: 3, comment: 'Cold' },
      }),
    );
    expect(steps.slice(-2).map((step) => [step.kind, (step.at - PLACED) / MINUTE])).toEqual([
      ['refund', 16],
      ['feedback', 16],
    ]);
  });
});

describe('SimClock', () => {
  it('runs speed times faster than the wall clock and changes speed without a jump', () => {
    let real = 1_000;
    const clock = new SimClock(PLACED, 60, () => real);
    real += 1_000;
    expect(clock.now()).toBe(PLACED + 60_000);
    clock.setSpeed(120);
    expect(clock.now()).toBe(PLACED + 60_000);
    real += 500;
    expect(clock.now()).toBe(PLACED + 120_000);
    clock.setSpeed(0);
    real += 10_000;
    expect(clock.now()).toBe(PLACED + 120_000);
  });
});
