import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords.js';
import type { Database } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrator.js';
import { openPostgres } from '../src/storage/postgres-database.js';

/**
 * The restaurant the order benchmark orders from: one CAD business with a 13% HST location that is
 * always open and offers takeout, one brand and menu, three items (the burger has a required single
 * group and an optional priced add-on group), and customers who can log in (one by default; the order
 * benchmark gives each of its connections its own, as concurrent orders come from different people).
 * Written as SQL (like test/support/fixtures.ts) so the bench does not depend on the admin API or
 * on the demo's opening hours.
 */
export interface BenchRestaurant {
  businessId: string;
  locationId: string;
  brandId: string;
  categoryId: string;
  items: { burger: string; fries: string; cake: string };
  options: { medium: string; cheese: string };
  customers: { userId: string; email: string; password: string }[];
}

const BENCH_PASSWORD = 'bench-password-0123';

/** Migrates the (scratch) database at `databaseUrl` and seeds the bench restaurant in it. */
export async function prepareBenchDatabase(databaseUrl: string, customers = 1): Promise<BenchRestaurant> {
  const db = openPostgres({ connectionString: databaseUrl, maxConnections: 2 });
  try {
    await migrate(db);
    return await seedBenchRestaurant(db, customers);
  } finally {
    await db.close();
  }
}

export async function seedBenchRestaurant(db: Database, customers = 1): Promise<BenchRestaurant> {
  const id = () => randomUUID();
  const r: BenchRestaurant = {
    businessId: id(),
    locationId: id(),
    brandId: id(),
    categoryId: id(),
    items: { burger: id(), fries: id(), cake: id() },
    options: { medium: id(), cheese: id() },
    customers: Array.from({ length: customers }, (_, n) => ({
      userId: id(),
      email: `bench-customer-${n + 1}@example.test`,
      password: BENCH_PASSWORD,
    })),
  };
  const menuId = id();
  const doneness = id();
  const addOns = id();
  // One password for all: one hash (scrypt is slow on purpose).
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO businesses (id, name, slug, currency) VALUES ($1, 'Bench Kitchen', 'bench-kitchen', 'CAD')`,
      [r.businessId],
    );
    await tx.query(
      `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                              service_types, delivery_fee_minor, business_hours)
       VALUES ($1, $2, 'TOR-1', 'Bench Kitchen Toronto', $3, 43.65, -79.38, 'America/Toronto', 'CAD', $4,
               ARRAY['dine_in', 'takeout', 'delivery'], 499, '{}')`,
      [
        r.locationId,
        r.businessId,
        JSON.stringify({ line1: '1 King St W', city: 'Toronto', region: 'ON', country: 'CA' }),
        JSON.stringify([{ name: 'HST', rateBps: 1300 }]),
      ],
    );
    await tx.query(`INSERT INTO brands (id, business_id, name) VALUES ($1, $2, 'House')`, [
      r.brandId,
      r.businessId,
    ]);
    await tx.query(`INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)`, [
      r.businessId,
      r.brandId,
      r.locationId,
    ]);
    await tx.query(`INSERT INTO menus (id, business_id, brand_id, name) VALUES ($1, $2, $3, 'All day')`, [
      menuId,
      r.businessId,
      r.brandId,
    ]);
    await tx.query(
      `INSERT INTO menu_categories (id, business_id, menu_id, name) VALUES ($1, $2, $3, 'Mains')`,
      [r.categoryId, r.businessId, menuId],
    );
    await tx.query(
      `INSERT INTO menu_items (id, business_id, menu_id, category_id, name, price_minor, cost_minor, currency, station)
       VALUES ($1, $4, $5, $6, 'Burger', 1250, 375, 'CAD', 'grill'),
              ($2, $4, $5, $6, 'Fries', 500, 150, 'CAD', 'grill'),
              ($3, $4, $5, $6, 'Cake', 800, 240, 'CAD', 'grill')`,
      [r.items.burger, r.items.fries, r.items.cake, r.businessId, menuId, r.categoryId],
    );
    await tx.query(
      `INSERT INTO modifier_groups (id, business_id, name, selection, required, min_selections, max_selections)
       VALUES ($1, $2, 'Doneness', 'single', true, 1, 1), ($3, $2, 'Add-ons', 'multiple', false, 0, 2)`,
      [doneness, r.businessId, addOns],
    );
    await tx.query(
      `INSERT INTO modifier_options (id, business_id, group_id, name, price_minor)
       VALUES ($1, $2, $3, 'Medium', 0), ($4, $2, $5, 'Cheese', 150)`,
      [r.options.medium, r.businessId, doneness, r.options.cheese, addOns],
    );
    await tx.query(
      `INSERT INTO item_modifier_groups (business_id, item_id, group_id, display_order) VALUES ($1, $2, $3, 0), ($1, $2, $4, 1)`,
      [r.businessId, r.items.burger, doneness, addOns],
    );
    await tx.query(
      `INSERT INTO users (id, email, name, password_hash, platform_role)
       SELECT id, email, 'Bench customer', $3, 'user' FROM unnest($1::uuid[], $2::text[]) AS c(id, email)`,
      [r.customers.map((c) => c.userId), r.customers.map((c) => c.email), passwordHash],
    );
  });
  return r;
}
