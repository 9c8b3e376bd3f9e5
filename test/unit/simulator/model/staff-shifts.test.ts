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

  it('covers the whole opening where two or more people work, and alternates a lone person', () => {
    const sim0 = sim.businesses[0];
    const business = compiled.businesses[0];
    if (!sim0 || !business) throw new Error('the demo has businesses');
    const crewOf = (key: string) =>
      [...sim0.kitchenStaff, ...sim0.managers, ...sim0.drivers].filter(
        (person) => person.locationKeys[0] === key,
      );
    const crowded = business.locations.find((site) => crewOf(site.location.key).length >= 2);
    const lone = business.locations.find((site) => crewOf(site.location.key).length === 1);
    if (!crowded || !lone)
      throw new Error('the demo chain has a location with a crew and one with one person');
    const byStart = (a: { startsAt: number }, b: { startsAt: number }) => a.startsAt - b.startsAt;
    const crowdedShifts = shifts.filter(
      (shift) => shift.locationId === crowded.location.id && shift.startsAt >= from,
    );
    const openings = crowdedShifts.filter((shift) => shift.half === 'opening').sort(byStart);
    const closings = crowdedShifts.filter((shift) => shift.half === 'closing').sort(byStart);
    expect(openings.length).toBeGreaterThan(0);
    expect(closings.length).toBeGreaterThan(0);
    // Every opening shift of a day is handed over to a closing shift of the same day.
    for (const opening of openings)
      expect(closings.some((closing) => closing.startsAt === opening.endsAt - 2 * QUARTER_HOUR)).toBe(true);
    const loneShifts = shifts
      .filter((shift) => shift.locationId === lone.location.id && shift.startsAt >= from)
      .sort(byStart);
    expect(loneShifts.length).toBe(7 - lone.location.closedWeekdays.length);
    // Consecutive days alternate halves (when no closed day falls between).
    for (let i = 1; i < loneShifts.length; i++) {
      const previous = loneShifts[i - 1];
      const current = loneShifts[i];
      if (previous && current && current.startsAt - previous.startsAt < 1.5 * DAY_MS)
        expect(current.half).not.toBe(previous.half);
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
