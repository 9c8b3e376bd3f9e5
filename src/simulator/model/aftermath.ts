import type { PlannedDelivery, PlannedOrder } from '../planned-order.js';
import { roundMinutes } from './minutes.js';
import { DELIVERY_PROMISE_MINUTES, FEEDBACK_RATE, NPS_RANGE, RATING_MIX } from './reference-mix.js';
import type { Rng } from './rng.js';

/**
 * What happens after a completed order: refunds (late deliveries and the odd complaint) and
 * feedback. Shares marked "ours" are not in the reference.
 */

/** Ours: a late delivery is refunded in part this often; very late ones sometimes in full. */
const LATE_REFUND_SHARE = 0.5;
const VERY_LATE_MINUTES = DELIVERY_PROMISE_MINUTES + 20;
const VERY_LATE_FULL_SHARE = 0.25;
/** Ours: complaints on any completed order (missing item: partial; wrong order: full). */
const COMPLAINT_SHARE = 0.006;
const WRONG_ORDER_SHARE = 0.3;
/** Ours: how often a rating comes with a comment. */
const COMMENT_SHARE = 0.5;

export function drawRefund(
  rng: Rng,
  delivery: PlannedDelivery | null,
  doneAfter: number,
): PlannedOrder['refund'] {
  if (delivery?.late && rng.chance(LATE_REFUND_SHARE)) {
    const full = delivery.deliveredAfter > VERY_LATE_MINUTES && rng.chance(VERY_LATE_FULL_SHARE);
    return {
      after: roundMinutes(doneAfter + rng.uniform(5, 180)),
      share: full ? 'full' : 'partial',
      reason: full ? 'very late delivery' : 'late delivery',
    };
  }
  if (rng.chance(COMPLAINT_SHARE)) {
    const wrong = rng.chance(WRONG_ORDER_SHARE);
    return {
      after: roundMinutes(doneAfter + rng.uniform(10, 240)),
      share: wrong ? 'full' : 'partial',
      reason: wrong ? 'wrong order' : 'missing item',
    };
  }
  return null;
}

const COMMENTS: Record<1 | 2 | 3 | 4 | 5, readonly string[]> = {
  1: ['Cold and very late.', 'Order was wrong.', 'Never again.', 'Missing half the order.'],
  2: ['Food was lukewarm.', 'Took far too long.', 'Portions were small.', 'Not what I expected.'],
  3: ['It was okay.', 'Decent, a bit slow.', 'Fine, nothing special.', 'Good food, slow service.'],
  4: ['Tasty and on time.', 'Good value.', 'Would order again.', 'Nice and fresh.'],
  5: ['Excellent!', 'Best in town.', 'Perfect, thank you!', 'Fast and delicious.', 'Loved it.'],
};

/**
 * Feedback on a quarter of completed orders, 1–168 hours after the order is done (the reference
 * counts from the order; ours from its end so feedback never precedes a slow delivery), rating by
 * the reference mix and an NPS score in the rating's range.
 */
export function drawFeedback(rng: Rng, doneAfter: number): PlannedOrder['feedback'] {
  if (!rng.chance(FEEDBACK_RATE)) return null;
  const rating = RATING_MIX.pick(rng);
  const [low, high] = NPS_RANGE[rating];
  const comments = COMMENTS[rating];
  return {
    afterHours: Math.round((doneAfter / 60 + rng.uniform(1, 168)) * 100) / 100,
    rating,
    nps: rng.int(low, high),
    comment: rng.chance(COMMENT_SHARE) ? (comments[Math.floor(rng.float() * comments.length)] ?? null) : null,
  };
}
