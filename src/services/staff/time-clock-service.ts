import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { type ActorRole, membershipIn, type Principal } from '../../auth/principal.js';
import { shiftMinutes } from '../../domain/staff/timesheet.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { CorrectShiftBody, ShiftListQuery, ShiftView } from '../../schemas/time-clock.js';
import type { Database, Queryable } from '../../storage/database.js';
import { sqlStateOf } from '../../storage/sql-state.js';
import { fieldError, notFound } from '../admin/references.js';
import { overlapsAnotherShift, SELECT_SHIFTS, type ShiftRow } from './shift-rows.js';

type Shift = Static<typeof ShiftView>;

/** Owners and managers (and platform admins) clock others in and out, list everyone's shifts and correct them. */
const MANAGING: readonly ActorRole[] = ['owner', 'manager', 'platform_admin'];
/** The longest a shift may be: a longer one is a forgotten clock-out, to be corrected, not paid. */
const MAX_SHIFT_HOURS = 24;
const HOUR_MS = 3_600_000;
const UNIQUE_VIOLATION = '23505';

/**
 * The time clock: staff clock in at a location and out again (themselves, or a manager for them), a
 * manager corrects a shift's times with a reason (timesheets: timesheet-report.ts). Each change
 * writes its staff.* event in its transaction.
 */
