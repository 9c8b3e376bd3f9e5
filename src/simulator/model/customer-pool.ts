import type { SimCustomer } from '../sim-world.js';
import type { Rng } from './rng.js';
import { hashString, mix32, unitFloat } from './stream-seed.js';
import { pickCumulative } from './weighted-table.js';

/**
 * Who orders: customers weighted by loyalty, each with a day they first appear and, for some, a day
 * they stop ordering, so cohorts, repeat rate and churn mean something. These are traits of the
 * world (drawn from the world's seed and the customer key), not of a simulation run: the same
 * customer joins on the same day whatever seed replays the world.
 */
export interface CustomerTraits {
  joinDay: number;
  /** Last day the customer orders (inclusive); null = never churns. */
  lastDay: number | null;
}

/** Share of the pool already customers on day 0; the rest trickle in. */
const FOUNDING_SHARE = 0.25;
/** Mean days until a later customer's first order (exponential: most within a year, a trickle after). */
const MEAN_JOIN_DAYS = 200;
const CHURN_SHARE = 0.3;
/** A churning customer stays at least this long, then on average this much longer. */
const MIN_STAY_DAYS = 30;
const MEAN_EXTRA_STAY_DAYS = 120;

export function customerTraits(worldSeed: number, customerKey: string): CustomerTraits {
  const h = hashString(customerKey, worldSeed);
  const founding = unitFloat(h ^ 0x1b873593) < FOUNDING_SHARE;
  const joinDay = founding ? 0 : Math.floor(-MEAN_JOIN_DAYS * Math.log(1 - unitFloat(h ^ 0x68e31da4)));
  const churns = unitFloat(h ^ 0x5bd1e995) < CHURN_SHARE;
  const stay = MIN_STAY_DAYS + Math.floor(-MEAN_EXTRA_STAY_DAYS * Math.log(1 - unitFloat(mix32(h + 7))));
  return { joinDay, lastDay: churns ? joinDay + stay : null };
}

/** Customers sorted by join day with the running sum of their loyalty, for O(log n) draws by day. */
export interface CustomerPool {
  /** Indexes into the business's customer list. */
  members: Int32Array;
  joinDays: Int32Array;
  /** Last day each member orders, or a huge number for those who never churn. */
  lastDays: Float64Array;
  cumulative: Float64Array;
}

export function buildPool(
  customers: readonly SimCustomer[],
  traits: readonly CustomerTraits[],
  indexes: number[],
): CustomerPool {
  const sorted = [...indexes].sort((x, y) => (traits[x]?.joinDay ?? 0) - (traits[y]?.joinDay ?? 0) || x - y);
  const pool: CustomerPool = {
    members: Int32Array.from(sorted),
    joinDays: Int32Array.from(sorted, (index) => traits[index]?.joinDay ?? 0),
    lastDays: Float64Array.from(sorted, (index) => traits[index]?.lastDay ?? Number.MAX_VALUE),
    cumulative: new Float64Array(sorted.length),
  };
  let sum = 0;
  sorted.forEach((index, position) => {
    sum += Math.max(0, customers[index]?.loyalty ?? 0);
    pool.cumulative[position] = sum;
  });
  return pool;
}

/** How many of the pool's members have joined by `day` (all of them if none has: an empty shop would stall). */
export function joinedBy(pool: CustomerPool, day: number): number {
  let low = 0;
  let high = pool.joinDays.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((pool.joinDays[middle] ?? 0) <= day) low = middle + 1;
    else high = middle;
  }
  return low > 0 && (pool.cumulative[low - 1] ?? 0) > 0 ? low : pool.members.length;
}

/**
 * A customer who has joined by `day`, weighted by loyalty; one who has churned is drawn again (a few
 * times at most: a pool of churned regulars still yields someone). Returns an index into the
 * business's customer list, or -1 for an empty pool.
 */
export function drawCustomer(rng: Rng, pool: CustomerPool, joined: number, day: number): number {
  if (joined === 0) return -1;
  const total = pool.cumulative[joined - 1] ?? 0;
  let position = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    position =
      total > 0 ? pickCumulative(pool.cumulative, joined, rng.float() * total) : rng.int(0, joined - 1);
    if ((pool.lastDays[position] ?? 0) >= day) break;
  }
  return pool.members[position] ?? -1;
}
