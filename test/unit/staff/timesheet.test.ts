import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClosedShift,
  OVERTIME_RATE,
  REGULAR_MINUTES_PER_DAY,
  shiftMinutes,
  timesheetDays,
} from '../../../src/domain/staff/timesheet.js';

const shift = (
  userId: string,
  from: string,
  to: string,
  rate: number | null = 2000,
  timeZone = 'America/Toronto',
): ClosedShift => ({
  userId,
  clockInAt: new Date(from),
  clockOutAt: new Date(to),
  timeZone,
  hourlyRateMinor: rate,
});

describe('timesheetDays', () => {
  it('pays the first eight hours of a day at the rate and the rest at 1.5 times it', () => {
    // 09:00–13:00 and 14:00–20:30 Toronto (EST, UTC−5): 10.5 hours.
    const days = timesheetDays([
      shift('ana', '2026-01-15T14:00:00Z', '2026-01-15T18:00:00Z'),
      shift('ana', '2026-01-15T19:00:00Z', '2026-01-16T01:30:00Z'),
    ]);
    expect(days).toEqual([
      {
        userId: 'ana',
        date: '2026-01-15',
        shifts: 2,
        minutes: 630,
        regularMinutes: 480,
        overtimeMinutes: 150,
        // 8 h × 20.00 + 2.5 h × 30.00 = 160.00 + 75.00
        payMinor: 23_500,
      },
    ]);
  });

  it('books a night shift on the local day it began, in the location’s time zone', () => {
    // 22:00–02:00 in Vancouver (PST, UTC−8) on the 15th: 06:00Z to 10:00Z on the 16th.
    const days = timesheetDays([
      shift('ben', '2026-01-16T06:00:00Z', '2026-01-16T10:00:00Z', 1800, 'America/Vancouver'),
    ]);
    expect(days.map((day) => [day.date, day.minutes, day.payMinor])).toEqual([['2026-01-15', 240, 7200]]);
  });

  it('prices overtime at the rate of the shift that worked it, and leaves pay unknown without a rate', () => {
    const days = timesheetDays([
      shift('cy', '2026-01-15T13:00:00Z', '2026-01-15T19:00:00Z', 1000),
      shift('cy', '2026-01-15T20:00:00Z', '2026-01-16T00:00:00Z', 3000),
      shift('di', '2026-01-15T13:00:00Z', '2026-01-15T14:00:00Z', null),
    ]);
    // cy: 6 h at 10.00, then 2 h regular + 2 h overtime at 30.00 → 60 + 60 + 90.
    expect(days.find((day) => day.userId === 'cy')?.payMinor).toBe(21_000);
    expect(days.find((day) => day.userId === 'di')).toMatchObject({ minutes: 60, payMinor: null });
  });

  it('rounds pay half up once per day, and drops seconds per shift', () => {
    // 1 minute at 1.01/h = 1.6833… cents → 2; 59.9 s counts as no minute.
    const days = timesheetDays([
      shift('ed', '2026-01-15T13:00:00Z', '2026-01-15T13:01:00Z', 101),
      shift('ed', '2026-01-15T14:00:00Z', '2026-01-15T14:00:59.900Z', 101),
    ]);
    expect(days[0]).toMatchObject({ minutes: 1, payMinor: 2 });
    expect(shiftMinutes(new Date('2026-01-15T14:00:00Z'), new Date('2026-01-15T13:00:00Z'))).toBe(0);
  });

  it('keeps the invariants for any shifts: regular ≤ 8 h a day, regular + overtime = worked, pay between bounds', () => {
    const shiftArb = fc.record({
      userId: fc.constantFrom('a', 'b', 'c'),
      startMinute: fc.integer({ min: 0, max: 10 * 24 * 60 }),
      length: fc.integer({ min: 0, max: 16 * 60 }),
      rate: fc.integer({ min: 0, max: 10_000 }),
      timeZone: fc.constantFrom('America/Toronto', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'),
    });
    fc.assert(
      fc.property(fc.array(shiftArb, { maxLength: 30 }), (specs) => {
        const base = Date.parse('2026-03-01T00:00:00Z');
        const shifts = specs.map((spec) =>
          shift(
            spec.userId,
            new Date(base + spec.startMinute * 60_000).toISOString(),
            new Date(base + (spec.startMinute + spec.length) * 60_000).toISOString(),
            spec.rate,
            spec.timeZone,
          ),
        );
        const days = timesheetDays(shifts);
        expect(days.reduce((sum, day) => sum + day.shifts, 0)).toBe(shifts.length);
        expect(days.reduce((sum, day) => sum + day.minutes, 0)).toBe(
          specs.reduce((sum, spec) => sum + spec.length, 0),
        );
        for (const day of days) {
          expect(day.regularMinutes).toBeLessThanOrEqual(REGULAR_MINUTES_PER_DAY);
          expect(day.regularMinutes + day.overtimeMinutes).toBe(day.minutes);
          const ofDay = shifts.filter((s) => s.userId === day.userId);
          const maxRate = Math.max(...ofDay.map((s) => s.hourlyRateMinor ?? 0));
          const minRate = Math.min(...ofDay.map((s) => s.hourlyRateMinor ?? 0));
          const pay = day.payMinor ?? 0;
          expect(pay).toBeGreaterThanOrEqual(Math.floor((minRate * day.minutes) / 60));
          expect(pay).toBeLessThanOrEqual(
            Math.ceil((maxRate * (day.regularMinutes + day.overtimeMinutes * OVERTIME_RATE)) / 60),
          );
        }
      }),
    );
  });
});
