import { hashPassword } from '../auth/passwords.js';
import type { NewEvent } from '../outbox/outbox-writer.js';
import { appendEvents } from '../outbox/outbox-writer.js';
import type { Database, Queryable } from '../storage/database.js';
import type { DemoBusiness, DemoCategory, DemoUser, DemoWorld } from './demo-catalog.js';
import type { DemoPasswords } from './demo-credentials.js';
import { catalogCreatedEvents } from './demo-events.js';
import { demoIds } from './demo-ids.js';
import { demoWorld } from './demo-world.js';
import { insertRows } from './insert-rows.js';
import { LANTERN_ROW_KEY } from './lantern-row.js';
import { NORTHWIND_KEY } from './northwind-chain.js';

export const NORTHWIND_BUSINESS_ID = demoIds.business(NORTHWIND_KEY);
export const LANTERN_ROW_BUSINESS_ID = demoIds.business(LANTERN_ROW_KEY);

export type SeedBusinessResult =
  | { businessKey: string; businessId: string; seeded: true; events: number }
  | { businessKey: string; businessId: string; seeded: false };

export interface SeedOptions {
  /**
   * The history mark of the businesses created (`businesses.history_through`): set when the demo's
   * past is to be written up to this instant, so that consumers of the present leave it alone.
   */
  historyThrough?: Date;
}

/** True when the database holds no business at all: `brigade start` seeds the demo only then. */
export async function databaseHasBusinesses(db: Queryable): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM businesses LIMIT 1');
  return rows.length > 0;
}

/** The ids of the world's businesses the database already holds (their ids derive from their keys). */
export async function seededDemoBusinesses(
  db: Queryable,
  world: DemoWorld = demoWorld(),
): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM businesses WHERE id = ANY($1::uuid[])', [
    world.businesses.map((business) => demoIds.business(business.key)),
  ]);
  return new Set(rows.map((row) => row.id));
}

/**
 * Writes each business of the demo world in a transaction of its own, with an outbox event for
 * everything it creates. Ids are derived from names, so a second run (or a concurrent one on PostgreSQL,
 * which waits on the business row's primary key) finds a business and changes nothing in it. Users whose
 * email already exists keep their account and password; they only gain the demo membership.
 */
export async function seedDemo(
  db: Database,
  passwords: DemoPasswords,
  world: DemoWorld = demoWorld(),
  options: SeedOptions = {},
): Promise<SeedBusinessResult[]> {
  // Hashing is slow on purpose (scrypt): only for businesses not there yet, before the transactions
  // so PGlite's lock is held briefly, and all at once: scrypt runs on libuv's thread pool.
  const present = await seededDemoBusinesses(db, world);
  const missing = world.businesses.filter((business) => !present.has(demoIds.business(business.key)));
  // One hash per distinct password: the unlisted staff share one (demo-credentials.ts), and
  // BRIGADE_DEMO_PASSWORD is everyone's.
  const hashing = new Map<string, Promise<string>>();
  const hashes = new Map(
    await Promise.all(
      missing
        .flatMap((business) => business.users)
        .map(async (user): Promise<[string, string]> => {
          const password = passwords[user.email];
          if (!password) throw new Error(`no demo password for ${user.email}`);
          const hash = hashing.get(password) ?? hashPassword(password);
          hashing.set(password, hash);
          return [user.email, await hash];
        }),
    ),
  );
  const results: SeedBusinessResult[] = [];
  for (const business of world.businesses) {
    const businessId = demoIds.business(business.key);
    results.push(
      present.has(businessId)
        ? { businessKey: business.key, businessId, seeded: false }
        : await seedBusiness(db, business, hashes, options.historyThrough ?? null),
    );
  }
  return results;
}

async function seedBusiness(
  db: Database,
  business: DemoBusiness,
  hashes: Map<string, string>,
  historyThrough: Date | null,
): Promise<SeedBusinessResult> {
  const businessId = demoIds.business(business.key);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO businesses (id, name, slug, currency, loyalty_earn_points_per_unit, loyalty_points_per_minor_unit,
                               history_through)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        businessId,
        business.name,
        business.slug,
        business.currency,
        business.loyaltyEarnPointsPerUnit,
        business.loyaltyPointsPerMinorUnit,
        historyThrough?.toISOString() ?? null,
      ],
    );
    if (inserted.rowCount === 0) return { businessKey: business.key, businessId, seeded: false };
    const writer = new DemoWriter(tx, business, businessId, hashes);
    await writer.writeAll();
    const events = [...(await catalogCreatedEvents(tx, businessId)), ...writer.membershipEvents];
    await appendEvents(tx, events);
    return { businessKey: business.key, businessId, seeded: true, events: events.length };
  });
}

