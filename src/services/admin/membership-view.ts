import type { Static } from '@sinclair/typebox';
import type { MembershipView as MembershipViewSchema } from '../../schemas/admin/membership.js';
import { isoTimestamp } from './sql-values.js';

export type MembershipView = Static<typeof MembershipViewSchema>;

export interface MembershipRow {
  id: string;
  business_id: string;
  email: string;
  name: string;
  role: MembershipView['role'];
  staff_position: MembershipView['position'];
  location_ids: string[];
  hourly_rate_minor: number | null;
  created_at: Date | string;
  cursor_at: string;
}

/**
 * Memberships joined with their user, exposing user_id as `id` so keyset pagination works as for
 * every other list. Only public user fields: never the password hash.
 */
export const MEMBERSHIPS_RELATION = `(SELECT m.user_id AS id, m.business_id, u.email, u.name, m.role, m.staff_position,
  m.location_ids, m.hourly_rate_minor, m.created_at, m.created_at::text AS cursor_at
  FROM memberships m JOIN users u ON u.id = m.user_id) AS mv`;

export function membershipView(row: MembershipRow): MembershipView {
  return {
    userId: row.id,
    businessId: row.business_id,
    email: row.email,
    name: row.name,
    role: row.role,
    position: row.staff_position,
    locationIds: row.location_ids,
    hourlyRateMinor: row.hourly_rate_minor,
    createdAt: isoTimestamp(row.created_at),
  };
}
