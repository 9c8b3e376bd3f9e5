-- 008: adding items to an order already in the kitchen (POST /api/v1/orders/{orderId}/items).

-- Items added to an order already in the kitchen, as a saga like placement: the addition is written
-- `pending` (with everything needed to apply it, priced) before the gateway is called, then recorded
-- `applied` (lines, totals and payment written) or `declined` (nothing added). A crash in between is
-- finished by the payment sweeper. `voided`: captured after the order was cancelled or refunded, so no
-- lines were added and the captured amount is refunded by the cancellation compensation.
CREATE TABLE order_additions (
  id uuid PRIMARY KEY,
  business_id uuid NOT NULL REFERENCES businesses (id),
  order_id uuid NOT NULL REFERENCES orders (id),
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'declined', 'voided')),
  added_by uuid REFERENCES users (id),
  added_by_role text NOT NULL,
  -- The priced lines to write ([{lineId, itemId, brandId, ...}]) and the addition's own totals.
  lines jsonb NOT NULL,
  taxes jsonb NOT NULL,
  currency char(3) NOT NULL,
  subtotal_minor integer NOT NULL CHECK (subtotal_minor >= 0),
  tax_minor integer NOT NULL CHECK (tax_minor >= 0),
  total_minor integer NOT NULL CHECK (total_minor >= 0),
  -- How it is paid (never the card number), so recovery can finish an authorization already made.
  payment_method text NOT NULL CHECK (payment_method IN ('credit_card', 'debit_card', 'cash', 'digital_wallet', 'gift_card')),
  payment_provider text,
  -- Deferred: the recording transaction claims the addition (with the new payment's id) before it
  -- inserts that payment, so the claim stays one conditional UPDATE.
  payment_id uuid REFERENCES payments (id) DEFERRABLE INITIALLY DEFERRED,
  decline_code text,
  decline_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);
-- The payment sweeper finds additions whose payment outcome was never recorded (a crash mid-saga).
CREATE INDEX order_additions_pending_idx ON order_additions (created_at) WHERE status = 'pending';
-- An order's additions, listed with the order.
CREATE INDEX order_additions_order_idx ON order_additions (order_id);
-- Orders refunded in full that still hold captured money (an addition captured while the refund ran):
-- the sweeper's compensation step finds them here, as it finds cancelled ones by the index of 001.
CREATE INDEX orders_refunded_compensation_idx ON orders (placed_at)
  WHERE status = 'refunded' AND captured_minor > refunded_minor;
