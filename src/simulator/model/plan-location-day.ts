import type { PlannedOrder } from '../planned-order.js';
import { drawFeedback, drawRefund } from './aftermath.js';
import { drawArrivals } from './arrivals.js';
import { type Basket, chainBasket, ghostBasket } from './basket.js';
import {
  type CompiledBusiness,
  type CompiledLocation,
  type CompiledWorld,
  openingOf,
  pointOf,
  type ServedBrand,
} from './compile-world.js';
import { drawCustomer, joinedBy } from './customer-pool.js';
import { dailyVolume } from './daily-volume.js';
import { planDelivery } from './delivery-trip.js';
import { drawKitchen } from './kitchen-phases.js';
import { roundMinutes } from './minutes.js';
import { drawPayment, drawTip } from './payment-draw.js';
import { CANCEL_RATE, DAY_PART_INDEX, dayPartOf } from './reference-mix.js';
import { streamFor } from './stream-seed.js';
import { WeightedTable } from './weighted-table.js';

/** Ours: share of eat-in and takeout orders placed by a customer from another location's area. */
const AWAY_SHARE = 0.08;
const DAYS_PER_MONTH = 30;

/**
 * The brands a location serves on local day `day` (and on `day + 1` as well when `pastMidnight`: an
 * order after midnight falls on the next date, and the platform checks a brand's window against the
 * order's local date), weighted by each one's monthly growth since it started there.
 */
export function brandsServed(
  location: CompiledLocation,
  day: number,
  pastMidnight = false,
): WeightedTable<ServedBrand> {
  const last = pastMidnight ? day + 1 : day;
  return new WeightedTable(
    location.brands
      .filter((brand) => brand.startDay <= day && last <= brand.endDay)
      .map(
        (brand) => [brand, (1 + brand.monthlyGrowth) ** ((day - brand.startDay) / DAYS_PER_MONTH)] as const,
      ),
  );
}

/**
 * Every order one location takes on local day `day` (days before the world's epoch have none),
 * sorted by placement. Everything is drawn from the stream (seed, business, location, day) alone,
 * so any day can be planned on its own and always comes out the same.
 */
export function planLocationDay(
  compiled: CompiledWorld,
  seed: number,
  business: CompiledBusiness,
  location: CompiledLocation,
  day: number,
): PlannedOrder[] {
  const site = location.location;
  if (day < 0 || location.serviceTypes.total === 0 || business.customers.length === 0) return [];
  const brands = brandsServed(location, day);
  const brandsAfterMidnight = brandsServed(location, day, true);
  if (brands.total === 0) return [];
  const opening = openingOf(compiled, location, day);
  const rng = streamFor(seed, business.key, site.key, day);
  const volume = dailyVolume(site, day, opening.weekday, rng);
  const arrivals = drawArrivals(rng, opening, location.curve, volume);
  const joinedHome = joinedBy(location.home, day);
  const joinedAnywhere = joinedBy(business.everyone, day);
  const keyPrefix = `sim-${seed >>> 0}-${business.key}-${site.key}-${day}-`;
  const orders: PlannedOrder[] = [];
  for (let i = 0; i < arrivals.placedAt.length; i++) {
    const localMinute = arrivals.localMinute[i] ?? 0;
    const served = localMinute < 1440 ? brands : brandsAfterMidnight;
    // A brand that ends today takes no orders after midnight; with none left the order does not happen.
    if (served.total === 0) continue;
    const dayPart = DAY_PART_INDEX[dayPartOf(localMinute)];
    const serviceType = location.serviceTypes.pick(rng);
    const away = serviceType !== 'delivery' && rng.chance(AWAY_SHARE);
    const customer = away
      ? drawCustomer(rng, business.everyone, joinedAnywhere, day)
      : drawCustomer(rng, location.home, joinedHome, day);
    const basket: Basket = business.ghost
      ? ghostBasket(rng, served, dayPart)
      : chainBasket(rng, served, dayPart);
    const payment = drawPayment(rng);
    const tip = drawTip(rng, serviceType);
    const tableNumber =
      serviceType === 'dine_in' && location.tableNumbers.length > 0
        ? (location.tableNumbers[Math.floor(rng.float() * location.tableNumbers.length)] ?? null)
        : null;
    const kitchen = drawKitchen(rng, basket.prepScale);
    const delivery =
      serviceType === 'delivery'
        ? planDelivery(rng, location, pointOf(business, compiled.world.seed, customer), kitchen)
        : null;
    const cancelledAfter =
      !payment.declined && rng.chance(CANCEL_RATE)
        ? roundMinutes(Math.max(0.05, kitchen.startedAfter * rng.uniform(0.2, 0.9)))
        : null;
    const completed = !payment.declined && cancelledAfter === null;
    const doneAfter = delivery ? delivery.deliveredAfter : kitchen.readyAfter;
    orders.push({
      key: `${keyPrefix}${i}`,
      businessKey: business.key,
      locationKey: site.key,
      placedAt: arrivals.placedAt[i] ?? 0,
      customerKey: business.customers[customer]?.key ?? '',
      serviceType,
      brandKeys: basket.brandKeys,
      lines: basket.lines,
      tip,
      payment,
      tableNumber,
      delivery,
      kitchen,
      cancelledAfter,
      refund: completed ? drawRefund(rng, delivery, doneAfter) : null,
      feedback: completed ? drawFeedback(rng, doneAfter) : null,
    });
  }
  return orders;
}
