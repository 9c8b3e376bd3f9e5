import type { PlannedDelivery } from '../planned-order.js';
import type { SimCustomer } from '../sim-world.js';
import { hashString, mix32, unitFloat } from './stream-seed.js';

/**
 * A customer's delivery address: their home point moved by a stable jitter (a house on a street
 * near it) and a made-up street address in the nearest known city. SimWorld gives customers a
 * point but no address and locations no city, so the city, region, country and postal-code pattern
 * come from this small gazetteer of the places a demo is likely to use.
 */
interface City {
  name: string;
  region: string;
  country: string;
  lat: number;
  lon: number;
  /** Canada: first letter of the forward sortation area; elsewhere the first digits of the code. */
  postal: string;
}

const CITIES: City[] = [
  { name: 'Toronto', region: 'ON', country: 'CA', lat: 43.6532, lon: -79.3832, postal: 'M' },
  { name: 'Mississauga', region: 'ON', country: 'CA', lat: 43.589, lon: -79.6441, postal: 'L' },
  { name: 'Hamilton', region: 'ON', country: 'CA', lat: 43.2557, lon: -79.8711, postal: 'L' },
  { name: 'Ottawa', region: 'ON', country: 'CA', lat: 45.4215, lon: -75.6972, postal: 'K' },
  { name: 'Kingston', region: 'ON', country: 'CA', lat: 44.2312, lon: -76.486, postal: 'K' },
  { name: 'London', region: 'ON', country: 'CA', lat: 42.9849, lon: -81.2453, postal: 'N' },
  { name: 'Kitchener', region: 'ON', country: 'CA', lat: 43.4516, lon: -80.4925, postal: 'N' },
  { name: 'Windsor', region: 'ON', country: 'CA', lat: 42.3149, lon: -83.0364, postal: 'N' },
  { name: 'Barrie', region: 'ON', country: 'CA', lat: 44.3894, lon: -79.6903, postal: 'L' },
  { name: 'Sudbury', region: 'ON', country: 'CA', lat: 46.4917, lon: -80.993, postal: 'P' },
  { name: 'Montréal', region: 'QC', country: 'CA', lat: 45.5019, lon: -73.5674, postal: 'H' },
  { name: 'Halifax', region: 'NS', country: 'CA', lat: 44.6488, lon: -63.5752, postal: 'B' },
  { name: 'Winnipeg', region: 'MB', country: 'CA', lat: 49.8951, lon: -97.1384, postal: 'R' },
  { name: 'Calgary', region: 'AB', country: 'CA', lat: 51.0447, lon: -114.0719, postal: 'T' },
  { name: 'Edmonton', region: 'AB', country: 'CA', lat: 53.5461, lon: -113.4938, postal: 'T' },
  { name: 'Vancouver', region: 'BC', country: 'CA', lat: 49.2827, lon: -123.1207, postal: 'V' },
  { name: 'New York', region: 'NY', country: 'US', lat: 40.7128, lon: -74.006, postal: '100' },
  { name: 'Boston', region: 'MA', country: 'US', lat: 42.3601, lon: -71.0589, postal: '021' },
  { name: 'Chicago', region: 'IL', country: 'US', lat: 41.8781, lon: -87.6298, postal: '606' },
  { name: 'Austin', region: 'TX', country: 'US', lat: 30.2672, lon: -97.7431, postal: '787' },
  { name: 'Miami', region: 'FL', country: 'US', lat: 25.7617, lon: -80.1918, postal: '331' },
  { name: 'Denver', region: 'CO', country: 'US', lat: 39.7392, lon: -104.9903, postal: '802' },
  { name: 'Phoenix', region: 'AZ', country: 'US', lat: 33.4484, lon: -112.074, postal: '850' },
  { name: 'Los Angeles', region: 'CA', country: 'US', lat: 34.0522, lon: -118.2437, postal: '900' },
  { name: 'San Francisco', region: 'CA', country: 'US', lat: 37.7749, lon: -122.4194, postal: '941' },
  { name: 'Seattle', region: 'WA', country: 'US', lat: 47.6062, lon: -122.3321, postal: '981' },
  { name: 'Honolulu', region: 'HI', country: 'US', lat: 21.3069, lon: -157.8583, postal: '968' },
];

const STREETS = [
  'King Street',
  'Queen Street',
  'Maple Avenue',
  'Oak Street',
  'Elm Street',
  'Church Street',
  'Park Avenue',
  'Lakeshore Road',
  'Victoria Street',
  'Wellington Street',
  'Bay Street',
  'Front Street',
  'Main Street',
  'College Street',
  'Dundas Street',
  'Spadina Avenue',
  'Harbour Road',
  'Cedar Lane',
  'Birch Crescent',
  'Willow Drive',
];

// Letters Canada Post uses in postal codes (never D, F, I, O, Q or U).
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';
/**
 * Standard deviation of the house's offset from the customer's home point, in degrees of latitude
 * (≈ 100 m), cut at two deviations per axis so a customer inside a delivery radius stays inside it.
 */
const JITTER_DEGREES = 0.0009;

export interface DeliveryPoint {
  lat: number;
  lon: number;
  address: PlannedDelivery['address'];
}

function nearestCity(lat: number, lon: number): City {
  let best = CITIES[0] as City;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const city of CITIES) {
    const dLat = city.lat - lat;
    const dLon = (city.lon - lon) * Math.cos((lat * Math.PI) / 180);
    const distance = dLat * dLat + dLon * dLon;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = city;
    }
  }
  return best;
}

function postalCode(city: City, h: number): string {
  const letter = (n: number) => POSTAL_LETTERS[mix32(h + n) % POSTAL_LETTERS.length];
  const digit = (n: number) => String(mix32(h + n) % 10);
  if (city.country === 'CA')
    return `${city.postal}${digit(1)}${letter(2)} ${digit(3)}${letter(4)}${digit(5)}`;
  return `${city.postal}${digit(1)}${digit(2)}`.slice(0, 5);
}

/** A standard normal cut to [-2, 2], from two uniforms (Box–Muller), for the stable jitter. */
function gaussian(h: number, salt: number): number {
  const u = 1 - unitFloat(h ^ salt);
  const v = unitFloat(mix32(h + salt));
  return Math.max(-2, Math.min(2, Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
}

/** The customer's (stable) delivery address in this world. */
export function deliveryPoint(worldSeed: number, customer: SimCustomer): DeliveryPoint {
  const h = hashString(customer.key, worldSeed ^ 0x2545f491);
  const lat = customer.lat + JITTER_DEGREES * gaussian(h, 0x61c88647);
  const lon = customer.lon + (JITTER_DEGREES * gaussian(h, 0x7f4a7c15)) / Math.cos((lat * Math.PI) / 180);
  const city = nearestCity(customer.lat, customer.lon);
  const street = STREETS[mix32(h + 11) % STREETS.length] ?? 'Main Street';
  return {
    lat,
    lon,
    address: {
      line1: `${1 + (mix32(h + 13) % 998)} ${street}`,
      city: city.name,
      region: city.region,
      postalCode: postalCode(city, h),
      country: city.country,
    },
  };
}
