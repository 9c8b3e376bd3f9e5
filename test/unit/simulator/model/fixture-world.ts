import type { ServiceType } from '../../../../src/domain/orders/order-status.js';
import { streamFor } from '../../../../src/simulator/model/stream-seed.js';
import type {
  MenuKind,
  SimBusiness,
  SimCustomer,
  SimItem,
  SimLocation,
  SimModifierGroup,
  SimPerson,
  SimWorld,
} from '../../../../src/simulator/sim-world.js';

/** Small but complete SimWorlds for the model's tests (the real demo world is built elsewhere). */

export const MENU_KINDS: MenuKind[] = [
  'coffee',
  'breakfast',
  'appetizer',
  'salad',
  'sandwich',
  'burger',
  'pizza',
  'pasta',
  'entree',
  'dessert',
  'kids',
  'beverage',
  'alcohol',
];

/** 2024-01-01 is a Monday: day d falls on weekday (d + 1) % 7 (0 = Sunday). */
export const EPOCH = '2024-01-01';
export const EPOCH_MS = Date.parse('2024-01-01T00:00:00Z');
export const DAY_MS = 86_400_000;

function groups(prefix: string, variant: number): SimModifierGroup[] {
  const options = (name: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({
      id: `${prefix}-${name}-${index}`,
      priceMinor: index * 50,
    }));
  const all: SimModifierGroup[] = [
    { id: `${prefix}-size`, minSelections: 1, maxSelections: 1, options: options('size', 3) },
    { id: `${prefix}-extras`, minSelections: 0, maxSelections: 3, options: options('extras', 5) },
    { id: `${prefix}-sides`, minSelections: 2, maxSelections: 3, options: options('sides', 4) },
    { id: `${prefix}-note`, minSelections: 0, maxSelections: 1, options: options('note', 2) },
  ];
  return all.filter((_, index) => (variant >> index) & 1);
}

function items(brandKey: string, kinds: readonly MenuKind[], perKind: number): SimItem[] {
  return kinds.flatMap((category, k) =>
    Array.from({ length: perKind }, (_, n) => {
      const key = `${brandKey}-${category}-${n}`;
      return {
        key,
        id: `id-${key}`,
        brandKey,
        category,
        name: `${category} ${n}`,
        priceMinor: 500 + 100 * k,
        modifierGroups: groups(key, (k * perKind + n) % 16),
      };
    }),
  );
}

function location(key: string, overrides: Partial<SimLocation>): SimLocation {
  return {
    key,
    id: `id-${key}`,
    timeZone: 'America/Toronto',
    lat: 43.65,
    lon: -79.38,
    serviceTypes: ['dine_in', 'takeout', 'delivery'],
    baseOrdersPerDay: 300,
    dailyGrowth: 0,
    profile: 'standard',
    closedWeekdays: [],
    opensAt: 7 * 60,
    closesAt: 23 * 60,
    ...overrides,
  };
}

function customers(business: string, locations: SimLocation[], perLocation: number): SimCustomer[] {
  const rng = streamFor('fixture-customers', business);
  return locations.flatMap((site) =>
    Array.from({ length: perLocation }, (_, n) => {
      // Pareto-ish loyalty: a few regulars order far more often than most.
      const loyalty = Math.min(50, 1 / (1 - rng.float()) ** 1.2);
      return {
        key: `${site.key}-c${n}`,
        email: `${site.key}-c${n}@example.test`,
        name: `Customer ${n}`,
        homeLocationKey: site.key,
        lat: site.lat + rng.uniform(-0.03, 0.03),
        lon: site.lon + rng.uniform(-0.04, 0.04),
        loyalty,
      };
    }),
  );
}

function drivers(locations: SimLocation[], perLocation: number): SimPerson[] {
  return locations.flatMap((site) =>
    Array.from({ length: perLocation }, (_, n) => ({
      key: `${site.key}-driver-${n}`,
      email: `${site.key}-driver-${n}@example.test`,
      locationKeys: [site.key],
    })),
  );
}

export interface ChainOptions {
  locations?: number;
  baseOrdersPerDay?: number;
  dailyGrowth?: number;
  customersPerLocation?: number;
  /** Per-location overrides (location n gets sites[n]); keys default to chain-<n>. */
  sites?: Partial<SimLocation>[];
}

