import type { Membership, User } from '../api/api-types.js';

/**
 * What the navigation offers each role, mirroring the API's access policies (src/http/routes): the API
 * still decides, and a screen it refuses shows its 403.
 */
const DASHBOARD_ROLES = ['owner', 'manager'];
const KITCHEN_ROLES = ['owner', 'manager', 'kitchen'];

export const isPlatformAdmin = (user: User): boolean => user.platformRole === 'platform_admin';

/** owner or manager, or a staff member's position (kitchen, cashier, driver), as the API reads it. */
export function roleOf(membership: Membership): string {
  return membership.role === 'staff' ? (membership.position ?? 'staff') : membership.role;
}

/** Businesses whose dashboard the user may open (platform admins: every business, listed by the API). */
export function dashboardMemberships(user: User): Membership[] {
  return user.memberships.filter((membership) => DASHBOARD_ROLES.includes(roleOf(membership)));
}

/**
 * Memberships that open kitchen displays. A staff member's `locationIds` lists the locations they cover
 * (empty: all of them); owners and managers cover every location.
 */
export function kitchenMemberships(user: User): Membership[] {
  return user.memberships.filter((membership) => KITCHEN_ROLES.includes(roleOf(membership)));
}

/** The simulator control: platform admins and owners or managers (the API checks it is a demo business). */
export function mayControlSimulator(user: User): boolean {
  return isPlatformAdmin(user) || dashboardMemberships(user).length > 0;
}

/** Anyone working for a business (any membership) or the platform: they get the staff start page. */
export function isStaff(user: User): boolean {
  return isPlatformAdmin(user) || user.memberships.length > 0;
}

/**
 * Where a user lands after signing in: their business's dashboard, their only kitchen display, or a
 * driver's deliveries.
 */
export function landingPath(user: User): string {
  const managed = dashboardMemberships(user)[0];
  if (managed) return `/dashboard/${managed.businessId}`;
  const kitchens = kitchenMemberships(user);
  const only = kitchens.length === 1 ? kitchens[0]?.locationIds : undefined;
  if (only?.length === 1 && only[0]) return `/kds/${only[0]}`;
  if (isDriver(user)) return '/deliveries';
  return '/';
}

const ORDERS_ROLES = ['owner', 'manager', 'cashier', 'kitchen'];

/**
 * Businesses whose orders board the user may open: the front of house and the kitchen (the list API
 * also lets drivers read orders; they have their deliveries screen instead).
 */
export function ordersMemberships(user: User): Membership[] {
  return user.memberships.filter((membership) => ORDERS_ROLES.includes(roleOf(membership)));
}

/** Whether the user is an owner or manager of the business, or a platform admin. */
export function managesBusiness(user: User, businessId: string): boolean {
  return (
    isPlatformAdmin(user) ||
    dashboardMemberships(user).some((membership) => membership.businessId === businessId)
  );
}

/** Businesses whose menus the user may edit (the admin API's writers: owners and managers). */
export const menuMemberships = dashboardMemberships;

/** Businesses whose lake the user may query with ad-hoc SQL (the API's SQL_ROLES: owners only). */
export function sqlMemberships(user: User): Membership[] {
  return user.memberships.filter((membership) => membership.role === 'owner');
}

/** A driver of some business: their deliveries screen. */
export function isDriver(user: User): boolean {
  return user.memberships.some((membership) => roleOf(membership) === 'driver');
}
