import type { SNAPSHOT_TABLES } from '../lake-tables.js';
import { int, text } from './json-sql.js';

export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/*
 * The new snapshot of each entity table: `<table>_previous` (the current snapshot rows) folded with the
 * table `snapshot_events` (this batch's events of the table's types, SNAPSHOT_EVENT_TYPES, possibly
 * duplicated). What the services put in `data` (src/services/admin/*-view.ts):
 * - location.changed {action, data: {code, name, kind, status, time_zone, currency, lat, lon, …}};
 *   a status change alone is location.status_changed {from, to};
 * - brand.changed {brand_id, action, data: {name, cuisine, starts_on, ends_on, location_ids}};
 * - menu.changed {entity, entity_id, action, data}: category data {menu_id, parent_id, name, …},
 *   item data {menu_id, category_id, name, price, cost, currency, sku, station, …}.
 * `data` is null on delete.
 */

/** Bus offsets are text: the embedded log's are integers, Redis stream ids `<ms>-<seq>`. */
const OFFSET_ORDER = `TRY_CAST(split_part(log_offset, '-', 1) AS HUGEINT) NULLS FIRST,
  TRY_CAST(nullif(split_part(log_offset, '-', 2), '') AS HUGEINT) NULLS FIRST`;

/** The batch's events of one type, one row per event_id (a replay may repeat them). */
function events(type: string): string {
  return `(SELECT * FROM snapshot_events WHERE event_type = '${type}'
           QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY log_offset) = 1)`;
}

interface Fold {
  key: string;
  /**
   * Rows of (key, business_id, …fields, changed_at, tie_rank, log_offset, has_data, deleted): one per change.
   * tie_rank 0 is the previous snapshot, which loses ties with the batch (later in the log). has_data
   * says the row carries the entity's full data; deleted is NULL when the row says nothing about it.
   */
  changes: string;
  /** The fields in column order; `true` marks those that may legitimately be NULL. */
  fields: Record<string, boolean>;
  /** Whether the entity can be deleted (a `deleted` column); shifts cannot. Default true. */
  deletable?: boolean;
}

/**
 * Every field takes its latest value by occurred_at, ties by bus offset. A field that is never NULL
 * takes the latest non-NULL value, so a change carrying only some fields (a status change, a delete)
 * keeps the others; a nullable one takes its value from the latest change with full data. A delete
 * only sets deleted = true — the last known name and zone stay, since old orders still point at the
 * entity — and a later create clears it.
 */
function fold({ key, changes, fields, deletable = true }: Fold): string {
  const latest = Object.entries(fields).map(([field, nullable]) =>
    nullable
      ? `arg_max_null(${field}, ordinal) FILTER (WHERE has_data) AS ${field}`
      : `arg_max(${field}, ordinal) AS ${field}`,
  );
  return `
    WITH changes AS (${changes}),
    ordered AS (SELECT *, row_number() OVER (ORDER BY changed_at, tie_rank, ${OFFSET_ORDER}) AS ordinal FROM changes)
    SELECT ${key}, business_id, ${latest.join(', ')},
           ${deletable ? 'coalesce(arg_max(deleted, ordinal), false) AS deleted,' : ''}
           max(changed_at) AS updated_at
    FROM ordered GROUP BY ${key}, business_id`;
}

function previous(
  table: SnapshotTable,
  key: string,
  fields: Record<string, boolean>,
  deletable = true,
): string {
  return `SELECT ${key}, business_id, ${Object.keys(fields).join(', ')},
                 updated_at AS changed_at, 0 AS tie_rank, NULL AS log_offset, true AS has_data,
                 ${deletable ? 'deleted' : 'false AS deleted'}
          FROM ${table}_previous`;
}

/** Columns that close every change row taken from an event. */
const FROM_EVENT = (action: string) =>
  `occurred_at AS changed_at, 1 AS tie_rank, log_offset, ${action} <> 'deleted' AS has_data, ${action} = 'deleted' AS deleted`;

const LOCATION_FIELDS = {
  name: false,
  time_zone: false,
  currency: false,
  status: false,
  lat: false,
  lon: false,
};
const locationAction = text('payload', '$.action');
const DIM_LOCATIONS = fold({
  key: 'location_id',
  fields: LOCATION_FIELDS,
  changes: `
    ${previous('dim_locations', 'location_id', LOCATION_FIELDS)}
    UNION ALL
    SELECT location_id, business_id, ${text('payload', '$.data.name')}, ${text('payload', '$.data.time_zone')},
           ${text('payload', '$.data.currency')}, ${text('payload', '$.data.status')},
           TRY_CAST(${text('payload', '$.data.lat')} AS DOUBLE), TRY_CAST(${text('payload', '$.data.lon')} AS DOUBLE),
           ${FROM_EVENT(locationAction)}
    FROM ${events('location.changed')} WHERE location_id IS NOT NULL
    UNION ALL
    SELECT location_id, business_id, NULL, NULL, NULL, ${text('payload', '$.to')}, NULL, NULL,
           occurred_at, 1, log_offset, false, NULL
    FROM ${events('location.status_changed')} WHERE location_id IS NOT NULL`,
});

