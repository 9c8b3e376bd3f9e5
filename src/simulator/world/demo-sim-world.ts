import type { DemoBusiness, DemoModifierGroup, DemoUser, DemoWorld } from '../../demo/demo-catalog.js';
import { brandItems } from '../../demo/demo-catalog.js';
import { demoIds } from '../../demo/demo-ids.js';
import { buildDemoWorld, type DemoWorldOptions } from '../../demo/demo-world.js';
import type { SimBusiness, SimModifierGroup, SimPerson, SimWorld } from '../sim-world.js';
import { customerPool } from './customer-pool.js';
import { SeededRandom } from './seeded-random.js';

/** Returning customers per business kind: enough that repeat rate, cohorts and churn mean something. */
export const CUSTOMER_POOL_SIZES: Record<DemoBusiness['kind'], number> = {
  restaurant_chain: 900,
  ghost_kitchens: 480,
};

/**
 * The simulator's view of a demo world. Every id is the one `seedDemo` writes for the same world
 * (both use `demoIds`), so a simulation built from the seed the demo was seeded with only names rows
 * that exist. Customers are added here: the simulator registers them, the seed does not.
 */
export function simWorldOf(world: DemoWorld): SimWorld {
  const random = new SeededRandom(world.seed);
  return {
    seed: world.seed,
    epoch: world.epoch,
    businesses: world.businesses.map((business) =>
      simBusiness(business, random.fork(`customers:${business.key}`)),
    ),
  };
}

/** The simulator's view of the demo world built from a seed (by default the one `brigade start` seeds). */
export function demoSimWorld(options: DemoWorldOptions = {}): SimWorld {
  return simWorldOf(buildDemoWorld(options));
}

function simBusiness(business: DemoBusiness, random: SeededRandom): SimBusiness {
  const groups = new Map(business.modifierGroups.map((group) => [group.key, group]));
  const allLocations = business.locations.map((location) => location.key);
  const people = (...roles: DemoUser['role'][]): SimPerson[] =>
    business.users
      .filter((user) => roles.includes(user.role))
      .map((user) => ({
        key: user.key,
        email: user.email,
        locationKeys: user.locations.length > 0 ? user.locations : allLocations,
      }));
  return {
    key: business.key,
    id: demoIds.business(business.key),
    kind: business.kind,
    currency: business.currency,
    locations: business.locations.map((location) => ({
      key: location.key,
      id: demoIds.location(location.key),
      timeZone: location.timeZone,
      lat: location.lat,
      lon: location.lon,
      serviceTypes: location.serviceTypes,
      baseOrdersPerDay: location.demand.baseOrdersPerDay,
      dailyGrowth: location.demand.dailyGrowth,
      profile: location.demand.profile,
      closedWeekdays: location.demand.closedWeekdays,
      opensAt: location.demand.opensAt,
      closesAt: location.demand.closesAt,
    })),
    brands: business.brands.map((brand) => ({
      key: brand.key,
      id: demoIds.brand(brand.key),
      name: brand.name,
      cuisine: brand.cuisine,
      prepMinutes: brand.prepMinutes,
      servedAt: brand.servedAt.map((entry) => ({ ...entry })),
    })),
    items: business.brands.flatMap((brand) =>
      brandItems(brand).map((item) => ({
        key: item.key,
        id: demoIds.item(item.key),
        brandKey: brand.key,
        category: item.kind,
        name: item.name,
        priceMinor: item.priceMinor,
        modifierGroups: item.modifierGroups.map((key) => {
          const group = groups.get(key);
          if (!group) throw new Error(`item ${item.key} names unknown modifier group ${key}`);
          return simModifierGroup(group);
        }),
      })),
    ),
    customers: customerPool(random, business, CUSTOMER_POOL_SIZES[business.kind]),
    kitchenStaff: people('kitchen'),
    cashiers: people('cashier'),
    // Managers before the owner: the simulator acts as the first one covering a location.
    managers: [...people('manager'), ...people('owner')],
    drivers: people('driver'),
  };
}

/** The bounds the platform enforces: required means at least one, single choice at most one. */
function simModifierGroup(group: DemoModifierGroup): SimModifierGroup {
  return {
    id: demoIds.modifierGroup(group.key),
    minSelections: Math.max(group.minSelections, group.required ? 1 : 0),
    maxSelections: group.selection === 'single' ? 1 : group.maxSelections,
    options: group.options.map((option) => ({
      id: demoIds.modifierOption(group.key, option.name),
      priceMinor: option.priceMinor,
    })),
  };
}
