import type { ActorRole } from '../../auth/principal.js';
import { decideTransition } from './order-lifecycle.js';
import type { OrderStatus, ServiceType } from './order-status.js';

/** People who may give money back; the refund service itself acts as 'system' (compensations). */
const MAY_REFUND: ReadonlySet<ActorRole | 'system'> = new Set([
  'owner',
  'manager',
  'platform_admin',
  'system',
]);

export type RefundRefusal =
  | { code: 'forbidden'; message: string }
  | { code: 'refund_not_allowed'; message: string };

/**
 * Whether an actor may refund an order in this status at all (the amount is the gateway's and the
 * service's business). One rule for the refunds endpoint and for the actions a screen offers, so a
 * button is never shown for a refund the API would refuse on these grounds. Null: allowed.
 */
export function refundRefusal(input: {
  status: OrderStatus;
  serviceType: ServiceType;
  actor: ActorRole | 'system';
}): RefundRefusal | null {
  const { status, serviceType, actor } = input;
  if (!MAY_REFUND.has(actor)) return { code: 'forbidden', message: 'Only owners and managers refund orders' };
  // Refundable: whatever the state machine lets move to `refunded`, and cancelled orders (compensation).
  const mayBecomeRefunded = decideTransition({
    from: status,
    to: 'refunded',
    serviceType,
    actor: 'system',
  }).ok;
  // A refunded order may still hold money when items added to it were captured while it was being
  // refunded: only the compensation (the system) takes that back.
  const compensatingRefunded = status === 'refunded' && actor === 'system';
  if (!mayBecomeRefunded && status !== 'cancelled' && !compensatingRefunded) {
    return { code: 'refund_not_allowed', message: `An order in status ${status} has nothing to refund` };
  }
  return null;
}

/**
 * What an order's captured payments still hold: placement captures once and every addition of items
 * captures again (add-items.ts), and refunds draw on them.
 */
export function refundableMinor(
  captures: readonly { capturedMinor: number; refundedMinor: number }[],
): number {
  return captures.reduce((sum, capture) => sum + capture.capturedMinor - capture.refundedMinor, 0);
}
