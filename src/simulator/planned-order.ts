import type { ServiceType } from '../domain/orders/order-status.js';
import type { PaymentMethod } from '../payments/payment-gateway.js';

/**
 * One order the simulator has decided will happen, with everything that will happen to it: the
 * model (src/simulator/model/) draws these from a SimWorld and a seed; the live driver and the
 * backfill play them against the platform. Times are epoch milliseconds (UTC); the offsets of later
 * steps are minutes after `placedAt`. Pure data, so the same seed gives byte-identical plans.
 */
export interface PlannedOrder {
  /** Unique and stable for a seed: also the order's idempotency key. */
  key: string;
  businessKey: string;
  locationKey: string;
  placedAt: number;
  customerKey: string;
  serviceType: ServiceType;
  /** Brands in the basket (ghost kitchens: one brand 70% of the time, else 2–3). */
  brandKeys: string[];
  lines: PlannedLine[];
  tip: { percentBps: number };
  payment: { method: PaymentMethod; provider: string | null; declined: boolean };
  /** Dine-in orders only: the table number. */
  tableNumber: string | null;
  /** Delivery orders only: where to and the driver's trip. */
  delivery: PlannedDelivery | null;
  /** Kitchen phases, minutes after placement (each later than the one before). */
  kitchen: { startedAfter: number; finishedAfter: number; readyAfter: number };
  /** The customer cancels before the kitchen starts (then no kitchen, delivery or feedback happens). */
  cancelledAfter: number | null;
  /** Late deliveries and some complaints end in a refund, minutes after placement. */
  refund: { after: number; share: 'partial' | 'full'; reason: string } | null;
  feedback: { afterHours: number; rating: 1 | 2 | 3 | 4 | 5; nps: number; comment: string | null } | null;
}

export interface PlannedLine {
  itemKey: string;
  quantity: number;
  /** Selected modifier option ids, satisfying each group's min and max. */
  modifierOptionIds: string[];
}

export interface PlannedDelivery {
  lat: number;
  lon: number;
  address: { line1: string; city: string; region: string; postalCode: string; country: string };
  driverKey: string;
  /** Minutes after placement the driver arrives at the kitchen and picks up. */
  arrivedAfter: number;
  pickedUpAfter: number;
  /** Points from the kitchen to the customer at 25 mph, one every 60 s; the last is the door. */
  route: { after: number; lat: number; lon: number }[];
  deliveredAfter: number;
  /** Delivered later than the location's promise (these drive refunds and late tickets). */
  late: boolean;
}
