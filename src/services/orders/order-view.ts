import type { OrderStatus } from '../../domain/orders/order-status.js';
import type { Queryable } from '../../storage/database.js';

/** An order as the API returns it. */
export interface OrderView {
  id: string;
  businessId: string;
  locationId: string;
  customerId: string | null;
  /** Who the order is for, as staff call and search them (null: a walk-in with no account). */
  customer: { name: string; email: string } | null;
  placedBy: string | null;
  channel: string;
  serviceType: 'dine_in' | 'takeout' | 'delivery';
  status: OrderStatus;
  tableNumber: string | null;
  delivery: { address: Record<string, unknown>; lat: number; lon: number } | null;
  notes: string | null;
  cancelReason: string | null;
  promoCode: string | null;
  lines: {
    id: string;
    lineNumber: number;
    itemId: string;
    brandId: string;
    categoryId: string;
    name: string;
    station: string;
    unitPriceMinor: number;
    quantity: number;
    modifiers: { groupId: string; groupName: string; optionId: string; name: string; priceMinor: number }[];
    lineSubtotalMinor: number;
    discountMinor: number;
    notes: string | null;
  }[];
  totals: {
    currency: string;
    subtotalMinor: number;
    discountMinor: number;
    loyaltyDiscountMinor: number;
    taxMinor: number;
    tipMinor: number;
    deliveryFeeMinor: number;
    totalMinor: number;
    capturedMinor: number;
    refundedMinor: number;
  };
  taxes: { name: string; rateBps: number; amountMinor: number }[];
  appliedOffers: { offerId: string; name: string; discountMinor: number }[];
  loyalty: { pointsRedeemed: number; pointsEarned: number };
  payments: {
    id: string;
    method: string;
    provider: string | null;
    status: string;
    amountMinor: number;
    capturedMinor: number;
    refundedMinor: number;
    authCode: string | null;
    cardLast4: string | null;
    declineCode: string | null;
    declineReason: string | null;
    createdAt: string;
  }[];
  refunds: { id: string; paymentId: string; amountMinor: number; reason: string; createdAt: string }[];
  placedAt: string;
  updatedAt: string;
}

