-- 013: whether an order was placed from its placer's cart. Placement takes the cart's lines in the
-- order's own transaction; when the payment is then declined (or never reaches the gateway) and the
-- order is cancelled, the payment step puts those dishes back in the cart in its own transaction
-- (src/services/carts/restore-cart.ts), so a declined card never costs the customer their cart.
ALTER TABLE orders ADD COLUMN from_cart boolean NOT NULL DEFAULT false;
