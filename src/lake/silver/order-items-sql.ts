import { PLACE_COLUMNS, silverQuery } from './order-events-sql.js';

/**
 * Silver `order_items`: every line of order.placed, then every line of each order.items_added
 * (added_later). price = unit_price + the line's modifier prices; extended_price = price × qty (the
 * reject rules make sure that is the line_subtotal the order was priced with); discount is the line's
 * share of the offer discount (loyalty discounts are not allocated to lines). unit_cost is the cost
 * recorded on the line when sold (NULL when the item had none), not today's menu cost. Names of brand
 * and category come from the dimensions (NULL when unknown); the item name is the one sold.
 */
export const ORDER_ITEMS_SQL = silverQuery(
  `SELECT p.order_id, p.business_id, p.location_id,
          l.line_id, l.line_number, l.item_id, l.item_name, l.brand_id, b.name AS brand_name,
          l.category_id, c.name AS category_name, l.station,
          l.unit_price, l.modifiers_price, l.unit_price + l.modifiers_price AS price, l.qty,
          (l.unit_price + l.modifiers_price) * l.qty AS extended_price,
          l.discount, l.unit_cost, l.unit_cost * l.qty AS extended_cost,
          coalesce(l.modifiers, '[]') AS modifiers,
          l.added_later, p.placed_at AS order_ts, ${PLACE_COLUMNS}
   FROM lines l
   JOIN place p USING (order_id)
   LEFT JOIN dim_brands b ON b.brand_id = l.brand_id AND b.business_id = p.business_id
   LEFT JOIN dim_categories c ON c.category_id = l.category_id AND c.business_id = p.business_id`,
);
