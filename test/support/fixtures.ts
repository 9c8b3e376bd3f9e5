import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/storage/database.js';

/**
 * A small restaurant written straight to the database, so order tests do not depend on the admin API:
 * one business (CAD), a Toronto location with 13% HST, one brand and menu, and a few items with
 * modifier groups that exercise the rules.
 */
export interface RestaurantFixture {
  businessId: string;
  locationId: string;
  brandId: string;
  menuId: string;
  categoryId: string;
  items: { burger: string; fries: string; soup: string; cake: string };
  groups: { doneness: string; addOns: string };
  options: { rare: string; medium: string; wellDone: string; cheese: string; bacon: string; avocado: string };
}

export async function seedRestaurant(
  db: Database,
  options: {
    name?: string;
    serviceTypes?: string[];
    taxRules?: { name: string; rateBps: number }[];
    businessHours?: Record<string, unknown>;
  } = {},
): Promise<RestaurantFixture> {
  const id = () => randomUUID();
  const f: RestaurantFixture = {
    businessId: id(),
    locationId: id(),
    brandId: id(),
    menuId: id(),
    categoryId: id(),
    items: { burger: id(), fries: id(), soup: id(), cake: id() },
    groups: { doneness: id(), addOns: id() },
    options: { rare: id(), medium: id(), wellDone: id(), cheese: id(), bacon: id(), avocado: id() },
  };
  const name = options.name ?? `Test Kitchen ${f.businessId.slice(0, 6)}`;
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO businesses (id, name, slug, currency) VALUES ($1, $2, $3, 'CAD')`, [
      f.businessId,
      name,
      `biz-${f.businessId}`,
    ]);
    await tx.query(
      `INSERT INTO locations (id, business_id, code, name, address, lat, lon, time_zone, currency, tax_rules,
                              service_types, delivery_fee_minor, business_hours)
       VALUES ($1, $2, 'TOR-1', $3, $4, 43.65, -79.38, 'America/Toronto', 'CAD', $5, $6, 499, $7)`,
      [
        f.locationId,
        f.businessId,
        `${name} Toronto`,
        JSON.stringify({ line1: '1 King St W', city: 'Toronto', region: 'ON', country: 'CA' }),
        JSON.stringify(options.taxRules ?? [{ name: 'HST', rateBps: 1300 }]),
        options.serviceTypes ?? ['dine_in', 'takeout', 'delivery'],
        JSON.stringify(options.businessHours ?? {}),
      ],
    );
    await tx.query(`INSERT INTO brands (id, business_id, name) VALUES ($1, $2, 'House')`, [
      f.brandId,
      f.businessId,
    ]);
    await tx.query(`INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)`, [
      f.businessId,
      f.brandId,
      f.locationId,
    ]);
    await tx.query(`INSERT INTO menus (id, business_id, brand_id, name) VALUES ($1, $2, $3, 'All day')`, [
      f.menuId,
      f.businessId,
      f.brandId,
    ]);
    await tx.query(
      `INSERT INTO menu_categories (id, business_id, menu_id, name) VALUES ($1, $2, $3, 'Mains')`,
      [f.categoryId, f.businessId, f.menuId],
    );
    const item = (
      itemId: string,
      itemName: string,
      price: number,
      extra: { available?: boolean; schedule?: unknown } = {},
    ) =>
      tx.query(
        `INSERT INTO menu_items (id, business_id, menu_id, category_id, name, price_minor, cost_minor, currency, station,
                                 available, availability_schedule)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'CAD', 'grill', $8, $9)`,
        [
          itemId,
          f.businessId,
          f.menuId,
          f.categoryId,
          itemName,
          price,
          Math.round(price * 0.3),
          extra.available ?? true,
          extra.schedule ? JSON.stringify(extra.schedule) : null,
        ],
      );
    await item(f.items.burger, 'Burger', 1250);
    await item(f.items.fries, 'Fries', 500);
    await item(f.items.soup, 'Soup of the day', 700, { available: false });
    await item(f.items.cake, 'Cake', 800);
    await tx.query(
      `INSERT INTO modifier_groups (id, business_id, name, selection, required, min_selections, max_selections)
       VALUES ($1, $2, 'Doneness', 'single', true, 1, 1), ($3, $2, 'Add-ons', 'multiple', false, 0, 2)`,
      [f.groups.doneness, f.businessId, f.groups.addOns],
    );
    const option = (optionId: string, groupId: string, optionName: string, price: number, available = true) =>
      tx.query(
        `INSERT INTO modifier_options (id, business_id, group_id, name, price_minor, available) VALUES ($1, $2, $3, $4, $5, $6)`,
        [optionId, f.businessId, groupId, optionName, price, available],
      );
    await option(f.options.rare, f.groups.doneness, 'Rare', 0);
    await option(f.options.medium, f.groups.doneness, 'Medium', 0);
    await option(f.options.wellDone, f.groups.doneness, 'Well done', 0);
    await option(f.options.cheese, f.groups.addOns, 'Cheese', 150);
    await option(f.options.bacon, f.groups.addOns, 'Bacon', 250);
    await option(f.options.avocado, f.groups.addOns, 'Avocado', 200, false);
    await tx.query(
      `INSERT INTO item_modifier_groups (business_id, item_id, group_id, display_order) VALUES ($1, $2, $3, 0), ($1, $2, $4, 1)`,
      [f.businessId, f.items.burger, f.groups.doneness, f.groups.addOns],
    );
  });
  return f;
}

export async function countRows(
  db: Database,
  table: 'orders' | 'payments' | 'outbox' | 'refunds',
  businessId: string,
) {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE business_id = $1`,
    [businessId],
  );
  return rows[0]?.n ?? 0;
}
