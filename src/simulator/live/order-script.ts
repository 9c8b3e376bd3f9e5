import type { PlannedOrder } from '../planned-order.js';

/**
 * What the people around one planned order do, in order: the customer places it, the kitchen starts
 * and finishes it, the table is served or the counter hands it over or a driver takes it, and later
 * a refund or a review. Pure: the live simulation plays these steps against the API at their times.
 */
export type OrderStep =
  | { kind: 'place'; at: number }
  | { kind: 'cancel'; at: number }
  | { kind: 'kitchen_start'; at: number }
  | { kind: 'kitchen_ready'; at: number }
  /** The kitchen bumps the ready tickets to served: dine-in completes, takeout is picked up. */
  | { kind: 'serve'; at: number }
  /** The counter closes a picked-up takeout order. */
  | { kind: 'complete'; at: number }
  | { kind: 'driver_claim'; at: number }
  | { kind: 'driver_arrived'; at: number }
  | { kind: 'driver_picked_up'; at: number }
  | { kind: 'driver_pings'; at: number; points: { at: number; lat: number; lon: number }[] }
  | { kind: 'driver_delivered'; at: number }
  | { kind: 'refund'; at: number; share: 'partial' | 'full'; reason: string }
  | { kind: 'feedback'; at: number };

const MINUTE = 60_000;
/** Minutes a dine-in plate waits at the pass, and a takeout bag on the counter. */
const SERVE_AFTER_READY = 2;
const PICKUP_AFTER_READY = 5;
const CLOSE_AFTER_PICKUP = 1;
/** Pings are sent in batches of this many points, as a driver app on a poor connection would. */
const PINGS_PER_BATCH = 5;

/**
 * The steps of one order with absolute (simulated) times, in time order: a driver may reach the
 * kitchen before the food is ready, but never picks it up before.
 */
export function orderScript(plan: PlannedOrder): OrderStep[] {
  const at = (minutes: number) => plan.placedAt + Math.round(minutes * MINUTE);
  const steps: OrderStep[] = [{ kind: 'place', at: plan.placedAt }];
  if (plan.payment.declined) return steps;
  if (plan.cancelledAfter !== null) {
    steps.push({ kind: 'cancel', at: at(plan.cancelledAfter) });
    return steps;
  }
  const { kitchen, delivery } = plan;
  if (delivery)
    steps.push({ kind: 'driver_claim', at: at(Math.min(kitchen.startedAfter, delivery.arrivedAfter)) });
  steps.push({ kind: 'kitchen_start', at: at(kitchen.startedAfter) });
  steps.push({ kind: 'kitchen_ready', at: at(kitchen.readyAfter) });
  let handedOver: number;
  if (delivery) {
    // The lifecycle needs the food ready before the driver can take it.
    const arrived = Math.max(delivery.arrivedAfter, kitchen.startedAfter);
    const pickedUp = Math.max(delivery.pickedUpAfter, kitchen.readyAfter, arrived);
    steps.push({ kind: 'driver_arrived', at: at(arrived) });
    steps.push({ kind: 'driver_picked_up', at: at(pickedUp) });
    const route = delivery.route.filter((point) => point.after > pickedUp);
    for (let index = 0; index < route.length; index += PINGS_PER_BATCH) {
      const batch = route.slice(index, index + PINGS_PER_BATCH);
      const last = batch[batch.length - 1];
      if (!last) continue;
      steps.push({
        kind: 'driver_pings',
        at: at(last.after),
        points: batch.map((point) => ({ at: at(point.after), lat: point.lat, lon: point.lon })),
      });
    }
    handedOver = Math.max(delivery.deliveredAfter, pickedUp);
    steps.push({ kind: 'driver_delivered', at: at(handedOver) });
  } else if (plan.serviceType === 'takeout') {
    handedOver = kitchen.readyAfter + PICKUP_AFTER_READY;
    steps.push({ kind: 'serve', at: at(handedOver) });
    handedOver += CLOSE_AFTER_PICKUP;
    steps.push({ kind: 'complete', at: at(handedOver) });
  } else {
    handedOver = kitchen.readyAfter + SERVE_AFTER_READY;
    steps.push({ kind: 'serve', at: at(handedOver) });
  }
  // A refund and a review can come in either order; each waits for the order to be handed over.
  const later: OrderStep[] = [];
  if (plan.refund) {
    later.push({
      kind: 'refund',
      at: at(Math.max(plan.refund.after, handedOver)),
      share: plan.refund.share,
      reason: plan.refund.reason,
    });
  }
  if (plan.feedback)
    later.push({ kind: 'feedback', at: at(Math.max(plan.feedback.afterHours * 60, handedOver)) });
  steps.push(...later);
  // In time order; ties keep the order above, which respects what depends on what (a stable sort).
  return steps.sort((a, b) => a.at - b.at);
}
