export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Wall-clock facts about an instant in one IANA time zone. */
export interface LocalParts {
  weekday: Weekday;
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
}

// Building a DateTimeFormat is far slower than using one; menus check many items per request.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23 so midnight is 00, never 24 as some engines render it with hour12: false.
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The local weekday, date and minute of an instant. Throws RangeError for an unknown time zone: that
 * is bad stored data (location-service validates zones on input), not a business outcome.
 */
export function localParts(timeZone: string, instant: Date): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const weekday = (parts.weekday ?? '').toLowerCase() as Weekday;
  return {
    weekday,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The calendar day before a YYYY-MM-DD date, with its weekday (pure calendar arithmetic, no zone). */
export function previousDay(date: string, weekday: Weekday): { date: string; weekday: Weekday } {
  const [year, month, day] = date.split('-').map(Number);
  const previous = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) - 1));
  const index = WEEKDAYS.indexOf(weekday);
  return {
    date: previous.toISOString().slice(0, 10),
    weekday: WEEKDAYS[(index + 6) % 7] ?? weekday,
  };
}

/** Minutes since midnight for "HH:MM" (24:00 allowed as end of day); null when malformed. */
export function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/**
 * Whether minute-of-day `at` falls in the "HH:MM" window [from, to) that opens on `day` (today) or on
 * the day before. A window whose end is at or before its start runs past midnight into the next day;
 * one with equal ends lasts 24 hours. A malformed time never matches, so one bad stored window cannot
 * fail a whole menu or opening-hours check.
 */
export function inWindow(from: string, to: string, at: number, day: 'today' | 'yesterday'): boolean {
  const start = parseClock(from);
  const end = parseClock(to);
  if (start === null || end === null) return false;
  const overnight = end <= start;
  if (day === 'yesterday') return overnight && at < end;
  return overnight ? at >= start : at >= start && at < end;
}
