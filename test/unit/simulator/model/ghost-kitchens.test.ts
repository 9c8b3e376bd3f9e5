import { describe, expect, it } from 'vitest';
import { ETA_SPEED_MPS, haversineMeters } from '../../../../src/domain/delivery/eta.js';
import { localParts } from '../../../../src/domain/locations/local-time.js';
import { planOrders } from '../../../../src/simulator/model/plan-orders.js';
import { DAY_MS, EPOCH_MS, fixtureWorld, GHOST_BRANDS, ghostBusiness } from './fixture-world.js';
import { expectMix, expectShare, median } from './stats.js';

// Eight weeks of two ghost kitchens (Chicago late-night with takeout, Vancouver delivery only):
// about 28,000 orders, brands starting and ending inside the window.
const business = ghostBusiness();
const world = fixtureWorld([business]);
const orders = planOrders(world, { seed: 5, from: EPOCH_MS, to: EPOCH_MS + 56 * DAY_MS });
const brandOf = new Map(business.items.map((item) => [item.key, item.brandKey]));
const siteOf = new Map(business.locations.map((location) => [location.key, location]));
const deliveries = orders.filter((order) => order.delivery !== null);
const STEP_METERS = ETA_SPEED_MPS * 60;

function localDay(order: (typeof orders)[number]): number {
  const { date } = localParts(siteOf.get(order.locationKey)?.timeZone ?? 'UTC', new Date(order.placedAt));
  return (Date.parse(`${date}T00:00:00Z`) - EPOCH_MS) / DAY_MS;
}

