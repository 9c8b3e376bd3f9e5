import type { ActorRole, BusinessRole, StaffPosition } from '../../auth/principal.js';
import type { FieldError } from '../../errors/app-error.js';

/**
 * Who may touch which membership: owners and platform admins manage everyone, including other owners;
 * managers manage staff only (they can neither grant nor remove owner or manager). `from` is the
 * member's current role (absent when adding), `to` the role after the change (absent when removing).
 */
export function mayChangeMembership(
  actor: ActorRole,
  change: { from?: BusinessRole | undefined; to?: BusinessRole | undefined },
): boolean {
  if (actor === 'platform_admin' || actor === 'owner') return true;
  if (actor !== 'manager') return false;
  return (
    (change.from === undefined || change.from === 'staff') &&
    (change.to === undefined || change.to === 'staff')
  );
}

/** Staff carry a position (kitchen, cashier, driver); owners and managers do not. */
export function positionProblems(role: BusinessRole, position: StaffPosition | null): FieldError[] {
  if (role === 'staff' && position === null)
    return [{ field: 'body/position', message: 'is required for staff' }];
  if (role !== 'staff' && position !== null) {
    return [{ field: 'body/position', message: 'is only for staff; omit it for owners and managers' }];
  }
  return [];
}
