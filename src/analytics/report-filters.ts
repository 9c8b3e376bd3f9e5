import { addDays, daysBetween, isCalendarDate } from '../domain/calendar.js';
import type { FieldError } from '../errors/app-error.js';
import { AppError } from '../errors/app-error.js';
import { UUID_PATTERN } from '../schemas/formats.js';
import type { LocalToday } from './location-directory.js';

export const PERIODS = ['1d', '7d', '30d', '90d', '1y'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Period, number> = { '1d': 1, '7d': 7, '30d': 30, '90d': 90, '1y': 365 };

/** The longest range a report may cover (and the most locations a filter may name). */
export const MAX_RANGE_DAYS = 3660;
export const MAX_LOCATIONS = 100;

/** The common filters as they arrive in the query string (already shape-checked by the schema). */
export interface FilterQuery {
  location_id?: string[] | undefined;
  brand_id?: string | undefined;
  period?: Period | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface Filters {
  /** Locations asked for; null = every location of the business. */
  locationIds: string[] | null;
  brandId: string | null;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  days: number;
  /** The equal-length range just before, for growth figures. */
  previous: { from: string; to: string };
}

/**
 * Resolves the range rule (docs/analytics.md, "Dates"):
 * - `from` and `to`: exactly those local dates; `period` may not be given with `from`;
 * - `period` (optionally with `to`): that many days ending at `to`, or today;
 * - only `from`: from then to today; nothing: the report's default period ending today.
 * "Today" is every selected location's own date: when their zones straddle midnight, a range ending
 * today ends on the latest of them and a period counts its days back from the earliest, so each
 * location's last `period` days are inside (the range is then a day longer).
 */
export function resolveFilters(
  query: FilterQuery,
  today: (locationIds: string[] | null) => LocalToday,
  defaultPeriod: Period,
): Filters {
  const errors: FieldError[] = [];
  const locationIds = parseLocations(query.location_id, errors);
  const brandId = query.brand_id ?? null;
  if (brandId !== null && !UUID_PATTERN.test(brandId)) {
    errors.push({ field: 'querystring/brand_id', message: 'must be a UUID' });
  }
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isCalendarDate(value)) {
      errors.push({ field: `querystring/${field}`, message: 'must be a date YYYY-MM-DD' });
    }
  }
  if (query.period !== undefined && query.from !== undefined) {
    errors.push({
      field: 'querystring/period',
      message: 'give either period (with an optional to) or from/to, not both',
    });
  }
  if (errors.length > 0) throw invalid(errors);

  const local = today(locationIds);
  const to = query.to ?? local.latest;
  const ending = query.to ?? local.earliest;
  const from = query.from ?? addDays(ending, 1 - PERIOD_DAYS[query.period ?? defaultPeriod]);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalid([{ field: 'querystring/from', message: 'must not be after to' }]);
  if (days > MAX_RANGE_DAYS) {
    throw invalid([
      { field: 'querystring/from', message: `the range may cover at most ${MAX_RANGE_DAYS} days` },
    ]);
  }
  return {
    locationIds,
    brandId,
    from,
    to,
    days,
    previous: { from: addDays(from, -days), to: addDays(from, -1) },
  };
}

/** Repeated `location_id=` parameters, each possibly a comma-separated list; sorted, no duplicates. */
function parseLocations(raw: string[] | undefined, errors: FieldError[]): string[] | null {
  if (raw === undefined) return null;
  const ids = raw.flatMap((value) => value.split(',')).map((id) => id.trim().toLowerCase());
  const bad = ids.filter((id) => !UUID_PATTERN.test(id));
  if (bad.length > 0) {
    errors.push({ field: 'querystring/location_id', message: 'must be UUIDs (repeat or comma-separate)' });
  }
  const unique = [...new Set(ids)].sort();
  if (unique.length === 0) {
    errors.push({ field: 'querystring/location_id', message: 'must name at least one location' });
  }
  if (unique.length > MAX_LOCATIONS) {
    errors.push({ field: 'querystring/location_id', message: `at most ${MAX_LOCATIONS} locations` });
  }
  return unique;
}

function invalid(errors: FieldError[]): AppError {
  return new AppError('validation_failed', 'One or more fields are invalid', { errors });
}