export class TimeClockService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  async clockIn(actor: Actor, locationId: string, businessId: string, userId?: string): Promise<Shift> {
    const subject = this.subjectOf(actor, businessId, userId);
    return this.db.transaction(async (tx) => {
      const member = await memberAt(tx, businessId, locationId, subject);
      const id = randomUUID();
      const at = this.now();
      try {
        await tx.query(
          `INSERT INTO time_clock_shifts (id, business_id, location_id, user_id, clock_in_at, hourly_rate_minor, clocked_in_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            id,
            businessId,
            locationId,
            subject,
            at.toISOString(),
            member.hourly_rate_minor,
            actor.principal.userId,
          ],
        );
      } catch (error) {
        if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
        throw new AppError('already_clocked_in', 'This person is clocked in already; clock out first');
      }
      const row = await this.shiftRow(tx, id);
      await appendEvents(tx, [clockedIn(row, actor.principal.userId)]);
      return this.toView(row);
    });
  }

  /** Closes the person's open shift (wherever in the business it began: one is open at most). */
  async clockOut(actor: Actor, businessId: string, userId?: string): Promise<Shift> {
    const subject = this.subjectOf(actor, businessId, userId);
    return this.db.transaction(async (tx) => {
      const at = this.now();
      const { rows } = await tx.query<{ id: string; location_id: string; clock_in_at: Date | string }>(
        `UPDATE time_clock_shifts SET clock_out_at = greatest($3::timestamptz, clock_in_at), clocked_out_by = $4,
                updated_at = now()
          WHERE business_id = $1 AND user_id = $2 AND clock_out_at IS NULL
          RETURNING id, location_id, clock_in_at`,
        [businessId, subject, at.toISOString(), actor.principal.userId],
      );
      const shift = rows[0];
      if (!shift) throw new AppError('not_clocked_in', 'This person has no open shift');
      const row = await this.shiftRow(tx, shift.id);
      await appendEvents(tx, [clockedOut(row, actor.principal.userId, at)]);
      return this.toView(row);
    });
  }

  /**
   * A whole shift of the past, clocked in at `from` and out at `to` by the person themselves: the row
   * and the two events a clock-in then and a clock-out then would have written, in one transaction,
   * each event at its own time. For written history (the demo's past, `brigade simulate --backfill`):
   * unlike a clock-in it does not take the person's one open shift, so it can be written beside the
   * live simulation. A span that overlaps another shift of theirs writes nothing and returns null, so
   * writing the same past again adds nothing.
   */
  async recordShift(
    actor: Actor,
    locationId: string,
    businessId: string,
    span: { from: Date; to: Date },
  ): Promise<Shift | null> {
    const subject = this.subjectOf(actor, businessId, undefined);
    if (span.to <= span.from || span.to.getTime() > this.now().getTime())
      throw fieldError('span', 'must end after it begins, and not in the future');
    return this.db.transaction(async (tx) => {
      const member = await memberAt(tx, businessId, locationId, subject);
      if (await overlapsAnotherShift(tx, { businessId, userId: subject, ...span })) return null;
      const id = randomUUID();
      await tx.query(
        `INSERT INTO time_clock_shifts
           (id, business_id, location_id, user_id, clock_in_at, clock_out_at, hourly_rate_minor, clocked_in_by, clocked_out_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [
          id,
          businessId,
          locationId,
          subject,
          span.from.toISOString(),
          span.to.toISOString(),
          member.hourly_rate_minor,
          actor.principal.userId,
        ],
      );
      const row = await this.shiftRow(tx, id);
      await appendEvents(tx, [
        clockedIn(row, actor.principal.userId),
        clockedOut(row, actor.principal.userId, span.to),
      ]);
      return this.toView(row);
    });
  }

  /** Who is clocked in at the location now, longest first. */
  async onShift(businessId: string, locationId: string): Promise<Shift[]> {
    const { rows } = await this.db.query<ShiftRow>(
      `${SELECT_SHIFTS} WHERE s.business_id = $1 AND s.location_id = $2 AND s.clock_out_at IS NULL
        ORDER BY s.clock_in_at, s.id`,
      [businessId, locationId],
    );
    return rows.map((row) => this.toView(row));
  }

  /** Shifts, newest first. Staff see only their own (whatever `userId` they ask for). */
  async list(actor: Actor, businessId: string, query: Static<typeof ShiftListQuery>): Promise<Shift[]> {
    const userId = MANAGING.includes(actor.role) ? query.userId : actor.principal.userId;
    const where = ['s.business_id = $1'];
    const params: unknown[] = [businessId];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (query.from) add('s.clock_in_at >= ?::timestamptz', query.from);
    if (query.to) add('s.clock_in_at < ?::timestamptz', query.to);
    if (query.locationId) add('s.location_id = ?', query.locationId);
    if (userId) add('s.user_id = ?', userId);
    if (query.open !== undefined)
      where.push(query.open ? 's.clock_out_at IS NULL' : 's.clock_out_at IS NOT NULL');
    params.push(query.limit ?? 100);
    const { rows } = await this.db.query<ShiftRow>(
      `${SELECT_SHIFTS} WHERE ${where.join(' AND ')} ORDER BY s.clock_in_at DESC, s.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => this.toView(row));
  }

  /**
   * A manager sets a shift's clock-in or clock-out (closing an open one), with the reason: times not in
   * the future, out after in, at most 24 hours apart.
   */
  async correct(
    actor: Actor,
    businessId: string,
    shiftId: string,
    input: Static<typeof CorrectShiftBody>,
  ): Promise<Shift> {
    if (input.clockInAt === undefined && input.clockOutAt === undefined) {
      throw fieldError('body', 'give clockInAt, clockOutAt or both');
    }
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        clock_in_at: Date | string;
        clock_out_at: Date | string | null;
        user_id: string;
        location_id: string;
      }>(
        'SELECT clock_in_at, clock_out_at, user_id, location_id FROM time_clock_shifts WHERE id = $1 AND business_id = $2 FOR UPDATE',
        [shiftId, businessId],
      );
      const before = rows[0];
      if (!before) throw notFound('Shift');
      const clockIn = input.clockInAt ? new Date(input.clockInAt) : new Date(before.clock_in_at);
      const out = input.clockOutAt ?? before.clock_out_at;
      const clockOut = out === null ? null : new Date(out);
      const now = this.now().getTime();
      if (clockIn.getTime() > now) throw fieldError('body/clockInAt', 'is in the future');
      if (clockOut && clockOut.getTime() > now) throw fieldError('body/clockOutAt', 'is in the future');
      if (clockOut && clockOut < clockIn) throw fieldError('body/clockOutAt', 'is before the clock-in');
      if ((clockOut?.getTime() ?? now) - clockIn.getTime() > MAX_SHIFT_HOURS * HOUR_MS) {
        throw fieldError(
          clockOut ? 'body/clockOutAt' : 'body/clockInAt',
          `makes the shift longer than ${MAX_SHIFT_HOURS} hours`,
        );
      }
      const overlap = {
        businessId,
        userId: before.user_id,
        from: clockIn,
        to: clockOut,
        exceptShiftId: shiftId,
      };
      if (await overlapsAnotherShift(tx, overlap))
        throw fieldError('body', 'makes the shift overlap another shift of this person');
      await tx.query(
        `UPDATE time_clock_shifts SET clock_in_at = $2, clock_out_at = $3,
                clocked_out_by = CASE WHEN clock_out_at IS NULL AND $3::timestamptz IS NOT NULL THEN $4 ELSE clocked_out_by END,
                corrected_by = $4, correction_reason = $5, updated_at = now()
          WHERE id = $1`,
        [
          shiftId,
          clockIn.toISOString(),
          clockOut?.toISOString() ?? null,
          actor.principal.userId,
          input.reason,
        ],
      );
      await appendEvents(tx, [
        {
          type: 'staff.shift_corrected',
          businessId,
          locationId: before.location_id,
          occurredAt: this.now(),
          payload: {
            shift_id: shiftId,
            user_id: before.user_id,
            clock_in_at: clockIn.toISOString(),
            clock_out_at: clockOut?.toISOString() ?? null,
            by: actor.principal.userId,
            reason: input.reason,
          },
        },
      ]);
      return this.view(tx, shiftId);
    });
  }

  /** Whom a clock action is for: yourself, or (owners, managers) anyone of the business. */
  private subjectOf(actor: Actor, businessId: string, userId: string | undefined): string {
    if (!userId || userId === actor.principal.userId) {
      if (actor.role !== 'platform_admin' && !membershipIn(actor.principal, businessId)) {
        throw new AppError('forbidden', 'Only members of the business have a time clock');
      }
      return actor.principal.userId;
    }
    if (!MANAGING.includes(actor.role)) {
      throw new AppError('forbidden', 'Only owners and managers clock someone else in or out');
    }
    return userId;
  }

  private async view(db: Queryable, shiftId: string): Promise<Shift> {
    return this.toView(await this.shiftRow(db, shiftId));
  }

  private async shiftRow(db: Queryable, shiftId: string): Promise<ShiftRow> {
    const { rows } = await db.query<ShiftRow>(`${SELECT_SHIFTS} WHERE s.id = $1`, [shiftId]);
    const row = rows[0];
    if (!row) throw notFound('Shift');
    return row;
  }

  private toView(row: ShiftRow): Shift {
    const clockIn = new Date(row.clock_in_at);
    const clockOut = row.clock_out_at === null ? null : new Date(row.clock_out_at);
    return {
      id: row.id,
      businessId: row.business_id,
      locationId: row.location_id,
      locationName: row.location_name,
      userId: row.user_id,
      name: row.name,
      clockInAt: clockIn.toISOString(),
      clockOutAt: clockOut?.toISOString() ?? null,
      minutes: shiftMinutes(clockIn, clockOut ?? this.now()),
      hourlyRateMinor: row.hourly_rate_minor,
      correctionReason: row.correction_reason,
    };
  }
}

/** The caller and the role they act in for the request's business (and location). */
export interface Actor {
  principal: Principal;
  role: ActorRole;
}

/** The staff.clocked_in event of a shift row, as its clock-in writes it. */
function clockedIn(row: ShiftRow, by: string): NewEvent<'staff.clocked_in'> {
  const clockIn = new Date(row.clock_in_at);
  return {
    type: 'staff.clocked_in',
    businessId: row.business_id,
    locationId: row.location_id,
    occurredAt: clockIn,
    payload: {
      shift_id: row.id,
      user_id: row.user_id,
      clock_in_at: clockIn.toISOString(),
      by,
      hourly_rate: row.hourly_rate_minor,
      time_zone: row.time_zone,
    },
  };
}

/** The staff.clocked_out event of a closed shift row, written at `at` (its clock-out, or later). */
function clockedOut(row: ShiftRow, by: string, at: Date): NewEvent<'staff.clocked_out'> {
  const clockIn = new Date(row.clock_in_at);
  const clockOut = new Date(row.clock_out_at ?? at);
  return {
    type: 'staff.clocked_out',
    businessId: row.business_id,
    locationId: row.location_id,
    occurredAt: at,
    payload: {
      shift_id: row.id,
      user_id: row.user_id,
      clock_in_at: clockIn.toISOString(),
      clock_out_at: clockOut.toISOString(),
      minutes: shiftMinutes(clockIn, clockOut),
      by,
    },
  };
}

/** The person's membership, when it covers the location; a 403 otherwise (or 404: not a member). */
async function memberAt(
  tx: Queryable,
  businessId: string,
  locationId: string,
  userId: string,
): Promise<{ hourly_rate_minor: number | null }> {
  const { rows } = await tx.query<{ hourly_rate_minor: number | null; role: string; location_ids: string[] }>(
    'SELECT hourly_rate_minor, role, location_ids FROM memberships WHERE business_id = $1 AND user_id = $2',
    [businessId, userId],
  );
  const member = rows[0];
  if (!member) throw notFound('Member');
  const ids = member.location_ids ?? [];
  if (member.role === 'staff' && ids.length > 0 && !ids.includes(locationId)) {
    throw new AppError('forbidden', 'This person does not work at this location');
  }
  return member;
}
