import { Type } from '@sinclair/typebox';
import { MinorUnits, Nullable, StrictObject, Timestamp, Uuid } from './common.js';

const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const ClockBody = StrictObject({
  userId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'someone else (owners and managers only); yourself when absent',
    }),
  ),
});

export const ShiftView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  locationId: Uuid,
  locationName: Type.String(),
  userId: Uuid,
  name: Type.String(),
  clockInAt: Timestamp,
  clockOutAt: Nullable(Timestamp),
  /** Whole minutes so far (open shifts: until now). */
  minutes: Type.Integer({ minimum: 0 }),
  hourlyRateMinor: Nullable(MinorUnits),
  correctionReason: Nullable(Type.String()),
});

export const OnShiftList = Type.Object({ shifts: Type.Array(ShiftView) });

export const ShiftListQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'shifts that began at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'shifts that began before' })),
  locationId: Type.Optional(Uuid),
  userId: Type.Optional(Uuid),
  open: Type.Optional(Type.Boolean({ description: 'only shifts still open (true) or closed (false)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const ShiftParams = Type.Object({ businessId: Uuid, shiftId: Uuid });

export const CorrectShiftBody = StrictObject(
  {
    clockInAt: Type.Optional(Type.String({ format: 'date-time' })),
    clockOutAt: Type.Optional(Type.String({ format: 'date-time' })),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { description: 'at least one of clockInAt, clockOutAt' },
);

export const TimesheetQuery = Type.Object({
  from: LocalDate,
  to: LocalDate,
  locationId: Type.Optional(Uuid),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('csv')], {
      description: 'csv: one row per person and day, for payroll (a download)',
    }),
  ),
});

const TimesheetLine = Type.Object({
  userId: Uuid,
  name: Type.String(),
  date: LocalDate,
  shifts: Type.Integer({ minimum: 1 }),
  minutes: Type.Integer({ minimum: 0 }),
  regularMinutes: Type.Integer({ minimum: 0 }),
  overtimeMinutes: Type.Integer({ minimum: 0 }),
  payMinor: Nullable(MinorUnits),
});

const TimesheetTotals = Type.Object({
  minutes: Type.Integer({ minimum: 0 }),
  regularMinutes: Type.Integer({ minimum: 0 }),
  overtimeMinutes: Type.Integer({ minimum: 0 }),
  payMinor: MinorUnits,
  /** People whose pay is left out of payMinor: a shift with no hourly rate. */
  unpricedPeople: Type.Integer({ minimum: 0 }),
});

export const TimesheetView = Type.Object({
  from: LocalDate,
  to: LocalDate,
  currency: Type.String(),
  days: Type.Array(TimesheetLine),
  people: Type.Array(Type.Intersect([Type.Object({ userId: Uuid, name: Type.String() }), TimesheetTotals])),
  totals: TimesheetTotals,
  /** Shifts begun in the range and not yet clocked out: not in the figures. */
  openShifts: Type.Integer({ minimum: 0 }),
});
