import type { SimBusiness, SimPerson } from '../sim-world.js';
import { type CompiledWorld, openingOf } from './compile-world.js';
import { DAY_MS } from './opening-day.js';

/** Staff arrive this long before opening and leave this long after closing. */
const SETUP_MS = 15 * 60_000;
/** Zone offsets run from UTC−12 to UTC+14, and a location may close after midnight. */
const DAYS_AROUND = 2;

/** One person's shift at their home location on one local day (epoch milliseconds). */
export interface PlannedShift {
  /** Unique per person and day: a window that overlaps the shift again names the same one. */
  key: string;
  business: SimBusiness;
  locationId: string;
  email: string;
  startsAt: number;
  endsAt: number;
}

/**
 * The shifts of the demo's staff that overlap [from, to): every kitchen worker, manager and driver
 * who belongs to particular locations works at the first of them from a quarter of an hour before
 * it opens to a quarter of an hour after it closes, every day it opens. People who cover every
 * location (the owner) keep no hours. Pure: the same world gives the same shifts.
 */
export function shiftsOverlapping(compiled: CompiledWorld, from: number, to: number): PlannedShift[] {
  const shifts: PlannedShift[] = [];
  const firstDay = Math.floor((from - compiled.epochMs) / DAY_MS) - DAYS_AROUND;
  const lastDay = Math.floor((to - compiled.epochMs) / DAY_MS) + DAYS_AROUND;
  for (const business of compiled.businesses) {
    const sim = compiled.world.businesses.find((candidate) => candidate.key === business.key);
    if (!sim) continue;
    const people: SimPerson[] = [...sim.kitchenStaff, ...sim.managers, ...sim.drivers];
    for (const person of people) {
      const home = business.locations.find((site) => site.location.key === person.locationKeys[0]);
      if (!home) continue;
      for (let day = Math.max(0, firstDay); day <= lastDay; day++) {
        const opening = openingOf(compiled, home, day);
        if (opening.minutes <= 0) continue;
        const startsAt = opening.openMs - SETUP_MS;
        const endsAt = opening.openMs + opening.minutes * 60_000 + SETUP_MS;
        if (startsAt < to && endsAt > from)
          shifts.push({
            key: `${person.email}/${day}`,
            business: sim,
            locationId: home.location.id,
            email: person.email,
            startsAt,
            endsAt,
          });
      }
    }
  }
  return shifts.sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : 1));
}
