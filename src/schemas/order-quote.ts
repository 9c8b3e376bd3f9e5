import { Type } from '@sinclair/typebox';
import { Nullable, ServiceTypeSchema, StrictObject, Timestamp, Uuid } from './common.js';
import { OrderView, PlaceOrderBody } from './orders.js';

const placement = PlaceOrderBody.properties;
const order = OrderView.properties;

export const QuoteOrderBody = StrictObject(
  {
    serviceType: placement.serviceType,
    items: placement.items,
    tip: placement.tip,
    promoCode: placement.promoCode,
    loyaltyPointsToRedeem: placement.loyaltyPointsToRedeem,
  },
  {
    description:
      "The pricing choices of an order to place: omit `items` to price the caller's cart. No address, table " +
      'or payment: they do not change the price.',
  },
);

/** An order's price before it exists: its lines and money as the order would show them, nothing paid. */
export const OrderQuote = Type.Object({
  locationId: Uuid,
  serviceType: ServiceTypeSchema,
  pricedAt: Timestamp,
  acceptingOrders: Type.Boolean({ description: 'whether the restaurant would take the order right now' }),
  notAcceptingReason: Nullable(Type.String()),
  lines: Type.Array(Type.Omit(order.lines.items, ['id', 'brandId', 'categoryId', 'station'])),
  totals: Type.Omit(order.totals, ['capturedMinor', 'refundedMinor']),
  taxes: order.taxes,
  appliedOffers: order.appliedOffers,
  loyalty: Nullable(
    Type.Object(
      {
        pointsBalance: Type.Integer(),
        pointsRedeemed: Type.Integer(),
        pointsEarned: Type.Integer(),
        pointsPerMinorUnit: Type.Integer({ minimum: 1, description: 'points worth one minor unit' }),
      },
      { description: 'null when the caller does not order as a customer: no points apply' },
    ),
  ),
});
