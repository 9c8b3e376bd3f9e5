-- 011: the business-wide order list (GET /api/v1/businesses/{id}/orders, the web app's orders board):
-- newest first across every location, cursor (placed_at, id). Without it the list sorts all of the
-- business's orders for each page.
CREATE INDEX orders_business_placed_idx ON orders (business_id, placed_at DESC, id DESC);
