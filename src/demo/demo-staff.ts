import type { SeededRandom } from '../simulator/world/seeded-random.js';
import type { DemoRole, DemoUser } from './demo-catalog.js';
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

/**
 * The users of one business: planned accounts get a drawn name when none is given (no two alike) and a
 * phone number in the fictional 555-01xx range of the business's area code.
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
    phone: `+1-${areaCode}-555-${String(101 + index).padStart(4, '0')}`,
    locations: plan.locations ?? [],
    loyaltyPoints: plan.loyaltyPoints ?? 0,
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
