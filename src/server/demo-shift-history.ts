import { actorRoleIn, type Principal } from '../auth/principal.js';
import { loadPrincipal } from '../services/auth/principal-loader.js';
import { TimeClockService } from '../services/staff/time-clock-service.js';
import type { HistoryWindow } from '../simulator/history/write-history.js';
import { compileWorld } from '../simulator/model/compile-world.js';
import { shiftsWithin } from '../simulator/model/staff-shifts.js';
import type { SimWorld } from '../simulator/sim-world.js';
import type { Database } from '../storage/database.js';

/**
 * The demo staff's shifts in the history window — those that began and ended in it — written through
 * the time clock service as past shifts (`TimeClockService.recordShift`): the rows and staff.* events
 * a live clock-in and clock-out write, at the simulated hours, so the demo's timesheets hold whole
 * days (regular hours, overtime, pay) from the first start. Shifts still under way when the window
 * ends are the live simulation's. A recorded shift does not take the person's open shift, so this runs
 * beside the live simulation (in the background of `brigade start`, demo-history.ts); a shift that
 * overlaps one the person already has is skipped, so writing a window again adds nothing. Stops
 * between two shifts when `stopping()` says so. Returns the shifts written.
 */
export async function writeShiftHistory(
  db: Database,
  sim: SimWorld,
  window: HistoryWindow,
  stopping: () => boolean = () => false,
): Promise<number> {
  const shifts = shiftsWithin(compileWorld(sim), window);
  if (shifts.length === 0) return 0;
  const { rows: users } = await db.query<{ id: string; email: string }>(
    'SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])',
    [[...new Set(shifts.map((shift) => shift.email.toLowerCase()))]],
  );
  const userIds = new Map(users.map((user) => [user.email, user.id]));
  const clock = new TimeClockService(db, () => new Date());
  // Each person acts as themselves: their principal is read once.
  const principals = new Map<string, Principal>();
  let written = 0;
  for (const shift of shifts) {
    if (stopping()) break;
    const userId = userIds.get(shift.email.toLowerCase());
    if (!userId) throw new Error(`the demo is not seeded here (no user ${shift.email})`);
    const principal = principals.get(userId) ?? (await loadPrincipal(db, userId));
    if (!principal) throw new Error(`no user ${shift.email}`);
    principals.set(userId, principal);
    const actor = { principal, role: actorRoleIn(principal, shift.business.id, shift.locationId) };
    const span = { from: new Date(shift.startsAt), to: new Date(shift.endsAt) };
    if (await clock.recordShift(actor, shift.locationId, shift.business.id, span)) written += 1;
  }
  return written;
}
