import { describe, expect, it } from 'vitest';
import { brandItems, type DemoBusiness, type DemoWorld } from '../../../../src/demo/demo-catalog.js';
import { clockTime } from '../../../../src/demo/demo-hours.js';
import { buildDemoWorld, DEMO_SEED, demoWorldUsers } from '../../../../src/demo/demo-world.js';
import { MENU_KIND_NAMES, MENU_KINDS } from '../../../../src/demo/menu-kinds.js';
import { WEEKDAYS } from '../../../../src/domain/locations/local-time.js';

const SEEDS = [DEMO_SEED, 1, 2, 977];

function business(world: DemoWorld, kind: DemoBusiness['kind']): DemoBusiness {
  const found = world.businesses.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}

const items = (b: DemoBusiness) => b.brands.flatMap(brandItems);

describe('demo world: determinism', () => {
  it('gives a deep-equal world with identical JSON for the same seed', () => {
    const a = buildDemoWorld({ seed: 4242 });
    const b = buildDemoWorld({ seed: 4242 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('changes the details for another seed but keeps the same entities (keys, emails)', () => {
    const a = buildDemoWorld({ seed: 1 });
    const b = buildDemoWorld({ seed: 2 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    const prices = (world: DemoWorld) => world.businesses.flatMap(items).map((item) => item.priceMinor);
    expect(prices(b)).not.toEqual(prices(a));
    const names = (world: DemoWorld) => items(business(world, 'restaurant_chain')).map((item) => item.name);
    expect(names(b)).not.toEqual(names(a));
    const demand = (world: DemoWorld) => world.businesses.flatMap((x) => x.locations.map((l) => l.demand));
    expect(demand(b)).not.toEqual(demand(a));
    // What the ids and the stored passwords hang on does not move with the seed.
    const keys = (world: DemoWorld) => ({
      locations: world.businesses.flatMap((x) => x.locations.map((l) => l.key)),
      brands: world.businesses.flatMap((x) => x.brands.map((brand) => brand.key)),
      items: world.businesses.flatMap(items).map((item) => item.key),
      emails: demoWorldUsers(world).map((user) => user.email),
    });
    expect(keys(b)).toEqual(keys(a));
  });

  it('uses the given epoch for brand and offer dates', () => {
    const world = buildDemoWorld({ seed: 3, epoch: '2030-01-01' });
    expect(world.epoch).toBe('2030-01-01');
    const dates = world.businesses.flatMap((b) => [
      ...b.brands.flatMap((brand) => [brand.startsOn, brand.endsOn]),
      ...b.offers.map((offer) => offer.startsAt),
    ]);
    for (const date of dates.filter((d): d is string => d !== null)) expect(date >= '2030-01-01').toBe(true);
  });
});

describe.each(SEEDS)('demo world (seed %i)', (seed) => {
  const world = buildDemoWorld({ seed });
  const chain = business(world, 'restaurant_chain');
  const ghosts = business(world, 'ghost_kitchens');

  it('has a chain of 12 Ontario restaurants with 13% HST, all three service types and a floor plan', () => {
    expect(chain.currency).toBe('CAD');
    expect(chain.locations.map((l) => l.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `NW-ON-${String(i + 1).padStart(3, '0')}`),
    );
    for (const location of chain.locations) {
      expect(location.address.region).toBe('ON');
      expect(location.timeZone).toBe('America/Toronto');
      expect(location.taxRules).toEqual([{ name: 'HST', rateBps: 1300 }]);
      expect(location.serviceTypes).toEqual(['dine_in', 'takeout', 'delivery']);
      expect(location.floorPlan.length).toBeGreaterThanOrEqual(8);
      expect(new Set(location.floorPlan.map((t) => t.number)).size).toBe(location.floorPlan.length);
      expect(Math.abs(location.lat - 44)).toBeLessThan(2.5);
    }
    expect(new Set(chain.locations.map((l) => l.address.city)).size).toBeGreaterThanOrEqual(10);
  });

  it('serves the 13 kinds of menu at prices inside their ranges, costing 25–40% of the price', () => {
    const chainItems = items(chain);
    expect(new Set(chainItems.map((item) => item.kind))).toEqual(new Set(MENU_KIND_NAMES));
    for (const item of [...chainItems, ...items(ghosts)]) {
      const facts = MENU_KINDS[item.kind];
      expect(item.priceMinor, item.sku).toBeGreaterThanOrEqual(facts.minPriceMinor);
      expect(item.priceMinor, item.sku).toBeLessThanOrEqual(facts.maxPriceMinor);
      expect(item.costMinor / item.priceMinor).toBeGreaterThanOrEqual(0.249);
      expect(item.costMinor / item.priceMinor).toBeLessThanOrEqual(0.401);
    }
  });

  it('has a ghost-kitchen operator with 4 kitchens in at least 3 time zones, one of them open late', () => {
    expect(ghosts.currency).toBe('USD');
    expect(ghosts.locations).toHaveLength(4);
    expect(new Set(ghosts.locations.map((l) => l.timeZone)).size).toBeGreaterThanOrEqual(3);
    expect(ghosts.locations.filter((l) => l.demand.profile === 'late_night')).toHaveLength(1);
    for (const location of ghosts.locations) {
      expect(location.kind).toBe('ghost_kitchen');
      expect(location.serviceTypes).not.toContain('dine_in');
      expect(location.floorPlan).toEqual([]);
      expect(location.address.country).toBe('US');
      expect(location.taxRules.length).toBeGreaterThan(0);
    }
  });

  it('cooks about 20 virtual brands that start, end, grow and decline on different days', () => {
    expect(ghosts.brands.length).toBeGreaterThanOrEqual(18);
    expect(ghosts.brands.length).toBeLessThanOrEqual(22);
    const served = ghosts.brands.flatMap((brand) => brand.servedAt);
    const kitchens = new Set(ghosts.locations.map((l) => l.key));
    for (const entry of served) {
      expect(kitchens.has(entry.locationKey)).toBe(true);
      if (entry.endDay !== null) expect(entry.endDay).toBeGreaterThan(entry.startDay);
    }
    expect(new Set(served.map((entry) => entry.startDay)).size).toBeGreaterThanOrEqual(8);
    expect(served.some((entry) => entry.startDay > 0)).toBe(true);
    expect(served.filter((entry) => entry.endDay !== null).length).toBeGreaterThanOrEqual(3);
    expect(served.some((entry) => entry.monthlyGrowth > 0)).toBe(true);
    expect(served.some((entry) => entry.monthlyGrowth < 0)).toBe(true);
    expect(new Set(ghosts.brands.map((brand) => brand.cuisine)).size).toBeGreaterThanOrEqual(15);
    // Every kitchen has something to cook on every day of the first year and a half.
    for (const kitchen of kitchens) {
      for (let day = 0; day < 540; day++) {
        const cooking = served.filter(
          (entry) =>
            entry.locationKey === kitchen &&
            entry.startDay <= day &&
            (entry.endDay === null || day <= entry.endDay),
        );
        expect(cooking.length, `${kitchen} on day ${day}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('dates each brand with the union of its kitchens’ windows', () => {
    const date = (day: number) => new Date(Date.parse(`${world.epoch}T00:00:00Z`) + day * 86_400_000);
    for (const brand of ghosts.brands) {
      const first = Math.min(...brand.servedAt.map((entry) => entry.startDay));
      expect(brand.startsOn).toBe(first === 0 ? null : date(first).toISOString().slice(0, 10));
      const ends = brand.servedAt.map((entry) => entry.endDay);
      expect(brand.endsOn).toBe(
        ends.includes(null)
          ? null
          : date(Math.max(...(ends as number[])))
              .toISOString()
              .slice(0, 10),
      );
    }
  });

  it('opens each location exactly from opensAt to closesAt on the days it is not closed', () => {
    for (const location of world.businesses.flatMap((b) => b.locations)) {
      const { opensAt, closesAt, closedWeekdays } = location.demand;
      expect(closesAt).toBeGreaterThan(opensAt);
      WEEKDAYS.forEach((weekday, index) => {
        const sections = location.businessHours[weekday];
        if (closedWeekdays.includes((index + 1) % 7)) {
          expect(sections).toBeUndefined();
          return;
        }
        expect(sections?.[0]?.opens).toBe(clockTime(opensAt));
        expect(sections?.at(-1)?.closes).toBe(clockTime(closesAt));
        // Contiguous: each section closes when the next one opens.
        for (const [i, section] of (sections ?? []).slice(1).entries()) {
          expect(section.opens).toBe(sections?.[i]?.closes);
        }
      });
    }
  });

  it('keys every entity once across the world, and every reference resolves', () => {
    const all = world.businesses;
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(all.flatMap((b) => b.locations.map((l) => l.key)));
    unique(all.flatMap((b) => b.brands.map((brand) => brand.key)));
    unique(all.flatMap((b) => b.modifierGroups.map((group) => group.key)));
    unique(all.flatMap(items).map((item) => item.key));
    unique(all.flatMap((b) => b.offers.map((offer) => offer.key)));
    unique(demoWorldUsers(world).map((user) => user.key));
    unique(demoWorldUsers(world).map((user) => user.email.toLowerCase()));
    for (const b of all) {
      const groups = new Set(b.modifierGroups.map((group) => group.key));
      const itemKeys = new Set(items(b).map((item) => item.key));
      const locations = new Set(b.locations.map((l) => l.key));
      for (const item of items(b))
        for (const group of item.modifierGroups) expect(groups.has(group)).toBe(true);
      for (const offer of b.offers) for (const key of offer.itemKeys) expect(itemKeys.has(key)).toBe(true);
      for (const user of b.users) for (const key of user.locations) expect(locations.has(key)).toBe(true);
      for (const group of b.modifierGroups) {
        unique(group.options.map((option) => option.name));
        expect(group.minSelections).toBeLessThanOrEqual(group.maxSelections);
        expect(group.maxSelections).toBeLessThanOrEqual(group.options.length);
        if (group.selection === 'single') expect(group.maxSelections).toBe(1);
      }
    }
  });

  it('staffs every location (a manager, a crew of its own, drivers where it delivers)', () => {
    // Hundreds of staff, not thousands: the seed and the simulator's sign-ins grow with them.
    expect(demoWorldUsers(world).length).toBeLessThanOrEqual(500);
    for (const b of world.businesses) {
      const covers = (role: string, key: string) =>
        b.users.some(
          (user) => user.role === role && (user.locations.length === 0 || user.locations.includes(key)),
        );
      expect(b.users.filter((user) => user.role === 'owner')).toHaveLength(1);
      expect(b.users.filter((user) => user.role === 'customer').length).toBeGreaterThanOrEqual(2);
      for (const location of b.locations) {
        expect(covers('manager', location.key)).toBe(true);
        expect(covers('kitchen', location.key)).toBe(true);
        if (location.serviceTypes.includes('delivery')) expect(covers('driver', location.key)).toBe(true);
        if (location.serviceTypes.includes('dine_in')) expect(covers('cashier', location.key)).toBe(true);
        // Its own crew: cooks who work there only, enough for both halves of a day with days off.
        const own = b.users.filter(
          (user) =>
            user.role === 'kitchen' && user.locations.length === 1 && user.locations[0] === location.key,
        );
        expect(own.length).toBeGreaterThanOrEqual(9);
      }
      // Fictional phone numbers (555-0101 … 555-0199) while they last, none beyond.
      for (const user of b.users)
        if (user.phone !== null) expect(user.phone).toMatch(/^\+1-\d{3}-555-01(0[1-9]|[1-9]\d)$/);
      // A short banner: the owner, a few staff and a customer per business.
      const shown = b.users.filter((user) => user.showLogin);
      expect(shown.map((user) => user.role)).toContain('owner');
      expect(shown.map((user) => user.role)).toContain('customer');
      expect(shown.length).toBeLessThanOrEqual(7);
    }
  });
});
