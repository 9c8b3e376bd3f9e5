import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckSession } from '../../../src/lake/duckdb/duck-session.js';
import { SNAPSHOT_TABLES } from '../../../src/lake/lake-tables.js';
import { SNAPSHOT_SQL } from '../../../src/lake/silver/snapshot-sql.js';
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

/** The snapshot fold on its own (dimensions and shifts): the previous snapshot plus one batch of events → the new snapshot. */
describe('SNAPSHOT_SQL', () => {
  let duck: DuckSession;
  beforeEach(async () => {
    duck = await DuckSession.open();
    for (const table of SNAPSHOT_TABLES) {
      await duck.run(`CREATE TABLE ${table}_previous AS ${filesRelation(table, [])}`);
    }
  });
  afterEach(() => duck.close());

  async function fold(table: (typeof SNAPSHOT_TABLES)[number], changes: Change[]) {
    await duck.run(`CREATE OR REPLACE TABLE snapshot_events AS
      SELECT * EXCLUDE (event_date) FROM (${filesRelation('events', [])})`);
    for (const [index, c] of changes.entries()) {
      await duck.run(
        `INSERT INTO snapshot_events VALUES ($1, $2, $3, 1, CAST($4 AS TIMESTAMPTZ), $5, $6, NULL, 0, CAST($7 AS JSON))`,
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
    await duck.run(`CREATE OR REPLACE TABLE snapshot AS ${typedSelect(table, SNAPSHOT_SQL[table])}`);
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

  it('folds a shift: opened with its rate, closed, then corrected; a replayed clock-out counts once', async () => {
    const SHIFT = 'd0000000-0000-4000-8000-000000000001';
    const USER = 'e0000000-0000-4000-8000-000000000001';
    const shift = { shift_id: SHIFT, user_id: USER, by: USER };
    await fold('shifts', [
      {
        offset: '1',
        type: 'staff.clocked_in',
        at: '2025-03-01T09:00:05Z',
        payload: {
          ...shift,
          clock_in_at: '2025-03-01T09:00:05Z',
          hourly_rate: 1850,
          time_zone: 'America/Toronto',
        },
        locationId: LOCATION,
      },
    ]);
    const open = await duck.rows('SELECT * FROM shifts_previous');
    expect(open).toEqual([
      {
        shift_id: SHIFT,
        business_id: BUSINESS,
        location_id: LOCATION,
        user_id: USER,
        clock_in_at: '2025-03-01 09:00:05+00',
        clock_out_at: null,
        hourly_rate: '1850',
        time_zone: 'America/Toronto',
        updated_at: '2025-03-01 09:00:05+00',
      },
    ]);
    const out = {
      offset: '2',
      eventId: 'out',
      type: 'staff.clocked_out',
      at: '2025-03-01T17:30:00Z',
      payload: {
        ...shift,
        clock_in_at: '2025-03-01T09:00:05Z',
        clock_out_at: '2025-03-01T17:30:00Z',
        minutes: 509,
      },
      locationId: LOCATION,
    };
    const rows = await fold('shifts', [
      out,
      { ...out, offset: '3' },
      {
        offset: '4',
        type: 'staff.shift_corrected',
        at: '2025-03-02T08:00:00Z',
        payload: {
          ...shift,
          clock_in_at: '2025-03-01T08:45:00Z',
          clock_out_at: '2025-03-01T17:30:00Z',
          reason: 'forgot to clock in',
        },
        locationId: LOCATION,
      },
    ]);
    expect(rows).toEqual([
      {
        ...open[0],
        clock_in_at: '2025-03-01 08:45:00+00',
        clock_out_at: '2025-03-01 17:30:00+00',
        updated_at: '2025-03-02 08:00:00+00',
      },
    ]);
  });
});
