import { hashPassword } from '../auth/passwords.js';
import type { NewEvent } from '../outbox/outbox-writer.js';
import { appendEvents } from '../outbox/outbox-writer.js';
import type { Database, Queryable } from '../storage/database.js';
import {
  DEMO_BRANDS,
  DEMO_BUSINESS,
  DEMO_FLOOR_PLAN,
  DEMO_LOCATIONS,
  DEMO_MODIFIER_GROUPS,
  DEMO_OFFERS,
  DEMO_USERS,
  type DemoCategory,
  type DemoUser,
} from './demo-catalog.js';
import type { DemoPasswords } from './demo-credentials.js';
import { catalogCreatedEvents } from './demo-events.js';
import { demoId } from './demo-ids.js';

export const DEMO_BUSINESS_ID = demoId(`business:${DEMO_BUSINESS.key}`);
const demoLocationId = (key: string): string => demoId(`location:${key}`);
const demoItemId = (key: string): string => demoId(`item:${key}`);
const demoModifierGroupId = (key: string): string => demoId(`modifier-group:${key}`);

export type SeedDemoResult =
  | { seeded: true; businessId: string; events: number }
  | { seeded: false; businessId: string };

/** True when the database holds no business at all: `brigade start` seeds the demo only then. */
export async function databaseHasBusinesses(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM businesses LIMIT 1');
  return rows.length > 0;
}

export async function demoIsSeeded(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM businesses WHERE id = $1', [DEMO_BUSINESS_ID]);
  return rows.length > 0;
}

/**
 * Writes the demo business in one transaction, with an outbox event for everything it creates.
 * Ids are derived from names, so a second run (or a concurrent one on PostgreSQL, which waits on the
 * business row's primary key) finds the business and changes nothing. Users whose email already exists
 * keep their account and password; they only gain the demo membership.
 */
export async function seedDemo(db: Database, passwords: DemoPasswords): Promise<SeedDemoResult> {
  // Hashing is slow on purpose (scrypt); do it before the transaction so PGlite's lock is held briefly,
  // and all at once: scrypt runs on libuv's thread pool.
  const hashes = new Map(
    await Promise.all(
      DEMO_USERS.map(async (user): Promise<[string, string]> => {
        const password = passwords[user.email];
        if (!password) throw new Error(`no demo password for ${user.email}`);
        return [user.email, await hashPassword(password)];
      }),
    ),
  );
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO businesses (id, name, slug, currency, loyalty_earn_points_per_unit, loyalty_points_per_minor_unit)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        DEMO_BUSINESS_ID,
        DEMO_BUSINESS.name,
        DEMO_BUSINESS.slug,
        DEMO_BUSINESS.currency,
        DEMO_BUSINESS.loyaltyEarnPointsPerUnit,
        DEMO_BUSINESS.loyaltyPointsPerMinorUnit,
      ],
    );
    if (inserted.rowCount === 0) return { seeded: false, businessId: DEMO_BUSINESS_ID };
    const writer = new DemoWriter(tx, hashes);
    await writer.writeAll();
    const events = [...(await catalogCreatedEvents(tx, DEMO_BUSINESS_ID)), ...writer.membershipEvents];
    await appendEvents(tx, events);
    return { seeded: true, businessId: DEMO_BUSINESS_ID, events: events.length };
  });
}

/** Writes the catalog's rows; their events are read back afterwards (catalogCreatedEvents). */
class DemoWriter {
  readonly membershipEvents: NewEvent[] = [];
  private readonly businessId = DEMO_BUSINESS_ID;
  private readonly currency = DEMO_BUSINESS.currency;

  constructor(
    private readonly tx: Queryable,
    private readonly hashes: Map<string, string>,
  ) {}

  async writeAll(): Promise<void> {
    await this.writeLocations();
    await this.writeTables();
    await this.writeModifierGroups();
    await this.writeBrands();
    await this.writeOffers();
    await this.writeUsers();
  }

