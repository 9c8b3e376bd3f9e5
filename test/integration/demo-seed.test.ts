import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandItems, type DemoBusiness } from '../../src/demo/demo-catalog.js';
import { type DemoPasswords, demoPasswordsForSeeding } from '../../src/demo/demo-credentials.js';
import { demoIds } from '../../src/demo/demo-ids.js';
import { demoWorld, demoWorldUsers } from '../../src/demo/demo-world.js';
import {
  LANTERN_ROW_BUSINESS_ID,
  NORTHWIND_BUSINESS_ID,
  type SeedBusinessResult,
  seedDemo,
} from '../../src/demo/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
import type { BrigadeApp } from '../../src/http/brigade-app.js';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import { demoLogins } from '../../src/server/demo-logins.js';
import { demoSimWorld } from '../../src/simulator/world/demo-sim-world.js';
import type { Database } from '../../src/storage/database.js';
import { databaseKinds } from '../support/databases.js';

const TABLES = [
  'businesses',
  'locations',
  'dining_tables',
  'brands',
  'brand_locations',
  'menus',
  'menu_categories',
  'menu_items',
  'modifier_groups',
  'modifier_options',
  'item_modifier_groups',
  'offers',
  'users',
  'memberships',
  'loyalty_accounts',
  'outbox',
] as const;

async function counts(db: Database): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = rows[0]?.n ?? -1;
  }
  return result;
}

const world = demoWorld();
const [northwind, lanternRow] = world.businesses as [DemoBusiness, DemoBusiness];
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const all = <T>(pick: (business: DemoBusiness) => T[]) => world.businesses.flatMap(pick);
const items = (business: DemoBusiness) => business.brands.flatMap(brandItems);

const HISTORY_THROUGH = new Date('2026-12-07T10:00:00.123Z');

