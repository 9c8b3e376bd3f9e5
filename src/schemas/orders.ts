import { Type } from '@sinclair/typebox';
import { ORDER_STATUSES, type OrderStatus } from '../domain/orders/order-status.js';
import { PAYMENT_METHODS } from '../payments/payment-gateway.js';
import {
  CurrencyCode,
  ENVELOPE_PROPERTIES,
  MinorUnits,
  Nullable,
  ServiceTypeSchema,
  StrictObject,
  Timestamp,
  Uuid,
} from './common.js';

export const OrderStatusSchema = Type.Unsafe<OrderStatus>({ type: 'string', enum: [...ORDER_STATUSES] });

export const Address = StrictObject({
  line1: Type.String({ minLength: 1, maxLength: 200 }),
  line2: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.String({ minLength: 1, maxLength: 100 }),
  region: Type.Optional(Type.String({ maxLength: 100 })),
  postalCode: Type.Optional(Type.String({ maxLength: 20 })),
  country: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
  instructions: Type.Optional(Type.String({ maxLength: 500 })),
});

export const OrderLineInput = StrictObject({
  itemId: Uuid,
  quantity: Type.Integer({ minimum: 1, maximum: 99 }),
  modifiers: Type.Optional(Type.Array(Uuid, { maxItems: 30, description: 'selected modifier option ids' })),
  notes: Type.Optional(Type.String({ maxLength: 500 })),
});

