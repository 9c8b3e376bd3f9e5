import { type Static, type TSchema, Type } from '@sinclair/typebox';
import '../../schemas/formats.js';
import { ORDER_STATUSES } from '../orders/order-status.js';

/**
 * The event catalog: every event type Brigade emits with the JSON schema of its payload.
 * The outbox writer validates each payload against it, and docs/events.md is generated from it
 * (`npm run docs:events`), so the documentation cannot drift from what is written.
 */

const Money = Type.Integer({ minimum: 0, description: 'integer minor units (cents)' });
const Id = Type.String({ format: 'uuid' });
const NullableId = Type.Union([Id, Type.Null()]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const OrderStatus = Type.Union(ORDER_STATUSES.map((status) => Type.Literal(status)));
const Actor = Type.Object({
  user_id: NullableId,
  role: Type.String({ description: 'role the actor acted in (customer, owner, kitchen, system, ...)' }),
});

const OrderLine = Type.Object({
  line_id: Id,
  line_number: Type.Integer({ minimum: 1 }),
  item_id: Id,
  brand_id: Id,
  category_id: Id,
  name: Type.String(),
  station: Type.String(),
  unit_price: Money,
  unit_cost: Type.Union([Money, Type.Null()]),
  quantity: Type.Integer({ minimum: 1 }),
  modifiers: Type.Array(
    Type.Object({
      group_id: Id,
      group_name: Type.String(),
      option_id: Id,
      name: Type.String(),
      price: Money,
    }),
  ),
  line_subtotal: Money,
  discount: Money,
  notes: Type.Union([Type.String(), Type.Null()]),
});

const Totals = Type.Object({
  currency: Currency,
  subtotal: Money,
  discount: Money,
  loyalty_discount: Money,
  tax: Money,
  tip: Money,
  delivery_fee: Money,
  total: Money,
});

const StatusChange = Type.Object({
  from: OrderStatus,
  to: OrderStatus,
  actor: Actor,
  reason: Type.Optional(Type.String()),
});

export const EVENT_CATALOG = {
  'order.placed': {
    version: 1,
    description: 'A customer or staff member placed an order; prices, offers and tax are final.',
    payload: Type.Object({
      status: Type.Literal('placed'),
      customer_id: NullableId,
      placed_by: NullableId,
      channel: Type.String(),
      service_type: Type.Union([Type.Literal('dine_in'), Type.Literal('takeout'), Type.Literal('delivery')]),
      table_number: Type.Union([Type.String(), Type.Null()]),
      delivery: Type.Union([
        Type.Object({
          address: Type.Record(Type.String(), Type.Unknown()),
          lat: Type.Number(),
          lon: Type.Number(),
        }),
        Type.Null(),
      ]),
      lines: Type.Array(OrderLine, { minItems: 1 }),
      totals: Totals,
      promo_code: Type.Union([Type.String(), Type.Null()]),
      applied_offers: Type.Array(Type.Object({ offer_id: Id, name: Type.String(), discount: Money })),
      loyalty_points_redeemed: Type.Integer({ minimum: 0 }),
      placed_at: Type.String({ format: 'date-time' }),
    }),
  },
  'order.confirmed': {
    version: 1,
    description: 'Payment was captured and the restaurant has the order.',
    payload: StatusChange,
  },
  'order.status_changed': {
    version: 1,
    description:
      'The order moved along its lifecycle (preparing, ready, picked_up, out_for_delivery, delivered, completed).',
    payload: StatusChange,
  },
  'order.cancelled': {
    version: 1,
    description:
      'The order was cancelled (by the customer, staff, or a declined payment); refunds follow as their own events.',
    payload: Type.Intersect([StatusChange, Type.Object({ reason: Type.String() })]),
  },
  'order.refunded': {
    version: 1,
    description: 'Everything captured has been refunded; the order is now in status refunded.',
    payload: Type.Intersect([StatusChange, Type.Object({ refunded_total: Money, currency: Currency })]),
  },
  'payment.authorized': {
    version: 1,
    description: 'The gateway authorized the payment for the order total.',
    payload: Type.Object({
      payment_id: Id,
      method: Type.String(),
      provider: Type.Union([Type.String(), Type.Null()]),
      amount: Money,
      currency: Currency,
      auth_code: Type.Union([Type.String(), Type.Null()]),
      gateway_reference: Type.String(),
    }),
  },
  'payment.captured': {
    version: 1,
    description: 'The authorized amount was captured; with subtotal, tax and tip for reconciliation.',
    payload: Type.Object({
      payment_id: Id,
      method: Type.String(),
      provider: Type.Union([Type.String(), Type.Null()]),
      amount: Money,
      currency: Currency,
      auth_code: Type.Union([Type.String(), Type.Null()]),
      subtotal: Money,
      tax: Money,
      tip: Money,
      total: Money,
    }),
  },
  'payment.declined': {
    version: 1,
    description: 'The gateway declined the payment; the order is cancelled with this reason.',
    payload: Type.Object({
      payment_id: Id,
      method: Type.String(),
      provider: Type.Union([Type.String(), Type.Null()]),
      amount: Money,
      currency: Currency,
      decline_code: Type.String(),
      decline_reason: Type.String(),
    }),
  },
  'refund.processed': {
    version: 1,
    description: 'Money was returned to the customer (full or partial).',
    payload: Type.Object({
      refund_id: Id,
      payment_id: Id,
      amount: Money,
      currency: Currency,
      reason: Type.String(),
      refunded_total: Money,
      captured_total: Money,
      full: Type.Boolean(),
      requested_by: NullableId,
    }),
  },
  'loyalty.points_earned': {
    version: 1,
    description: 'Points credited to a customer for an order.',
    payload: Type.Object({
      user_id: Id,
      points: Type.Integer({ minimum: 1 }),
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'loyalty.points_redeemed': {
    version: 1,
    description: 'Points spent as a discount on an order.',
    payload: Type.Object({
      user_id: Id,
      points: Type.Integer({ minimum: 1 }),
      discount: Money,
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'loyalty.points_reversed': {
    version: 1,
    description:
      'Points given back (redeemed) or taken back (earned) when an order is cancelled or refunded.',
    payload: Type.Object({
      user_id: Id,
      points_delta: Type.Integer(),
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'feedback.submitted': {
    version: 1,
    description: 'The customer rated the order.',
    payload: Type.Object({
      feedback_id: Id,
      customer_id: NullableId,
      rating: Type.Integer({ minimum: 1, maximum: 5 }),
      nps: Type.Union([Type.Integer({ minimum: 0, maximum: 10 }), Type.Null()]),
      comment: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  'menu.changed': {
    version: 1,
    description: 'A menu, category, item, modifier group or offer was created, updated or deleted.',
    payload: Type.Object({
      entity: Type.Union(
        ['menu', 'category', 'item', 'modifier_group', 'offer'].map((entity) => Type.Literal(entity)),
      ),
      entity_id: Id,
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  },
  'location.changed': {
    version: 1,
    description: 'A location was created, updated or deleted (status changes have their own event).',
    payload: Type.Object({
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  },
  'location.status_changed': {
    version: 1,
    description: 'A location opened, paused or closed for orders.',
    payload: Type.Object({
      from: Type.String(),
      to: Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]),
    }),
  },
  'brand.changed': {
    version: 1,
    description: 'A brand was created, updated or deleted, or where it is served changed.',
    payload: Type.Object({
      brand_id: Id,
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  },
  'business.changed': {
    version: 1,
    description: 'A business was created or its settings changed.',
    payload: Type.Object({
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  },
  'membership.changed': {
    version: 1,
    description: 'A user was added to a business, changed role, or was removed.',
    payload: Type.Object({
      user_id: Id,
      action: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]),
      role: Type.Union([Type.String(), Type.Null()]),
    }),
  },
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = Static<(typeof EVENT_CATALOG)[T]['payload']>;
