import { describe, expect, it } from 'vitest';
import { customerTraits } from '../../../../src/simulator/model/customer-pool.js';
import { planOrders } from '../../../../src/simulator/model/plan-orders.js';
import { chainBusiness, DAY_MS, EPOCH_MS, fixtureWorld } from './fixture-world.js';

// 200 days of two small restaurants with 300 would-be customers each: about 27,000 orders.
const business = chainBusiness({
  customersPerLocation: 300,
  sites: [
    { key: 'east', baseOrdersPerDay: 60 },
    { key: 'west', baseOrdersPerDay: 60, lat: 43.7, lon: -79.5 },
  ],
});
const world = fixtureWorld([business]);
const DAYS = 200;
const orders = planOrders(world, { seed: 9, from: EPOCH_MS, to: EPOCH_MS + DAYS * DAY_MS });
const customers = new Map(business.customers.map((customer) => [customer.key, customer]));
const dayOf = (placedAt: number) => Math.floor((placedAt - EPOCH_MS) / DAY_MS);

describe('customers', () => {
  it('come back: most orders are by someone who ordered before', () => {
    const seen = new Set<string>();
    let repeat = 0;
    for (const order of orders) {
      if (seen.has(order.customerKey)) repeat++;
      seen.add(order.customerKey);
    }
    expect(repeat / orders.length).toBeGreaterThan(0.9);
  });

  it('order in proportion to loyalty', () => {
    const counts = new Map<string, number>();
    for (const order of orders) counts.set(order.customerKey, (counts.get(order.customerKey) ?? 0) + 1);
    const byLoyalty = [...customers.values()].sort((a, b) => b.loyalty - a.loyalty);
    const tenth = Math.floor(byLoyalty.length / 10);
    const ordersOf = (list: typeof byLoyalty) => list.reduce((sum, c) => sum + (counts.get(c.key) ?? 0), 0);
    const top = ordersOf(byLoyalty.slice(0, tenth));
    const bottom = ordersOf(byLoyalty.slice(-tenth));
    expect(top).toBeGreaterThan(5 * bottom);
  });

  it('mostly order where they live, and always have deliveries brought home', () => {
    const home = orders.filter(
      (order) => customers.get(order.customerKey)?.homeLocationKey === order.locationKey,
    );
    // 8 % of eat-in and takeout orders (85 % of all) come from anyone in the business, half of whom live here.
    expect(home.length / orders.length).toBeGreaterThan(0.93);
    expect(home.length / orders.length).toBeLessThan(0.99);
    const away = orders.filter(
      (order) =>
        order.serviceType === 'delivery' &&
        customers.get(order.customerKey)?.homeLocationKey !== order.locationKey,
    );
    expect(away).toEqual([]);
  });

  it('join over time and some stop ordering: nobody orders before joining or after churning', () => {
    const traits = new Map([...customers.keys()].map((key) => [key, customerTraits(world.seed, key)]));
    const outside = orders.filter((order) => {
      const trait = traits.get(order.customerKey);
      const day = dayOf(order.placedAt);
      return !trait || day < trait.joinDay || (trait.lastDay !== null && day > trait.lastDay);
    });
    // A churned customer may be drawn after four rejected attempts: allow a handful.
    expect(outside.length).toBeLessThan(orders.length * 0.002);
    const firstOrders = new Map<string, number>();
    for (const order of orders)
      if (!firstOrders.has(order.customerKey)) firstOrders.set(order.customerKey, order.placedAt);
    const newcomers = (fromDay: number, toDay: number) =>
      [...firstOrders.values()].filter((at) => dayOf(at) >= fromDay && dayOf(at) < toDay).length;
    // A trickle of first orders long after the start...
    expect(newcomers(100, 200)).toBeGreaterThan(30);
    // ...and the founding customers (a quarter of the pool) order from day 0.
    expect(newcomers(0, 14)).toBeGreaterThan(100);
    const churned = [...traits.values()].filter(
      (trait) => trait.lastDay !== null && trait.lastDay < DAYS,
    ).length;
    expect(churned).toBeGreaterThan(50);
  });
});
