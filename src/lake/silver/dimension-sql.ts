import type { DIMENSION_TABLES } from '../lake-tables.js';
import { int, text } from './json-sql.js';

export type DimensionTable = (typeof DIMENSION_TABLES)[number];

/*
 * The new snapshot of each dimension: `<table>_previous` (the current snapshot rows) folded with the
 * view `dimension_events` (this batch's location.changed, location.status_changed, brand.changed and
 * menu.changed events, possibly duplicated). What the services put in `data` (src/services/admin/*-view.ts):
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
  return `(SELECT * FROM dimension_events WHERE event_type = '${type}'
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
}

/**
 * Every field takes its latest value by occurred_at, ties by bus offset. A field that is never NULL
 * takes the latest non-NULL value, so a change carrying only some fields (a status change, a delete)
 * keeps the others; a nullable one takes its value from the latest change with full data. A delete
 * only sets deleted = true — the last known name and zone stay, since old orders still point at the
 * entity — and a later create clears it.
 */
function fold({ key, changes, fields }: Fold): string {
  const latest = Object.entries(fields).map(([field, nullable]) =>
    nullable
      ? `arg_max_null(${field}, ordinal) FILTER (WHERE has_data) AS ${field}`
      : `arg_max(${field}, ordinal) AS ${field}`,
  );
  return `
    WITH changes AS (${changes}),
    ordered AS (SELECT *, row_number() OVER (ORDER BY changed_at, tie_rank, ${OFFSET_ORDER}) AS ordinal FROM changes)
    SELECT ${key}, business_id, ${latest.join(', ')},
           coalesce(arg_max(deleted, ordinal), false) AS deleted,
           max(changed_at) AS updated_at
    FROM ordered GROUP BY ${key}, business_id`;
}

function previous(table: DimensionTable, key: string, fields: Record<string, boolean>): string {
  return `SELECT ${key}, business_id, ${Object.keys(fields).join(', ')},
                 updated_at AS changed_at, 0 AS tie_rank, NULL AS log_offset, true AS has_data, deleted
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

/**
 * One SELECT per dimension table producing its new snapshot (columns in LAKE_TABLES order) from
 * `<table>_previous` and `dimension_events`. Entities the batch did not touch are carried over.
 */
export const DIMENSION_SQL: Record<DimensionTable, string> = {
  dim_locations: DIM_LOCATIONS,
  dim_brands: DIM_BRANDS,
  dim_categories: DIM_CATEGORIES,
  dim_items: DIM_ITEMS,
};
