import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import { DIMENSION_TABLES } from '../../../src/lake/lake-tables.js';
import { DIMENSION_SQL } from '../../../src/lake/silver/dimension-sql.js';
import { filesRelation, typedSelect } from '../../../src/lake/table-sql.js';

const BUSINESS = 'b0000000-0000-4000-8000-000000000001';
const LOCATION = 'a0000000-0000-4000-8000-000000000001';
const ITEM = 'c0000000-0000-4000-8000-000000000001';

interface Change {
  offset: string;
  type: string;
  at: string;
  payload: unknown;
  locationId?: string;
  eventId?: string;
}

/** The dimension fold on its own: the previous snapshot plus one batch of events → the new snapshot. */
describe('DIMENSION_SQL', () => {
  let duck: DuckSession;
  beforeEach(async () => {
    duck = await DuckSession.open();
    for (const table of DIMENSION_TABLES) {
      await duck.run(`CREATE TABLE ${table}_previous AS ${filesRelation(table, [])}`);
    }
  });
  afterEach(() => duck.close());

  async function fold(table: (typeof DIMENSION_TABLES)[number], changes: Change[]) {
    await duck.run(`CREATE OR REPLACE TABLE dimension_events AS
      SELECT * EXCLUDE (event_date) FROM (${filesRelation('events', [])})`);
    for (const [index, c] of changes.entries()) {
      await duck.run(
        `INSERT INTO dimension_events VALUES ($1, $2, $3, 1, CAST($4 AS TIMESTAMPTZ), $5, $6, NULL, 0, CAST($7 AS JSON))`,
        [
          c.offset,
          c.eventId ?? `e${index}`,
          c.type,
          c.at,
          BUSINESS,
          c.locationId ?? null,
          JSON.stringify(c.payload),
        ],
      );
    }
    // The new snapshot becomes the previous one of the next batch, as the writer replaces its file.
    await duck.run(`CREATE OR REPLACE TABLE snapshot AS ${typedSelect(table, DIMENSION_SQL[table])}`);
    await duck.run(`CREATE OR REPLACE TABLE ${table}_previous AS SELECT * FROM snapshot`);
    return duck.rows('SELECT * FROM snapshot');
  }

  const location = (data: Record<string, unknown> | null, action = 'updated') => ({
    action,
    data: data && {
      name: 'Harbour',
      time_zone: 'Asia/Kolkata',
      currency: 'INR',
      status: 'open',
      lat: 1,
      lon: 2,
      ...data,
    },
  });

  it('keeps the latest state per location: later time wins, ties go to the later offset, status changes alone', async () => {
    const rows = await fold('dim_locations', [
      {
        offset: '1700000000000-2',
        type: 'location.changed',
        at: '2025-01-01T10:00:00Z',
        payload: location({ name: 'Tie B' }),
        locationId: LOCATION,
      },
      {
        offset: '1700000000000-10',
        type: 'location.changed',
        at: '2025-01-01T10:00:00Z',
        payload: location({ name: 'Tie A' }),
        locationId: LOCATION,
      },
      {
        offset: '3',
        type: 'location.changed',
        at: '2024-12-01T10:00:00Z',
        payload: location({ name: 'Old' }, 'created'),
        locationId: LOCATION,
      },
      {
        offset: '4',
        type: 'location.status_changed',
        at: '2025-01-02T10:00:00Z',
        payload: { from: 'open', to: 'paused' },
        locationId: LOCATION,
      },
      // The same event again (a replay): counted once.
      {
        offset: '5',
        eventId: 'e3',
        type: 'location.status_changed',
        at: '2025-01-02T10:00:00Z',
        payload: { from: 'open', to: 'paused' },
        locationId: LOCATION,
      },
    ]);
    expect(rows).toEqual([
      {
        location_id: LOCATION,
        business_id: BUSINESS,
        name: 'Tie A', // offset 1700000000000-10 is after -2 (numeric, not text order)
        time_zone: 'Asia/Kolkata',
        currency: 'INR',
        status: 'paused',
        lat: 1,
        lon: 2,
        deleted: false,
        updated_at: '2025-01-02 10:00:00+00',
      },
    ]);
  });

  it('marks a deleted location but keeps its last known fields, and carries it into the next batch', async () => {
    await fold('dim_locations', [
      {
        offset: '1',
        type: 'location.changed',
        at: '2025-01-01T00:00:00Z',
        payload: location({}, 'created'),
        locationId: LOCATION,
      },
    ]);
    const deleted = await fold('dim_locations', [
      {
        offset: '2',
        type: 'location.changed',
        at: '2025-02-01T00:00:00Z',
        payload: location(null, 'deleted'),
        locationId: LOCATION,
      },
    ]);
    expect(deleted[0]).toMatchObject({ name: 'Harbour', time_zone: 'Asia/Kolkata', deleted: true });
    // A batch without events for it keeps the snapshot as it was.
    const untouched = await fold('dim_locations', []);
    expect(untouched).toEqual(deleted);
    // An event older than the snapshot does not undo the delete.
    const stale = await fold('dim_locations', [
      {
        offset: '0',
        type: 'location.changed',
        at: '2024-06-01T00:00:00Z',
        payload: location({ name: 'Ancient' }),
        locationId: LOCATION,
      },
    ]);
    expect(stale[0]).toMatchObject({ name: 'Harbour', deleted: true, updated_at: '2025-02-01 00:00:00+00' });
  });

  it('folds menu items from menu.changed, keeping a cost set back to null', async () => {
    const item = (data: Record<string, unknown>) => ({
      entity: 'item',
      entity_id: ITEM,
      action: 'updated',
      data: { name: 'Dal', category_id: 'cat', sku: 'D-1', station: 'pot', price: 900, cost: 300, ...data },
    });
    const rows = await fold('dim_items', [
      { offset: '1', type: 'menu.changed', at: '2025-01-01T00:00:00Z', payload: item({}) },
      {
        offset: '2',
        type: 'menu.changed',
        at: '2025-01-02T00:00:00Z',
        payload: item({ price: 950, cost: null, sku: null }),
      },
      {
        offset: '3',
        type: 'menu.changed',
        at: '2025-01-03T00:00:00Z',
        payload: { entity: 'offer', entity_id: ITEM, action: 'updated', data: {} },
      },
    ]);
    expect(rows).toEqual([
      {
        item_id: ITEM,
        business_id: BUSINESS,
        name: 'Dal',
        category_id: 'cat',
        sku: null,
        station: 'pot',
        price: '950',
        cost: null,
        deleted: false,
        updated_at: '2025-01-02 00:00:00+00',
      },
    ]);
  });
});
