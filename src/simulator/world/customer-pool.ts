import type { DemoBusiness, DemoLocation } from '../../demo/demo-catalog.js';
import { emailLocalPart, FIRST_NAMES, LAST_NAMES } from '../../demo/person-names.js';
import type { SimCustomer } from '../sim-world.js';
import type { SeededRandom } from './seeded-random.js';

const KM_PER_DEGREE = 111.32;

/**
 * The returning customers of one business (not seeded: the simulator registers each on their first
 * order). Each lives near a location, more of them near the busier ones, within 85% of its delivery
 * radius; emails are under the business's `guests.<business>.example` domain. Loyalty weights follow a
 * Pareto law (α = 1.5, capped at 50): most customers weigh 1–2, a few regulars far more.
 */
export function customerPool(random: SeededRandom, business: DemoBusiness, size: number): SimCustomer[] {
  const totalBase = business.locations.reduce((sum, location) => sum + location.demand.baseOrdersPerDay, 0);
  const domain = `guests.${business.key.replace(/[^a-z0-9]+/g, '')}.example`;
  return Array.from({ length: size }, (_, index): SimCustomer => {
    const home = weightedHome(business, random.next() * totalBase);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    // Uniform over the disc: the distance grows with the square root.
    const distanceKm = 0.85 * home.deliveryRadiusKm * Math.sqrt(random.next());
    const bearing = 2 * Math.PI * random.next();
    const lat = home.lat + (distanceKm * Math.cos(bearing)) / KM_PER_DEGREE;
    const lon =
      home.lon + (distanceKm * Math.sin(bearing)) / (KM_PER_DEGREE * Math.cos((home.lat * Math.PI) / 180));
    const number = String(index + 1).padStart(4, '0');
    return {
      key: `${business.key}-customer-${number}`,
      email: `${emailLocalPart(first)}.${emailLocalPart(last)}.${number}@${domain}`,
      name: `${first} ${last}`,
      homeLocationKey: home.key,
      lat: round(lat, 5),
      lon: round(lon, 5),
      loyalty: round(Math.min(50, (1 - random.next()) ** (-1 / 1.5)), 3),
    };
  });
}

/** The location whose share of the summed base orders holds `ticket` (0 ≤ ticket < the sum). */
function weightedHome(business: DemoBusiness, ticket: number): DemoLocation {
  let left = ticket;
  for (const location of business.locations) {
    left -= location.demand.baseOrdersPerDay;
    if (left < 0) return location;
  }
  const last = business.locations.at(-1);
  if (!last) throw new Error(`business ${business.key} has no locations`);
  return last;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
