import { localParts } from '../domain/locations/local-time.js';
import { AppError } from '../errors/app-error.js';
import type { ReportSession } from './report-session.js';

/** A location as the lake's latest dimension snapshot knows it. */
export interface LakeLocation {
  locationId: string;
  name: string | null;
  timeZone: string | null;
  currency: string | null;
  status: string | null;
  deleted: boolean;
}

export async function loadLocations(session: ReportSession): Promise<LakeLocation[]> {
  const rows = await session.rows<{
    location_id: string;
    name: string | null;
    time_zone: string | null;
    currency: string | null;
    status: string | null;
    deleted: boolean | null;
  }>(
    // The snapshot holds one row per location; should a rewrite ever leave two, the newest wins.
    `SELECT location_id, arg_max(name, updated_at) AS name, arg_max(time_zone, updated_at) AS time_zone,
            arg_max(currency, updated_at) AS currency, arg_max(status, updated_at) AS status,
            arg_max(deleted, updated_at) AS deleted
       FROM dim_locations WHERE location_id IS NOT NULL GROUP BY location_id ORDER BY location_id`,
  );
  return rows.map((row) => ({
    locationId: row.location_id,
    name: row.name,
    timeZone: row.time_zone,
    currency: row.currency,
    status: row.status,
    deleted: row.deleted === true,
  }));
}

/** The local dates of "today" over a set of locations. */
export interface LocalToday {
  earliest: string;
  latest: string;
}

/**
 * The business's locations (from the lake's dim_locations): their zones decide what "today" is, and
 * their currencies which currency the figures are in.
 */
export class LocationDirectory {
  private readonly byId: Map<string, LakeLocation>;

  constructor(readonly locations: readonly LakeLocation[]) {
    this.byId = new Map(locations.map((location) => [location.locationId, location]));
  }

  get(locationId: string): LakeLocation | undefined {
    return this.byId.get(locationId);
  }

  /** The locations a filter selects that the lake knows (all when `ids` is null). */
  selected(ids: readonly string[] | null): LakeLocation[] {
    if (ids === null) return this.locations.filter((location) => !location.deleted);
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }

  /** A location's local date at `now`; UTC when its zone is unknown. */
  localDate(locationId: string, now: Date): string {
    return localDateIn(this.byId.get(locationId)?.timeZone ?? null, now);
  }

  /**
   * "Today" at these locations: the earliest and the latest of their local dates (the same date
   * unless their zones straddle midnight). UTC's date when no location is known.
   */
  today(ids: readonly string[] | null, now: Date): LocalToday {
    const dates = this.selected(ids)
      .map((location) => localDateIn(location.timeZone, now))
      .sort();
    const utc = localDateIn(null, now);
    return { earliest: dates[0] ?? utc, latest: dates.at(-1) ?? utc };
  }

  /**
   * The one currency of the selected locations, or null when the lake knows none of them. Money is
   * never added across currencies: several currencies need a narrower location filter.
   */
  currency(ids: readonly string[] | null): string | null {
    const currencies = [
      ...new Set(this.selected(ids).flatMap((location) => (location.currency ? [location.currency] : []))),
    ].sort();
    if (currencies.length > 1) {
      throw new AppError(
        'analytics_mixed_currencies',
        `These locations trade in ${currencies.join(' and ')}; filter by location_id to one currency`,
        { extra: { currencies } },
      );
    }
    return currencies[0] ?? null;
  }
}

function localDateIn(timeZone: string | null, now: Date): string {
  if (timeZone) {
    try {
      return localParts(timeZone, now).date;
    } catch {
      // An unknown zone in the lake is bad data, not a reason to fail a dashboard: fall back to UTC.
    }
  }
  return now.toISOString().slice(0, 10);
}
