import type { ServiceType } from '../domain/orders/order-status.js';

/**
 * What the simulator needs to know of a demo world: the businesses, where they cook, what they sell
 * and who orders. The demo world (src/demo/) builds this view from the same data it seeds, so every
 * id here exists in the platform once the demo is seeded. Pure data: no I/O.
 */
export interface SimWorld {
  seed: number;
  /** Day 0 of the simulation's growth curves (ISO date, UTC). Brands start and end relative to it. */
  epoch: string;
  businesses: SimBusiness[];
}

export type MenuKind =
  | 'coffee'
  | 'breakfast'
  | 'appetizer'
  | 'salad'
  | 'sandwich'
  | 'burger'
  | 'pizza'
  | 'pasta'
  | 'entree'
  | 'dessert'
  | 'kids'
  | 'beverage'
  | 'alcohol';

export interface SimBusiness {
  key: string;
  id: string;
  kind: 'restaurant_chain' | 'ghost_kitchens';
  currency: string;
  locations: SimLocation[];
  brands: SimBrand[];
  items: SimItem[];
  customers: SimCustomer[];
  /** Staff who run the kitchen display, per location key (emails of seeded users). */
  kitchenStaff: SimPerson[];
  /** Front of house (servers and cashiers): they keep shifts; the simulated orders need no one of them. */
  cashiers: SimPerson[];
  /** Managers (or owners) who close takeout orders at the counter and give refunds. */
  managers: SimPerson[];
  drivers: SimPerson[];
}

export interface SimLocation {
  key: string;
  id: string;
  timeZone: string;
  lat: number;
  lon: number;
  serviceTypes: ServiceType[];
  /** Orders on day 0 before day-of-week and noise. */
  baseOrdersPerDay: number;
  /** Daily growth rate: orders/day = base × (1 + dailyGrowth)^day × day-of-week × noise. */
  dailyGrowth: number;
  /** standard: lunch and dinner peaks; late_night: a peak after 21:00 as well. */
  profile: 'standard' | 'late_night';
  /** Weekdays (0 = Sunday … 6 = Saturday, local time) on which the location takes no orders. */
  closedWeekdays: number[];
  /** Local opening hours as minutes after midnight; closesAt may pass 1440 (after midnight). */
  opensAt: number;
  closesAt: number;
}

export interface SimBrand {
  key: string;
  id: string;
  name: string;
  cuisine: string;
  prepMinutes: number;
  /** Where and when the brand is served: days relative to the world's epoch; endDay null = still running. */
  servedAt: { locationKey: string; startDay: number; endDay: number | null; monthlyGrowth: number }[];
}

export interface SimItem {
  key: string;
  id: string;
  brandKey: string;
  category: MenuKind;
  name: string;
  priceMinor: number;
  modifierGroups: SimModifierGroup[];
}

export interface SimModifierGroup {
  id: string;
  minSelections: number;
  maxSelections: number;
  options: { id: string; priceMinor: number }[];
}

export interface SimCustomer {
  key: string;
  /**
   * Simulated customers are not seeded: the live simulator registers each one through the public API
   * the first time they order, so the customer base grows the way a real one does.
   */
  email: string;
  name: string;
  /** The location the customer lives near; deliveries go to an address around it. */
  homeLocationKey: string;
  lat: number;
  lon: number;
  /** Relative weight: a few regulars order far more often than most. */
  loyalty: number;
}

export interface SimPerson {
  key: string;
  email: string;
  locationKeys: string[];
}
