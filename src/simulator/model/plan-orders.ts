import type { PlannedOrder } from '../planned-order.js';
import type { SimWorld } from '../sim-world.js';
import {
  type CompiledBusiness,
  type CompiledLocation,
  type CompiledWorld,
  compileWorld,
  openingOf,
} from './compile-world.js';
import { DAY_MS } from './opening-day.js';
import { planLocationDay } from './plan-location-day.js';

/**
 * The model's entry points. Every location-day is planned from its own random stream, so a window
 * holds exactly the orders whose placement falls in it, whatever else is asked for: [a, c) is
 * [a, b) followed by [b, c), and day 200 costs no more than day 0.
 */
export interface PlanWindow {
  seed: number;
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
}

const MINUTE_MS = 60_000;
// Zone offsets run from UTC−12 to UTC+14: how far a local day can sit from its UTC date.
const MAX_EAST_MS = 14 * 3_600_000;
const MAX_WEST_MS = 12 * 3_600_000;

function compiledOf(world: SimWorld | CompiledWorld): CompiledWorld {
  return 'epochMs' in world ? world : compileWorld(world);
}

/** Placement order; the key breaks ties between locations so the order is total and stable. */
export function byPlacement(a: PlannedOrder, b: PlannedOrder): number {
  return a.placedAt - b.placedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Every order of local day `day` (days after the world's epoch, each location's own date), sorted. */
export function planDay(world: SimWorld | CompiledWorld, seed: number, day: number): PlannedOrder[] {
  const compiled = compiledOf(world);
  const orders: PlannedOrder[] = [];
  for (const business of compiled.businesses) {
    for (const location of business.locations) {
      for (const order of planLocationDay(compiled, seed, business, location, day)) orders.push(order);
    }
  }
  return orders.sort(byPlacement);
}

/** The local days of a location whose opening hours may overlap [from, to). */
function candidateDays(
  compiled: CompiledWorld,
  location: CompiledLocation,
  from: number,
  to: number,
): number[] {
  const site = location.location;
  const closes = site.closesAt > site.opensAt ? site.closesAt : site.closesAt + 1440;
  const low = Math.max(0, Math.floor((from - compiled.epochMs - closes * MINUTE_MS - MAX_WEST_MS) / DAY_MS));
  const high = Math.ceil((to - compiled.epochMs - site.opensAt * MINUTE_MS + MAX_EAST_MS) / DAY_MS);
  const days: number[] = [];
  for (let day = low; day <= high; day++) {
    const opening = openingOf(compiled, location, day);
    if (opening.minutes > 0 && opening.openMs < to && opening.openMs + opening.minutes * MINUTE_MS > from) {
      days.push(day);
    }
  }
  return days;
}

/** The first index of a sorted plan placed at or after `at`. */
function firstAtOrAfter(orders: readonly PlannedOrder[], at: number): number {
  let low = 0;
  let high = orders.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((orders[middle]?.placedAt ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface Planned {
  orders: PlannedOrder[];
  /** No order of this location-day is placed at or after this instant. */
  endMs: number;
}

/** A location with the location-days planned for it that a window may still need, by day. */
interface Site {
  business: CompiledBusiness;
  location: CompiledLocation;
  planned: Map<number, Planned>;
}

function sitesOf(compiled: CompiledWorld): Site[] {
  return compiled.businesses.flatMap((business) =>
    business.locations.map((location) => ({ business, location, planned: new Map<number, Planned>() })),
  );
}

/**
 * The orders placed in [from, to), sorted, planning each location-day the window touches once and
 * dropping those that ended before it (a window that goes back in time plans them again, the same).
 */
function collect(
  compiled: CompiledWorld,
  seed: number,
  sites: Site[],
  from: number,
  to: number,
): PlannedOrder[] {
  const orders: PlannedOrder[] = [];
  for (const { business, location, planned } of sites) {
    for (const [day, entry] of planned) if (entry.endMs <= from) planned.delete(day);
    for (const day of candidateDays(compiled, location, from, to)) {
      let entry = planned.get(day);
      if (!entry) {
        const opening = openingOf(compiled, location, day);
        entry = {
          orders: planLocationDay(compiled, seed, business, location, day),
          endMs: opening.openMs + opening.minutes * MINUTE_MS,
        };
        planned.set(day, entry);
      }
      const last = firstAtOrAfter(entry.orders, to);
      for (let i = firstAtOrAfter(entry.orders, from); i < last; i++)
        orders.push(entry.orders[i] as PlannedOrder);
    }
  }
  return orders.sort(byPlacement);
}

/**
 * The orders of a window in chunks of `chunkMs` (a day by default), each chunk sorted by placement
 * and the chunks in time order: the backfill's memory stays one or two days of plans whatever the
 * window.
 */
export function* streamOrders(
  world: SimWorld | CompiledWorld,
  window: PlanWindow,
  chunkMs: number = DAY_MS,
): Generator<PlannedOrder[]> {
  if (!(chunkMs > 0)) throw new RangeError(`chunkMs must be positive, got ${chunkMs}`);
  const compiled = compiledOf(world);
  const sites = sitesOf(compiled);
  for (let start = window.from; start < window.to; start += chunkMs) {
    yield collect(compiled, window.seed, sites, start, Math.min(window.to, start + chunkMs));
  }
}

/**
 * A planner for a live simulation that asks for one window after the next: (from, to) → the orders
 * placed in [from, to), sorted. It keeps the location-days still in play between calls, so a
 * five-minute window costs five minutes of orders, not a day's.
 */
export function orderPlanner(
  world: SimWorld | CompiledWorld,
  seed: number,
): (from: number, to: number) => PlannedOrder[] {
  const compiled = compiledOf(world);
  const sites = sitesOf(compiled);
  return (from, to) => (from < to ? collect(compiled, seed, sites, from, to) : []);
}

/** Every order placed in [from, to), sorted by placement. */
export function planOrders(world: SimWorld | CompiledWorld, window: PlanWindow): PlannedOrder[] {
  const orders: PlannedOrder[] = [];
  for (const chunk of streamOrders(world, window)) for (const order of chunk) orders.push(order);
  return orders;
}
