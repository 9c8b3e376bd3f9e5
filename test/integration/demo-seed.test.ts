import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandItems, DEMO_BRANDS, DEMO_USERS } from '../../src/demo/demo-catalog.js';
import { type DemoPasswords, demoPasswordsForSeeding } from '../../src/demo/demo-credentials.js';
import { DEMO_BUSINESS_ID, seedDemo } from '../../src/demo/seed-demo.js';
import { buildApp } from '../../src/http/app.js';
import type { BrigadeApp } from '../../src/http/brigade-app.js';
import { SimulatedGateway } from '../../src/payments/simulated-gateway.js';
import type { Database } from '../../src/storage/database.js';
import { databaseKinds } from '../support/databases.js';

const TABLES = [
  'businesses',
  'locations',
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

for (const kind of await databaseKinds()) {
  describe(`demo seed (${kind.name})`, () => {
    let db: Database;
    let app: BrigadeApp;
    let dataDir: string;
    let passwords: DemoPasswords;
    let firstEvents = 0;

    beforeAll(async () => {
      db = await kind.open();
      dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-demo-'));
      passwords = await demoPasswordsForSeeding(dataDir, undefined);
      const result = await seedDemo(db, passwords);
      if (!result.seeded) throw new Error('first seed did not seed');
      firstEvents = result.events;
      app = await buildApp({
        db,
        config: { accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 86_400, bodyLimitBytes: 64 * 1024 },
        jwtSecret: 'demo-seed-test-secret-0123456789-abcdefgh',
        gateway: new SimulatedGateway(db),
      });
      await app.ready();
    });

    afterAll(async () => {
      await app?.close();
      await db?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('creates the demo business with its locations, brands, menus, offers and users', async () => {
      const itemCount = DEMO_BRANDS.reduce((sum, brand) => sum + brandItems(brand).length, 0);
      expect(itemCount).toBeGreaterThanOrEqual(30);
      expect(await counts(db)).toMatchObject({
        businesses: 1,
        locations: 4,
        brands: 4,
        brand_locations: 9,
        menus: 4,
        menu_items: itemCount,
        modifier_groups: 7,
        offers: 3,
        users: DEMO_USERS.length,
        memberships: 5,
        loyalty_accounts: 2,
        outbox: firstEvents,
      });

      const { rows: locations } = await db.query<{
        code: string;
        tax_rules: { name: string; rateBps: number }[];
        time_zone: string;
      }>('SELECT code, tax_rules, time_zone FROM locations ORDER BY code');
      expect(
        locations.filter((l) => l.tax_rules.length === 1 && l.tax_rules[0]?.rateBps === 1300),
      ).toHaveLength(3);
      expect(
        locations.find((l) => l.time_zone === 'America/Vancouver')?.tax_rules.map((r) => r.rateBps),
      ).toEqual([500, 700]);

      // Nested categories: some category has a parent.
      const { rows: nested } = await db.query('SELECT 1 FROM menu_categories WHERE parent_id IS NOT NULL');
      expect(nested.length).toBeGreaterThan(0);
      const { rows: codes } = await db.query<{ code: string }>(
        'SELECT code FROM offers WHERE code IS NOT NULL ORDER BY code',
      );
      expect(codes.map((row) => row.code)).toEqual(['FIVEOFF', 'WELCOME10']);
      // Every item's cost is 25–40% of its price.
      const { rows: costs } = await db.query<{ price_minor: number; cost_minor: number }>(
        'SELECT price_minor, cost_minor FROM menu_items',
      );
      for (const item of costs) {
        expect(item.cost_minor / item.price_minor).toBeGreaterThanOrEqual(0.24);
        expect(item.cost_minor / item.price_minor).toBeLessThanOrEqual(0.41);
      }
    });

    it('writes an outbox event for everything it created, with the business id', async () => {
      const { rows } = await db.query<{ event_type: string; n: number }>(
        `SELECT event_type, count(*)::int AS n FROM outbox WHERE business_id = $1 GROUP BY event_type`,
        [DEMO_BUSINESS_ID],
      );
      const byType = Object.fromEntries(rows.map((row) => [row.event_type, row.n]));
      expect(byType).toMatchObject({ 'business.changed': 1, 'location.changed': 4, 'brand.changed': 4 });
      const c = await counts(db);
      // menus + categories + items + modifier groups + offers
      expect(byType['menu.changed']).toBe(
        (c.menus ?? 0) +
          (c.menu_categories ?? 0) +
          (c.menu_items ?? 0) +
          (c.modifier_groups ?? 0) +
          (c.offers ?? 0),
      );
    });

    it("carries the admin API's event data (read back through its views), not a hand-made copy", async () => {
      const event = async (type: string, where: string) => {
        const { rows } = await db.query<{ payload: { data: Record<string, unknown> } }>(
          `SELECT payload FROM outbox WHERE business_id = $1 AND event_type = $2 AND ${where} LIMIT 1`,
          [DEMO_BUSINESS_ID, type],
        );
        return rows[0]?.payload.data;
      };
      expect(await event('location.changed', "payload->'data'->>'code' = 'NW-TOR-01'")).toMatchObject({
        name: 'Northwind Table — King West',
        status: 'open',
        tax_rules: [{ name: 'HST', rate_bps: 1300 }],
        delivery_fee: 499,
      });
      expect(await event('menu.changed', "payload->'data'->>'sku' = 'MDC-DES-01'")).toMatchObject({
        name: 'Molten Chocolate Cake',
        price: 1050,
        available: true,
        currency: 'CAD',
      });
      expect(await event('menu.changed', "payload->'data'->>'name' = 'Doneness'")).toMatchObject({
        min_selections: 1,
        max_selections: 1,
        options: expect.arrayContaining([
          expect.objectContaining({ name: 'Rare', price: 0, available: true }),
        ]),
      });
    });

    it('is idempotent: seeding again changes nothing', async () => {
      const before = await counts(db);
      const again = await seedDemo(db, passwords);
      expect(again).toEqual({ seeded: false, businessId: DEMO_BUSINESS_ID });
      expect(await counts(db)).toEqual(before);
    });

    it('stores generated passwords in a 0600 file that a second resolution reuses', async () => {
      const file = await stat(path.join(dataDir, 'demo-credentials.json'));
      expect(file.mode & 0o777).toBe(0o600);
      expect(await demoPasswordsForSeeding(dataDir, undefined)).toEqual(passwords);
      expect(new Set(Object.values(passwords)).size).toBe(DEMO_USERS.length);
    });

    it('lets the seeded owner and a customer log in with the generated passwords', async () => {
      const owner = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@northwind.example', password: passwords['owner@northwind.example'] },
      });
      expect(owner.statusCode).toBe(200);
      expect(owner.json().user.memberships).toEqual([
        expect.objectContaining({ businessId: DEMO_BUSINESS_ID, role: 'owner' }),
      ]);

      const customer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'ava@northwind.example', password: passwords['ava@northwind.example'] },
      });
      expect(customer.statusCode).toBe(200);

      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'owner@northwind.example', password: 'not-the-password' },
      });
      expect(wrong.json().code).toBe('invalid_credentials');
    });
  });
}
