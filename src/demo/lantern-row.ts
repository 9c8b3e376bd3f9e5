import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoBrand, DemoBusiness, DemoDemand, DemoLocation, DemoServedAt } from './demo-catalog.js';
import { type DayPart, weeklyHours } from './demo-hours.js';
import { amountOffCode, buyOneGetOne, percentOffCode } from './demo-offers.js';
import { type AccountPlan, demoUsers, locationCrews } from './demo-staff.js';
import { epochPlus } from './epoch-dates.js';
import {
  type GhostBrandSpec,
  LANTERN_ROW_BRANDS,
  LANTERN_ROW_MODIFIER_GROUPS,
} from './lantern-row-brands.js';
import { BrandMenuBuilder } from './menu-builder.js';

export const LANTERN_ROW_KEY = 'lantern-row';

/** One kitchen as written down: a real neighbourhood, an invented address, the city's sales taxes. */
interface Kitchen {
  code: string;
  name: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  lat: number;
  lon: number;
  timeZone: string;
  taxRules: { name: string; rateBps: number }[];
  baseOrdersPerDay: number;
  lateNight: boolean;
  /** The city's area code, for staff phone numbers. */
  areaCode: string;
}

const KITCHENS: Kitchen[] = [
  {
    code: 'LR-BOS-01',
    name: 'South Boston',
    line1: 'Dorchester Avenue',
    city: 'Boston',
    region: 'MA',
    postalCode: '02127',
    lat: 42.339,
    lon: -71.057,
    timeZone: 'America/New_York',
    // Massachusetts meals tax plus Boston's local option meals tax.
    taxRules: [
      { name: 'MA meals tax', rateBps: 625 },
      { name: 'Boston local meals tax', rateBps: 75 },
    ],
    baseOrdersPerDay: 190,
    lateNight: false,
    areaCode: '617',
  },
  {
    code: 'LR-CHI-01',
    name: 'West Loop',
    line1: 'West Fulton Market',
    city: 'Chicago',
    region: 'IL',
    postalCode: '60607',
    lat: 41.8867,
    lon: -87.652,
    timeZone: 'America/Chicago',
    taxRules: [
      { name: 'Sales tax', rateBps: 1025 },
      { name: 'Chicago restaurant tax', rateBps: 50 },
    ],
    baseOrdersPerDay: 215,
    lateNight: false,
    areaCode: '312',
  },
  {
    code: 'LR-DEN-01',
    name: 'RiNo',
    line1: 'Larimer Street',
    city: 'Denver',
    region: 'CO',
    postalCode: '80205',
    lat: 39.762,
    lon: -104.981,
    timeZone: 'America/Denver',
    taxRules: [
      { name: 'Colorado state and district tax', rateBps: 400 },
      { name: 'Denver sales tax', rateBps: 481 },
    ],
    baseOrdersPerDay: 150,
    lateNight: false,
    areaCode: '303',
  },
  {
    code: 'LR-LAX-01',
    name: 'Arts District',
    line1: 'South Alameda Street',
    city: 'Los Angeles',
    region: 'CA',
    postalCode: '90021',
    lat: 34.033,
    lon: -118.239,
    timeZone: 'America/Los_Angeles',
    taxRules: [{ name: 'California sales tax', rateBps: 975 }],
    baseOrdersPerDay: 185,
    lateNight: true,
    areaCode: '213',
  },
];

const KITCHEN_DAY: DayPart[] = [
  ['Lunch', 0],
  ['Dinner', 960],
  ['Late night', 1380],
];

/** How a brand's life goes; the seed deals these out so every world has each of them. */
type BrandLife = 'legacy' | 'launched' | 'ended' | 'upcoming';
const LIVES: BrandLife[] = [
  ...Array<BrandLife>(6).fill('legacy'),
  ...Array<BrandLife>(9).fill('launched'),
  ...Array<BrandLife>(4).fill('ended'),
  'upcoming',
];

/**
 * "Lantern Row Kitchens": an invented delivery-only operator with four US kitchens in four time zones
 * (USD, each city's sales taxes), one of them open late, cooking twenty virtual brands. Each brand is
 * cooked at one to three kitchens; the seed decides where, when it launched (or will), whether it has
 * already closed, and whether it is growing or declining.
 */
