import type { User } from '../api/api-types.js';
import { roleOf } from '../auth/access.js';

/**
 * The WebSocket that carries a business's order events to this user (docs/realtime.md), or null when
 * none does: owners, managers and platform admins get the dashboard feed (the whole business); staff
 * (kitchen, cashiers, drivers) the orders feed of the location they look at, or else the business's
 * staff orders feed, which the server narrows to the locations their membership covers.
 */
export function orderListFeed(user: User, businessId: string, locationId: string): string | null {
  if (user.platformRole === 'platform_admin') return `/api/v1/ws/dashboard/${businessId}`;
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (!membership) return null;
  const role = roleOf(membership);
  if (role === 'owner' || role === 'manager') return `/api/v1/ws/dashboard/${businessId}`;
  return locationId ? `/api/v1/ws/locations/${locationId}/orders` : businessOrdersFeed(businessId);
}

/**
 * The feeds that tell a driver about deliveries at their restaurants: the staff orders feed of each
 * business they drive for (narrowed by the server to the restaurants they cover), or null without one.
 */
export function driverFeeds(user: User): string[] | null {
  const driving = user.memberships.filter((membership) => roleOf(membership) === 'driver');
  return driving.length > 0 ? driving.map((membership) => businessOrdersFeed(membership.businessId)) : null;
}

/** A business's order, payment, refund and delivery events, at the locations the staff member covers. */
function businessOrdersFeed(businessId: string): string {
  return `/api/v1/ws/businesses/${businessId}/orders`;
}

/** The locations the user's membership limits them to, or null for the whole business. */
export function coveredLocations(user: User, businessId: string): string[] | null {
  if (user.platformRole === 'platform_admin') return null;
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (membership?.role !== 'staff' || membership.locationIds.length === 0) return null;
  return membership.locationIds;
}
