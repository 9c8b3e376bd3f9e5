import type { SimBusiness, SimPerson } from '../sim-world.js';
import { simulatedCustomerPassword } from '../simulated-customer-password.js';
import type { Credentials } from './brigade-client.js';

/**
 * Who the simulation acts as. Staff and drivers are seeded demo users with the demo passwords.
 * Customers are not seeded: each registers through the API on their first order, with a password
 * derived from the platform's token secret, so a restarted simulation signs the same people in
 * again without storing hundreds of passwords (anyone holding that secret can mint tokens anyway).
 */
export class SimulatedPeople {
  private readonly customers = new Map<string, Credentials>();

  constructor(
    /** The demo password of a seeded user, if this process knows it. */
    private readonly staffPassword: (email: string) => string | undefined,
    private readonly customerSecret: string,
  ) {}

  /** Every step of an order acts as its customer: their credentials are worked out once. */
  customer(business: SimBusiness, key: string): Credentials {
    const cacheKey = `${business.key}\u0000${key}`;
    let credentials = this.customers.get(cacheKey);
    if (!credentials) {
      const customer = business.customers.find((candidate) => candidate.key === key);
      if (!customer) throw new Error(`unknown simulated customer ${key} of ${business.key}`);
      const password = simulatedCustomerPassword(this.customerSecret, customer.email);
      credentials = { email: customer.email, password, registerAs: customer.name };
      this.customers.set(cacheKey, credentials);
    }
    return credentials;
  }

  cook(business: SimBusiness, locationKey: string): Credentials {
    return this.staff(business.kitchenStaff, locationKey, `kitchen staff at ${locationKey}`);
  }

  manager(business: SimBusiness, locationKey: string): Credentials {
    return this.staff(business.managers, locationKey, `a manager at ${locationKey}`);
  }

  driver(business: SimBusiness, key: string): Credentials {
    const driver = business.drivers.find((candidate) => candidate.key === key);
    if (!driver) throw new Error(`unknown simulated driver ${key} of ${business.key}`);
    return this.credentials(driver.email);
  }

  /** A seeded staff member by email (the time clock acts as each person themselves). */
  staffMember(email: string): Credentials {
    return this.credentials(email);
  }

  /** The first person covering the location (an empty list of locations covers every one). */
  private staff(people: readonly SimPerson[], locationKey: string, what: string): Credentials {
    const person = people.find(
      (candidate) => candidate.locationKeys.length === 0 || candidate.locationKeys.includes(locationKey),
    );
    if (!person) throw new Error(`the demo world has no ${what}`);
    return this.credentials(person.email);
  }

  private credentials(email: string): Credentials {
    const password = this.staffPassword(email);
    if (!password) throw new Error(`no demo password for ${email}`);
    return { email, password };
  }
}
