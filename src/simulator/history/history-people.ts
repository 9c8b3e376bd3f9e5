import { hashPassword } from '../../auth/passwords.js';
import type { DemoWorld } from '../../demo/demo-catalog.js';
import { demoIds } from '../../demo/demo-ids.js';
import { uuidV5 } from '../../domain/ingest/uuid-v5.js';
import type { Queryable } from '../../storage/database.js';
import type { PlannedOrder } from '../planned-order.js';
import type { SimWorld } from '../sim-world.js';
import { simulatedCustomerPassword } from '../simulated-customer-password.js';

/** Who the people in written history are: the user ids of staff, drivers and customers. */
export interface HistoryPeople {
  /** A seeded person's user id by email. */
  userIdOf(email: string): string;
  /** A simulated customer's user id. */
  customerId(businessKey: string, customerKey: string): string;
  /** Makes sure every customer of these orders has an id (registering them when that is needed). */
  prepare(orders: readonly PlannedOrder[]): Promise<void>;
}

const lowerEmail = (email: string) => email.toLowerCase();

/**
 * The people of a Brigade the demo is seeded in. Staff are looked up by email (a database where an
 * email existed before the seed keeps that account's id). Customers are registered the way the live
 * simulation registers them on their first order — a user with the password it signs in with
 * (simulatedCustomerPassword) — the first time they appear in the history, so the regulars of last
 * month are the regulars of today and repeat rates and churn run across both.
 */
export async function registeredPeople(
  db: Queryable,
  world: DemoWorld,
  sim: SimWorld,
  customerSecret: string,
): Promise<HistoryPeople> {
  const staffEmails = world.businesses.flatMap((business) =>
    business.users.map((user) => lowerEmail(user.email)),
  );
  const ids = await idsByEmail(db, staffEmails);
  const missing = staffEmails.filter((email) => !ids.has(email));
  if (missing.length > 0)
    throw new Error(`the demo is not seeded here (no user ${missing[0]}): run brigade seed-demo first`);
  const customers = customersByKey(sim);
  return {
    userIdOf(email) {
      const id = ids.get(lowerEmail(email));
      if (!id) throw new Error(`no user ${email}`);
      return id;
    },
    customerId(businessKey, customerKey) {
      const id = ids.get(lowerEmail(customerOf(customers, businessKey, customerKey).email));
      if (!id) throw new Error(`customer ${customerKey} was not prepared`);
      return id;
    },
    async prepare(orders) {
      const wanted = new Map<string, { email: string; name: string }>();
      for (const order of orders) {
        const customer = customerOf(customers, order.businessKey, order.customerKey);
        if (!ids.has(lowerEmail(customer.email))) wanted.set(lowerEmail(customer.email), customer);
      }
      if (wanted.size === 0) return;
      for (const [email, id] of await idsByEmail(db, [...wanted.keys()])) {
        ids.set(email, id);
        wanted.delete(email);
      }
      const rows = await Promise.all(
        [...wanted.values()].map(async (customer) => [
          customer.email,
          customer.name,
          await hashPassword(simulatedCustomerPassword(customerSecret, customer.email)),
        ]),
      );
      for (let start = 0; start < rows.length; start += 500) {
        const chunk = rows.slice(start, start + 500);
        await db.query(
          `INSERT INTO users (id, email, name, password_hash)
           SELECT gen_random_uuid(), email, name, hash
             FROM unnest($1::text[], $2::text[], $3::text[]) AS c(email, name, hash)
           ON CONFLICT ((lower(email))) DO NOTHING`,
          [chunk.map((row) => row[0]), chunk.map((row) => row[1]), chunk.map((row) => row[2])],
        );
      }
      for (const [email, id] of await idsByEmail(db, [...wanted.keys()])) ids.set(email, id);
    },
  };
}

/**
 * The people of a history written to files (`--out`), with no database to ask: staff have the ids a
 * fresh demo seed gives them, customers ids named after their email. An ingesting Brigade knows none
 * of these customers as users; they still count as customers in its analytics.
 */
export function namedPeople(world: DemoWorld, sim: SimWorld): HistoryPeople {
  const staff = new Map(
    world.businesses.flatMap((business) =>
      business.users.map((user) => [lowerEmail(user.email), demoIds.user(user.key)] as const),
    ),
  );
  const customers = customersByKey(sim);
  return {
    userIdOf(email) {
      const id = staff.get(lowerEmail(email));
      if (!id) throw new Error(`no demo user ${email}`);
      return id;
    },
    customerId: (businessKey, customerKey) =>
      uuidV5(`simulated-customer/${lowerEmail(customerOf(customers, businessKey, customerKey).email)}`),
    prepare: async () => {},
  };
}

type CustomerIndex = Map<string, Map<string, { email: string; name: string }>>;

function customersByKey(sim: SimWorld): CustomerIndex {
  return new Map(
    sim.businesses.map((business) => [
      business.key,
      new Map(business.customers.map((customer) => [customer.key, customer])),
    ]),
  );
}

function customerOf(index: CustomerIndex, businessKey: string, customerKey: string) {
  const customer = index.get(businessKey)?.get(customerKey);
  if (!customer) throw new Error(`unknown simulated customer ${customerKey} of ${businessKey}`);
  return customer;
}

async function idsByEmail(db: Queryable, emails: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; email: string }>(
    'SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])',
    [emails.map(lowerEmail)],
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}