export function buildLanternRow(random: SeededRandom, epoch: string): DemoBusiness {
  const locations = KITCHENS.map((kitchen) => kitchenLocation(random.fork(kitchen.code), kitchen));
  const keys = locations.map((location) => location.key);
  const lives = random.fork('lives').shuffle(LIVES);
  // Kitchens are dealt in turn: each legacy brand to two of them (so every kitchen always cooks three
  // brands that never close), every other brand to one, which may add more.
  const rotation = random.fork('kitchens').shuffle(keys);
  let legacyTurn = 0;
  let otherTurn = 0;
  const brands = LANTERN_ROW_BRANDS.map((spec, index) => {
    const life = lives[index] ?? 'launched';
    const dealt =
      life === 'legacy'
        ? [legacyTurn++, legacyTurn++].map((turn) => rotation[turn % rotation.length] ?? '')
        : [rotation[otherTurn++ % rotation.length] ?? ''];
    return ghostBrand(random.fork(spec.key), spec, epoch, life, dealt, keys);
  });
  const itemKey = (brandKey: string) =>
    brands.find((brand) => brand.key === brandKey)?.menu.categories[0]?.items[0]?.key ?? '';

  const from = `${epoch}T00:00:00Z`;
  const offers = [
    percentOffCode('lr-lantern15', '15% off orders over $25', 'LANTERN15', 1500, 2500, {
      startsAt: from,
      endsAt: null,
    }),
    amountOffCode('lr-firstbite', '$5 off orders over $30', 'FIRSTBITE', 500, 3000, {
      startsAt: from,
      endsAt: `${epochPlus(epoch, 2 * 365)}T23:59:59Z`,
    }),
    buyOneGetOne('lr-lava-bogo', 'Molten Lava Cake: buy one, get one free', [itemKey('sweet-static')], {
      startsAt: from,
      endsAt: null,
    }),
  ];

  const perKitchen = (role: 'kitchen' | 'driver', fixedName: string): AccountPlan[] =>
    keys.map((key, index) => ({
      key: `lr-${role}-${index + 1}`,
      role,
      email: index === 0 ? `${role}@lanternrow.example` : `${role}${index + 1}@lanternrow.example`,
      ...(index === 0 ? { name: fixedName, showLogin: true } : {}),
      locations: [key],
    }));
  const users = demoUsers(random.fork('users'), KITCHENS[0]?.areaCode ?? '617', [
    {
      key: 'lr-owner',
      role: 'owner',
      email: 'owner@lanternrow.example',
      name: 'Rosalind Achebe',
      showLogin: true,
    },
    { key: 'lr-manager', role: 'manager', email: 'manager@lanternrow.example', name: 'Tomás Whitfield' },
    ...perKitchen('kitchen', 'Jun Park'),
    ...perKitchen('driver', 'Marisol Duarte'),
    {
      key: 'lr-customer-sam',
      role: 'customer',
      email: 'sam@lanternrow.example',
      name: 'Sam Okonkwo',
      loyaltyPoints: 800,
      showLogin: true,
    },
    {
      key: 'lr-customer-lee',
      role: 'customer',
      email: 'lee@lanternrow.example',
      name: 'Lee Marchetti',
      loyaltyPoints: 0,
    },
    // Cooks and packers by volume, about one per 18 orders a day on each half of the day (its baskets
    // span several brands, so an order is about twice a Northwind one); no front of house in a
    // delivery-only kitchen. Labour about a fifth of sales (21.1% measured, docs/simulator.md).
    ...locationCrews(
      'lanternrow.example',
      locations.map((location, index) => ({
        location,
        slots: { kitchen: Math.round((KITCHENS[index]?.baseOrdersPerDay ?? 0) / 18), cashier: 0 },
      })),
    ),
  ]);

  return {
    key: LANTERN_ROW_KEY,
    kind: 'ghost_kitchens',
    name: 'Lantern Row Kitchens',
    slug: 'lantern-row-kitchens',
    currency: 'USD',
    loyaltyEarnPointsPerUnit: 10,
    loyaltyPointsPerMinorUnit: 10,
    locations,
    modifierGroups: LANTERN_ROW_MODIFIER_GROUPS,
    brands,
    offers,
    users,
  };
}