/** Writes one business's rows, parents before children; their events are read back afterwards. */
class DemoWriter {
  readonly membershipEvents: NewEvent[] = [];
  private readonly currency: string;

  constructor(
    private readonly tx: Queryable,
    private readonly business: DemoBusiness,
    private readonly businessId: string,
    private readonly hashes: Map<string, string>,
  ) {
    this.currency = business.currency;
  }

  async writeAll(): Promise<void> {
    await this.writeLocations();
    await this.writeModifierGroups();
    await this.writeBrands();
    await this.writeOffers();
    await this.writeUsers();
  }

  private async writeLocations(): Promise<void> {
    const { locations } = this.business;
    await insertRows(
      this.tx,
      'locations',
      [
        'id',
        'business_id',
        'code',
        'name',
        'kind',
        'address',
        'lat',
        'lon',
        'time_zone',
        'currency',
        'tax_rules',
        'service_types',
        'delivery_fee_minor',
        'delivery_radius_km',
        'business_hours',
        'holidays',
      ],
      locations.map((location) => [
        demoIds.location(location.key),
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
      ]),
    );
    // Every location that seats guests gets its floor plan (all tables available).
    await insertRows(
      this.tx,
      'dining_tables',
      [
        'id',
        'business_id',
        'location_id',
        'number',
        'capacity',
        'section',
        'position_x',
        'position_y',
        'shape',
      ],
      locations.flatMap((location) =>
        location.floorPlan.map((table) => [
          demoIds.table(location.key, table.number),
          this.businessId,
          demoIds.location(location.key),
          table.number,
          table.capacity,
          table.section,
          table.position.x,
          table.position.y,
          table.shape,
        ]),
      ),
    );
  }

  private async writeModifierGroups(): Promise<void> {
    const groups = this.business.modifierGroups;
    await insertRows(
      this.tx,
      'modifier_groups',
      ['id', 'business_id', 'name', 'selection', 'required', 'min_selections', 'max_selections'],
      groups.map((group) => [
        demoIds.modifierGroup(group.key),
        this.businessId,
        group.name,
        group.selection,
        group.required,
        group.minSelections,
        group.maxSelections,
      ]),
    );
    await insertRows(
      this.tx,
      'modifier_options',
      ['id', 'business_id', 'group_id', 'name', 'price_minor', 'display_order'],
      groups.flatMap((group) =>
        group.options.map((option, order) => [
          demoIds.modifierOption(group.key, option.name),
          this.businessId,
          demoIds.modifierGroup(group.key),
          option.name,
          option.priceMinor,
          order,
        ]),
      ),
    );
  }

