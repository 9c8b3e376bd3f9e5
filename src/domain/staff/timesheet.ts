import { localParts } from '../locations/local-time.js';

/**
 * Timesheets from time-clock shifts (pure). A shift counts on the local day it started, in the time
 * zone of the location it was worked at, whole: a shift from 22:00 to 02:00 is four hours of the first
 * day, as payroll usually books a night shift. Per person and day, the first eight hours are regular
 * and the rest overtime (the reference's rule: overtime = hours above 8 a day), paid at 1.5 × the
 * hourly rate. Minutes are whole (seconds are dropped per shift); pay is in minor units, rounded half
 * up once per person and day.
 */
export const REGULAR_MINUTES_PER_DAY = 8 * 60;
export const OVERTIME_RATE = 1.5;

export interface ClosedShift {
  userId: string;
  clockInAt: Date;
  clockOutAt: Date;
  /** The time zone of the location worked at. */
  timeZone: string;
  /** The hourly rate when the shift began (minor units); null when the business keeps none. */
  hourlyRateMinor: number | null;
}

export interface TimesheetDay {
  userId: string;
  /** Local date the shifts began on, YYYY-MM-DD. */
  date: string;
  shifts: number;
  minutes: number;
  regularMinutes: number;
  overtimeMinutes: number;
  /** Null when a shift of the day has no hourly rate: pay cannot be told. */
  payMinor: number | null;
}

/** Whole minutes worked in a shift (never negative). */
export function shiftMinutes(clockInAt: Date, clockOutAt: Date): number {
  return Math.max(0, Math.floor((clockOutAt.getTime() - clockInAt.getTime()) / 60_000));
}

/**
 * One line per person and local day, by person then date. Within a day, the rate of overtime minutes
 * is the rate of the shift that worked them (the day's shifts in clock-in order).
 */
export function timesheetDays(shifts: readonly ClosedShift[]): TimesheetDay[] {
  const days = new Map<string, { userId: string; date: string; shifts: ClosedShift[] }>();
  for (const shift of shifts) {
    const date = localParts(shift.timeZone, shift.clockInAt).date;
    const key = `${shift.userId}|${date}`;
    const day = days.get(key) ?? { userId: shift.userId, date, shifts: [] };
    day.shifts.push(shift);
    days.set(key, day);
  }
  return [...days.values()]
    .map(({ userId, date, shifts: worked }) => dayOf(userId, date, worked))
    .sort((a, b) =>
      a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
}

function dayOf(userId: string, date: string, shifts: ClosedShift[]): TimesheetDay {
  const ordered = [...shifts].sort((a, b) => a.clockInAt.getTime() - b.clockInAt.getTime());
  let minutes = 0;
  // Pay in fractional minor units until the day's one rounding.
  let pay: number | null = 0;
  for (const shift of ordered) {
    const worked = shiftMinutes(shift.clockInAt, shift.clockOutAt);
    const regular = Math.max(0, Math.min(worked, REGULAR_MINUTES_PER_DAY - minutes));
    const overtime = worked - regular;
    minutes += worked;
    if (pay === null || shift.hourlyRateMinor === null) pay = null;
    else pay += (shift.hourlyRateMinor * (regular + overtime * OVERTIME_RATE)) / 60;
  }
  const regularMinutes = Math.min(minutes, REGULAR_MINUTES_PER_DAY);
  return {
    userId,
    date,
    shifts: shifts.length,
    minutes,
    regularMinutes,
    overtimeMinutes: minutes - regularMinutes,
    // Half up; a tiny epsilon keeps x.5 computed as x.4999… from rounding down.
    payMinor: pay === null ? null : Math.floor(pay + 0.5 + 1e-9),
  };
}
