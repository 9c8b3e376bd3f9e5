import type { Queryable } from '../../storage/database.js';

/** A shift as read with its location and person (SELECT_SHIFTS). */
export interface ShiftRow {
  id: string;
  business_id: string;
  location_id: string;
  location_name: string;
  time_zone: string;
  user_id: string;
  name: string;
  clock_in_at: Date | string;
  clock_out_at: Date | string | null;
  hourly_rate_minor: number | null;
  correction_reason: string | null;
}

/** Shifts with their location's name and zone and the person's name; callers add the WHERE. */
export const SELECT_SHIFTS = `
  SELECT s.id, s.business_id, s.location_id, l.name AS location_name, l.time_zone, s.user_id, u.name,
         s.clock_in_at, s.clock_out_at, s.hourly_rate_minor, s.correction_reason
    FROM time_clock_shifts s JOIN locations l ON l.id = s.location_id JOIN users u ON u.id = s.user_id`;

/**
 * Whether the person has a shift in the business (other than `exceptShiftId`) that overlaps
 * [from, to): an open shift runs on, and `to` null is open-ended too. A person works one shift at a
 * time, so hours counted twice would be paid twice.
 */
export async function overlapsAnotherShift(
  db: Queryable,
  shift: { businessId: string; userId: string; from: Date; to: Date | null; exceptShiftId?: string },
): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM time_clock_shifts
      WHERE business_id = $1 AND user_id = $2 AND id IS DISTINCT FROM $3::uuid
        AND clock_in_at < coalesce($5::timestamptz, 'infinity') AND coalesce(clock_out_at, 'infinity') > $4::timestamptz
      LIMIT 1`,
    [
      shift.businessId,
      shift.userId,
      shift.exceptShiftId ?? null,
      shift.from.toISOString(),
      shift.to?.toISOString() ?? null,
    ],
  );
  return rows.length > 0;
}
