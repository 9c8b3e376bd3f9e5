import type { SimBusiness, SimPerson } from '../sim-world.js';
import { type CompiledWorld, openingOf } from './compile-world.js';
import { DAY_MS } from './opening-day.js';

/** Shifts overlap this long at opening, handover and closing (setting up, handing over, closing down). */
export const HANDOVER_MS = 15 * 60_000;
/** Everyone with hours works five days in seven, their two days off staggered through the crew. */
export const WORK_DAYS_PER_WEEK = 5;
/** Zone offsets run from UTC−12 to UTC+14, and a location may close after midnight. */
const DAYS_AROUND = 2;

/** One person's shift at their home location on one local day (epoch milliseconds). */
export interface PlannedShift {
  /** Unique per person and day: a window that overlaps the shift again names the same one. */
  key: string;
  business: SimBusiness;
  locationId: string;
  /** The location's IANA time zone. */
  timeZone: string;
  email: string;
  startsAt: number;
  endsAt: number;
  /** Which half of the day's opening it covers. */
  half: 'opening' | 'closing';
}

/**
 * The shifts of the demo's staff that overlap [from, to). Every kitchen worker, server or cashier,
 * manager and driver who belongs to particular locations works at the first of them, one shift a day on
 * WORK_DAYS_PER_WEEK of every seven days it opens: its hours are split into an opening and a closing
 * shift that overlap by a quarter of an hour at handover, and each starts or ends a quarter of an hour
 * beyond the opening hours. The n-th person of a location (by their order in the world) is off on the
 * days d with (d + n) mod 7 ≥ WORK_DAYS_PER_WEEK, so days off are spread through the crew, and takes
 * the opening or the closing half by the parity of d + n, so a crew covers both halves and one person
 * alternates between them. People who cover every location (the owner) keep no hours. Pure: the same
 * world gives the same shifts.
 */
export function shiftsOverlapping(compiled: CompiledWorld, from: number, to: number): PlannedShift[] {
  const shifts: PlannedShift[] = [];
  const firstDay = Math.max(0, Math.floor((from - compiled.epochMs) / DAY_MS) - DAYS_AROUND);
  const lastDay = Math.floor((to - compiled.epochMs) / DAY_MS) + DAYS_AROUND;
  for (const business of compiled.businesses) {
    const sim = compiled.world.businesses.find((candidate) => candidate.key === business.key);
    if (!sim) continue;
    const people: SimPerson[] = [...sim.kitchenStaff, ...sim.cashiers, ...sim.managers, ...sim.drivers];
    for (const site of business.locations) {
      const crew = people.filter((person) => person.locationKeys[0] === site.location.key);
      for (let day = firstDay; day <= lastDay && crew.length > 0; day++) {
        const opening = openingOf(compiled, site, day);
        // Closed weekdays too: the opening hours are the same every day, the orders stop (daily-volume.ts).
        if (opening.minutes <= 0 || site.location.closedWeekdays.includes(opening.weekday)) continue;
        const opens = opening.openMs;
        const closes = opens + opening.minutes * 60_000;
        const handover = opens + Math.round(opening.minutes / 2) * 60_000;
        crew.forEach((person, index) => {
          if ((day + index) % 7 >= WORK_DAYS_PER_WEEK) return;
          const half = (index + day) % 2 === 0 ? 'opening' : 'closing';
          const startsAt = (half === 'opening' ? opens : handover) - HANDOVER_MS;
          const endsAt = (half === 'opening' ? handover : closes) + HANDOVER_MS;
          if (startsAt < to && endsAt > from)
            shifts.push({
              key: `${person.email}/${day}`,
              business: sim,
              locationId: site.location.id,
              timeZone: site.location.timeZone,
              email: person.email,
              startsAt,
              endsAt,
              half,
            });
        });
      }
    }
  }
  return shifts.sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : 1));
}

/**
 * The shifts overlapping `overlapping` (default: the window) that begin and end inside `window`: the
 * finished shifts written history holds; those still under way at its end are the live simulation's.
 */
export function shiftsWithin(
  compiled: CompiledWorld,
  window: { from: number; to: number },
  overlapping: { from: number; to: number } = window,
): PlannedShift[] {
  return shiftsOverlapping(compiled, overlapping.from, overlapping.to).filter(
    (shift) => shift.startsAt >= window.from && shift.endsAt <= window.to,
  );
}
