import { describe, expect, it } from 'vitest';
import { brandItems, type DemoWorld } from '../../../../src/demo/demo-catalog.js';
import { demoIds } from '../../../../src/demo/demo-ids.js';
import { buildDemoWorld, DEMO_SEED } from '../../../../src/demo/demo-world.js';
import {
  type ModifierGroupRule,
  validateModifierSelection,
} from '../../../../src/domain/menu/modifier-rules.js';
import type { SimBusiness, SimWorld } from '../../../../src/simulator/sim-world.js';
import { demoSimWorld, simWorldOf } from '../../../../src/simulator/world/demo-sim-world.js';

/** The reference generator's day-of-week factors (Sunday first), as the simulator's volume model uses them. */
const DAY_OF_WEEK = [1.15, 1.0, 1.05, 1.08, 1.1, 1.25, 1.35];

/** Expected orders over `days` from day 0: base × (1 + growth)^day × day-of-week (noise averages 1). */
function expectedOrders(world: SimWorld, business: SimBusiness, days: number): number {
  const epoch = Date.parse(`${world.epoch}T00:00:00Z`);
  let total = 0;
  for (const location of business.locations) {
    for (let day = 0; day < days; day++) {
      const weekday = new Date(epoch + day * 86_400_000).getUTCDay();
      if (location.closedWeekdays.includes(weekday)) continue;
      total += location.baseOrdersPerDay * (1 + location.dailyGrowth) ** day * (DAY_OF_WEEK[weekday] ?? 1);
    }
  }
  return total;
}

