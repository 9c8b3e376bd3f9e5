import { describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../../../src/demo/demo-world.js';
import { localParts } from '../../../../src/domain/locations/local-time.js';
import { compileWorld, openingOf } from '../../../../src/simulator/model/compile-world.js';
import { DAY_MS } from '../../../../src/simulator/model/opening-day.js';
import { shiftsOverlapping, WORK_DAYS_PER_WEEK } from '../../../../src/simulator/model/staff-shifts.js';
import { simWorldOf } from '../../../../src/simulator/world/demo-sim-world.js';

const sim = simWorldOf(buildDemoWorld());
const compiled = compileWorld(sim);
const QUARTER_HOUR = 15 * 60_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// A week of the demo's spring: every weekday, some location closed on some of them.
const from = Date.parse('2026-03-02T00:00:00Z');
const to = from + 7 * DAY_MS;

describe('staff shifts of the live simulation', () => {
  const shifts = shiftsOverlapping(compiled, from, to);

  it('gives every located kitchen worker, manager and driver a shift around their first location’s hours', () => {
    for (const business of sim.businesses) {
      const located = [...business.kitchenStaff, ...business.managers, ...business.drivers].filter(
        (person) => person.locationKeys.length > 0,
      );
      expect(located.length).toBeGreaterThan(0);
      for (const person of located) {
        const home = business.locations.find((site) => site.key === person.locationKeys[0]);
        const mine = shifts.filter((shift) => shift.email === person.email);
        expect(mine.length, person.email).toBeGreaterThan(0);
        for (const shift of mine) {
          expect(shift.business.key).toBe(business.key);
          expect(shift.locationId).toBe(home?.id);
        }
      }
      // People who cover every location (the owner) keep no hours.
      for (const person of business.managers.filter((candidate) => candidate.locationKeys.length === 0))
        expect(shifts.some((shift) => shift.email === person.email)).toBe(false);
    }
  });

  it('splits each opening into an opening and a closing shift, a quarter of an hour either side', () => {
    for (const business of compiled.businesses) {
      for (const site of business.locations) {
        const here = shifts.filter((shift) => shift.locationId === site.location.id);
        for (const shift of here) {
          // The day whose opening the shift belongs to: an opening shift starts at its opening, a
          // closing one ends at its closing (each a quarter of an hour beyond).
          const candidates = [-2, -1, 0, 1].map((offset) =>
            openingOf(compiled, site, Math.floor((shift.startsAt - compiled.epochMs) / DAY_MS) + offset),
          );
          const opening = candidates.find((candidate) =>
            shift.half === 'opening'
              ? candidate.openMs === shift.startsAt + QUARTER_HOUR
              : candidate.openMs + candidate.minutes * 60_000 === shift.endsAt - QUARTER_HOUR,
          );
          expect(opening, `${shift.key} ${new Date(shift.startsAt).toISOString()}`).toBeDefined();
          if (!opening) continue;
          const handover = opening.openMs + Math.round(opening.minutes / 2) * 60_000;
          if (shift.half === 'opening') expect(shift.endsAt).toBe(handover + QUARTER_HOUR);
          else expect(shift.startsAt).toBe(handover - QUARTER_HOUR);
          // At most about nine and a half hours: the longest demo opening is 17.5 hours.
          expect(shift.endsAt - shift.startsAt).toBeLessThanOrEqual(9.5 * 3_600_000);
          const local = localParts(site.location.timeZone, new Date(opening.openMs));
          expect(local.minutes).toBe(site.location.opensAt);
          // No shift on a day the location stays closed.
          expect(site.location.closedWeekdays).not.toContain(WEEKDAYS.indexOf(local.weekday));
        }
      }
    }
  });

  it('covers both halves of every day a location opens, each person five days in seven, alternating', () => {
    for (const business of compiled.businesses) {
      for (const site of business.locations) {
        const here = shifts.filter(
          (shift) => shift.locationId === site.location.id && shift.startsAt >= from && shift.startsAt < to,
        );
        // Every day it opens has both halves staffed: the two halves of a day meet at its handover, so
        // they are grouped by the handover's local date (the window's first and last days are partial).
        const days = new Map<string, Set<string>>();
        const dayOf = (shift: (typeof here)[number]) =>
          localParts(
            site.location.timeZone,
            new Date(shift.half === 'opening' ? shift.endsAt - QUARTER_HOUR : shift.startsAt + QUARTER_HOUR),
          ).date;
        for (const shift of here) {
          const day = dayOf(shift);
          days.set(day, (days.get(day) ?? new Set()).add(shift.half));
        }
        const dates = [...days.keys()].sort();
        expect(dates.length, site.location.key).toBeGreaterThanOrEqual(
          6 - site.location.closedWeekdays.length,
        );
        for (const day of dates.slice(1, -1))
          expect([...(days.get(day) ?? [])].sort(), `${site.location.key} ${day}`).toEqual([
            'closing',
            'opening',
          ]);
        // Each person, over seven local days: five shifts at most (one fewer when the location closes on
        // one of them, another when the window starts after the first day's opening half), and
        // consecutive days on alternate halves.
        const first = Date.parse(`${dates[0]}T00:00:00Z`);
        const week = new Set(
          Array.from({ length: 7 }, (_, k) => new Date(first + k * DAY_MS).toISOString().slice(0, 10)),
        );
        const byPerson = new Map<string, typeof here>();
        for (const shift of here.filter((one) => week.has(dayOf(one))))
          byPerson.set(shift.email, [...(byPerson.get(shift.email) ?? []), shift]);
        for (const [email, mine] of byPerson) {
          expect(mine.length, email).toBeLessThanOrEqual(WORK_DAYS_PER_WEEK);
          expect(mine.length, email).toBeGreaterThanOrEqual(
            WORK_DAYS_PER_WEEK - site.location.closedWeekdays.length - 1,
          );
          const sorted = [...mine].sort((a, b) => a.startsAt - b.startsAt);
          for (let i = 1; i < sorted.length; i++) {
            const previous = sorted[i - 1];
            const current = sorted[i];
            if (previous && current && current.startsAt - previous.startsAt < 1.5 * DAY_MS)
              expect(current.half, email).not.toBe(previous.half);
          }
        }
      }
    }
  });

  it('never overlaps one person’s shifts, and names a shift the same from any window that overlaps it', () => {
    const byPerson = new Map<string, typeof shifts>();
    for (const shift of shifts) byPerson.set(shift.email, [...(byPerson.get(shift.email) ?? []), shift]);
    for (const [, mine] of byPerson) {
      const sorted = [...mine].sort((a, b) => a.startsAt - b.startsAt);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]?.startsAt).toBeGreaterThanOrEqual(sorted[i - 1]?.endsAt ?? 0);
      expect(new Set(mine.map((shift) => shift.key)).size).toBe(mine.length);
    }
    const shift = shifts[Math.floor(shifts.length / 2)];
    if (!shift) throw new Error('a week has shifts');
    // A quarter-hour window inside it, and one across its end: the same shift, the same key.
    const inside = shiftsOverlapping(compiled, shift.startsAt + 60_000, shift.startsAt + QUARTER_HOUR);
    const acrossEnd = shiftsOverlapping(compiled, shift.endsAt - 60_000, shift.endsAt + QUARTER_HOUR);
    expect(inside.find((other) => other.key === shift.key)).toEqual(shift);
    expect(acrossEnd.find((other) => other.key === shift.key)).toEqual(shift);
    // Nothing overlaps a window that ends where the shift starts.
    expect(
      shiftsOverlapping(compiled, shift.startsAt - QUARTER_HOUR, shift.startsAt).some(
        (other) => other.key === shift.key,
      ),
    ).toBe(false);
  });
});
