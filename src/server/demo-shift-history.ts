import { actorRoleIn, type Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { loadPrincipal } from '../services/auth/principal-loader.js';
import { overlapsAnotherShift } from '../services/staff/shift-rows.js';
import { TimeClockService } from '../services/staff/time-clock-service.js';
import type { HistoryWindow } from '../simulator/history/write-history.js';
import { compileWorld } from '../simulator/model/compile-world.js';
import { shiftsWithin } from '../simulator/model/staff-shifts.js';
import type { SimWorld } from '../simulator/sim-world.js';
import type { Database } from '../storage/database.js';

/**
 * The demo staff's shifts in the history window — those that began and ended in it — clocked in and
 * out through the time clock service with its clock set to each shift's start and end: the rows and
 * staff.* events a live clock-in and clock-out write, at the simulated hours, so the demo's timesheets
 * hold whole days (regular hours, overtime, pay) from the first start. Shifts still under way when the
 * window ends are the live simulation's. One person has one open shift, and these are opened and
 * closed one by one: `brigade start` writes them before its live simulation starts, and a person on the
 * clock now (a backfill beside a running Brigade) has their past shifts left out. A shift the person
 * already has time on is skipped, so writing a window again adds nothing. Returns the shifts written.
 */
export async function writeShiftHistory(db: Database, sim: SimWorld, window: HistoryWindow): Promise<number> {
  const shifts = shiftsWithin(compileWorld(sim), window);
  if (shifts.length === 0) return 0;
  const { rows: users } = await db.query<{ id: string; email: string }>(
    'SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])',
    [[...new Set(shifts.map((shift) => shift.email.toLowerCase()))]],
  );
  const userIds = new Map(users.map((user) => [user.email, user.id]));
  let at = new Date(window.from);
  const clock = new TimeClockService(db, () => at);
  // Each person acts as themselves, once a day of the window: their principal is read once.
  const principals = new Map<string, Principal>();
  let written = 0;
  for (const shift of shifts) {
    const userId = userIds.get(shift.email.toLowerCase());
    if (!userId) throw new Error(`the demo is not seeded here (no user ${shift.email})`);
    const span = { from: new Date(shift.startsAt), to: new Date(shift.endsAt) };
    if (await overlapsAnotherShift(db, { businessId: shift.business.id, userId, ...span })) continue;
    const principal = principals.get(userId) ?? (await loadPrincipal(db, userId));
    if (!principal) throw new Error(`no user ${shift.email}`);
    principals.set(userId, principal);
    const actor = { principal, role: actorRoleIn(principal, shift.business.id, shift.locationId) };
    at = span.from;
    try {
      await clock.clockIn(actor, shift.locationId, shift.business.id);
    } catch (error) {
      // On the clock right now (a live shift, beside a running Brigade): a past shift cannot be opened
      // while another is, so this one is left out.
      if (error instanceof AppError && error.code === 'already_clocked_in') continue;
      throw error;
    }
    at = span.to;
    await clock.clockOut(actor, shift.business.id);
    written += 1;
  }
  return written;
}
