import type { User } from '../api/api-types.js';
import { roleOf } from '../auth/access.js';

/**
 * The WebSocket that carries a business's order events to this user (docs/realtime.md), or null when
 * none does: owners, managers and platform admins get the dashboard feed (the whole business); kitchen
 * staff the kitchen feed of the one location they look at or cover (its order.* events). Cashiers have
 * no feed with takeout and delivery orders in it, so their list re-reads on a timer instead.
 */
export function orderListFeed(user: User, businessId: string, locationId: string): string | null {
  if (user.platformRole === 'platform_admin') return `/api/v1/ws/dashboard/${businessId}`;
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (!membership) return null;
  const role = roleOf(membership);
  if (role === 'owner' || role === 'manager') return `/api/v1/ws/dashboard/${businessId}`;
  const only = locationId || (membership.locationIds.length === 1 ? membership.locationIds[0] : undefined);
  if (role === 'kitchen' && only) return `/api/v1/ws/kds/${only}`;
  return null;
}

/** The locations the user's membership limits them to, or null for the whole business. */
export function coveredLocations(user: User, businessId: string): string[] | null {
  if (user.platformRole === 'platform_admin') return null;
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (membership?.role !== 'staff' || membership.locationIds.length === 0) return null;
  return membership.locationIds;
}
