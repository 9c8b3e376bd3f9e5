import type { ServiceType } from '../../domain/orders/order-status.js';
import type { SimBusiness, SimCustomer, SimLocation, SimWorld } from '../sim-world.js';
import { arrivalCurve } from './arrival-curve.js';
import { type BrandMenu, buildBrandMenu } from './brand-menu.js';
import { buildPool, type CustomerPool, customerTraits } from './customer-pool.js';
import { type DeliveryPoint, deliveryPoint } from './delivery-address.js';
import { dateMs, type OpeningDay, openingDay } from './opening-day.js';
import { CHAIN_SERVICE_MIX, GHOST_SERVICE_MIX } from './reference-mix.js';
import { WeightedTable } from './weighted-table.js';

/**
 * A SimWorld with everything the model would otherwise recompute per order worked out once: menus
 * as category tables, customer pools as cumulative loyalty sorted by join day, service-type mixes
 * restricted to what each location offers. Compiling is deterministic and cheap (milliseconds);
 * callers that plan many windows of one world compile it once.
 */
export interface CompiledWorld {
  world: SimWorld;
  epochMs: number;
  businesses: CompiledBusiness[];
}

export interface CompiledBusiness {
  key: string;
  ghost: boolean;
  customers: readonly SimCustomer[];
  /** Every customer of the business, for the occasional order away from home. */
  everyone: CustomerPool;
  locations: CompiledLocation[];
  /** Delivery addresses, worked out the first time a customer has something delivered. */
  points: (DeliveryPoint | undefined)[];
}

export interface CompiledLocation {
  location: SimLocation;
  curve: Float64Array;
  /** Empty (total 0) when the location offers nothing the model can play: it takes no orders. */
  serviceTypes: WeightedTable<ServiceType>;
  driverKeys: string[];
  tableNumbers: readonly string[];
  /** Customers who live near the location (everyone when none does). */
  home: CustomerPool;
  brands: ServedBrand[];
  /** Opening days already worked out (each costs a few Intl calls; windows ask for the same ones again). */
  openings: Map<number, OpeningDay>;
}

export interface ServedBrand {
  key: string;
  menu: BrandMenu;
  /** The brand's prep time relative to the reference's 10-minute cooking phase. */
  prepScale: number;
  startDay: number;
  /** Last day served (inclusive, like brands.ends_on); Infinity while still running. */
  endDay: number;
  monthlyGrowth: number;
}

export interface CompileOptions {
  /**
   * Table numbers for dine-in orders at a location. SimLocation has no floor plan; by default every
   * location uses DEFAULT_TABLE_NUMBERS. A number a location lacks only means the order is not seated
   * on its floor plan.
   */
  tablesFor?: (locationKey: string) => readonly string[];
}

/** Tables every demo floor plan has, whatever its size (src/demo/floor-plans.ts: 1…6 inside, P1–P2). */
export const DEFAULT_TABLE_NUMBERS: readonly string[] = ['1', '2', '3', '4', '5', '6', 'P1', 'P2'];

export function compileWorld(world: SimWorld, options: CompileOptions = {}): CompiledWorld {
  const tablesFor = options.tablesFor ?? (() => DEFAULT_TABLE_NUMBERS);
  return {
    world,
    epochMs: dateMs(world.epoch),
    businesses: world.businesses.map((business) => compileBusiness(world.seed, business, tablesFor)),
  };
}

function compileBusiness(
  worldSeed: number,
  business: SimBusiness,
  tablesFor: (locationKey: string) => readonly string[],
): CompiledBusiness {
  const ghost = business.kind === 'ghost_kitchens';
  const customers = business.customers;
  const traits = customers.map((customer) => customerTraits(worldSeed, customer.key));
  const everyone = buildPool(
    customers,
    traits,
    customers.map((_, index) => index),
  );
  const menus = new Map<string, BrandMenu>();
  for (const brand of business.brands) {
    const items = business.items.filter((item) => item.brandKey === brand.key);
    if (items.length > 0) menus.set(brand.key, buildBrandMenu(items));
  }
  const locations = business.locations.map((location): CompiledLocation => {
    const homeIndexes = customers.flatMap((customer, index) =>
      customer.homeLocationKey === location.key ? [index] : [],
    );
    const localDrivers = business.drivers.filter((driver) => driver.locationKeys.includes(location.key));
    const driverKeys = (localDrivers.length > 0 ? localDrivers : business.drivers).map(
      (driver) => driver.key,
    );
    return {
      location,
      curve: arrivalCurve(location.profile),
      serviceTypes: serviceMix(ghost, location, driverKeys.length > 0),
      driverKeys,
      tableNumbers: tablesFor(location.key),
      home: homeIndexes.length > 0 ? buildPool(customers, traits, homeIndexes) : everyone,
      brands: business.brands.flatMap((brand) => {
        const menu = menus.get(brand.key);
        if (!menu) return [];
        const served = brand.servedAt.find((entry) => entry.locationKey === location.key);
        if (!served) return [];
        return [
          {
            key: brand.key,
            menu,
            prepScale:
              brand.prepMinutes > 0 && Number.isFinite(brand.prepMinutes) ? brand.prepMinutes / 10 : 1,
            startDay: served.startDay,
            endDay: served.endDay ?? Number.POSITIVE_INFINITY,
            monthlyGrowth: served.monthlyGrowth,
          },
        ];
      }),
      openings: new Map(),
    };
  });
  return { key: business.key, ghost, customers, everyone, locations, points: new Array(customers.length) };
}

/** The reference mix for the business kind, restricted to what the location offers (and can staff). */
function serviceMix(ghost: boolean, location: SimLocation, hasDrivers: boolean): WeightedTable<ServiceType> {
  const mix = ghost ? GHOST_SERVICE_MIX : CHAIN_SERVICE_MIX;
  const offered = location.serviceTypes.filter((type) => type !== 'delivery' || hasDrivers);
  const weighted = offered.map((type) => [type, mix[type]] as const);
  // A ghost kitchen that only offers dine-in (odd, but allowed) still takes orders.
  if (weighted.every(([, weight]) => weight <= 0))
    return new WeightedTable(offered.map((type) => [type, 1] as const));
  return new WeightedTable(weighted);
}

export function pointOf(business: CompiledBusiness, worldSeed: number, customerIndex: number): DeliveryPoint {
  let point = business.points[customerIndex];
  if (!point) {
    point = deliveryPoint(worldSeed, business.customers[customerIndex] as SimCustomer);
    business.points[customerIndex] = point;
  }
  return point;
}

/** The location's opening on local day `day`, computed once. */
export function openingOf(compiled: CompiledWorld, location: CompiledLocation, day: number): OpeningDay {
  let opening = location.openings.get(day);
  if (!opening) {
    const site = location.location;
    opening = openingDay(site.timeZone, compiled.epochMs, day, site.opensAt, site.closesAt);
    location.openings.set(day, opening);
  }
  return opening;
}
