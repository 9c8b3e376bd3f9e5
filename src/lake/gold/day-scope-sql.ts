/**
 * What every gold day transform starts from: the silver orders whose business and local date are
 * being recomputed (work table `target_dates(business_id, local_date)`), and the lines sold by those
 * that count as revenue. Gold runs over views `silver_*` that may hold more dates (the UTC partitions
 * around them), so every transform filters on target_dates itself.
 *
 * Item money: `gross` is list price incl. modifiers × quantity (extended_price); `net` is gross minus
 * the line's share of the offer discount — what the item sold for. Loyalty discounts, refunds, tax,
 * tips and fees are order-level and appear in no item figure.
 */
export const DAY_SCOPE_CTES = `
day_orders AS (
  SELECT * FROM silver_orders o
  WHERE EXISTS (SELECT 1 FROM target_dates t WHERE t.business_id = o.business_id AND t.local_date = o.local_date)
),
sold AS (
  SELECT i.*, i.extended_price - coalesce(i.discount, 0) AS net,
         struct_pack(at := i.order_ts, line := i.line_id) AS recency
  FROM silver_order_items i
  JOIN day_orders o ON o.order_id = i.order_id AND o.business_id = i.business_id
  WHERE o.counts_as_revenue
),
sold_items AS (
  SELECT s.business_id, s.location_id, s.local_date, s.item_id,
         coalesce(any_value(d.name), arg_max(s.item_name, s.recency)) AS item_name,
         arg_max(s.brand_id, s.recency) AS brand_id,
         arg_max(s.category_id, s.recency) AS category_id,
         arg_max(s.category_name, s.recency) AS sold_category_name,
         sum(s.qty) AS units, sum(s.extended_price) AS gross, sum(s.net) AS net,
         coalesce(sum(s.extended_cost), 0) AS cost
  FROM sold s LEFT JOIN dim_items d ON d.item_id = s.item_id AND d.business_id = s.business_id
  GROUP BY s.business_id, s.location_id, s.local_date, s.item_id
),
named_items AS (
  SELECT i.*, coalesce(c.name, i.sold_category_name) AS category_name
  FROM sold_items i LEFT JOIN dim_categories c ON c.category_id = i.category_id AND c.business_id = i.business_id
)`;

/** A gold day SELECT: the scope CTEs, the transform's own, then its SELECT. */
export function dayQuery(select: string, ctes: readonly string[] = []): string {
  return `WITH ${[DAY_SCOPE_CTES, ...ctes].join(',\n')}\n${select}`;
}