  private async writeLocations(): Promise<void> {
    for (const location of DEMO_LOCATIONS) {
      const id = demoLocationId(location.key);
      await this.tx.query(
        `INSERT INTO locations (id, business_id, code, name, kind, address, lat, lon, time_zone, currency, tax_rules,
           service_types, delivery_fee_minor, delivery_radius_km, business_hours, holidays)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          id,
          this.businessId,
          location.code,
          location.name,
          location.kind,
          JSON.stringify(location.address),
          location.lat,
          location.lon,
          location.timeZone,
          this.currency,
          JSON.stringify(location.taxRules),
          location.serviceTypes,
          location.deliveryFeeMinor,
          location.deliveryRadiusKm,
          JSON.stringify(location.businessHours),
          JSON.stringify(location.holidays),
        ],
      );
    }
  }

  /** Every location that seats guests gets the demo floor plan (all tables available). */
  private async writeTables(): Promise<void> {
    for (const location of DEMO_LOCATIONS.filter((l) => l.serviceTypes.includes('dine_in'))) {
      for (const table of DEMO_FLOOR_PLAN) {
        await this.tx.query(
          `INSERT INTO dining_tables (id, business_id, location_id, number, capacity, section, position_x, position_y, shape)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            demoId(`table:${location.key}:${table.number}`),
            this.businessId,
            demoLocationId(location.key),
            table.number,
            table.capacity,
            table.section,
            table.position.x,
            table.position.y,
            table.shape,
          ],
        );
      }
    }
  }

  private async writeModifierGroups(): Promise<void> {
    for (const group of DEMO_MODIFIER_GROUPS) {
      const id = demoModifierGroupId(group.key);
      await this.tx.query(
        `INSERT INTO modifier_groups (id, business_id, name, selection, required, min_selections, max_selections)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          this.businessId,
          group.name,
          group.selection,
          group.required,
          group.minSelections,
          group.maxSelections,
        ],
      );
      for (const [order, option] of group.options.entries()) {
        await this.tx.query(
          `INSERT INTO modifier_options (id, business_id, group_id, name, price_minor, display_order)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            demoId(`modifier-option:${group.key}:${option.name}`),
            this.businessId,
            id,
            option.name,
            option.priceMinor,
            order,
          ],
        );
      }
    }
  }

  private async writeBrands(): Promise<void> {
    for (const brand of DEMO_BRANDS) {
      const brandId = demoId(`brand:${brand.key}`);
      await this.tx.query(
        `INSERT INTO brands (id, business_id, name, cuisine, description, starts_on) VALUES ($1, $2, $3, $4, $5, $6)`,
        [brandId, this.businessId, brand.name, brand.cuisine, brand.description, brand.startsOn],
      );
      for (const locationId of brand.locations.map(demoLocationId)) {
        await this.tx.query(
          'INSERT INTO brand_locations (business_id, brand_id, location_id) VALUES ($1, $2, $3)',
          [this.businessId, brandId, locationId],
        );
      }
      const menuId = demoId(`menu:${brand.key}`);
      await this.tx.query(
        'INSERT INTO menus (id, business_id, brand_id, name, description) VALUES ($1, $2, $3, $4, $5)',
        [menuId, this.businessId, brandId, brand.menu.name, brand.menu.description],
      );
      await this.writeCategories(brand.key, menuId, null, brand.menu.categories);
    }
  }

  private async writeCategories(
    brandKey: string,
    menuId: string,
    parentId: string | null,
    categories: DemoCategory[],
  ): Promise<void> {
    for (const [order, category] of categories.entries()) {
      const id = demoId(`category:${brandKey}:${parentId ?? ''}:${category.name}`);
      await this.tx.query(
        `INSERT INTO menu_categories (id, business_id, menu_id, parent_id, name, description, display_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, this.businessId, menuId, parentId, category.name, category.description, order],
      );
      for (const [itemOrder, item] of category.items.entries()) {
        const itemId = demoItemId(item.key);
        await this.tx.query(
          `INSERT INTO menu_items (id, business_id, menu_id, category_id, name, description, price_minor, cost_minor,
             currency, sku, station, prep_minutes, availability_schedule, allergens, tags, calories, display_order)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [
            itemId,
            this.businessId,
            menuId,
            id,
            item.name,
            item.description,
            item.priceMinor,
            item.costMinor,
            this.currency,
            item.sku,
            item.station,
            item.prepMinutes,
            item.availabilitySchedule ? JSON.stringify(item.availabilitySchedule) : null,
            item.allergens,
            item.tags,
            item.calories,
            itemOrder,
          ],
        );
        for (const [groupOrder, groupId] of item.modifierGroups.map(demoModifierGroupId).entries()) {
          await this.tx.query(
            `INSERT INTO item_modifier_groups (business_id, item_id, group_id, display_order) VALUES ($1, $2, $3, $4)`,
            [this.businessId, itemId, groupId, groupOrder],
          );
        }
      }
      await this.writeCategories(brandKey, menuId, id, category.children);
    }
  }

  private async writeOffers(): Promise<void> {
    for (const offer of DEMO_OFFERS) {
      const id = demoId(`offer:${offer.key}`);
      await this.tx.query(
        `INSERT INTO offers (id, business_id, name, code, kind, percent_bps, amount_minor, currency, buy_quantity,
           get_quantity, item_ids, min_subtotal_minor, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          this.businessId,
          offer.name,
          offer.code,
          offer.kind,
          offer.percentBps,
          offer.amountMinor,
          this.currency,
          offer.buyQuantity,
          offer.getQuantity,
          offer.itemKeys.map(demoItemId),
          offer.minSubtotalMinor,
          offer.startsAt,
          offer.endsAt,
        ],
      );
    }
  }

  private async writeUsers(): Promise<void> {
    for (const user of DEMO_USERS) {
      const hash = this.hashes.get(user.email);
      if (!hash) throw new Error(`no password hash for ${user.email}`);
      // An existing account with this email keeps its id and password.
      await this.tx.query(
        `INSERT INTO users (id, email, name, phone, password_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(email))) DO NOTHING`,
        [demoId(`user:${user.key}`), user.email, user.name, user.phone, hash],
      );
      const { rows } = await this.tx.query<{ id: string }>(
        'SELECT id FROM users WHERE lower(email) = lower($1)',
        [user.email],
      );
      const userId = rows[0]?.id;
      if (!userId) throw new Error(`demo user ${user.email} was not written`);
      if (user.role === 'customer') {
        await this.tx.query(
          'INSERT INTO loyalty_accounts (business_id, user_id, points_balance) VALUES ($1, $2, $3)',
          [this.businessId, userId, user.loyaltyPoints],
        );
        continue;
      }
      const { role, position } = membershipOf(user);
      await this.tx.query(
        `INSERT INTO memberships (user_id, business_id, role, staff_position, location_ids) VALUES ($1, $2, $3, $4, $5)`,
        [userId, this.businessId, role, position, user.locations.map(demoLocationId)],
      );
      this.membershipEvents.push({
        type: 'membership.changed',
        businessId: this.businessId,
        payload: { user_id: userId, action: 'created', role },
      });
    }
  }
}

function membershipOf(user: DemoUser): { role: 'owner' | 'manager' | 'staff'; position: string | null } {
  switch (user.role) {
    case 'owner':
    case 'manager':
      return { role: user.role, position: null };
    case 'kitchen':
    case 'cashier':
    case 'driver':
      return { role: 'staff', position: user.role };
    case 'customer':
      throw new Error('customers have no membership');
  }
}
