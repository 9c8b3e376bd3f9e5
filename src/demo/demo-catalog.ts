/**
 * The shape of the demo world Brigade seeds on a first `brigade start`: businesses with their
 * locations, floor plans, modifier groups, brands and menus, offers and users, plus what the simulator
 * needs to know of each location's demand. Pure data: `demo-world.ts` builds it from a seed,
 * `seed-demo.ts` writes it, `src/simulator/world/` turns it into the simulator's view.
 */

import type { Holiday, WeeklyHours } from '../domain/locations/opening-hours.js';
import type { ServiceType } from '../domain/orders/order-status.js';
import type { MenuKind, SimLocation } from '../simulator/sim-world.js';

export interface DemoWorld {
  seed: number;
  /** Day 0 of the growth curves and brand windows (YYYY-MM-DD, UTC). */
  epoch: string;
  businesses: DemoBusiness[];
}

export interface DemoBusiness {
  key: string;
  kind: 'restaurant_chain' | 'ghost_kitchens';
  name: string;
  slug: string;
  /** One currency per business: every location, item and offer uses it. */
  currency: string;
  loyaltyEarnPointsPerUnit: number;
  loyaltyPointsPerMinorUnit: number;
  locations: DemoLocation[];
  modifierGroups: DemoModifierGroup[];
  brands: DemoBrand[];
  offers: DemoOffer[];
  users: DemoUser[];
}

export interface DemoAddress {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface DemoLocation {
  key: string;
  code: string;
  name: string;
  kind: 'restaurant' | 'ghost_kitchen';
  address: DemoAddress;
  lat: number;
  lon: number;
  timeZone: string;
  taxRules: { name: string; rateBps: number }[];
  serviceTypes: ServiceType[];
  deliveryFeeMinor: number;
  deliveryRadiusKm: number;
  businessHours: WeeklyHours;
  holidays: Holiday[];
  /** Empty unless the location seats guests. */
  floorPlan: DemoTable[];
  demand: DemoDemand;
}

/** How busy a location is, for the simulator; the business hours are built from the same numbers. */
export type DemoDemand = Pick<
  SimLocation,
  'baseOrdersPerDay' | 'dailyGrowth' | 'profile' | 'closedWeekdays' | 'opensAt' | 'closesAt'
>;

export interface DemoTable {
  number: string;
  capacity: number;
  section: string;
  position: { x: number; y: number };
  shape: 'round' | 'square' | 'rectangle';
}

export interface DemoModifierGroup {
  /** Unique across the whole world (ids derive from it). */
  key: string;
  name: string;
  selection: 'single' | 'multiple';
  required: boolean;
  minSelections: number;
  maxSelections: number;
  options: { name: string; priceMinor: number }[];
}

export interface DemoBrand {
  key: string;
  name: string;
  cuisine: string;
  description: string;
  /** Average minutes to prepare an order of this brand. */
  prepMinutes: number;
  /** brands.starts_on / ends_on: the union of the windows below; null = open on that side. */
  startsOn: string | null;
  endsOn: string | null;
  /** Where and when the brand is cooked, in days after the world's epoch. */
  servedAt: DemoServedAt[];
  menu: { name: string; description: string; categories: DemoCategory[] };
}

export interface DemoServedAt {
  locationKey: string;
  startDay: number;
  /** null = still running. */
  endDay: number | null;
  /** Growth of the brand's share at this location per 30 days (negative: declining). */
  monthlyGrowth: number;
}

export interface DemoCategory {
  name: string;
  description: string;
  items: DemoItem[];
  children: DemoCategory[];
}

export type Station = 'grill' | 'fryer' | 'pizza' | 'cold' | 'bar' | 'pastry' | 'wok';

export interface DemoItem {
  /** Unique across the whole world (ids derive from it); the SKU in lower case. */
  key: string;
  kind: MenuKind;
  name: string;
  description: string;
  priceMinor: number;
  costMinor: number;
  sku: string;
  station: Station;
  prepMinutes: number;
  allergens: string[];
  tags: string[];
  calories: number;
  /** Keys of modifier groups of the same business. */
  modifierGroups: string[];
}

export interface DemoOffer {
  key: string;
  name: string;
  code: string | null;
  kind: 'percent' | 'fixed' | 'buy_x_get_y';
  percentBps: number | null;
  amountMinor: number | null;
  buyQuantity: number | null;
  getQuantity: number | null;
  itemKeys: string[];
  minSubtotalMinor: number;
  startsAt: string | null;
  endsAt: string | null;
}

export type DemoRole = 'owner' | 'manager' | 'kitchen' | 'cashier' | 'driver' | 'customer';

export interface DemoUser {
  key: string;
  role: DemoRole;
  /** Fixed whatever the seed, so the stored demo passwords keep matching. */
  email: string;
  name: string;
  /** A fictional number, or none (a business has only 99 of them). */
  phone: string | null;
  /** Staff limited to these locations (empty = all). */
  locations: string[];
  loyaltyPoints: number;
  /** Staff's hourly rate in the business's minor units (the time clock prices shifts with it); null for owners and customers. */
  hourlyRateMinor: number | null;
  /** Printed at start (kept to a few per business so the banner stays short). */
  showLogin: boolean;
}

/** Every item of a brand's menu, depth first. */
export function brandItems(brand: DemoBrand): DemoItem[] {
  const walk = (categories: DemoCategory[]): DemoItem[] =>
    categories.flatMap((category) => [...category.items, ...walk(category.children)]);
  return walk(brand.menu.categories);
}
