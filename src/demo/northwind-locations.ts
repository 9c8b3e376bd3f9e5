import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoDemand, DemoLocation } from './demo-catalog.js';
import { type DayPart, weeklyHours } from './demo-hours.js';
import { type DiningRoomSize, floorPlan } from './floor-plans.js';

/** The chain's regions; area managers look after one each. */
export type NorthwindArea = 'gta' | 'west' | 'east';

/** One restaurant as written down: real Ontario streets and places, invented street numbers. */
interface Site {
  area: NorthwindArea;
  name: string;
  street: string;
  /** Street numbers the seed picks from. */
  numbers: [min: number, max: number];
  city: string;
  postalCode: string;
  lat: number;
  lon: number;
  /** Orders per day on day 0 before the seed's ±5% (busy downtown rooms take more). */
  baseOrdersPerDay: number;
  dining: DiningRoomSize;
  deliveryRadiusKm: number;
  /** Downtown rooms stay open later. */
  late?: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  closedWeekdays?: number[];
}

const SITES: Site[] = [
  {
    area: 'gta',
    name: 'King West',
    street: 'King Street West',
    numbers: [480, 560],
    city: 'Toronto',
    postalCode: 'M5V 1L9',
    lat: 43.6447,
    lon: -79.3986,
    baseOrdersPerDay: 400,
    dining: 'large',
    deliveryRadiusKm: 6,
    late: true,
  },
  {
    area: 'gta',
    name: 'The Danforth',
    street: 'Danforth Avenue',
    numbers: [380, 460],
    city: 'Toronto',
    postalCode: 'M4K 1P1',
    lat: 43.678,
    lon: -79.3505,
    baseOrdersPerDay: 350,
    dining: 'medium',
    deliveryRadiusKm: 5,
  },
  {
    area: 'gta',
    name: 'Port Credit',
    street: 'Lakeshore Road East',
    numbers: [20, 90],
    city: 'Mississauga',
    postalCode: 'L5G 1C9',
    lat: 43.552,
    lon: -79.585,
    baseOrdersPerDay: 315,
    dining: 'medium',
    deliveryRadiusKm: 6,
  },
  {
    area: 'gta',
    name: 'Downtown Brampton',
    street: 'Main Street North',
    numbers: [10, 70],
    city: 'Brampton',
    postalCode: 'L6V 1N6',
    lat: 43.688,
    lon: -79.76,
    baseOrdersPerDay: 300,
    dining: 'medium',
    deliveryRadiusKm: 7,
  },
  {
    area: 'west',
    name: 'James North',
    street: 'James Street North',
    numbers: [180, 260],
    city: 'Hamilton',
    postalCode: 'L8R 2L3',
    lat: 43.2662,
    lon: -79.8664,
    baseOrdersPerDay: 305,
    dining: 'medium',
    deliveryRadiusKm: 5,
  },
  {
    area: 'west',
    name: 'Victoria Park',
    street: 'King Street West',
    numbers: [240, 320],
    city: 'Kitchener',
    postalCode: 'N2G 1B5',
    lat: 43.4505,
    lon: -80.493,
    baseOrdersPerDay: 300,
    dining: 'medium',
    deliveryRadiusKm: 6,
  },
  {
    area: 'west',
    name: 'Downtown Guelph',
    street: 'Wyndham Street North',
    numbers: [40, 110],
    city: 'Guelph',
    postalCode: 'N1H 4E9',
    lat: 43.544,
    lon: -80.249,
    baseOrdersPerDay: 270,
    dining: 'small',
    deliveryRadiusKm: 5,
  },
  {
    area: 'west',
    name: 'Richmond Row',
    street: 'Richmond Street',
    numbers: [560, 660],
    city: 'London',
    postalCode: 'N6A 3G2',
    lat: 42.99,
    lon: -81.25,
    baseOrdersPerDay: 300,
    dining: 'medium',
    deliveryRadiusKm: 6,
  },
  {
    area: 'west',
    name: 'Ouellette',
    street: 'Ouellette Avenue',
    numbers: [300, 420],
    city: 'Windsor',
    postalCode: 'N9A 4J4',
    lat: 42.317,
    lon: -83.037,
    baseOrdersPerDay: 265,
    dining: 'small',
    deliveryRadiusKm: 6,
  },
  {
    area: 'east',
    name: 'ByWard Market',
    street: 'York Street',
    numbers: [40, 90],
    city: 'Ottawa',
    postalCode: 'K1N 5T1',
    lat: 45.4276,
    lon: -75.6921,
    baseOrdersPerDay: 350,
    dining: 'large',
    deliveryRadiusKm: 5,
    late: true,
  },
  {
    area: 'east',
    name: 'Princess Street',
    street: 'Princess Street',
    numbers: [200, 300],
    city: 'Kingston',
    postalCode: 'K7L 1B2',
    lat: 44.231,
    lon: -76.486,
    baseOrdersPerDay: 255,
    dining: 'small',
    deliveryRadiusKm: 4,
    closedWeekdays: [1],
  },
  {
    area: 'east',
    name: 'Dunlop Street',
    street: 'Dunlop Street East',
    numbers: [20, 120],
    city: 'Barrie',
    postalCode: 'L4M 1A6',
    lat: 44.389,
    lon: -79.688,
    baseOrdersPerDay: 255,
    dining: 'small',
    deliveryRadiusKm: 5,
  },
];

