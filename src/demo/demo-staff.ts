import { WORK_DAYS_PER_WEEK } from '../simulator/model/staff-shifts.js';
import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoLocation, DemoRole, DemoUser } from './demo-catalog.js';
import { FIRST_NAMES, LAST_NAMES } from './person-names.js';

/** One account to seed: its email never depends on the seed; its name does unless given. */
export interface AccountPlan {
  key: string;
  role: DemoRole;
  email: string;
  name?: string;
  locations?: string[];
  loyaltyPoints?: number;
  showLogin?: boolean;
}

/** The fictional numbers of an area code used, 555-0101 … 555-0199: the first 99 accounts get one. */
const FICTIONAL_PHONES = 99;

/**
 * The users of one business: planned accounts get a drawn name when none is given (no two alike) and,
 * while they last, a phone number in the fictional 555-01xx range of the business's area code (a
 * location's crew comes last and mostly goes without).
 */
export function demoUsers(random: SeededRandom, areaCode: string, plans: AccountPlan[]): DemoUser[] {
  const taken = new Set(plans.flatMap((plan) => (plan.name ? [plan.name] : [])));
  const drawName = (): string => {
    for (;;) {
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
  };
  return plans.map((plan, index) => ({
    key: plan.key,
    role: plan.role,
    email: plan.email,
    name: plan.name ?? drawName(),
    phone: index < FICTIONAL_PHONES ? `+1-${areaCode}-555-${String(101 + index).padStart(4, '0')}` : null,
    locations: plan.locations ?? [],
    loyaltyPoints: plan.loyaltyPoints ?? 0,
    hourlyRateMinor: hourlyRateOf(plan.role, plan.key),
    showLogin: plan.showLogin ?? false,
  }));
}

/** Splits keys into `groups` consecutive runs of (nearly) equal length, e.g. 12 locations into 4 × 3. */
export function shareOut<T>(items: readonly T[], groups: number): T[][] {
  return Array.from({ length: groups }, (_, group) =>
    items.slice(
      Math.round((group * items.length) / groups),
      Math.round(((group + 1) * items.length) / groups),
    ),
  );
}

/** Hourly pay by role: the lowest rate and how far above it a person may be (minor units). */
const HOURLY_RATES: Partial<Record<DemoRole, { from: number; spread: number }>> = {
  kitchen: { from: 1850, spread: 400 },
  cashier: { from: 1760, spread: 200 },
  driver: { from: 1760, spread: 150 },
  manager: { from: 2600, spread: 600 },
};

/**
 * A staff member's hourly rate, in steps of 0.25, from their key rather than the random stream: adding
 * rates did not change the names and phones the seed draws (tests and screenshots name them).
 */
export function hourlyRateOf(role: DemoRole, key: string): number | null {
  const rate = HOURLY_RATES[role];
  if (!rate) return null;
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return rate.from + (hash % (rate.spread / 25 + 1)) * 25;
}

/** How many people a location's own crew puts on each half of its day (opening, closing), by position. */
export interface CrewSlots {
  kitchen: number;
  cashier: number;
}

/**
 * Each location's own crew, sized so its slots are filled every day it opens: every person works
 * WORK_DAYS_PER_WEEK days in seven (src/simulator/model/staff-shifts.ts), one half of the day, so a
 * half's slot takes 7 ÷ WORK_DAYS_PER_WEEK people and a day two halves. Without a crew a restaurant's
 * labour would be the few named accounts above, a few per cent of its sales where restaurants spend
 * about a quarter to a third. Sized by nominal volume, not the seed's, and emails name the location
 * (`kitchen3.nw-on-002@…`): the same accounts for any seed, as stored passwords need.
 */
export function locationCrews(
  domain: string,
  locations: readonly { location: DemoLocation; slots: CrewSlots }[],
): AccountPlan[] {
  const positions = ['kitchen', 'cashier'] as const;
  return locations.flatMap(({ location, slots }) =>
    positions.flatMap((role) =>
      Array.from(
        { length: Math.ceil((2 * 7 * slots[role]) / WORK_DAYS_PER_WEEK) },
        (_, index): AccountPlan => ({
          key: `${location.key}-${role}-${index + 1}`,
          role,
          email: `${role}${index + 1}.${location.key}@${domain}`,
          locations: [location.key],
        }),
      ),
    ),
  );
}
