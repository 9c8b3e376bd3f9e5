import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorld } from '../../../../src/simulator/model/compile-world.js';
import {
  orderPlanner,
  planDay,
  planOrders,
  streamOrders,
} from '../../../../src/simulator/model/plan-orders.js';
import type { PlannedOrder } from '../../../../src/simulator/planned-order.js';
import { DAY_MS, EPOCH_MS, fixtureWorld } from './fixture-world.js';

// Two days around local day 200 of every location (Toronto, Chicago and Vancouver hours).
const from = EPOCH_MS + 199.5 * DAY_MS;
const to = EPOCH_MS + 201.5 * DAY_MS;

describe('determinism', () => {
  const first = JSON.stringify(planOrders(fixtureWorld(), { seed: 42, from, to }));

  it('gives byte-identical JSON for the same world and seed', () => {
    // A freshly built world and a fresh compile: nothing is shared with the first run.
    expect(JSON.stringify(planOrders(fixtureWorld(), { seed: 42, from, to }))).toBe(first);
    expect(first.length).toBeGreaterThan(1_000_000);
  });

  it('gives other orders for another seed', () => {
    expect(JSON.stringify(planOrders(fixtureWorld(), { seed: 43, from, to }))).not.toBe(first);
  });

  it('sorts by placement, keeps inside the window and never repeats a key', () => {
    const orders = JSON.parse(first) as { key: string; placedAt: number }[];
    expect(orders.every((order, i) => i === 0 || (orders[i - 1]?.placedAt ?? 0) <= order.placedAt)).toBe(
      true,
    );
    expect(orders.every((order) => order.placedAt >= from && order.placedAt < to)).toBe(true);
    expect(new Set(orders.map((order) => order.key)).size).toBe(orders.length);
  });

  it('cuts windows anywhere: [a, c) is [a, b) followed by [b, c)', () => {
    const compiled = compileWorld(fixtureWorld());
    const whole = JSON.stringify(planOrders(compiled, { seed: 42, from, to }));
    expect(whole).toBe(first);
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (cut) => {
        const left = planOrders(compiled, { seed: 42, from, to: cut });
        const right = planOrders(compiled, { seed: 42, from: cut, to });
        // A boolean, not toBe on two 3 MB strings: a mismatch shows as a counterexample cut anyway.
        return JSON.stringify([...left, ...right]) === whole;
      }),
      { numRuns: 4, seed: 1 },
    );
  });

  it('streams the same orders in hour-long chunks', () => {
    const chunks = [...streamOrders(fixtureWorld(), { seed: 42, from, to }, 3_600_000)];
    expect(chunks.length).toBe(48);
    expect(JSON.stringify(chunks.flat())).toBe(first);
  });

  it('plans a live run window by window, and again when it goes back', () => {
    const planner = orderPlanner(fixtureWorld(), 42);
    const windows: PlannedOrder[] = [];
    const step = 5 * 60_000;
    for (let at = from; at < to; at += step) windows.push(...planner(at, Math.min(to, at + step)));
    expect(JSON.stringify(windows) === first).toBe(true);
    const again = planner(from, from + 6 * 3_600_000);
    expect(again.length).toBeGreaterThan(100);
    expect(again).toEqual(windows.filter((order) => order.placedAt < from + 6 * 3_600_000));
    expect(planner(to, to)).toEqual([]);
  });

  it('plans day 200 alone exactly as inside a long window', () => {
    const alone = planDay(fixtureWorld(), 42, 200);
    expect(alone.length).toBeGreaterThan(1_000);
    const inWindow = (JSON.parse(first) as { key: string }[]).filter((order) => order.key.includes('-200-'));
    expect(JSON.stringify(alone)).toBe(JSON.stringify(inWindow));
  });

  it('has nothing before the epoch', () => {
    expect(planOrders(fixtureWorld(), { seed: 1, from: EPOCH_MS - 3 * DAY_MS, to: EPOCH_MS })).toEqual([]);
    expect(planDay(fixtureWorld(), 1, -1)).toEqual([]);
  });
});
