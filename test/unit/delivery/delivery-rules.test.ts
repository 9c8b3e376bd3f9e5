import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type DeliveryStep,
  decideDeliveryStep,
} from '../../../src/domain/delivery/delivery-status.js';
import { ETA_SPEED_MPS, estimateArrival, haversineMeters } from '../../../src/domain/delivery/eta.js';
import {
  ANNOUNCE_INTERVAL_MS,
  futurePings,
  type Ping,
  planPings,
} from '../../../src/domain/delivery/ping-rules.js';
import { grownTotals } from '../../../src/domain/orders/order-addition.js';

describe('delivery phases', () => {
  const allowed = new Set(['assigned>arrived', 'arrived>picked_up', 'picked_up>delivered']);
  const steps: DeliveryStep[] = ['arrived', 'picked_up', 'delivered', 'failed'];
  it.each(
    DELIVERY_STATUSES.flatMap((from) => steps.map((to) => [from, to] as [DeliveryStatus, DeliveryStep])),
  )('%s → %s', (from, to) => {
    const expected =
      allowed.has(`${from}>${to}`) || (to === 'failed' && !['delivered', 'failed'].includes(from));
    expect(decideDeliveryStep(from, to).ok).toBe(expected);
  });
});

describe('ETA', () => {
  it('measures Toronto → Montreal at about 504 km', () => {
    const meters = haversineMeters({ lat: 43.6532, lon: -79.3832 }, { lat: 45.5019, lon: -73.5674 });
    expect(meters / 1000).toBeCloseTo(504, 0);
  });

  it('adds the leg to the restaurant before pickup and drives at 25 mph', () => {
    const restaurant = { lat: 43.65, lon: -79.38 };
    const customer = { lat: 43.7, lon: -79.4 };
    const driver = { lat: 43.6, lon: -79.35 };
    const now = new Date('2025-01-15T18:00:00Z');
    const before = estimateArrival({ phase: 'assigned', restaurant, customer, driver, now });
    const direct = haversineMeters(restaurant, customer) + haversineMeters(driver, restaurant);
    expect(before.distanceMeters).toBe(Math.round(direct));
    expect(before.seconds).toBe(Math.ceil(direct / ETA_SPEED_MPS));
    expect(before.arriveAt.getTime()).toBe(now.getTime() + before.seconds * 1000);
    const after = estimateArrival({ phase: 'picked_up', restaurant, customer, driver, now });
    expect(after.distanceMeters).toBe(Math.round(haversineMeters(driver, customer)));
    expect(after.from).toBe('driver');
    expect(estimateArrival({ phase: 'picked_up', restaurant, customer, driver: null, now }).from).toBe(
      'restaurant',
    );
    expect(ETA_SPEED_MPS).toBeCloseTo(11.176, 3);
  });
});

describe('ping planning', () => {
  const ping = (ms: number): Ping => ({
    lat: 1,
    lon: 1,
    heading: null,
    speedMps: null,
    recordedAt: new Date(ms),
  });

  it('moves the position only forward and announces at most once per interval', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 8 }), {
          maxLength: 12,
        }),
        (batches) => {
          let state = { lastRecordedAt: null as Date | null, lastAnnouncedAt: null as Date | null };
          const announced: number[] = [];
          for (const batch of batches) {
            const plan = planPings(batch.map(ping), state);
            if (plan.latest) {
              expect(plan.latest.recordedAt.getTime()).toBe(Math.max(...batch));
              if (state.lastRecordedAt) expect(plan.latest.recordedAt > state.lastRecordedAt).toBe(true);
              if (plan.announce) announced.push(plan.latest.recordedAt.getTime());
              state = {
                lastRecordedAt: plan.latest.recordedAt,
                lastAnnouncedAt: plan.announce ? plan.latest.recordedAt : state.lastAnnouncedAt,
              };
            }
            expect(new Set(plan.store.map((p) => p.recordedAt.getTime())).size).toBe(plan.store.length);
          }
          for (let i = 1; i < announced.length; i += 1) {
            expect((announced[i] ?? 0) - (announced[i - 1] ?? 0)).toBeGreaterThanOrEqual(
              ANNOUNCE_INTERVAL_MS,
            );
          }
        },
      ),
    );
  });

  it('finds pings from the future beyond the clock skew', () => {
    const now = new Date(1_000_000);
    expect(futurePings([ping(1_000_000 + 60_000), ping(1_000_000 + 121_000)], now)).toEqual([1]);
  });
});

describe('order totals after an addition', () => {
  it('adds amounts and tax components by name and rate', () => {
    const grown = grownTotals(
      {
        subtotalMinor: 1000,
        taxMinor: 120,
        totalMinor: 1120,
        capturedMinor: 1120,
        taxes: [
          { name: 'GST', rateBps: 500, amountMinor: 50 },
          { name: 'PST', rateBps: 700, amountMinor: 70 },
        ],
      },
      {
        subtotalMinor: 333,
        taxMinor: 40,
        totalMinor: 373,
        taxes: [
          { name: 'GST', rateBps: 500, amountMinor: 17 },
          { name: 'PST', rateBps: 700, amountMinor: 23 },
        ],
      },
    );
    expect(grown).toEqual({
      subtotalMinor: 1333,
      taxMinor: 160,
      totalMinor: 1493,
      capturedMinor: 1493,
      taxes: [
        { name: 'GST', rateBps: 500, amountMinor: 67 },
        { name: 'PST', rateBps: 700, amountMinor: 93 },
      ],
    });
  });
});
