import type { Queryable } from '../../storage/database.js';

/**
 * Puts the dishes of an order placed from a cart back into its placer's cart at that restaurant
 * (created again if it was removed meanwhile), after any lines added since, in the order's line order:
 * the same items, quantities, choices and notes. Does nothing for an order of inline items. One
 * statement, for the transaction that cancels the order, so the cart comes back exactly when the
 * order is cancelled.
 */
export async function restoreCartFromOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query(
    `WITH source AS (
       SELECT business_id, location_id, placed_by FROM orders
       WHERE id = $1 AND from_cart AND placed_by IS NOT NULL
     ), cart AS (
       INSERT INTO carts (id, business_id, location_id, user_id)
       SELECT gen_random_uuid(), business_id, location_id, placed_by FROM source
       ON CONFLICT (user_id, location_id) DO UPDATE SET updated_at = now()
       RETURNING id, business_id
     )
     INSERT INTO cart_lines (id, business_id, cart_id, item_id, quantity, modifier_option_ids, notes, created_at)
     SELECT gen_random_uuid(), cart.business_id, cart.id, l.item_id, l.quantity,
            ARRAY(SELECT (m ->> 'optionId')::uuid FROM jsonb_array_elements(l.modifiers) AS m),
            l.notes,
            -- One transaction's now() for every line: the line number keeps them in the order's order.
            now() + l.line_number * interval '1 microsecond'
     FROM cart JOIN order_lines l ON l.order_id = $1`,
    [orderId],
  );
}