export interface OrderRow {
  id: string;
  business_id: string;
  location_id: string;
  customer_id: string | null;
  placed_by: string | null;
  channel: string;
  service_type: OrderView['serviceType'];
  status: OrderStatus;
  table_number: string | null;
  delivery_address: Record<string, unknown> | null;
  delivery_lat: number | null;
  delivery_lon: number | null;
  notes: string | null;
  cancel_reason: string | null;
  promo_code: string | null;
  currency: string;
  subtotal_minor: number;
  discount_minor: number;
  loyalty_discount_minor: number;
  tax_minor: number;
  tip_minor: number;
  delivery_fee_minor: number;
  total_minor: number;
  captured_minor: number;
  refunded_minor: number;
  pricing: { taxes: OrderView['taxes']; appliedOffers: OrderView['appliedOffers'] };
  payment_method: string;
  payment_provider: string | null;
  loyalty_points_earned: number;
  loyalty_points_redeemed: number;
  placed_at: Date;
  updated_at: Date;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export async function loadOrderRow(
  db: Queryable,
  orderId: string,
  forUpdate = false,
): Promise<OrderRow | undefined> {
  const { rows } = await db.query<OrderRow>(
    `SELECT * FROM orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  return rows[0];
}

/**
 * The whole order in one round trip: its row with lines, payments and refunds aggregated as JSON
 * (the hot path of placement and of every status change answers with it).
 */
export async function loadOrderView(db: Queryable, orderId: string): Promise<OrderView | undefined> {
  const [view] = await loadOrderViews(db, [orderId]);
  return view;
}

/** Several orders in one round trip, in the order of `orderIds` (missing ids are skipped). */
export async function loadOrderViews(db: Queryable, orderIds: readonly string[]): Promise<OrderView[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await db.query<
    OrderRow & {
      view_lines: Parameters<typeof mapLine>[0][] | null;
      view_payments: Parameters<typeof mapPayment>[0][] | null;
      view_refunds:
        | { id: string; payment_id: string; amount_minor: number; reason: string; created_at: Date }[]
        | null;
      view_customer: { name: string; email: string } | null;
    }
  >(
    `SELECT o.*,
       (SELECT json_agg(l ORDER BY l.line_number) FROM order_lines l WHERE l.order_id = o.id) AS view_lines,
       (SELECT json_agg(p ORDER BY p.created_at, p.id) FROM payments p WHERE p.order_id = o.id) AS view_payments,
       (SELECT json_agg(r ORDER BY r.created_at, r.id) FROM refunds r WHERE r.order_id = o.id) AS view_refunds,
       (SELECT json_build_object('name', u.name, 'email', u.email) FROM users u WHERE u.id = o.customer_id)
         AS view_customer
     FROM orders o WHERE o.id = ANY($1::uuid[])`,
    [orderIds],
  );
  const byId = new Map(
    rows.map((order) => [
      order.id,
      toOrderView(
        order,
        order.view_customer,
        order.view_lines ?? [],
        order.view_payments ?? [],
        order.view_refunds ?? [],
      ),
    ]),
  );
  return orderIds.flatMap((id) => byId.get(id) ?? []);
}

function toOrderView(
  order: OrderRow,
  customer: OrderView['customer'],
  lines: Parameters<typeof mapLine>[0][],
  payments: Parameters<typeof mapPayment>[0][],
  refunds: {
    id: string;
    payment_id: string;
    amount_minor: number;
    reason: string;
    created_at: Date | string;
  }[],
): OrderView {
  return {
    id: order.id,
    businessId: order.business_id,
    locationId: order.location_id,
    customerId: order.customer_id,
    customer,
    placedBy: order.placed_by,
    channel: order.channel,
    serviceType: order.service_type,
    status: order.status,
    tableNumber: order.table_number,
    delivery:
      order.service_type === 'delivery' && order.delivery_lat !== null && order.delivery_lon !== null
        ? { address: order.delivery_address ?? {}, lat: order.delivery_lat, lon: order.delivery_lon }
        : null,
    notes: order.notes,
    cancelReason: order.cancel_reason,
    promoCode: order.promo_code,
    lines: lines.map(mapLine),
    totals: {
      currency: order.currency.trim(),
      subtotalMinor: order.subtotal_minor,
      discountMinor: order.discount_minor,
      loyaltyDiscountMinor: order.loyalty_discount_minor,
      taxMinor: order.tax_minor,
      tipMinor: order.tip_minor,
      deliveryFeeMinor: order.delivery_fee_minor,
      totalMinor: order.total_minor,
      capturedMinor: order.captured_minor,
      refundedMinor: order.refunded_minor,
    },
    taxes: order.pricing.taxes,
    appliedOffers: order.pricing.appliedOffers,
    loyalty: { pointsRedeemed: order.loyalty_points_redeemed, pointsEarned: order.loyalty_points_earned },
    payments: payments.map(mapPayment),
    refunds: refunds.map((r) => ({
      id: r.id,
      paymentId: r.payment_id,
      amountMinor: r.amount_minor,
      reason: r.reason,
      createdAt: iso(r.created_at),
    })),
    placedAt: iso(order.placed_at),
    updatedAt: iso(order.updated_at),
  };
}

function mapLine(line: {
  id: string;
  line_number: number;
  item_id: string;
  brand_id: string;
  category_id: string;
  name: string;
  station: string;
  unit_price_minor: number;
  quantity: number;
  modifiers: OrderView['lines'][number]['modifiers'];
  line_subtotal_minor: number;
  discount_minor: number;
  notes: string | null;
}): OrderView['lines'][number] {
  return {
    id: line.id,
    lineNumber: line.line_number,
    itemId: line.item_id,
    brandId: line.brand_id,
    categoryId: line.category_id,
    name: line.name,
    station: line.station,
    unitPriceMinor: line.unit_price_minor,
    quantity: line.quantity,
    modifiers: line.modifiers,
    lineSubtotalMinor: line.line_subtotal_minor,
    discountMinor: line.discount_minor,
    notes: line.notes,
  };
}

function mapPayment(payment: {
  id: string;
  method: string;
  provider: string | null;
  status: string;
  amount_minor: number;
  captured_minor: number;
  refunded_minor: number;
  auth_code: string | null;
  card_last4: string | null;
  decline_code: string | null;
  decline_reason: string | null;
  created_at: Date | string;
}): OrderView['payments'][number] {
  return {
    id: payment.id,
    method: payment.method,
    provider: payment.provider,
    status: payment.status,
    amountMinor: payment.amount_minor,
    capturedMinor: payment.captured_minor,
    refundedMinor: payment.refunded_minor,
    authCode: payment.auth_code,
    cardLast4: payment.card_last4,
    declineCode: payment.decline_code,
    declineReason: payment.decline_reason,
    createdAt: iso(payment.created_at),
  };
}