  private async writeBrands(): Promise<void> {
    const { brands } = this.business;
    await insertRows(
      this.tx,
      'brands',
      ['id', 'business_id', 'name', 'cuisine', 'description', 'starts_on', 'ends_on'],
      brands.map((brand) => [
        demoIds.brand(brand.key),
        this.businessId,
        brand.name,
        brand.cuisine,
        brand.description,
        brand.startsOn,
        brand.endsOn,
      ]),
    );
    await insertRows(
      this.tx,
      'brand_locations',
      ['business_id', 'brand_id', 'location_id'],
      brands.flatMap((brand) =>
        brand.servedAt.map(({ locationKey }) => [
          this.businessId,
          demoIds.brand(brand.key),
          demoIds.location(locationKey),
        ]),
      ),
    );
    await insertRows(
      this.tx,
      'menus',
      ['id', 'business_id', 'brand_id', 'name', 'description'],
      brands.map((brand) => [
        demoIds.menu(brand.key),
        this.businessId,
        demoIds.brand(brand.key),
        brand.menu.name,
        brand.menu.description,
      ]),
    );
    const categories: unknown[][] = [];
    const items: unknown[][] = [];
    const itemGroups: unknown[][] = [];
    // Depth first, so a parent category's row always comes before its children's.
    const walk = (brandKey: string, parentId: string | null, level: DemoCategory[]): void => {
      for (const [order, category] of level.entries()) {
        const id = demoIds.category(brandKey, parentId, category.name);
        const menuId = demoIds.menu(brandKey);
        categories.push([id, this.businessId, menuId, parentId, category.name, category.description, order]);
        for (const [itemOrder, item] of category.items.entries()) {
          const itemId = demoIds.item(item.key);
          items.push([
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
            item.allergens,
            item.tags,
            item.calories,
            itemOrder,
          ]);
          for (const [groupOrder, groupKey] of item.modifierGroups.entries()) {
            itemGroups.push([this.businessId, itemId, demoIds.modifierGroup(groupKey), groupOrder]);
          }
        }
        walk(brandKey, id, category.children);
      }
    };
    for (const brand of brands) walk(brand.key, null, brand.menu.categories);
    await insertRows(
      this.tx,
      'menu_categories',
      ['id', 'business_id', 'menu_id', 'parent_id', 'name', 'description', 'display_order'],
      categories,
    );
    await insertRows(
      this.tx,
      'menu_items',
      [
        'id',
        'business_id',
        'menu_id',
        'category_id',
        'name',
        'description',
        'price_minor',
        'cost_minor',
        'currency',
        'sku',
        'station',
        'prep_minutes',
        'allergens',
        'tags',
        'calories',
        'display_order',
      ],
      items,
    );
    await insertRows(
      this.tx,
      'item_modifier_groups',
      ['business_id', 'item_id', 'group_id', 'display_order'],
      itemGroups,
    );
  }

  private async writeOffers(): Promise<void> {
    await insertRows(
      this.tx,
      'offers',
      [
        'id',
        'business_id',
        'name',
        'code',
        'kind',
        'percent_bps',
        'amount_minor',
        'currency',
        'buy_quantity',
        'get_quantity',
        'item_ids',
        'min_subtotal_minor',
        'starts_at',
        'ends_at',
      ],
      this.business.offers.map((offer) => [
        demoIds.offer(offer.key),
        this.businessId,
        offer.name,
        offer.code,
        offer.kind,
        offer.percentBps,
        offer.amountMinor,
        this.currency,
        offer.buyQuantity,
        offer.getQuantity,
        offer.itemKeys.map(demoIds.item),
        offer.minSubtotalMinor,
        offer.startsAt,
        offer.endsAt,
      ]),
    );
  }

  private async writeUsers(): Promise<void> {
    const { users } = this.business;
    // An existing account with this email keeps its id and password.
    await insertRows(
      this.tx,
      'users',
      ['id', 'email', 'name', 'phone', 'password_hash'],
      users.map((user) => {
        const hash = this.hashes.get(user.email);
        if (!hash) throw new Error(`no password hash for ${user.email}`);
        return [demoIds.user(user.key), user.email, user.name, user.phone, hash];
      }),
      'ON CONFLICT ((lower(email))) DO NOTHING',
    );
    const { rows } = await this.tx.query<{ id: string; email: string }>(
      'SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])',
      [users.map((user) => user.email.toLowerCase())],
    );
    const ids = new Map(rows.map((row) => [row.email, row.id]));
    const idOf = (user: DemoUser): string => {
      const id = ids.get(user.email.toLowerCase());
      if (!id) throw new Error(`demo user ${user.email} was not written`);
      return id;
    };
    const customers = users.filter((user) => user.role === 'customer');
    await insertRows(
      this.tx,
      'loyalty_accounts',
      ['business_id', 'user_id', 'points_balance'],
      customers.map((user) => [this.businessId, idOf(user), user.loyaltyPoints]),
    );
    const staff = users.filter((user) => user.role !== 'customer');
    await insertRows(
      this.tx,
      'memberships',
      ['user_id', 'business_id', 'role', 'staff_position', 'location_ids', 'hourly_rate_minor'],
      staff.map((user) => {
        const { role, position } = membershipOf(user);
        return [
          idOf(user),
          this.businessId,
          role,
          position,
          user.locations.map(demoIds.location),
          user.hourlyRateMinor,
        ];
      }),
    );
    for (const user of staff) {
      this.membershipEvents.push({
        type: 'membership.changed',
        businessId: this.businessId,
        payload: { user_id: idOf(user), action: 'created', role: membershipOf(user).role },
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
