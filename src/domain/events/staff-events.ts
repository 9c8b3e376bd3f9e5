import { type TSchema, Type } from '@sinclair/typebox';
import { MinorUnits, Nullable, Timestamp, Uuid } from '../../schemas/common.js';

/**
 * Time-clock events: staff clocking in and out at a location, and a manager's correction of a shift.
 * The location is in the envelope; no order id. `by` is who did it (the person themself, or a manager
 * clocking someone in or out, or correcting).
 */
const Shift = {
  shift_id: Uuid,
  user_id: Uuid,
  clock_in_at: Timestamp,
  by: Uuid,
};

export const STAFF_EVENTS = {
  'staff.clocked_in': {
    version: 1,
    description: 'A member of staff clocked in at a location (themself, or a manager for them).',
    payload: Type.Object({
      ...Shift,
      hourly_rate: Nullable(MinorUnits),
      time_zone: Type.Optional(
        Type.String({
          description:
            "The location's IANA time zone at clock-in, so analytics can tell the shift's local day without looking the location up.",
        }),
      ),
    }),
  },
  'staff.clocked_out': {
    version: 1,
    description: 'A member of staff clocked out; `minutes` is the whole minutes of the shift.',
    payload: Type.Object({
      ...Shift,
      clock_out_at: Timestamp,
      minutes: Type.Integer({ minimum: 0 }),
    }),
  },
  'staff.shift_corrected': {
    version: 1,
    description:
      'A manager corrected the times of a shift (a forgotten clock-out, a wrong clock-in), with the reason; the shift as it now is.',
    payload: Type.Object({
      ...Shift,
      clock_out_at: Nullable(Timestamp),
      reason: Type.String({ minLength: 1 }),
    }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;