describe('ghost kitchens (reference section 2)', () => {
  it('has a large sample', () => {
    expect(orders.length).toBeGreaterThan(20_000);
  });

  it('delivers, with takeout only where offered', () => {
    expectMix(
      orders.filter((order) => order.locationKey === 'gk-chicago').map((order) => order.serviceType),
      { delivery: 85, takeout: 15 },
      'chicago',
    );
    expectMix(
      orders.filter((order) => order.locationKey === 'gk-vancouver').map((order) => order.serviceType),
      { delivery: 1 },
      'vancouver',
    );
  });

  it('fills baskets from one brand 70 % of the time, else 2–3 distinct brands with 1–3 items of qty 1–2 each', () => {
    expectMix(
      orders.map((order) => order.brandKeys.length),
      { 1: 70, 2: 15, 3: 15 },
      'brands per order',
    );
    const perBrand: number[] = [];
    const inconsistent = orders.filter((order) => {
      if (new Set(order.brandKeys).size !== order.brandKeys.length) return true;
      const brands = order.lines.map((line) => brandOf.get(line.itemKey) ?? '');
      for (const brand of order.brandKeys) perBrand.push(brands.filter((key) => key === brand).length);
      return brands.some((brand) => !order.brandKeys.includes(brand));
    });
    expect(inconsistent).toEqual([]);
    expectMix(perBrand, { 1: 1, 2: 1, 3: 1 }, 'items per brand');
    expectMix(
      orders.flatMap((order) => order.lines.map((line) => line.quantity)),
      { 1: 1, 2: 1 },
      'quantity',
    );
  });

  it('never orders a brand outside the days it is served (by the order’s local date, as the platform checks)', () => {
    const windows = new Map(GHOST_BRANDS.map((brand) => [brand.key, brand]));
    const outside = orders.filter((order) => {
      const day = localDay(order);
      return order.brandKeys.some((key) => {
        const brand = windows.get(key as (typeof GHOST_BRANDS)[number]['key']);
        return !brand || day < brand.start || (brand.end !== null && day > brand.end);
      });
    });
    expect(outside).toEqual([]);
    // Every brand does sell inside its window.
    const sold = new Set(orders.flatMap((order) => order.brandKeys));
    expect(sold).toEqual(new Set(GHOST_BRANDS.map((brand) => brand.key)));
  });

  it('weights brands by their monthly growth since they started', () => {
    // Days 41–55 serve a fixed set: taco (flat), wok (+10 %/month), burger (−10 %/month), pizza
    // (+20 %/month from day 10). A one-brand order picks brand b with p = w_b / Σw; the weights move
    // by a few percent over the window, so the middle day's weights stand for it.
    const middle = 48;
    const weights = Object.fromEntries(
      GHOST_BRANDS.filter((brand) => brand.end === null).map((brand) => [
        brand.key,
        (1 + brand.growth) ** ((middle - brand.start) / 30),
      ]),
    );
    const single = orders.filter(
      (order) =>
        order.brandKeys.length === 1 &&
        order.placedAt >= EPOCH_MS + 41 * DAY_MS + 12 * 3_600_000 &&
        order.placedAt < EPOCH_MS + 56 * DAY_MS,
    );
    expectMix(
      single.map((order) => order.brandKeys[0] ?? ''),
      weights,
      'brand',
    );
    const share = (brand: string, from: number, to: number) => {
      const window = orders.filter(
        (order) => order.placedAt >= EPOCH_MS + from * DAY_MS && order.placedAt < EPOCH_MS + to * DAY_MS,
      );
      return window.filter((order) => order.brandKeys.includes(brand)).length / window.length;
    };
    expect(share('pizza', 46, 56)).toBeGreaterThan(1.1 * share('pizza', 12, 20));
  });

  it('times kitchen phases by the reference normals, cooking scaled by the brand’s prep time', () => {
    const completed = orders.filter((order) => !order.payment.declined && order.cancelledAfter === null);
    const started = completed.map((order) => order.kitchen.startedAfter);
    const ready = completed.map((order) => order.kitchen.readyAfter - order.kitchen.finishedAfter);
    // Standard error of a median ≈ 1.25 σ / √n: about 0.01 minutes here.
    expect(Math.abs(median(started) - 2)).toBeLessThan(0.05);
    expect(Math.abs(median(ready) - 2)).toBeLessThan(0.05);
    for (const brand of GHOST_BRANDS) {
      const cooking = completed
        .filter((order) => order.brandKeys.length === 1 && order.brandKeys[0] === brand.key)
        .map((order) => order.kitchen.finishedAfter - order.kitchen.startedAfter);
      const sigma = (3 * brand.prep) / 10;
      expect(Math.abs(median(cooking) - brand.prep), brand.key).toBeLessThan(
        (5 * 1.25 * sigma) / Math.sqrt(cooking.length),
      );
    }
    // Each phase lasts at least half a minute, less the rounding of two offsets to 1/1000 minute.
    const unordered = orders.filter(
      ({ kitchen }) =>
        kitchen.startedAfter < 0.5 ||
        kitchen.finishedAfter - kitchen.startedAfter < 0.499 ||
        kitchen.readyAfter - kitchen.finishedAfter < 0.499,
    );
    expect(unordered).toEqual([]);
  });

  it('sends a driver of the location, who arrives around ready time and picks up ~N(6, 2) minutes after it', () => {
    const wrong = deliveries.filter((order) => {
      const delivery = order.delivery;
      if (!delivery) return true;
      const driver = business.drivers.find((person) => person.key === delivery.driverKey);
      return (
        !driver?.locationKeys.includes(order.locationKey) ||
        !(delivery.arrivedAfter > 0 && delivery.arrivedAfter < delivery.pickedUpAfter) ||
        delivery.pickedUpAfter <= order.kitchen.readyAfter
      );
    });
    expect(wrong).toEqual([]);
    // 90 % N(6, 2) and 10 % held up 8–35 minutes more: the median is 6 + 2 Φ⁻¹(0.5 / 0.9) ≈ 6.28.
    const wait = deliveries.map((order) => (order.delivery?.pickedUpAfter ?? 0) - order.kitchen.readyAfter);
    expect(Math.abs(median(wait) - 6.28)).toBeLessThan(0.1);
    const arrival = deliveries.map((order) => (order.delivery?.arrivedAfter ?? 0) - order.kitchen.readyAfter);
    expect(Math.abs(median(arrival))).toBeLessThan(0.3);
  });

  it('drives at 25 mph with a point every minute, the last at the door', () => {
    const broken = deliveries.filter((order) => {
      const delivery = order.delivery;
      const site = siteOf.get(order.locationKey);
      if (!delivery || !site) return true;
      let previous = { lat: site.lat, lon: site.lon, after: delivery.pickedUpAfter };
      for (const [index, point] of delivery.route.entries()) {
        const last = index === delivery.route.length - 1;
        const gap = point.after - previous.after;
        if (haversineMeters(previous, point) > STEP_METERS + 1e-6) return true;
        if (last ? !(gap > 0 && gap <= 1.001) : Math.abs(gap - 1) > 0.001) return true;
        previous = point;
      }
      const door = delivery.route.at(-1);
      return (
        door?.lat !== delivery.lat || door.lon !== delivery.lon || door.after !== delivery.deliveredAfter
      );
    });
    expect(broken).toEqual([]);
    // The fixture's customers live within ~4 km: the path is never more than √2 × 5 km or so.
    const far = deliveries.filter((order) => {
      const site = siteOf.get(order.locationKey);
      return !site || !order.delivery || haversineMeters(site, order.delivery) > 6_000;
    });
    expect(far).toEqual([]);
  });

  it('makes some deliveries late, refunds about half of those, and rarely refunds in full', () => {
    const done = deliveries.filter((order) => !order.payment.declined && order.cancelledAfter === null);
    const late = done.filter((order) => order.delivery?.late);
    expect(late.every((order) => (order.delivery?.deliveredAfter ?? 0) > 45)).toBe(true);
    expect(
      done
        .filter((order) => !order.delivery?.late)
        .every((order) => (order.delivery?.deliveredAfter ?? 99) <= 45),
    ).toBe(true);
    expect(late.length / done.length).toBeGreaterThan(0.02);
    expect(late.length / done.length).toBeLessThan(0.2);
    expectShare(late.filter((order) => order.refund !== null).length, late.length, 0.503, 'late refunds');
    const refunds = orders.flatMap((order) => (order.refund ? [order] : []));
    const full = refunds.filter((order) => order.refund?.share === 'full');
    expect(full.length).toBeGreaterThan(0);
    expect(full.length / orders.length).toBeLessThan(0.02);
    const early = refunds.filter(
      (order) => (order.refund?.after ?? 0) <= (order.delivery?.deliveredAfter ?? order.kitchen.readyAfter),
    );
    expect(early).toEqual([]);
  });

  it('delivers to a full address near the customer’s home', () => {
    const countries = new Map(
      deliveries.map((order) => [order.locationKey, order.delivery?.address.country]),
    );
    expect(countries).toEqual(
      new Map([
        ['gk-chicago', 'US'],
        ['gk-vancouver', 'CA'],
      ]),
    );
    const incomplete = deliveries.filter((order) => {
      const address = order.delivery?.address;
      return !(address?.line1 && address.city && address.region && address.postalCode);
    });
    expect(incomplete).toEqual([]);
    const customers = new Map(business.customers.map((customer) => [customer.key, customer]));
    const moved = deliveries.filter((order) => {
      const home = customers.get(order.customerKey);
      const to = order.delivery;
      return !home || !to || home.homeLocationKey !== order.locationKey || haversineMeters(home, to) > 400;
    });
    expect(moved).toEqual([]);
  });
});
