import type { PlannedShift } from '../model/staff-shifts.js';
import { BrigadeApiError } from './brigade-client.js';
import type { PlayerContext } from './order-player.js';

/** The time clock's steps, tallied beside the orders' (the simulator's status shows both). */
export type ShiftStepKind = 'clock_in' | 'clock_out';

/**
 * Plays one shift through the time clock API as the person themselves: clocks in at the shift's start
 * (at once when the simulation starts during it) and out at its end. The platform stamps the real
 * time, so at 60× a nine-hour shift lasts nine minutes: timesheets show the simulation's pace.
 * When the simulation stops mid-shift the person clocks out then — nobody stays on the clock while
 * nothing is simulated, and a restart clocks them in again.
 */
export async function playShift(shift: PlannedShift, context: PlayerContext): Promise<void> {
  const { clock, signal } = context;
  if (!(await clock.until(shift.startsAt, signal))) return;
  if (!(await step('clock_in', shift, context))) return;
  await clock.until(shift.endsAt, signal);
  await step('clock_out', shift, context);
}

/** One call to the time clock; false when it did not happen (refused or failed), counted either way. */
async function step(kind: ShiftStepKind, shift: PlannedShift, context: PlayerContext): Promise<boolean> {
  const started = performance.now();
  const late = context.clock.now() - (kind === 'clock_in' ? shift.startsAt : shift.endsAt);
  try {
    const who = context.people.staffMember(shift.email);
    await (kind === 'clock_in'
      ? context.client.call(who, 'POST', `/api/v1/locations/${shift.locationId}/time-clock/clock-in`, {})
      : context.client.call(who, 'POST', `/api/v1/businesses/${shift.business.id}/time-clock/clock-out`, {}));
    context.tally.done(kind, performance.now() - started, Math.max(0, late));
    return true;
  } catch (error) {
    // Already on the clock (the last simulation process was killed mid-shift, or a manager clocked
    // them in by hand): the shift goes on and ends at its end.
    if (kind === 'clock_in' && error instanceof BrigadeApiError && error.code === 'already_clocked_in')
      return true;
    if (error instanceof BrigadeApiError && error.status < 500) context.tally.refused(kind, error.code);
    else context.tally.failed(kind, error);
    return false;
  }
}
