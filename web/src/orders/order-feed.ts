import type { User } from '../api/api-types.js';
import { roleOf } from '../auth/access.js';

/** Location feeds one board opens at most; a staff member covering more re-reads on a timer instead. */
export const MAX_LOCATION_FEEDS = 6;

/**
 * The WebSockets that carry a business's order events to this user (docs/realtime.md), or null when
 * none fits: owners, managers and platform admins get the dashboard feed (the whole business); staff
 * (kitchen, cashiers, drivers) the orders feed of each location they look at or cover
 * (`/ws/locations/{id}/orders`) — the business's locations (`allLocationIds`, once loaded) when their
 * membership lists none — up to MAX_LOCATION_FEEDS.
 */
export function orderListFeeds(
  user: User,
  businessId: string,
  locationId: string,
  allLocationIds: readonly string[] | undefined,
): string[] | null {
  if (user.platformRole === 'platform_admin') return [`/api/v1/ws/dashboard/${businessId}`];
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (!membership) return null;
  const role = roleOf(membership);
  if (role === 'owner' || role === 'manager') return [`/api/v1/ws/dashboard/${businessId}`];
  const ids = locationId
    ? [locationId]
    : membership.locationIds.length > 0
      ? membership.locationIds
      : allLocationIds;
  if (!ids || ids.length === 0 || ids.length > MAX_LOCATION_FEEDS) return null;
  return ids.map(locationOrdersFeed);
}

/** The orders feed of one location: its order, payment, refund and delivery events, for its staff. */
export function locationOrdersFeed(locationId: string): string {
  return `/api/v1/ws/locations/${locationId}/orders`;
}

/**
 * The feeds that tell a driver about deliveries at their restaurants: the orders feed of each
 * location their driver memberships list, or null (re-read on a timer instead) when one of them covers
 * a whole business or there are more than MAX_LOCATION_FEEDS.
 */
export function driverFeeds(user: User): string[] | null {
  const driving = user.memberships.filter((membership) => roleOf(membership) === 'driver');
  if (driving.length === 0 || driving.some((membership) => membership.locationIds.length === 0)) return null;
  const ids = [...new Set(driving.flatMap((membership) => membership.locationIds))];
  return ids.length <= MAX_LOCATION_FEEDS ? ids.map(locationOrdersFeed) : null;
}

/** The locations the user's membership limits them to, or null for the whole business. */
export function coveredLocations(user: User, businessId: string): string[] | null {
  if (user.platformRole === 'platform_admin') return null;
  const membership = user.memberships.find((one) => one.businessId === businessId);
  if (membership?.role !== 'staff' || membership.locationIds.length === 0) return null;
  return membership.locationIds;
}