const BRAND_FIELDS = { name: false };
const brandAction = text('payload', '$.action');
const DIM_BRANDS = fold({
  key: 'brand_id',
  fields: BRAND_FIELDS,
  changes: `
    ${previous('dim_brands', 'brand_id', BRAND_FIELDS)}
    UNION ALL
    SELECT ${text('payload', '$.brand_id')}, business_id, ${text('payload', '$.data.name')}, ${FROM_EVENT(brandAction)}
    FROM ${events('brand.changed')} WHERE ${text('payload', '$.brand_id')} IS NOT NULL`,
});

const menuAction = text('payload', '$.action');
const menuEntity = (entity: string) =>
  `${events('menu.changed')} WHERE ${text('payload', '$.entity')} = '${entity}' AND ${text('payload', '$.entity_id')} IS NOT NULL`;

const CATEGORY_FIELDS = { name: false, parent_id: true };
const DIM_CATEGORIES = fold({
  key: 'category_id',
  fields: CATEGORY_FIELDS,
  changes: `
    ${previous('dim_categories', 'category_id', CATEGORY_FIELDS)}
    UNION ALL
    SELECT ${text('payload', '$.entity_id')}, business_id, ${text('payload', '$.data.name')},
           ${text('payload', '$.data.parent_id')}, ${FROM_EVENT(menuAction)}
    FROM ${menuEntity('category')}`,
});

const ITEM_FIELDS = { name: false, category_id: false, sku: true, station: false, price: false, cost: true };
const DIM_ITEMS = fold({
  key: 'item_id',
  fields: ITEM_FIELDS,
  changes: `
    ${previous('dim_items', 'item_id', ITEM_FIELDS)}
    UNION ALL
    SELECT ${text('payload', '$.entity_id')}, business_id, ${text('payload', '$.data.name')},
           ${text('payload', '$.data.category_id')}, ${text('payload', '$.data.sku')}, ${text('payload', '$.data.station')},
           ${int('payload', '$.data.price')}, ${int('payload', '$.data.cost')}, ${FROM_EVENT(menuAction)}
    FROM ${menuEntity('item')}`,
});

/*
 * Time-clock shifts (src/domain/events/staff-events.ts): staff.clocked_in opens one with its hourly
 * rate, staff.clocked_out closes it, staff.shift_corrected sets its times as they now are. The location
 * is the envelope's. A correction never reopens a closed shift (the service keeps the clock-out), so
 * every time takes its latest value; the rate and the location's time zone are the clock-in's, the only
 * event carrying them (has_data).
 */
const SHIFT_FIELDS = {
  location_id: false,
  user_id: false,
  clock_in_at: false,
  clock_out_at: false,
  hourly_rate: true,
  time_zone: true,
};
const shiftChange = (type: string, clockOut: string, opening: boolean) => `
    SELECT ${text('payload', '$.shift_id')}, business_id, location_id, ${text('payload', '$.user_id')},
           TRY_CAST(${text('payload', '$.clock_in_at')} AS TIMESTAMPTZ), ${clockOut},
           ${opening ? `${int('payload', '$.hourly_rate')}, ${text('payload', '$.time_zone')}` : 'NULL, NULL'},
           occurred_at, 1, log_offset, ${opening}, false
    FROM ${events(type)} WHERE ${text('payload', '$.shift_id')} IS NOT NULL`;
const closedAt = `TRY_CAST(${text('payload', '$.clock_out_at')} AS TIMESTAMPTZ)`;
const SHIFTS = fold({
  key: 'shift_id',
  fields: SHIFT_FIELDS,
  deletable: false,
  changes: `
    ${previous('shifts', 'shift_id', SHIFT_FIELDS, false)}
    UNION ALL ${shiftChange('staff.clocked_in', 'NULL', true)}
    UNION ALL ${shiftChange('staff.clocked_out', closedAt, false)}
    UNION ALL ${shiftChange('staff.shift_corrected', closedAt, false)}`,
});

/**
 * One SELECT per snapshot table producing its new snapshot (columns in LAKE_TABLES order) from
 * `<table>_previous` and `snapshot_events`. Entities the batch did not touch are carried over.
 */
export const SNAPSHOT_SQL: Record<SnapshotTable, string> = {
  dim_locations: DIM_LOCATIONS,
  dim_brands: DIM_BRANDS,
  dim_categories: DIM_CATEGORIES,
  dim_items: DIM_ITEMS,
  shifts: SHIFTS,
};

/** The event types each snapshot table is folded from: a batch without them leaves it as it is. */
export const SNAPSHOT_EVENT_TYPES: Record<SnapshotTable, readonly string[]> = {
  dim_locations: ['location.changed', 'location.status_changed'],
  dim_brands: ['brand.changed'],
  dim_categories: ['menu.changed'],
  dim_items: ['menu.changed'],
  shifts: ['staff.clocked_in', 'staff.clocked_out', 'staff.shift_corrected'],
};
