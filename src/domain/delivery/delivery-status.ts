/**
 * A delivery attempt's phases. Pure: the services lock the rows, ask `decideDeliveryStep`, then write.
 * assigned → arrived (at the restaurant) → picked_up (the order goes out_for_delivery) → delivered;
 * any phase before delivered may end in failed (by the driver, or a manager taking the order back).
 */
export const DELIVERY_STATUSES = ['assigned', 'arrived', 'picked_up', 'delivered', 'failed'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The phases a driver is still working in: pings are taken and the attempt counts as live. */
export const ACTIVE_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['assigned', 'arrived', 'picked_up'];

export type DeliveryStep = Exclude<DeliveryStatus, 'assigned'>;

const NEXT: Record<DeliveryStatus, readonly DeliveryStatus[]> = {
  assigned: ['arrived', 'failed'],
  arrived: ['picked_up', 'failed'],
  picked_up: ['delivered', 'failed'],
  delivered: [],
  failed: [],
};

export type DeliveryStepDecision =
  | { ok: true }
  | { ok: false; code: 'delivery_step_out_of_order'; message: string };

export function isActiveDelivery(status: DeliveryStatus): boolean {
  return ACTIVE_DELIVERY_STATUSES.includes(status);
}

/** Whether a delivery in `from` may take `to` next; phases are never skipped or repeated. */
export function decideDeliveryStep(from: DeliveryStatus, to: DeliveryStep): DeliveryStepDecision {
  if (NEXT[from].includes(to)) return { ok: true };
  const expected = NEXT[from];
  return {
    ok: false,
    code: 'delivery_step_out_of_order',
    message:
      expected.length === 0
        ? `The delivery is already ${from}`
        : `A delivery that is ${from} can go to ${expected.join(' or ')}, not ${to}`,
  };
}

/** Order statuses in which a driver may be assigned or claim the order (before it leaves the restaurant). */
export const ASSIGNABLE_ORDER_STATUSES = ['confirmed', 'preparing', 'ready'] as const;
