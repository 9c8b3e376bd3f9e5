-- The order transaction Brigade's placement is compared with (npm run bench:orders).
-- One transaction writes what a placed-and-paid order needs: the order row (already confirmed and
-- captured), three order lines (one with modifiers), one payment and one outbox event. Run with
-- -M prepared, so the -D variables (ids, JSON) travel as bind parameters of prepared statements, as
-- the app's do.
-- The order id comes back through RETURNING ... \gset instead of an extra SELECT round trip.
\set q1 random(1, 3)
\set q2 random(1, 3)
\set q3 random(1, 3)
\set burger_price 1250 + 150
\set l1 :burger_price * :q1
\set l2 500 * :q2
\set l3 800 * :q3
\set subtotal :l1 + :l2 + :l3
\set tax (:subtotal * 1300 + 5000) / 10000
\set total :subtotal + :tax
BEGIN;
INSERT INTO orders (id, business_id, location_id, customer_id, placed_by, service_type, status, currency,
  subtotal_minor, discount_minor, tax_minor, tip_minor, delivery_fee_minor, total_minor, captured_minor, pricing,
  payment_method, loyalty_points_earned, next_event_sequence, placed_at)
VALUES (gen_random_uuid(), :business_id, :location_id, :customer_id, :customer_id, 'takeout', 'confirmed', 'CAD',
  :subtotal, 0, :tax, 0, 0, :total, :total, :pricing, 'credit_card', 0, 1, now())
RETURNING id AS order_id \gset
INSERT INTO order_lines (id, business_id, order_id, line_number, item_id, brand_id, category_id, name, station,
  unit_price_minor, unit_cost_minor, quantity, modifiers, line_subtotal_minor)
VALUES (gen_random_uuid(), :business_id, :order_id, 1, :burger_id, :brand_id, :category_id, 'Burger', 'grill',
  1250, 375, :q1, :burger_modifiers, :l1);
INSERT INTO order_lines (id, business_id, order_id, line_number, item_id, brand_id, category_id, name, station,
  unit_price_minor, unit_cost_minor, quantity, modifiers, line_subtotal_minor)
VALUES (gen_random_uuid(), :business_id, :order_id, 2, :fries_id, :brand_id, :category_id, 'Fries', 'grill',
  500, 150, :q2, '[]', :l2);
INSERT INTO order_lines (id, business_id, order_id, line_number, item_id, brand_id, category_id, name, station,
  unit_price_minor, unit_cost_minor, quantity, modifiers, line_subtotal_minor)
VALUES (gen_random_uuid(), :business_id, :order_id, 3, :cake_id, :brand_id, :category_id, 'Cake', 'grill',
  800, 240, :q3, '[]', :l3);
INSERT INTO payments (id, business_id, order_id, method, provider, status, amount_minor, captured_minor, currency,
  gateway_reference, auth_code, card_last4)
VALUES (gen_random_uuid(), :business_id, :order_id, 'credit_card', 'VISA', 'captured', :total, :total, 'CAD',
  'sim_cap_' || md5(random()::text), 'A1B2C3', '4242');
INSERT INTO outbox (event_id, event_type, version, occurred_at, business_id, location_id, order_id, sequence, payload)
VALUES (gen_random_uuid(), 'order.placed', 1, now(), :business_id, :location_id, :order_id, 0, :payload);
COMMIT;
