import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FLOOR_PLAN, DEMO_LOCATIONS } from '../../../src/demo/demo-catalog.js';
import { demoPasswordsForSeeding } from '../../../src/demo/demo-credentials.js';
import { demoId } from '../../../src/demo/demo-ids.js';
import { DEMO_BUSINESS_ID, seedDemo } from '../../../src/demo/seed-demo.js';
import type { Database } from '../../../src/storage/database.js';
import { databaseKinds } from '../../support/databases.js';

for (const kind of await databaseKinds()) {
  describe(`demo floor plans (${kind.name})`, () => {
    let db: Database;
    let dataDir: string;

    beforeAll(async () => {
      db = await kind.open();
      dataDir = await mkdtemp(path.join(tmpdir(), 'brigade-demo-tables-'));
      await seedDemo(db, await demoPasswordsForSeeding(dataDir, undefined));
    });
    afterAll(async () => {
      await db?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('gives every dine-in location the floor plan, with name-derived ids, and none to the ghost kitchen', async () => {
      const dineIn = DEMO_LOCATIONS.filter((location) => location.serviceTypes.includes('dine_in'));
      expect(dineIn.length).toBe(3);
      const { rows } = await db.query<{ id: string; location_id: string; number: string; status: string }>(
        'SELECT id, location_id, number, status FROM dining_tables WHERE business_id = $1',
        [DEMO_BUSINESS_ID],
      );
      expect(rows).toHaveLength(dineIn.length * DEMO_FLOOR_PLAN.length);
      for (const location of dineIn) {
        const locationId = demoId(`location:${location.key}`);
        const tables = rows.filter((row) => row.location_id === locationId);
        expect(tables.map((row) => row.number).sort()).toEqual(DEMO_FLOOR_PLAN.map((t) => t.number).sort());
        for (const table of tables) {
          expect(table.id).toBe(demoId(`table:${location.key}:${table.number}`));
          expect(table.status).toBe('available');
        }
      }
    });

    it('writes a table.changed created event for each table, with its location', async () => {
      const { rows } = await db.query<{
        location_id: string;
        payload: { action: string; data: { number: string } };
      }>(`SELECT location_id, payload FROM outbox WHERE business_id = $1 AND event_type = 'table.changed'`, [
        DEMO_BUSINESS_ID,
      ]);
      expect(rows).toHaveLength(3 * DEMO_FLOOR_PLAN.length);
      expect(rows.every((row) => row.payload.action === 'created' && row.location_id !== null)).toBe(true);
    });
  });
}
