import { WEEKDAYS, type Weekday } from '../domain/locations/local-time.js';
import type { HoursSection, WeeklyHours } from '../domain/locations/opening-hours.js';
import type { DemoDemand } from './demo-catalog.js';

/** A named part of the day and the local minute it starts at (e.g. ['Dinner', 960]). */
export type DayPart = [name: string, startsAt: number];

/** Minutes after midnight (possibly past 1440) as the HH:MM the opening hours store. */
export function clockTime(minutes: number): string {
  const inDay = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`;
}

/**
 * The business hours a location's demand implies: open from opensAt to closesAt on every weekday it is
 * not closed, cut into the named day parts that fall inside (the part under way at opening starts
 * then). The simulator only knows opensAt/closesAt, so the hours must say exactly that.
 */
export function weeklyHours(demand: DemoDemand, parts: DayPart[]): WeeklyHours {
  const inside = parts.filter(([, startsAt]) => startsAt > demand.opensAt && startsAt < demand.closesAt);
  const first = parts.filter(([, startsAt]) => startsAt <= demand.opensAt).at(-1) ?? parts[0];
  const bounds: DayPart[] = [[first?.[0] ?? 'Open', demand.opensAt], ...inside];
  const sections: HoursSection[] = bounds.map(([name, startsAt], index) => ({
    name,
    opens: clockTime(startsAt),
    closes: clockTime(bounds[index + 1]?.[1] ?? demand.closesAt),
  }));
  const hours: WeeklyHours = {};
  for (const [index, weekday] of WEEKDAYS.entries()) {
    // WEEKDAYS starts on Monday; closedWeekdays counts from Sunday = 0.
    if (!demand.closedWeekdays.includes((index + 1) % 7)) hours[weekday as Weekday] = sections;
  }
  return hours;
}