function kitchenLocation(random: SeededRandom, kitchen: Kitchen): DemoLocation {
  const demand: DemoDemand = {
    baseOrdersPerDay: Math.round(kitchen.baseOrdersPerDay * random.between(0.95, 1.05)),
    dailyGrowth: Math.round(random.between(0.0001, 0.0005) * 1e6) / 1e6,
    profile: kitchen.lateNight ? 'late_night' : 'standard',
    closedWeekdays: [],
    opensAt: random.pick([630, 660]),
    // The late-night kitchen cooks until 3 am; the others close by 11:30 pm.
    closesAt: kitchen.lateNight ? 1620 : random.pick([1350, 1380, 1410]),
  };
  return {
    key: kitchen.code.toLowerCase(),
    code: kitchen.code,
    name: `Lantern Row — ${kitchen.name}`,
    kind: 'ghost_kitchen',
    address: {
      line1: `${random.int(100, 2400)} ${kitchen.line1}`,
      city: kitchen.city,
      region: kitchen.region,
      postalCode: kitchen.postalCode,
      country: 'US',
    },
    lat: kitchen.lat,
    lon: kitchen.lon,
    timeZone: kitchen.timeZone,
    taxRules: kitchen.taxRules,
    serviceTypes: ['takeout', 'delivery'],
    deliveryFeeMinor: 299,
    deliveryRadiusKm: 8,
    businessHours: weeklyHours(demand, KITCHEN_DAY),
    holidays: [],
    floorPlan: [],
    demand,
  };
}

/** Days after the epoch, growth per 30 days. */
function brandWindow(
  random: SeededRandom,
  life: BrandLife,
): { start: number; end: number | null; growth: number } {
  const growing = () => round4(random.between(0.02, 0.12));
  const declining = () => round4(-random.between(0.02, 0.1));
  switch (life) {
    case 'legacy':
      return { start: 0, end: null, growth: random.chance(0.5) ? growing() : declining() };
    case 'launched':
      return { start: random.int(20, 360), end: null, growth: growing() };
    case 'ended': {
      const start = random.chance(0.5) ? 0 : random.int(10, 120);
      return { start, end: start + random.int(120, 260), growth: declining() };
    }
    case 'upcoming':
      return { start: random.int(410, 450), end: null, growth: growing() };
  }
}

function ghostBrand(
  random: SeededRandom,
  spec: GhostBrandSpec,
  epoch: string,
  life: BrandLife,
  dealt: string[],
  kitchens: string[],
): DemoBrand {
  const window = brandWindow(random.fork('window'), life);
  const extras =
    life === 'legacy' ? [] : kitchens.filter((key) => !dealt.includes(key) && random.chance(0.3));
  const servedAt: DemoServedAt[] = [...dealt, ...extras].map((locationKey) => ({
    locationKey,
    // Extra kitchens pick the brand up a little after its launch (an upcoming brand launches everywhere).
    startDay:
      dealt.includes(locationKey) || life === 'upcoming' ? window.start : window.start + random.int(0, 90),
    endDay: window.end,
    monthlyGrowth: round4(window.growth + random.between(-0.01, 0.01) * Math.sign(window.growth)),
  }));
  const menu = new BrandMenuBuilder(random.fork('prices'), spec.prefix);
  const firstStart = Math.min(...servedAt.map((entry) => entry.startDay));
  return {
    key: spec.key,
    name: spec.name,
    cuisine: spec.cuisine,
    description: spec.description,
    prepMinutes: spec.prepMinutes + random.int(-2, 2),
    // A brand cooked since day 0 has no start date: the demo's history goes back no further.
    startsOn: firstStart === 0 ? null : epochPlus(epoch, firstStart),
    endsOn: window.end === null ? null : epochPlus(epoch, window.end),
    servedAt,
    menu: {
      name: spec.name,
      description: spec.description,
      categories: spec.sections.map((section) =>
        menu.section(section.name, section.description, section.kind, section.dishes),
      ),
    },
  };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
