import type { BusinessRole, Principal, StaffPosition } from '../../auth/principal.js';
import type { Queryable } from '../../storage/database.js';

/** Reads a user's platform role and memberships: what goes into their access token. */
export async function loadPrincipal(db: Queryable, userId: string): Promise<Principal | undefined> {
  const user = await db.query<{ platform_role: Principal['platformRole'] }>(
    'SELECT platform_role FROM users WHERE id = $1',
    [userId],
  );
  const row = user.rows[0];
  if (!row) return undefined;
  const memberships = await db.query<{
    business_id: string;
    role: BusinessRole;
    staff_position: StaffPosition | null;
    location_ids: string[];
  }>('SELECT business_id, role, staff_position, location_ids FROM memberships WHERE user_id = $1', [userId]);
  return {
    userId,
    platformRole: row.platform_role,
    memberships: memberships.rows.map((m) => ({
      businessId: m.business_id,
      role: m.role,
      position: m.staff_position,
      locationIds: m.location_ids,
    })),
  };
}
