import type { ServiceType } from '../../domain/orders/order-status.js';
import type { PaymentMethod } from '../../payments/payment-gateway.js';
import type { MenuKind } from '../sim-world.js';
import { WeightedTable } from './weighted-table.js';

/**
 * The generator facts of ../shared/reference/source-systems.md (sections 2 and 3) as tables, so the
 * statistical tests and the model read the same numbers. Where the reference is silent, the choice
 * is marked "ours".
 */

/** Orders/day factor by local weekday, 0 = Sunday (the SimLocation convention). */
export const DAY_OF_WEEK_FACTOR: readonly number[] = [1.15, 1.0, 1.05, 1.08, 1.1, 1.25, 1.35];

export const ITEMS_PER_ORDER = new WeightedTable<number>([
  [1, 60],
  [2, 28],
  [3, 9],
  [4, 3],
]);

export const QUANTITY = new WeightedTable<number>([
  [1, 85],
  [2, 12],
  [3, 3],
]);

export const CHAIN_SERVICE_MIX: Record<ServiceType, number> = { dine_in: 62, takeout: 23, delivery: 15 };
/** Ours: the reference's ghost kitchens only deliver; where takeout is offered it takes a share. */
export const GHOST_SERVICE_MIX: Record<ServiceType, number> = { dine_in: 0, takeout: 15, delivery: 85 };

/** Ghost-kitchen basket: one brand with p = 0.7, else 2 or 3 (ours: evenly). */
export const GHOST_BRANDS_PER_ORDER = new WeightedTable<number>([
  [1, 70],
  [2, 15],
  [3, 15],
]);

export const CATEGORY_WEIGHT: Record<MenuKind, number> = {
  coffee: 5,
  breakfast: 7,
  appetizer: 8,
  salad: 7,
  sandwich: 8,
  burger: 10,
  pizza: 8,
  pasta: 7,
  entree: 18,
  dessert: 6,
  kids: 3,
  beverage: 7,
  alcohol: 6,
};

export type DayPart = 'morning' | 'midday' | 'afternoon' | 'evening' | 'night';
export const DAY_PARTS: readonly DayPart[] = ['morning', 'midday', 'afternoon', 'evening', 'night'];

/** Category multipliers by local time of day; categories not listed keep ×1. */
export const CATEGORY_BOOST: Record<DayPart, Partial<Record<MenuKind, number>>> = {
  morning: { coffee: 1.8, breakfast: 1.6, dessert: 0.6, alcohol: 0.2 },
  midday: { salad: 1.3, sandwich: 1.4, pizza: 1.1, beverage: 1.2 },
  afternoon: {},
  evening: { entree: 1.7, pasta: 1.5, burger: 1.3, alcohol: 1.6, dessert: 1.2 },
  night: {},
};

/** The day part of a local minute of the day: morning 6–11, midday 11–15, evening 17–23. */
export function dayPartOf(minuteOfDay: number): DayPart {
  const minute = minuteOfDay % 1440;
  if (minute >= 360 && minute < 660) return 'morning';
  if (minute >= 660 && minute < 900) return 'midday';
  if (minute >= 900 && minute < 1020) return 'afternoon';
  if (minute >= 1020 && minute < 1380) return 'evening';
  return 'night';
}

export const DAY_PART_INDEX: Record<DayPart, number> = {
  morning: 0,
  midday: 1,
  afternoon: 2,
  evening: 3,
  night: 4,
};

export const PAYMENT_METHOD_MIX = new WeightedTable<PaymentMethod>([
  ['credit_card', 52],
  ['debit_card', 18],
  ['cash', 14],
  ['digital_wallet', 12],
  ['gift_card', 4],
]);

/** Card and wallet providers; cash and gift cards have none. */
export const PROVIDER_MIX: Record<PaymentMethod, WeightedTable<string> | null> = {
  credit_card: new WeightedTable([
    ['VISA', 48],
    ['Mastercard', 42],
    ['Amex', 10],
  ]),
  debit_card: new WeightedTable([['Interac', 1]]),
  digital_wallet: new WeightedTable([
    ['Apple Pay', 65],
    ['Google Pay', 35],
  ]),
  cash: null,
  gift_card: null,
};

/** Ours: the share of card payments the gateway declines. */
export const CARD_DECLINE_RATE = 0.02;
/** Ours: the share of (paid) orders the customer cancels before the kitchen starts. */
export const CANCEL_RATE = 0.03;

/** Takeout tips: 0 %, 6 % or 10 % (in basis points) at 70 / 20 / 10. */
export const TAKEOUT_TIP_BPS = new WeightedTable<number>([
  [0, 70],
  [600, 20],
  [1000, 10],
]);
/** Uniform tip ranges in basis points for the other service types. */
export const TIP_RANGE_BPS = { dine_in: [1200, 2400], delivery: [800, 2000] } as const;

export const FEEDBACK_RATE = 0.25;
export const RATING_MIX = new WeightedTable<1 | 2 | 3 | 4 | 5>([
  [1, 4],
  [2, 6],
  [3, 20],
  [4, 36],
  [5, 34],
]);
/** NPS range (inclusive) by rating. */
export const NPS_RANGE: Record<1 | 2 | 3 | 4 | 5, readonly [number, number]> = {
  1: [0, 6],
  2: [0, 6],
  3: [4, 8],
  4: [7, 10],
  5: [8, 10],
};

/** Kitchen and driver phase minutes ~ Normal(mean, sd). started→finished scales with prep time. */
export const PHASE_MINUTES = {
  placedToStarted: [2, 1],
  startedToFinished: [10, 3],
  finishedToReady: [2, 1],
  readyToPickup: [6, 2],
} as const;
/** No phase lasts less than this (the normals would otherwise go negative). */
export const MIN_PHASE_MINUTES = 0.5;

/** Drivers ping every 60 s (they drive at ETA_SPEED_MPS, 25 mph, from domain/delivery/eta.ts). */
export const PING_INTERVAL_MINUTES = 1;
/** Ours: the delivery promise, minutes after placement; later is late. */
export const DELIVERY_PROMISE_MINUTES = 45;
