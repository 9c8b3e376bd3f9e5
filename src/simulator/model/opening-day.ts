import { offsetMinutes, resolveLocal } from './zone-offset.js';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * One local day of a location's opening hours as instants: the minutes it is open, walked in UTC so
 * that a DST change inside the window (late-night profiles close after 02:00) shortens or lengthens
 * it by the hour the clocks moved, like a real night.
 */
export interface OpeningDay {
  /** Local weekday of the day, 0 = Sunday. */
  weekday: number;
  /** The instant the location opens; 0 minutes when it does not open at all. */
  openMs: number;
  /** Whole minutes from opening to closing (the last minute may be partial: closing at 22:00 means the 21:59 minute is open). */
  minutes: number;
  /** Local minute of the day (may pass 1440 after midnight) at opening. */
  opensAtLocal: number;
  /** From this minute index on, local time is `shiftMinutes` further on than counting from opening gives. */
  shiftFrom: number;
  shiftMinutes: number;
}

/** Milliseconds at UTC midnight of an ISO date (only its YYYY-MM-DD part is read). */
export function dateMs(isoDate: string): number {
  return Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
}

/**
 * The opening of local day `day` after `epochMs` (UTC midnight of the world's epoch date): that
 * calendar date, in `timeZone`, from `opensAt` to `closesAt` minutes after local midnight.
 */
export function openingDay(
  timeZone: string,
  epochMs: number,
  day: number,
  opensAt: number,
  closesAt: number,
): OpeningDay {
  const localMidnight = epochMs + day * DAY_MS;
  const weekday = (Math.floor(localMidnight / DAY_MS) + 4) % 7;
  const end = closesAt > opensAt ? closesAt : closesAt + 1440;
  const open = resolveLocal(timeZone, localMidnight + opensAt * MINUTE_MS);
  // Intl lookups are the slow part of planning a day: closing usually has the opening's offset.
  const close = resolveLocal(timeZone, localMidnight + end * MINUTE_MS, open.offset);
  const openMs = open.utcMs;
  const minutes = Math.max(0, Math.round((close.utcMs - openMs) / MINUTE_MS));
  const before = open.offset;
  const after = close.offset;
  let shiftFrom = minutes;
  if (before !== after) {
    // Binary search for the first minute that has the new offset (a dozen Intl calls, twice a year).
    let low = 0;
    let high = minutes;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (offsetMinutes(timeZone, openMs + middle * MINUTE_MS) === before) low = middle + 1;
      else high = middle;
    }
    shiftFrom = low;
  }
  return {
    weekday: ((weekday % 7) + 7) % 7,
    openMs,
    minutes,
    opensAtLocal: opensAt,
    shiftFrom,
    shiftMinutes: after - before,
  };
}

/** Local minute of the day (0 ≤ m < 2880) of minute index `index` after opening. */
export function localMinuteAt(day: OpeningDay, index: number): number {
  return day.opensAtLocal + index + (index >= day.shiftFrom ? day.shiftMinutes : 0);
}
