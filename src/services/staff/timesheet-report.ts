import type { Static } from '@sinclair/typebox';
import { daysBetween, isCalendarDate } from '../../domain/calendar.js';
import { timesheetDays } from '../../domain/staff/timesheet.js';
import type { TimesheetView } from '../../schemas/time-clock.js';
import type { Queryable } from '../../storage/database.js';
import { fieldError } from '../admin/references.js';
import { SELECT_SHIFTS, type ShiftRow } from './shift-rows.js';

type Timesheet = Static<typeof TimesheetView>;

const HOUR_MS = 3_600_000;

/**
 * Hours and pay per person and local day for [from, to] (dates of the locations worked at), from
 * closed shifts, by the rules of src/domain/staff/timesheet.ts; shifts still open are counted apart.
 */
export async function readTimesheet(
  db: Queryable,
  businessId: string,
  range: { from: string; to: string; locationId?: string | undefined },
): Promise<Timesheet> {
  for (const field of ['from', 'to'] as const) {
    if (!isCalendarDate(range[field])) throw fieldError(`querystring/${field}`, 'is not a calendar date');
  }
  if (range.to < range.from) throw fieldError('querystring/to', 'is before from');
  if (daysBetween(range.from, range.to) > 92)
    throw fieldError('querystring/to', 'is more than 92 days after from');
  // Local dates run up to 14 hours either side of UTC: read the shifts that may fall in the range.
  const params: unknown[] = [
    businessId,
    new Date(Date.parse(`${range.from}T00:00:00Z`) - 14 * HOUR_MS).toISOString(),
    new Date(Date.parse(`${range.to}T00:00:00Z`) + 38 * HOUR_MS).toISOString(),
  ];
  let where = 's.business_id = $1 AND s.clock_in_at >= $2 AND s.clock_in_at < $3';
  if (range.locationId) {
    params.push(range.locationId);
    where += ` AND s.location_id = $${params.length}`;
  }
  const [{ rows }, business] = await Promise.all([
    db.query<ShiftRow>(`${SELECT_SHIFTS} WHERE ${where}`, params),
    db.query<{ currency: string }>('SELECT currency FROM businesses WHERE id = $1', [businessId]),
  ]);
  const names = new Map(rows.map((row) => [row.user_id, row.name]));
  const closed = rows.filter((row) => row.clock_out_at !== null);
  const days = timesheetDays(
    closed.map((row) => ({
      userId: row.user_id,
      clockInAt: new Date(row.clock_in_at),
      clockOutAt: new Date(row.clock_out_at as Date | string),
      timeZone: row.time_zone,
      hourlyRateMinor: row.hourly_rate_minor,
    })),
  ).filter((day) => day.date >= range.from && day.date <= range.to);
  const people = new Map<string, Timesheet['people'][number]>();
  for (const day of days) {
    const person = people.get(day.userId) ?? {
      userId: day.userId,
      name: names.get(day.userId) ?? '',
      ...emptyTotals(),
    };
    addDay(person, day);
    people.set(day.userId, person);
  }
  const totals = emptyTotals();
  for (const person of people.values()) {
    totals.minutes += person.minutes;
    totals.regularMinutes += person.regularMinutes;
    totals.overtimeMinutes += person.overtimeMinutes;
    totals.payMinor += person.payMinor;
    totals.unpricedPeople += person.unpricedPeople;
  }
  const openShifts = rows.filter((row) => row.clock_out_at === null).length;
  return {
    from: range.from,
    to: range.to,
    currency: business.rows[0]?.currency ?? '',
    days: days.map((day) => ({ ...day, name: names.get(day.userId) ?? '' })),
    people: [...people.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1),
    ),
    totals,
    openShifts,
  };
}

function emptyTotals() {
  return { minutes: 0, regularMinutes: 0, overtimeMinutes: 0, payMinor: 0, unpricedPeople: 0 };
}

function addDay(
  person: ReturnType<typeof emptyTotals>,
  day: { minutes: number; regularMinutes: number; overtimeMinutes: number; payMinor: number | null },
): void {
  person.minutes += day.minutes;
  person.regularMinutes += day.regularMinutes;
  person.overtimeMinutes += day.overtimeMinutes;
  if (day.payMinor === null) person.unpricedPeople = 1;
  else person.payMinor += day.payMinor;
}