for (const kind of await databaseKinds()) {
  describe(`demo seed (${kind.name})`, () => {
    let db: Database;
    let app: BrigadeApp;
    let dataDir: string;
    let passwords: DemoPasswords;
    let results: SeedBusinessResult[];

    beforeAll(async () => {
      db = await kind.open();
      dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-demo-'));
      passwords = await demoPasswordsForSeeding(dataDir, undefined);
      // First the chain alone (as an older demo, or a run stopped between businesses, leaves it), then
      // the whole world: the second run must add only what is missing.
      const first = await seedDemo(db, passwords, { ...world, businesses: [northwind] });
      const second = await seedDemo(db, passwords, undefined, { historyThrough: HISTORY_THROUGH });
      results = [...first, ...second];
      app = await buildApp({
        db,
        config: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86_400, bodyLimitBytes: 64 * 1024 },
        jwtSecret: 'demo-seed-test-secret-0123456789-abcdefgh',
        gateway: new SimulatedGateway(db),
      });
      await app.ready();
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await db?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('seeds the businesses of the demo world one by one, a later run adding only the missing ones', () => {
      expect(results.map(({ businessId, seeded }) => ({ businessId, seeded }))).toEqual([
        { businessId: NORTHWIND_BUSINESS_ID, seeded: true },
        { businessId: NORTHWIND_BUSINESS_ID, seeded: false },
        { businessId: LANTERN_ROW_BUSINESS_ID, seeded: true },
      ]);
    });

    it('gives the history mark it is given to the businesses it creates, and to no other', async () => {
      const { rows } = await db.query<{ id: string; through: Date | null }>(
        'SELECT id, history_through AS through FROM businesses WHERE id = ANY($1::uuid[])',
        [[NORTHWIND_BUSINESS_ID, LANTERN_ROW_BUSINESS_ID]],
      );
      const marks = new Map(rows.map((row) => [row.id, row.through && new Date(row.through).toISOString()]));
      expect(marks.get(NORTHWIND_BUSINESS_ID)).toBeNull();
      expect(marks.get(LANTERN_ROW_BUSINESS_ID)).toBe(HISTORY_THROUGH.toISOString());
    });

    it('writes every location, table, brand, menu, modifier, offer and user of the world', async () => {
      const users = demoWorldUsers(world);
      const customers = users.filter((user) => user.role === 'customer');
      expect(await counts(db)).toMatchObject({
        businesses: 2,
        locations: 16,
        dining_tables: sum(all((b) => b.locations.map((l) => l.floorPlan.length))),
        brands: 21,
        brand_locations: sum(all((b) => b.brands.map((brand) => brand.servedAt.length))),
        menus: 21,
        menu_items: all(items).length,
        modifier_groups: all((b) => b.modifierGroups).length,
        modifier_options: sum(all((b) => b.modifierGroups.map((group) => group.options.length))),
        item_modifier_groups: sum(all(items).map((item) => item.modifierGroups.length)),
        offers: 6,
        users: users.length,
        memberships: users.length - customers.length,
        loyalty_accounts: customers.length,
        outbox: sum(results.map((result) => (result.seeded ? result.events : 0))),
      });
      expect(users.length).toBeGreaterThan(400);

      const { rows: locations } = await db.query<{
        business_id: string;
        tax_rules: { name: string; rateBps: number }[];
        time_zone: string;
        currency: string;
      }>('SELECT business_id, tax_rules, time_zone, currency FROM locations ORDER BY code');
      const chain = locations.filter((l) => l.business_id === NORTHWIND_BUSINESS_ID);
      expect(chain).toHaveLength(12);
      for (const location of chain) {
        expect(location.tax_rules).toEqual([{ name: 'HST', rateBps: 1300 }]);
        expect(location.time_zone).toBe('America/Toronto');
        expect(location.currency).toBe('CAD');
      }
      const kitchens = locations.filter((l) => l.business_id === LANTERN_ROW_BUSINESS_ID);
      expect(new Set(kitchens.map((l) => l.time_zone)).size).toBe(4);
      expect(new Set(kitchens.map((l) => l.currency))).toEqual(new Set(['USD']));

      // Nested categories: some category has a parent.
      const { rows: nested } = await db.query('SELECT 1 FROM menu_categories WHERE parent_id IS NOT NULL');
      expect(nested.length).toBeGreaterThan(0);
      const { rows: codes } = await db.query<{ business_id: string; code: string }>(
        'SELECT business_id, code FROM offers WHERE code IS NOT NULL ORDER BY code',
      );
      expect(codes.filter((row) => row.business_id === NORTHWIND_BUSINESS_ID).map((row) => row.code)).toEqual(
        ['FIVEOFF', 'WELCOME10'],
      );
      // Brands end on the day their last kitchen stops cooking them.
      const { rows: ended } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM brands WHERE ends_on IS NOT NULL',
      );
      expect(ended[0]?.n).toBe(lanternRow.brands.filter((brand) => brand.endsOn !== null).length);
      // Every item's cost is 25–40% of its price, in its business's currency.
      const { rows: costs } = await db.query<{ price_minor: number; cost_minor: number }>(
        'SELECT price_minor, cost_minor FROM menu_items',
      );
      for (const item of costs) {
        expect(item.cost_minor / item.price_minor).toBeGreaterThanOrEqual(0.24);
        expect(item.cost_minor / item.price_minor).toBeLessThanOrEqual(0.41);
      }
      // Staff and managers have hourly rates for the time clock, in their role's range; owners none.
      const { rows: rates } = await db.query<{ role: string; position: string | null; rate: number | null }>(
        'SELECT role, staff_position AS position, hourly_rate_minor AS rate FROM memberships',
      );
      const ranges: Record<string, [number, number]> = {
        kitchen: [1850, 2250],
        cashier: [1760, 1960],
        driver: [1760, 1910],
        manager: [2600, 3200],
      };
      for (const member of rates) {
        const range = ranges[member.position ?? member.role];
        if (!range) {
          expect(member).toMatchObject({ role: 'owner', rate: null });
          continue;
        }
        expect(member.rate).toBeGreaterThanOrEqual(range[0]);
        expect(member.rate).toBeLessThanOrEqual(range[1]);
        expect(((member.rate ?? 0) - range[0]) % 25).toBe(0);
      }
      expect(new Set(rates.map((member) => member.rate)).size).toBeGreaterThan(4);
    });

    it('writes an outbox event for everything it created, with the business id', async () => {
      for (const business of world.businesses) {
        const businessId = demoIds.business(business.key);
        const { rows } = await db.query<{ event_type: string; n: number }>(
          `SELECT event_type, count(*)::int AS n FROM outbox WHERE business_id = $1 GROUP BY event_type`,
          [businessId],
        );
        const byType = Object.fromEntries(rows.map((row) => [row.event_type, row.n]));
        const count = async (table: string) => {
          const { rows: found } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${table} WHERE business_id = $1`,
            [businessId],
          );
          return found[0]?.n ?? 0;
        };
        expect(byType).toEqual({
          'business.changed': 1,
          'location.changed': business.locations.length,
          'brand.changed': business.brands.length,
          'membership.changed': business.users.filter((user) => user.role !== 'customer').length,
          // menus + categories + items + modifier groups + offers
          'menu.changed':
            (await count('menus')) +
            (await count('menu_categories')) +
            (await count('menu_items')) +
            (await count('modifier_groups')) +
            (await count('offers')),
          ...(business.locations.some((l) => l.floorPlan.length > 0)
            ? { 'table.changed': await count('dining_tables') }
            : {}),
        });
      }
    });

    it("carries the admin API's event data (read back through its views), not a hand-made copy", async () => {
      const event = async (businessId: string, type: string, where: string) => {
        const { rows } = await db.query<{ payload: { data: Record<string, unknown> } }>(
          `SELECT payload FROM outbox WHERE business_id = $1 AND event_type = $2 AND ${where} LIMIT 1`,
          [businessId, type],
        );
        return rows[0]?.payload.data;
      };
      const flagship = northwind.locations[0];
      expect(
        await event(NORTHWIND_BUSINESS_ID, 'location.changed', "payload->'data'->>'code' = 'NW-ON-001'"),
      ).toMatchObject({
        name: flagship?.name,
        status: 'open',
        tax_rules: [{ name: 'HST', rate_bps: 1300 }],
        delivery_fee: 499,
      });
      const dish = items(lanternRow)[0];
      expect(
        await event(LANTERN_ROW_BUSINESS_ID, 'menu.changed', `payload->'data'->>'sku' = '${dish?.sku}'`),
      ).toMatchObject({ name: dish?.name, price: dish?.priceMinor, available: true, currency: 'USD' });
      expect(
        await event(NORTHWIND_BUSINESS_ID, 'menu.changed', "payload->'data'->>'name' = 'Doneness'"),
      ).toMatchObject({
        min_selections: 1,
        max_selections: 1,
        options: expect.arrayContaining([
          expect.objectContaining({ name: 'Rare', price: 0, available: true }),
        ]),
      });
    });

    it("seeds every id and person of the simulator's view of the world", async () => {
      const sim = demoSimWorld();
      const present = async (table: string, ids: string[]) => {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        return rows[0]?.n;
      };
      for (const business of sim.businesses) {
        expect(await present('businesses', [business.id])).toBe(1);
        expect(
          await present(
            'locations',
            business.locations.map((l) => l.id),
          ),
        ).toBe(business.locations.length);
        expect(
          await present(
            'brands',
            business.brands.map((b) => b.id),
          ),
        ).toBe(business.brands.length);
        expect(
          await present(
            'menu_items',
            business.items.map((i) => i.id),
          ),
        ).toBe(business.items.length);
        const groups = [...new Set(business.items.flatMap((i) => i.modifierGroups.map((g) => g.id)))];
        expect(await present('modifier_groups', groups)).toBe(groups.length);
        const options = [
          ...new Set(
            business.items.flatMap((i) => i.modifierGroups.flatMap((g) => g.options.map((o) => o.id))),
          ),
        ];
        expect(await present('modifier_options', options)).toBe(options.length);

        const locationId = new Map(business.locations.map((l) => [l.key, l.id]));
        const { rows: served } = await db.query<{ brand_id: string; location_id: string }>(
          'SELECT brand_id, location_id FROM brand_locations WHERE business_id = $1',
          [business.id],
        );
        const pairs = new Set(served.map((row) => `${row.brand_id}/${row.location_id}`));
        for (const brand of business.brands) {
          for (const entry of brand.servedAt) {
            expect(pairs.has(`${brand.id}/${locationId.get(entry.locationKey)}`)).toBe(true);
          }
        }
        const { rows: links } = await db.query<{ item_id: string; group_id: string }>(
          'SELECT item_id, group_id FROM item_modifier_groups WHERE business_id = $1',
          [business.id],
        );
        const linked = new Set(links.map((row) => `${row.item_id}/${row.group_id}`));
        for (const item of business.items) {
          for (const group of item.modifierGroups) expect(linked.has(`${item.id}/${group.id}`)).toBe(true);
        }
        // Staff the simulator acts as are members at every location it sends them to.
        const { rows: members } = await db.query<{
          email: string;
          role: string;
          staff_position: string | null;
          location_ids: string[];
        }>(
          `SELECT lower(u.email) AS email, m.role, m.staff_position, m.location_ids
           FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.business_id = $1`,
          [business.id],
        );
        const member = new Map(members.map((row) => [row.email, row]));
        for (const [people, fits] of [
          [business.kitchenStaff, (m: (typeof members)[number]) => m.staff_position === 'kitchen'],
          [business.drivers, (m: (typeof members)[number]) => m.staff_position === 'driver'],
          [business.managers, (m: (typeof members)[number]) => m.role === 'manager' || m.role === 'owner'],
        ] as const) {
          for (const person of people) {
            const row = member.get(person.email.toLowerCase());
            expect(row && fits(row)).toBe(true);
            for (const key of person.locationKeys) {
              const covers =
                row?.location_ids.length === 0 || row?.location_ids.includes(locationId.get(key) ?? '');
              expect(covers, `${person.email} at ${key}`).toBe(true);
            }
          }
        }
      }
    });

    it('is idempotent: seeding again changes nothing', async () => {
      const before = await counts(db);
      const again = await seedDemo(db, passwords);
      expect(again.map((result) => result.seeded)).toEqual([false, false]);
      expect(await counts(db)).toEqual(before);
    });

    it('stores generated passwords in a 0600 file that a second resolution reuses', async () => {
      const file = await stat(path.join(dataDir, 'demo-credentials.json'));
      expect(file.mode & 0o777).toBe(0o600);
      expect(await demoPasswordsForSeeding(dataDir, undefined)).toEqual(passwords);
      // A password of its own for each login shown at start; one shared by the others (hundreds of
      // crew, each hashed once: the seed hashes each distinct password once).
      const users = demoWorldUsers(world);
      const shown = users.filter((user) => user.showLogin);
      expect(new Set(shown.map((user) => passwords[user.email])).size).toBe(shown.length);
      const others = new Set(users.filter((user) => !user.showLogin).map((user) => passwords[user.email]));
      expect(others.size).toBe(1);
      for (const user of shown) expect(others.has(passwords[user.email])).toBe(false);
    });

    it('shows a few working logins per business, Northwind first', async () => {
      const logins = await demoLogins(db, { dataDir, demoPassword: undefined });
      expect(logins.slice(0, 7).map((login) => login.email)).toEqual([
        'owner@northwind.example',
        'manager@northwind.example',
        'kitchen@northwind.example',
        'cashier@northwind.example',
        'driver@northwind.example',
        'ava@northwind.example',
        'theo@northwind.example',
      ]);
      expect(new Set(logins.map((login) => login.business))).toEqual(
        new Set(['Northwind Table Co.', 'Lantern Row Kitchens']),
      );
      expect(logins.length).toBeLessThanOrEqual(12);
      for (const login of logins) expect(login.password).toBe(passwords[login.email]);
    });

    it('lets the seeded owners and a customer log in with the generated passwords', async () => {
      const login = (email: string, password = passwords[email]) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      const owner = await login('owner@northwind.example');
      expect(owner.statusCode).toBe(200);
      expect(owner.json().user.memberships).toEqual([
        expect.objectContaining({ businessId: NORTHWIND_BUSINESS_ID, role: 'owner' }),
      ]);
      const ghostOwner = await login('owner@lanternrow.example');
      expect(ghostOwner.json().user.memberships).toEqual([
        expect.objectContaining({ businessId: LANTERN_ROW_BUSINESS_ID, role: 'owner' }),
      ]);
      expect((await login('ava@northwind.example')).statusCode).toBe(200);
      expect((await login('owner@northwind.example', 'not-the-password')).json().code).toBe(
        'invalid_credentials',
      );
    });
  });
}
