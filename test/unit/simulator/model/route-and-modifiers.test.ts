import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETA_SPEED_MPS, haversineMeters } from '../../../../src/domain/delivery/eta.js';
import type { MenuItem } from '../../../../src/simulator/model/brand-menu.js';
import { pickModifiers } from '../../../../src/simulator/model/modifier-picks.js';
import { driveRoute } from '../../../../src/simulator/model/route.js';
import { streamFor } from '../../../../src/simulator/model/stream-seed.js';

const STEP_METERS = ETA_SPEED_MPS * 60;

describe('driveRoute', () => {
  const point = fc.record({
    lat: fc.double({ min: -60, max: 60, noNaN: true }),
    lon: fc.double({ min: -170, max: 170, noNaN: true }),
  });
  const offset = fc.record({
    lat: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
    lon: fc.double({ min: -0.15, max: 0.15, noNaN: true }),
  });

  it('moves at most 25 mph × 60 s between points, one a minute, and ends at the door', () => {
    fc.assert(
      fc.property(point, offset, fc.double({ min: 5, max: 60, noNaN: true }), (from, move, pickedUp) => {
        const to = { lat: from.lat + move.lat, lon: from.lon + move.lon };
        const { route, deliveredAfter } = driveRoute(from, to, pickedUp);
        let previous = { ...from, after: pickedUp };
        for (const [index, step] of route.entries()) {
          expect(haversineMeters(previous, step)).toBeLessThanOrEqual(STEP_METERS + 1e-6);
          const gap = step.after - previous.after;
          if (index < route.length - 1) expect(gap).toBeCloseTo(1, 3);
          else expect(gap).toBeGreaterThan(0);
          previous = step;
        }
        expect(route.at(-1)).toEqual({ after: deliveredAfter, lat: to.lat, lon: to.lon });
        // Manhattan path: never shorter than the straight line, never more than √2 of it (plus rounding).
        const straight = haversineMeters(from, to);
        const minutes = deliveredAfter - pickedUp;
        expect(minutes * STEP_METERS).toBeGreaterThanOrEqual(Math.min(straight, 0.5 * STEP_METERS) - 1);
        expect(minutes).toBeLessThanOrEqual(
          Math.max(0.5, (Math.SQRT2 * straight * 1.01) / STEP_METERS) + 0.002,
        );
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it('takes half a minute to hand over at the kitchen door', () => {
    const here = { lat: 43.65, lon: -79.38 };
    expect(driveRoute(here, here, 20)).toEqual({ route: [{ after: 20.5, ...here }], deliveredAfter: 20.5 });
  });
});

describe('pickModifiers', () => {
  const group = fc.record({
    min: fc.integer({ min: 0, max: 4 }),
    max: fc.integer({ min: 0, max: 6 }),
    options: fc.integer({ min: 0, max: 6 }),
  });

  it('satisfies every group’s min and max (as clamped to its options), with distinct options', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 5 }), fc.integer(), (groups, seed) => {
        // The model clamps min and max to the options a group has (compile-world does this).
        const item: MenuItem = {
          key: 'item',
          groups: groups.map((g, index) => ({
            min: Math.min(g.min, g.options),
            max: Math.min(g.max, g.options),
            optionIds: Array.from({ length: g.options }, (_, option) => `g${index}-o${option}`),
          })),
        };
        const picked = pickModifiers(streamFor('modifiers', seed), item);
        expect(new Set(picked).size).toBe(picked.length);
        for (const [index, g] of item.groups.entries()) {
          const count = picked.filter((id) => id.startsWith(`g${index}-`)).length;
          expect(count).toBeGreaterThanOrEqual(g.min);
          expect(count).toBeLessThanOrEqual(Math.max(g.min, g.max));
        }
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