export const PlaceOrderBody = StrictObject(
  {
    serviceType: ServiceTypeSchema,
    items: Type.Optional(
      Type.Array(OrderLineInput, {
        minItems: 1,
        maxItems: 100,
        description: 'inline lines; omit to order the cart',
      }),
    ),
    tableNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    delivery: Type.Optional(
      StrictObject({
        address: Address,
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        lon: Type.Number({ minimum: -180, maximum: 180 }),
      }),
    ),
    tip: Type.Optional(
      Type.Union([
        StrictObject({ percentBps: Type.Integer({ minimum: 0, maximum: 10_000 }) }),
        StrictObject({ amountMinor: Type.Integer({ minimum: 0, maximum: 10_000_000 }) }),
      ]),
    ),
    promoCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    loyaltyPointsToRedeem: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    payment: StrictObject({
      method: Type.Union(PAYMENT_METHODS.map((method) => Type.Literal(method))),
      provider: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
      cardNumber: Type.Optional(
        Type.String({
          pattern: '^[0-9]{12,19}$',
          description: 'simulated gateway: test numbers decide the outcome',
        }),
      ),
    }),
    notes: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { description: 'Prices are never sent: the server prices every order.' },
);

const OrderLineModifier = Type.Object({
  groupId: Uuid,
  groupName: Type.String(),
  optionId: Uuid,
  name: Type.String(),
  priceMinor: MinorUnits,
});

export const OrderView = Type.Object({
  id: Uuid,
  businessId: Uuid,
  locationId: Uuid,
  customerId: Nullable(Uuid),
  customer: Nullable(
    Type.Object(
      { name: Type.String(), email: Type.String() },
      { description: "the customer's account (null: no account, e.g. a walk-in entered by staff)" },
    ),
  ),
  placedBy: Nullable(Uuid),
  channel: Type.String(),
  serviceType: ServiceTypeSchema,
  status: OrderStatusSchema,
  tableNumber: Nullable(Type.String()),
  delivery: Nullable(
    Type.Object({
      address: Type.Record(Type.String(), Type.Unknown()),
      lat: Type.Number(),
      lon: Type.Number(),
    }),
  ),
  notes: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  promoCode: Nullable(Type.String()),
  lines: Type.Array(
    Type.Object({
      id: Uuid,
      lineNumber: Type.Integer(),
      itemId: Uuid,
      brandId: Uuid,
      categoryId: Uuid,
      name: Type.String(),
      station: Type.String(),
      unitPriceMinor: MinorUnits,
      quantity: Type.Integer(),
      modifiers: Type.Array(OrderLineModifier),
      lineSubtotalMinor: MinorUnits,
      discountMinor: MinorUnits,
      notes: Nullable(Type.String()),
    }),
  ),
  totals: Type.Object({
    currency: CurrencyCode,
    subtotalMinor: MinorUnits,
    discountMinor: MinorUnits,
    loyaltyDiscountMinor: MinorUnits,
    taxMinor: MinorUnits,
    tipMinor: MinorUnits,
    deliveryFeeMinor: MinorUnits,
    totalMinor: MinorUnits,
    capturedMinor: MinorUnits,
    refundedMinor: MinorUnits,
  }),
  taxes: Type.Array(Type.Object({ name: Type.String(), rateBps: Type.Integer(), amountMinor: MinorUnits })),
  appliedOffers: Type.Array(Type.Object({ offerId: Uuid, name: Type.String(), discountMinor: MinorUnits })),
  loyalty: Type.Object({ pointsRedeemed: Type.Integer(), pointsEarned: Type.Integer() }),
  payments: Type.Array(
    Type.Object({
      id: Uuid,
      method: Type.String(),
      provider: Nullable(Type.String()),
      status: Type.String(),
      amountMinor: MinorUnits,
      capturedMinor: MinorUnits,
      refundedMinor: MinorUnits,
      authCode: Nullable(Type.String()),
      cardLast4: Nullable(Type.String()),
      declineCode: Nullable(Type.String()),
      declineReason: Nullable(Type.String()),
      createdAt: Timestamp,
    }),
  ),
  refunds: Type.Array(
    Type.Object({
      id: Uuid,
      paymentId: Uuid,
      amountMinor: MinorUnits,
      reason: Type.String(),
      createdAt: Timestamp,
    }),
  ),
  placedAt: Timestamp,
  updatedAt: Timestamp,
});

export const OrderEvent = Type.Object({ position: Type.Integer(), ...ENVELOPE_PROPERTIES });

export const StatusChangeBody = StrictObject({
  status: OrderStatusSchema,
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
});
export const CancelBody = StrictObject({ reason: Type.String({ minLength: 1, maxLength: 500 }) });
export const RefundBody = StrictObject({
  amountMinor: Type.Optional(
    Type.Integer({ minimum: 1, description: 'omit to refund everything still refundable' }),
  ),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
});
export const FeedbackBody = StrictObject({
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  nps: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const FeedbackView = Type.Object({
  id: Uuid,
  orderId: Uuid,
  rating: Type.Integer(),
  nps: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const OrderListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(OrderStatusSchema, { description: 'repeat or comma-separate' })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export const OrderPage = Type.Object({ orders: Type.Array(OrderView), nextCursor: Nullable(Type.String()) });
export const CustomerParams = Type.Object({ userId: Uuid });

export const BusinessOrderListQuery = Type.Object(
  {
    ...OrderListQuery.properties,
    location_id: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 100,
        description: 'locations to include (repeat the parameter); all the caller covers when absent',
      }),
    ),
    service_type: Type.Optional(Type.Array(ServiceTypeSchema, { description: 'repeat the parameter' })),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'search: the start of the order id (its number as screens show it, `#` optional), or part of the ' +
          "customer's name or email (case-insensitive)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const OrderActions = Type.Object(
  {
    status: OrderStatusSchema,
    transitions: Type.Array(OrderStatusSchema, {
      description:
        'statuses the caller may move the order to now (POST /status; `cancelled` through POST /cancel), in ' +
        'lifecycle order, from the same state machine that decides those requests',
    }),
    refund: Type.Object({
      allowed: Type.Boolean({ description: 'whether the caller may ask for a refund now' }),
      refundableMinor: MinorUnits,
    }),
  },
  {
    description:
      'What the caller may do with the order now (for buttons; the API still decides each request)',
  },
);
