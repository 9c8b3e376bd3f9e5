import type { SeededRandom } from '../simulator/world/seeded-random.js';
import { brandItems, type DemoBusiness } from './demo-catalog.js';
import { amountOffCode, buyOneGetOne, percentOffCode } from './demo-offers.js';
import { type AccountPlan, demoUsers, locationCrews, shareOut } from './demo-staff.js';
import { epochPlus } from './epoch-dates.js';
import { type NorthwindArea, northwindRestaurants } from './northwind-locations.js';
import { buildNorthwindBrand, NORTHWIND_MODIFIER_GROUPS } from './northwind-menu.js';

export const NORTHWIND_KEY = 'northwind';

/**
 * "Northwind Table Co.": an invented Ontario chain of twelve restaurants (dine-in, takeout and
 * delivery, 13% HST, CAD) under one brand with the 13 kinds of menu, three offers, managers and staff
 * shared between neighbouring restaurants, each restaurant's own crew of cooks and front of house,
 * drivers for every restaurant and two customers who can log in.
 */
export function buildNorthwind(random: SeededRandom, epoch: string): DemoBusiness {
  const restaurants = northwindRestaurants(random.fork('locations'));
  const locations = restaurants.map((restaurant) => restaurant.location);
  const keys = locations.map((location) => location.key);
  const brand = buildNorthwindBrand(random.fork('menu'), keys);
  const items = brandItems(brand);
  const kidsItems = items.filter((item) => item.kind === 'kids').map((item) => item.key);

  const from = (day: number) => `${epochPlus(epoch, day)}T00:00:00Z`;
  const offers = [
    percentOffCode('nw-welcome10', 'Welcome: 10% off your order', 'WELCOME10', 1000, 2000, {
      startsAt: from(0),
      endsAt: null,
    }),
    amountOffCode('nw-fiveoff', '$5 off orders over $30', 'FIVEOFF', 500, 3000, {
      startsAt: from(0),
      endsAt: `${epochPlus(epoch, 3 * 365)}T23:59:59Z`,
    }),
    buyOneGetOne('nw-kids-eat-free', 'Kids menu: buy one, get one free', kidsItems, {
      startsAt: from(60),
      endsAt: null,
    }),
  ];

  const inArea = (area: NorthwindArea) =>
    restaurants.filter((restaurant) => restaurant.area === area).map((restaurant) => restaurant.location.key);
  const numbered = (
    role: 'kitchen' | 'cashier' | 'driver',
    groups: number,
    fixedName: string,
  ): AccountPlan[] =>
    shareOut(keys, groups).map((group, index) => ({
      key: `nw-${role}-${index + 1}`,
      role,
      email: index === 0 ? `${role}@northwind.example` : `${role}${index + 1}@northwind.example`,
      ...(index === 0 ? { name: fixedName, showLogin: true } : {}),
      locations: group,
    }));
  const users = demoUsers(random.fork('users'), '416', [
    {
      key: 'nw-owner',
      role: 'owner',
      email: 'owner@northwind.example',
      name: 'Odile Northcott',
      showLogin: true,
    },
    {
      key: 'nw-manager',
      role: 'manager',
      email: 'manager@northwind.example',
      name: 'Marcus Bélanger',
      showLogin: true,
    },
    {
      key: 'nw-manager-gta',
      role: 'manager',
      email: 'manager.gta@northwind.example',
      locations: inArea('gta'),
    },
    {
      key: 'nw-manager-west',
      role: 'manager',
      email: 'manager.west@northwind.example',
      locations: inArea('west'),
    },
    {
      key: 'nw-manager-east',
      role: 'manager',
      email: 'manager.east@northwind.example',
      locations: inArea('east'),
    },
    ...numbered('kitchen', 4, 'Keiko Tanaka'),
    ...numbered('cashier', 3, 'Camila Reyes'),
    ...numbered('driver', 4, 'Dev Malhotra'),
    {
      key: 'nw-customer-ava',
      role: 'customer',
      email: 'ava@northwind.example',
      name: 'Ava Lindqvist',
      loyaltyPoints: 1250,
      showLogin: true,
    },
    {
      key: 'nw-customer-theo',
      role: 'customer',
      email: 'theo@northwind.example',
      name: 'Théo Gagnon',
      loyaltyPoints: 300,
      showLogin: true,
    },
    // Cooks and front of house by volume: about one cook per 60 orders a day and one server or
    // cashier per 75 on each half of the day (labour 27.9% of sales measured, as in casual dining).
    ...locationCrews(
      'northwind.example',
      restaurants.map(({ location, nominalOrdersPerDay }) => ({
        location,
        slots: {
          kitchen: Math.round(nominalOrdersPerDay / 60),
          cashier: Math.round(nominalOrdersPerDay / 75),
        },
      })),
    ),
  ]);

  return {
    key: NORTHWIND_KEY,
    kind: 'restaurant_chain',
    name: 'Northwind Table Co.',
    slug: 'northwind-table-co',
    currency: 'CAD',
    // 10 points per dollar spent; 10 points are worth one cent (1,000 points = $1.00).
    loyaltyEarnPointsPerUnit: 10,
    loyaltyPointsPerMinorUnit: 10,
    locations,
    modifierGroups: NORTHWIND_MODIFIER_GROUPS,
    brands: [brand],
    offers,
    users,
  };
}
