import type { EventEnvelope } from '../../domain/events/envelope.js';
import { payloadProblems } from '../../domain/events/payload-check.js';
import { uuidV5 } from '../../domain/ingest/uuid-v5.js';
import { type PlannedShift, shiftsWithin } from '../model/staff-shifts.js';
import { isoTime } from './iso-time.js';
import type { HistoryContext, HistoryWindow } from './write-history.js';

/** The namespace of the ids of written shifts and their events (RFC 9562 name-based UUIDs). */
const SHIFT_NAMESPACE = '5f0c2a8e-7d41-4b9a-a3e6-1c8b2f6d9e04';

/**
 * The staff.clocked_in and staff.clocked_out events of the demo's shifts (src/simulator/model/
 * staff-shifts.ts) that happen in [from, to), for shifts that begin and end inside the window — the
 * ones `brigade start` and `--backfill` clock through the time clock service (demo-shift-history.ts).
 * Files written with `--out` hold them too, so a Brigade that ingests those files has the labour beside
 * the sales. The payloads are what the time clock service writes, checked against the catalog; ids
 * are named after the shift, so the same window gives the same bytes. In time order.
 */
export function shiftEventsBetween(
  context: HistoryContext,
  window: HistoryWindow,
  from: number,
  to: number,
): EventEnvelope[] {
  const timed: { at: number; event: EventEnvelope }[] = [];
  for (const shift of shiftsWithin(context.compiled, window, { from, to })) {
    if (shift.startsAt >= from && shift.startsAt < to)
      timed.push({ at: shift.startsAt, event: clockEvent(context, shift, 'staff.clocked_in') });
    if (shift.endsAt >= from && shift.endsAt < to)
      timed.push({ at: shift.endsAt, event: clockEvent(context, shift, 'staff.clocked_out') });
  }
  return timed.sort((a, b) => a.at - b.at).map((one) => one.event);
}

/** A shift's clock-in or clock-out as the time clock service writes it (time-clock-service.ts). */
function clockEvent(
  context: HistoryContext,
  shift: PlannedShift,
  type: 'staff.clocked_in' | 'staff.clocked_out',
): EventEnvelope {
  const userId = context.people.userIdOf(shift.email);
  const opened = {
    shift_id: uuidV5(`shift/${shift.key}`, SHIFT_NAMESPACE),
    user_id: userId,
    clock_in_at: isoTime(shift.startsAt),
    by: userId,
  };
  const business = context.catalog.businesses.get(shift.business.key);
  if (!business) throw new Error(`shift ${shift.key} is of an unknown business`);
  const clockingIn = type === 'staff.clocked_in';
  const payload = clockingIn
    ? {
        ...opened,
        hourly_rate: business.hourlyRates.get(shift.email.toLowerCase()) ?? null,
        time_zone: shift.timeZone,
      }
    : {
        ...opened,
        clock_out_at: isoTime(shift.endsAt),
        minutes: Math.floor((shift.endsAt - shift.startsAt) / 60_000),
      };
  const problems = payloadProblems(type, payload);
  if (problems.length > 0) throw new Error(`backfill built a broken ${type}: ${problems.join('; ')}`);
  return {
    event_id: uuidV5(`shift/${shift.key}/${type}`, SHIFT_NAMESPACE),
    event_type: type,
    version: 1,
    occurred_at: isoTime(clockingIn ? shift.startsAt : shift.endsAt),
    business_id: business.id,
    location_id: shift.locationId,
    order_id: null,
    sequence: 0,
    payload,
  };
}
