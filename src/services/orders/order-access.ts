import { type ActorRole, actorRoleIn, type Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';

/**
 * The role a caller acts in on one order: staff of the order's business (at its location), or the
 * customer who placed it. Anyone else gets `not_found`, so order ids of other tenants reveal nothing.
 */
export function orderActorRole(
  principal: Principal,
  order: { business_id: string; location_id: string; customer_id: string | null },
): ActorRole {
  const role = actorRoleIn(principal, order.business_id, order.location_id);
  if (role !== 'customer') return role;
  if (order.customer_id !== null && order.customer_id === principal.userId) return 'customer';
  throw new AppError('not_found', 'Order not found');
}