/** Breakfast until 11, lunch until 4, dinner until close. */
const RESTAURANT_DAY: DayPart[] = [
  ['Breakfast', 0],
  ['Lunch', 660],
  ['Dinner', 960],
];

export interface NorthwindRestaurant {
  area: NorthwindArea;
  location: DemoLocation;
  /** The site's orders a day before the seed's ±5%: what its crew is sized by, the same for any seed. */
  nominalOrdersPerDay: number;
}

/**
 * The twelve Ontario restaurants (dine-in, takeout and delivery; 13% HST). The seed picks street
 * numbers, hours, demand (±5% around the site's base, daily growth 0.02–0.06%) and the floor plan.
 */
export function northwindRestaurants(random: SeededRandom): NorthwindRestaurant[] {
  return SITES.map((site, index) => {
    const r = random.fork(`location-${index}`);
    const code = `NW-ON-${String(index + 1).padStart(3, '0')}`;
    const demand: DemoDemand = {
      baseOrdersPerDay: Math.round(site.baseOrdersPerDay * r.between(0.95, 1.05)),
      dailyGrowth: Math.round(r.between(0.0002, 0.0006) * 1e6) / 1e6,
      profile: 'standard',
      closedWeekdays: site.closedWeekdays ?? [],
      opensAt: r.pick([420, 450, 480]),
      closesAt: site.late ? r.pick([1470, 1500]) : r.pick([1320, 1350, 1380]),
    };
    const location: DemoLocation = {
      key: code.toLowerCase(),
      code,
      name: `Northwind Table — ${site.name}`,
      kind: 'restaurant',
      address: {
        line1: `${r.int(site.numbers[0], site.numbers[1])} ${site.street}`,
        city: site.city,
        region: 'ON',
        postalCode: site.postalCode,
        country: 'CA',
      },
      lat: site.lat,
      lon: site.lon,
      timeZone: 'America/Toronto',
      taxRules: [{ name: 'HST', rateBps: 1300 }],
      serviceTypes: ['dine_in', 'takeout', 'delivery'],
      deliveryFeeMinor: 499,
      deliveryRadiusKm: site.deliveryRadiusKm,
      businessHours: weeklyHours(demand, RESTAURANT_DAY),
      // No holidays: the simulator's view of a location has no holiday calendar to honour.
      holidays: [],
      floorPlan: floorPlan(r.fork('floor-plan'), site.dining),
      demand,
    };
    return { area: site.area, location, nominalOrdersPerDay: site.baseOrdersPerDay };
  });
}