export function chainBusiness(options: ChainOptions = {}): SimBusiness {
  const count = options.sites?.length ?? options.locations ?? 3;
  const serviceTypes: ServiceType[][] = [
    ['dine_in', 'takeout', 'delivery'],
    ['dine_in', 'takeout', 'delivery'],
    ['dine_in', 'takeout'],
  ];
  const locations = Array.from({ length: count }, (_, n) =>
    location(options.sites?.[n]?.key ?? `chain-${n}`, {
      lat: 43.65 + n * 0.05,
      lon: -79.38 - n * 0.07,
      serviceTypes: serviceTypes[n % 3] ?? ['dine_in'],
      baseOrdersPerDay: options.baseOrdersPerDay ?? 300,
      dailyGrowth: options.dailyGrowth ?? 0,
      ...options.sites?.[n],
    }),
  );
  return {
    key: 'chain',
    id: 'id-chain',
    kind: 'restaurant_chain',
    currency: 'CAD',
    locations,
    brands: [
      {
        key: 'northwind',
        id: 'id-northwind',
        name: 'Northwind',
        cuisine: 'canadian',
        prepMinutes: 10,
        servedAt: locations.map((site) => ({
          locationKey: site.key,
          startDay: 0,
          endDay: null,
          monthlyGrowth: 0,
        })),
      },
    ],
    items: items('northwind', MENU_KINDS, 2),
    customers: customers('chain', locations, options.customersPerLocation ?? 400),
    kitchenStaff: [],
    cashiers: [],
    managers: [],
    drivers: drivers(locations, 4),
  };
}

export const GHOST_BRANDS = [
  // key, cuisine, prep, kinds, start, end, growth
  { key: 'taco', prep: 8, kinds: ['appetizer', 'entree', 'beverage'], start: 0, end: null, growth: 0 },
  { key: 'wok', prep: 12, kinds: ['entree', 'appetizer', 'dessert'], start: 0, end: null, growth: 0.1 },
  { key: 'burger', prep: 10, kinds: ['burger', 'kids', 'beverage'], start: 0, end: null, growth: -0.1 },
  { key: 'salad', prep: 6, kinds: ['salad', 'sandwich'], start: 0, end: 20, growth: 0 },
  { key: 'pizza', prep: 14, kinds: ['pizza', 'dessert'], start: 10, end: null, growth: 0.2 },
  { key: 'brunch', prep: 9, kinds: ['breakfast', 'coffee'], start: 5, end: 40, growth: 0 },
] as const;

export function ghostBusiness(): SimBusiness {
  const locations = [
    location('gk-chicago', {
      timeZone: 'America/Chicago',
      lat: 41.88,
      lon: -87.63,
      serviceTypes: ['delivery', 'takeout'],
      baseOrdersPerDay: 250,
      profile: 'late_night',
      opensAt: 10 * 60,
      closesAt: 26 * 60,
    }),
    location('gk-vancouver', {
      timeZone: 'America/Vancouver',
      lat: 49.28,
      lon: -123.12,
      serviceTypes: ['delivery'],
      baseOrdersPerDay: 200,
      opensAt: 11 * 60,
      closesAt: 22 * 60,
    }),
  ];
  return {
    key: 'ghost',
    id: 'id-ghost',
    kind: 'ghost_kitchens',
    currency: 'USD',
    locations,
    brands: GHOST_BRANDS.map((brand) => ({
      key: brand.key,
      id: `id-${brand.key}`,
      name: brand.key,
      cuisine: brand.key,
      prepMinutes: brand.prep,
      servedAt: locations.map((site) => ({
        locationKey: site.key,
        startDay: brand.start,
        endDay: brand.end,
        monthlyGrowth: brand.growth,
      })),
    })),
    items: GHOST_BRANDS.flatMap((brand) => items(brand.key, brand.kinds, 3)),
    customers: customers('ghost', locations, 500),
    kitchenStaff: [],
    cashiers: [],
    managers: [],
    drivers: drivers(locations, 6),
  };
}

export function fixtureWorld(businesses: SimBusiness[] = [chainBusiness(), ghostBusiness()]): SimWorld {
  return { seed: 7, epoch: EPOCH, businesses };
}
