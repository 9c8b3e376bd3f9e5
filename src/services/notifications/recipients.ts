import type { Audience } from '../../domain/notifications/notification-rules.js';
import type { Queryable } from '../../storage/database.js';

/** A user to notify, with the addresses the external channels need. */
export interface Recipient {
  userId: string;
  email: string | null;
  phone: string | null;
}

interface UserRow {
  id: string;
  email: string | null;
  phone: string | null;
}

const toRecipient = (row: UserRow): Recipient => ({ userId: row.id, email: row.email, phone: row.phone });

/**
 * The users an audience names for one event. `customerId` is the customer of the event's order (null
 * when the order has none, e.g. a walk-in ticket, or Brigade does not know the order).
 * Team audiences are the business's members in those roles: owners and managers everywhere, staff
 * only at the locations they work at (all of them when their membership lists none).
 */
export async function resolveAudience(
  tx: Queryable,
  audience: Audience,
  scope: { businessId: string; locationId: string | null; customerId: string | null },
): Promise<Recipient[]> {
  switch (audience.kind) {
    case 'customer':
    case 'user': {
      const userId = audience.kind === 'user' ? audience.userId : scope.customerId;
      if (!userId) return [];
      const { rows } = await tx.query<UserRow>('SELECT id, email, phone FROM users WHERE id = $1', [userId]);
      return rows.map(toRecipient);
    }
    case 'team': {
      const { rows } = await tx.query<UserRow>(
        `SELECT u.id, u.email, u.phone
           FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.business_id = $1
            AND ((m.role <> 'staff' AND m.role = ANY($2::text[]))
                 OR (m.role = 'staff' AND m.staff_position = ANY($2::text[])
                     AND ($3::uuid IS NULL OR cardinality(m.location_ids) = 0 OR $3::uuid = ANY(m.location_ids))))
          ORDER BY u.id`,
        [scope.businessId, [...audience.roles], scope.locationId],
      );
      return rows.map(toRecipient);
    }
  }
}
