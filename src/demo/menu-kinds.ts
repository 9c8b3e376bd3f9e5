import type { MenuKind } from '../simulator/sim-world.js';
import type { Station } from './demo-catalog.js';

/** What every item of one of the 13 menu kinds shares: its price range, food cost, station and timing. */
export interface MenuKindFacts {
  /** The price range of the source systems' category, in minor units (both ends included). */
  minPriceMinor: number;
  maxPriceMinor: number;
  /** Food cost as a share of the price, in basis points. */
  costBps: [min: number, max: number];
  station: Station;
  prepMinutes: [min: number, max: number];
  calories: [min: number, max: number];
}

export const MENU_KINDS: Record<MenuKind, MenuKindFacts> = {
  coffee: {
    minPriceMinor: 225,
    maxPriceMinor: 600,
    costBps: [2500, 2800],
    station: 'bar',
    prepMinutes: [1, 4],
    calories: [5, 260],
  },
  breakfast: {
    minPriceMinor: 800,
    maxPriceMinor: 1600,
    costBps: [2800, 3300],
    station: 'grill',
    prepMinutes: [8, 14],
    calories: [420, 1000],
  },
  appetizer: {
    minPriceMinor: 700,
    maxPriceMinor: 1600,
    costBps: [2600, 3100],
    station: 'fryer',
    prepMinutes: [5, 10],
    calories: [250, 800],
  },
  salad: {
    minPriceMinor: 900,
    maxPriceMinor: 1900,
    costBps: [2800, 3300],
    station: 'cold',
    prepMinutes: [4, 8],
    calories: [280, 700],
  },
  sandwich: {
    minPriceMinor: 1000,
    maxPriceMinor: 1900,
    costBps: [3000, 3500],
    station: 'grill',
    prepMinutes: [7, 11],
    calories: [550, 1000],
  },
  burger: {
    minPriceMinor: 1200,
    maxPriceMinor: 2200,
    costBps: [3200, 3700],
    station: 'grill',
    prepMinutes: [8, 13],
    calories: [700, 1250],
  },
  pizza: {
    minPriceMinor: 1200,
    maxPriceMinor: 2600,
    costBps: [2500, 2900],
    station: 'pizza',
    prepMinutes: [8, 12],
    calories: [850, 1300],
  },
  pasta: {
    minPriceMinor: 1200,
    maxPriceMinor: 2600,
    costBps: [2500, 3000],
    station: 'grill',
    prepMinutes: [10, 15],
    calories: [700, 1100],
  },
  entree: {
    minPriceMinor: 1500,
    maxPriceMinor: 4000,
    costBps: [3400, 4000],
    station: 'grill',
    prepMinutes: [14, 24],
    calories: [600, 1300],
  },
  dessert: {
    minPriceMinor: 500,
    maxPriceMinor: 1200,
    costBps: [2500, 3000],
    station: 'pastry',
    prepMinutes: [3, 8],
    calories: [350, 850],
  },
  kids: {
    minPriceMinor: 700,
    maxPriceMinor: 1200,
    costBps: [3000, 3400],
    station: 'grill',
    prepMinutes: [6, 10],
    calories: [400, 650],
  },
  beverage: {
    minPriceMinor: 200,
    maxPriceMinor: 600,
    costBps: [2500, 2800],
    station: 'bar',
    prepMinutes: [1, 3],
    calories: [0, 220],
  },
  alcohol: {
    minPriceMinor: 600,
    maxPriceMinor: 1600,
    costBps: [3600, 4000],
    station: 'bar',
    prepMinutes: [1, 3],
    calories: [120, 260],
  },
};

export const MENU_KIND_NAMES = Object.keys(MENU_KINDS) as MenuKind[];
