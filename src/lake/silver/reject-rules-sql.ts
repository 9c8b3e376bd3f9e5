import { asInt, field, member } from './payload-fields-sql.js';

/**
 * The rules an order's events must keep before the order reaches silver. An order that breaks one
 * stays out of every silver table (and so out of gold) until its events are corrected and the
 * partition rebuilt: a half-right order would put wrong money into every figure built on it. The
 * breaking events are listed in `rejected_events` with one of these codes as the reason.
 */
export const REJECT_REASONS = {
  no_order_placed: 'The order has no order.placed in its partition, so nothing anchors its rows.',
  duplicate_order_placed: 'Two different order.placed events for one order: which one holds is unknown.',
  totals_mismatch:
    'subtotal − discount − loyalty_discount + tax + tip + delivery_fee ≠ total, in order.placed totals or in order.items_added added/totals.',
  line_price_mismatch: 'A line whose line_subtotal ≠ (unit_price + Σ modifier prices) × quantity.',
  subtotal_mismatch:
    'The lines of order.placed (order.items_added) do not add up to its subtotal (added subtotal).',
  currency_mismatch: 'A payment, refund or addition in another currency than the order was placed in.',
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

const PLACING = `('order.placed', 'order.items_added')`;
const MONEY_EVENTS = `('payment.authorized', 'payment.captured', 'payment.declined', 'refund.processed', 'order.refunded')`;

function totalsBreak(totals: string): string {
  const part = (name: string) => asInt(member(totals, name));
  return `(${part('subtotal')} - ${part('discount')} - ${part('loyalty_discount')} + ${part('tax')} + ${part('tip')}
           + ${part('delivery_fee')}) IS DISTINCT FROM ${part('total')}`;
}

/**
 * Relations over `ev` (deduplicated events) and `lines` (every line of order.placed /
 * order.items_added), as [name, SELECT] in dependency order: `rejected` holds one row per (event,
 * reason). A NULL amount (missing or malformed) breaks the rule it is part of: IS DISTINCT FROM treats
 * it as a mismatch.
 */
export const REJECT_RELATIONS: readonly (readonly [string, string])[] = [
  [
    'placings',
    `
  SELECT order_id, count(*) AS placed_events, any_value(${field('', 'totals.currency')}) AS currency
  FROM ev WHERE event_type = 'order.placed' GROUP BY order_id`,
  ],
  [
    'totals_checked',
    `
  SELECT event_id, order_id, event_type, f.totals AS totals FROM ev WHERE event_type IN ${PLACING}
  UNION ALL
  SELECT event_id, order_id, event_type, f.added FROM ev WHERE event_type = 'order.items_added'`,
  ],
  [
    'line_sums',
    `
  SELECT event_id, sum(line_subtotal) AS lines_subtotal FROM lines GROUP BY event_id`,
  ],
  [
    'rejected',
    `
  SELECT e.event_id, e.order_id, e.event_type, 'no_order_placed' AS reason
  FROM ev e WHERE NOT EXISTS (SELECT 1 FROM placings p WHERE p.order_id = e.order_id)
  UNION
  SELECT e.event_id, e.order_id, e.event_type, 'duplicate_order_placed'
  FROM ev e JOIN placings p USING (order_id) WHERE e.event_type = 'order.placed' AND p.placed_events > 1
  UNION
  SELECT event_id, order_id, event_type, 'totals_mismatch' FROM totals_checked WHERE ${totalsBreak('totals')}
  UNION
  SELECT event_id, order_id, event_type, 'line_price_mismatch' FROM lines
  WHERE (unit_price + modifiers_price) * qty IS DISTINCT FROM line_subtotal
  UNION
  SELECT e.event_id, e.order_id, e.event_type, 'subtotal_mismatch'
  FROM ev e LEFT JOIN line_sums s USING (event_id)
  WHERE e.event_type IN ${PLACING}
    AND coalesce(s.lines_subtotal, 0) IS DISTINCT FROM
        CASE WHEN e.event_type = 'order.placed' THEN ${asInt(field('e', 'totals.subtotal'))}
             ELSE ${asInt(field('e', 'added.subtotal'))} END
  UNION
  SELECT e.event_id, e.order_id, e.event_type, 'currency_mismatch'
  FROM ev e JOIN placings p USING (order_id)
  WHERE p.placed_events = 1
    AND ((e.event_type IN ${MONEY_EVENTS} AND ${field('e', 'currency')} IS DISTINCT FROM p.currency)
      OR (e.event_type = 'order.items_added'
          AND (${field('e', 'added.currency')} IS DISTINCT FROM p.currency
               OR ${field('e', 'totals.currency')} IS DISTINCT FROM p.currency)))`,
  ],
];
