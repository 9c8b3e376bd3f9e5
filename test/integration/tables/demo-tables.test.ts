import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordsForSeeding } from '../../../src/demo/demo-credentials.js';
import { demoIds } from '../../../src/demo/demo-ids.js';
import { demoWorld } from '../../../src/demo/demo-world.js';
import { LANTERN_ROW_BUSINESS_ID, NORTHWIND_BUSINESS_ID, seedDemo } from '../../../src/demo/seed-demo.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';

const locations = demoWorld().businesses.flatMap((business) => business.locations);
const dineIn = locations.filter((location) => location.serviceTypes.includes('dine_in'));
const tableCount = dineIn.reduce((sum, location) => sum + location.floorPlan.length, 0);

for (const kind of await databaseKinds()) {
  describe(`demo floor plans (${kind.name})`, () => {
    let db: Database;
    let dataDir: string;

    beforeAll(async () => {
      db = await kind.open();
      dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-demo-tables-'));
      await seedDemo(db, await demoPasswordsForSeeding(dataDir, undefined));
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('gives every dine-in location its floor plan, with name-derived ids, and none to the ghost kitchens', async () => {
      expect(dineIn.length).toBe(12);
      const { rows } = await db.query<{ id: string; location_id: string; number: string; status: string }>(
        'SELECT id, location_id, number, status FROM dining_tables WHERE business_id = $1',
        [NORTHWIND_BUSINESS_ID],
      );
      expect(rows).toHaveLength(tableCount);
      for (const location of dineIn) {
        expect(location.floorPlan.length).toBeGreaterThan(0);
        const tables = rows.filter((row) => row.location_id === demoIds.location(location.key));
        expect(tables.map((row) => row.number).sort()).toEqual(
          location.floorPlan.map((t) => t.number).sort(),
        );
        for (const table of tables) {
          expect(table.id).toBe(demoIds.table(location.key, table.number));
          expect(table.status).toBe('available');
        }
      }
      const { rows: ghost } = await db.query('SELECT 1 FROM dining_tables WHERE business_id = $1', [
        LANTERN_ROW_BUSINESS_ID,
      ]);
      expect(ghost).toHaveLength(0);
    });

    it('writes a table.changed created event for each table, with its location', async () => {
      const { rows } = await db.query<{
        location_id: string;
        payload: { action: string; data: { number: string } };
      }>(`SELECT location_id, payload FROM outbox WHERE business_id = $1 AND event_type = 'table.changed'`, [
        NORTHWIND_BUSINESS_ID,
      ]);
      expect(rows).toHaveLength(tableCount);
      expect(rows.every((row) => row.payload.action === 'created' && row.location_id !== null)).toBe(true);
    });
  });
}
