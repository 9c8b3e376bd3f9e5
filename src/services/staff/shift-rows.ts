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