function byKind(world: SimWorld, kind: SimBusiness['kind']): SimBusiness {
  const found = world.businesses.find((business) => business.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}

/** Every id the seed writes for a world, by what it is. */
function seededIds(world: DemoWorld) {
  const ids = {
    businesses: new Set<string>(),
    locations: new Set<string>(),
    brands: new Set<string>(),
    items: new Set<string>(),
    groups: new Set<string>(),
    options: new Set<string>(),
  };
  for (const business of world.businesses) {
    ids.businesses.add(demoIds.business(business.key));
    for (const location of business.locations) ids.locations.add(demoIds.location(location.key));
    for (const brand of business.brands) {
      ids.brands.add(demoIds.brand(brand.key));
      for (const item of brandItems(brand)) ids.items.add(demoIds.item(item.key));
    }
    for (const group of business.modifierGroups) {
      ids.groups.add(demoIds.modifierGroup(group.key));
      for (const option of group.options) ids.options.add(demoIds.modifierOption(group.key, option.name));
    }
  }
  return ids;
}

describe('the simulator’s view of the demo world', () => {
  it('is the same for the same seed (deep equal, identical JSON) and differs for another', () => {
    const a = demoSimWorld({ seed: 11 });
    expect(demoSimWorld({ seed: 11 })).toEqual(a);
    expect(JSON.stringify(demoSimWorld({ seed: 11 }))).toBe(JSON.stringify(a));
    const b = demoSimWorld({ seed: 12 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.businesses[0]?.customers.map((c) => c.email)).not.toEqual(
      a.businesses[0]?.customers.map((c) => c.email),
    );
  });

  it('defaults to the seed and epoch `brigade start` seeds', () => {
    const world = demoSimWorld();
    expect(world.seed).toBe(DEMO_SEED);
    expect(world).toEqual(simWorldOf(buildDemoWorld()));
  });

  for (const seed of [DEMO_SEED, 5]) {
    describe(`seed ${seed}`, () => {
      const demo = buildDemoWorld({ seed });
      const world = simWorldOf(demo);
      const seeded = seededIds(demo);

      it('names only ids the seed writes, and only seeded users as staff', () => {
        for (const business of world.businesses) {
          const demoBusiness = demo.businesses.find((candidate) => candidate.key === business.key);
          expect(seeded.businesses.has(business.id)).toBe(true);
          for (const location of business.locations) expect(seeded.locations.has(location.id)).toBe(true);
          for (const brand of business.brands) expect(seeded.brands.has(brand.id)).toBe(true);
          for (const item of business.items) {
            expect(seeded.items.has(item.id)).toBe(true);
            for (const group of item.modifierGroups) {
              expect(seeded.groups.has(group.id)).toBe(true);
              for (const option of group.options) expect(seeded.options.has(option.id)).toBe(true);
            }
          }
          const locationKeys = new Set(business.locations.map((location) => location.key));
          const brandKeys = new Set(business.brands.map((brand) => brand.key));
          for (const brand of business.brands) {
            for (const entry of brand.servedAt) expect(locationKeys.has(entry.locationKey)).toBe(true);
          }
          for (const item of business.items) expect(brandKeys.has(item.brandKey)).toBe(true);
          const seededUser = (email: string) => demoBusiness?.users.find((user) => user.email === email);
          for (const [people, roles] of [
            [business.kitchenStaff, ['kitchen']],
            [business.drivers, ['driver']],
            [business.managers, ['manager', 'owner']],
          ] as const) {
            expect(people.length).toBeGreaterThan(0);
            for (const person of people) {
              expect(roles).toContain(seededUser(person.email)?.role);
              for (const key of person.locationKeys) expect(locationKeys.has(key)).toBe(true);
            }
          }
          for (const location of business.locations) {
            expect(business.kitchenStaff.some((p) => p.locationKeys.includes(location.key))).toBe(true);
            expect(business.managers.some((p) => p.locationKeys.includes(location.key))).toBe(true);
            if (location.serviceTypes.includes('delivery'))
              expect(business.drivers.some((p) => p.locationKeys.includes(location.key))).toBe(true);
          }
        }
      });

      it('gives every item modifier groups a basket can satisfy', () => {
        for (const business of world.businesses) {
          for (const item of business.items) {
            for (const group of item.modifierGroups) {
              expect(group.minSelections).toBeGreaterThanOrEqual(0);
              expect(group.minSelections).toBeLessThanOrEqual(group.maxSelections);
              expect(group.maxSelections).toBeLessThanOrEqual(group.options.length);
              expect(new Set(group.options.map((option) => option.id)).size).toBe(group.options.length);
            }
            // The platform's own check accepts the first `min` options of each group, and the first `max`.
            const rules: ModifierGroupRule[] = item.modifierGroups.map((group, index) => {
              const demoGroup = demo.businesses
                .flatMap((b) => b.modifierGroups)
                .find((candidate) => demoIds.modifierGroup(candidate.key) === group.id);
              return {
                id: group.id,
                name: `group ${index}`,
                selection: demoGroup?.selection ?? 'multiple',
                required: demoGroup?.required ?? false,
                minSelections: demoGroup?.minSelections ?? 0,
                maxSelections: demoGroup?.maxSelections ?? 1,
                options: group.options.map((option) => ({ ...option, name: option.id, available: true })),
              };
            });
            for (const count of ['minSelections', 'maxSelections'] as const) {
              const picked = item.modifierGroups.flatMap((group) =>
                group.options.slice(0, group[count]).map((option) => option.id),
              );
              expect(validateModifierSelection(rules, picked).ok, `${item.key} ${count}`).toBe(true);
            }
          }
        }
      });

      it('sizes the chain for ≥ 1.5 million orders a year and the ghost kitchens near 840 a day', () => {
        const chain = byKind(world, 'restaurant_chain');
        const year = expectedOrders(world, chain, 365);
        expect(year).toBeGreaterThanOrEqual(1_500_000);
        expect(year / 365 / chain.locations.length).toBeGreaterThan(330);
        expect(year / 365 / chain.locations.length).toBeLessThan(420);
        const ghosts = byKind(world, 'ghost_kitchens');
        const perDay = expectedOrders(world, ghosts, 90) / 90;
        expect(perDay).toBeGreaterThan(700);
        expect(perDay).toBeLessThan(1000);
        expect(ghosts.locations.filter((location) => location.profile === 'late_night')).toHaveLength(1);
      });

      it('has hundreds of returning customers per business near their home location, a few far more loyal', () => {
        const seededEmails = new Set(demo.businesses.flatMap((b) => b.users.map((u) => u.email)));
        const emails = world.businesses.flatMap((business) => business.customers.map((c) => c.email));
        expect(new Set(emails).size).toBe(emails.length);
        for (const business of world.businesses) {
          expect(business.customers.length).toBeGreaterThanOrEqual(300);
          const homes = new Map(business.locations.map((location) => [location.key, location]));
          const demoHomes = new Map(
            demo.businesses.find((b) => b.key === business.key)?.locations.map((l) => [l.key, l]),
          );
          for (const customer of business.customers) {
            expect(customer.email).toMatch(/^[a-z.]+\.\d{4}@guests\.[a-z]+\.example$/);
            expect(seededEmails.has(customer.email)).toBe(false);
            const home = homes.get(customer.homeLocationKey);
            const radius = demoHomes.get(customer.homeLocationKey)?.deliveryRadiusKm ?? 0;
            expect(home).toBeDefined();
            const dLat = (customer.lat - (home?.lat ?? 0)) * 111.32;
            const dLon =
              (customer.lon - (home?.lon ?? 0)) * 111.32 * Math.cos(((home?.lat ?? 0) * Math.PI) / 180);
            expect(Math.hypot(dLat, dLon)).toBeLessThanOrEqual(radius);
            expect(customer.loyalty).toBeGreaterThanOrEqual(1);
          }
          // Every location has customers living near it.
          for (const key of homes.keys()) {
            expect(business.customers.some((customer) => customer.homeLocationKey === key)).toBe(true);
          }
          // Skewed: the top tenth of customers carry far more than a tenth of the weight.
          const weights = business.customers.map((c) => c.loyalty).sort((x, y) => y - x);
          const total = weights.reduce((sum, w) => sum + w, 0);
          const top = weights.slice(0, Math.ceil(weights.length / 10)).reduce((sum, w) => sum + w, 0);
          expect(top / total).toBeGreaterThan(0.25);
          const median = weights[Math.floor(weights.length / 2)] ?? 0;
          expect(median).toBeLessThan(total / weights.length);
        }
      });
    });
  }
});
