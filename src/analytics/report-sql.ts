import { isCalendarDate } from '../domain/calendar.js';
import { sqlString } from '../lake/duckdb/duck-session.js';
import type { Filters } from './report-filters.js';

/**
 * SQL fragments for the built-in reports. Their values were validated (calendar dates, UUIDs) before
 * they get here and are quoted anyway, so a fragment is always one literal, never SQL from a client.
 */
export function dateLiteral(date: string): string {
  if (!isCalendarDate(date)) throw new Error(`not a date: ${date}`);
  return `DATE ${sqlString(date)}`;
}

/**
 * The exact number of distinct customers among gold_order_header rows: those whose id is a UUID
 * counted by the UUID value, the others by their text (gold/order-header-sql.ts; no customer is in
 * both). Guests (no customer) count in neither.
 */
export const DISTINCT_CUSTOMERS = 'count(DISTINCT customer_uuid) + count(DISTINCT customer_text)';

/** `column` between two local dates, inclusive. */
export function dateBetween(column: string, from: string, to: string): string {
  return `${column} BETWEEN ${dateLiteral(from)} AND ${dateLiteral(to)}`;
}

/** `AND column IN (...)` for the location filter, or nothing when every location is asked for. */
export function andLocations(filters: Pick<Filters, 'locationIds'>, column = 'location_id'): string {
  if (filters.locationIds === null) return '';
  return `AND ${column} IN (${filters.locationIds.map(sqlString).join(', ')})`;
}

/** `AND column = '…'` for the brand filter, or nothing. */
export function andBrand(filters: Pick<Filters, 'brandId'>, column = 'brand_id'): string {
  return filters.brandId === null ? '' : `AND ${column} = ${sqlString(filters.brandId)}`;
}

/** The range and location conditions every dated report applies. */
export function inRange(filters: Filters, dateColumn = 'local_date', locationColumn = 'location_id'): string {
  return `${dateBetween(dateColumn, filters.from, filters.to)} ${andLocations(filters, locationColumn)}`;
}
