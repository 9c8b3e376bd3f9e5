import { describe, expect, it } from 'vitest';
import { buildDemoWorld } from '../../../../src/demo/demo-world.js';
import { localParts } from '../../../../src/domain/locations/local-time.js';
import { compileWorld, openingOf } from '../../../../src/simulator/model/compile-world.js';
import { DAY_MS } from '../../../../src/simulator/model/opening-day.js';
import { shiftsOverlapping } from '../../../../src/simulator/model/staff-shifts.js';
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

  it('starts a quarter of an hour before opening and ends a quarter of an hour after closing', () => {
    const business = compiled.businesses[0];
    const site = business?.locations[0];
    if (!business || !site) throw new Error('the demo has a location');
    const cook = sim.businesses[0]?.kitchenStaff.find(
      (person) => person.locationKeys[0] === site.location.key,
    );
    if (!cook) throw new Error('the first location has a cook');
    const theirs = shifts.filter((shift) => shift.email === cook.email);
    for (const shift of theirs) {
      const day = Math.round((shift.startsAt + QUARTER_HOUR - compiled.epochMs) / DAY_MS);
      const candidates = [day - 1, day, day + 1].map((d) => openingOf(compiled, site, d));
      const opening = candidates.find((candidate) => candidate.openMs === shift.startsAt + QUARTER_HOUR);
      expect(opening, new Date(shift.startsAt).toISOString()).toBeDefined();
      expect(shift.endsAt).toBe((opening?.openMs ?? 0) + (opening?.minutes ?? 0) * 60_000 + QUARTER_HOUR);
      // Local opening time, in the location's zone: the minute the model opens it.
      const local = localParts(site.location.timeZone, new Date(shift.startsAt + QUARTER_HOUR));
      expect(local.minutes).toBe(site.location.opensAt);
      // No shift on a day the location stays closed.
      expect(site.location.closedWeekdays).not.toContain(WEEKDAYS.indexOf(local.weekday));
    }
    // Seven local days start in the week (Toronto's days lie inside its UTC dates); the evening before
    // the window's first day overlaps it too.
    expect(theirs.filter((shift) => shift.startsAt >= from).length).toBe(
      7 - site.location.closedWeekdays.length,
    );
    expect(theirs.filter((shift) => shift.startsAt < from && shift.endsAt > from).length).toBeLessThanOrEqual(
      1,
    );
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
