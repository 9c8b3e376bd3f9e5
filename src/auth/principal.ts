/** Roles a user holds inside one business. Staff carry a position. */
export type BusinessRole = 'owner' | 'manager' | 'staff';
export type StaffPosition = 'kitchen' | 'cashier' | 'driver';

export interface Membership {
  businessId: string;
  role: BusinessRole;
  position: StaffPosition | null;
  /** Locations a staff member works at; empty = all of the business's locations. */
  locationIds: string[];
}

/** Who is calling, as proven by the access token. */
export interface Principal {
  userId: string;
  platformRole: 'platform_admin' | 'user';
  memberships: Membership[];
}

/**
 * The role names routes and the order state machine speak: platform_admin, owner, manager, the three
 * staff positions, and customer (anyone signed in with no role in the business).
 */
export type ActorRole =
  | 'platform_admin'
  | 'owner'
  | 'manager'
  | 'kitchen'
  | 'cashier'
  | 'driver'
  | 'customer';

export function membershipIn(principal: Principal, businessId: string): Membership | undefined {
  return principal.memberships.find((membership) => membership.businessId === businessId);
}

/** The role a principal acts in within a business (and, for staff, at a location). */
export function actorRoleIn(principal: Principal, businessId: string, locationId?: string): ActorRole {
  if (principal.platformRole === 'platform_admin') return 'platform_admin';
  const membership = membershipIn(principal, businessId);
  if (!membership) return 'customer';
  if (membership.role !== 'staff') return membership.role;
  if (locationId && membership.locationIds.length > 0 && !membership.locationIds.includes(locationId)) {
    return 'customer';
  }
  return membership.position ?? 'customer';
}

/**
 * The locations a staff member's membership limits them to; null when they cover the whole business
 * (owners, managers, staff listing no location, platform admins).
 */
export function coveredLocationIds(principal: Principal, businessId: string): string[] | null {
  if (principal.platformRole === 'platform_admin') return null;
  const membership = membershipIn(principal, businessId);
  if (membership?.role !== 'staff' || membership.locationIds.length === 0) return null;
  return membership.locationIds;
}
