import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { CurrencyCode, MinorUnits, Nullable, Timestamp, Uuid } from '../../schemas/common.js';
import { ORDER_STATUSES, SERVICE_TYPES } from '../orders/order-status.js';
import { DELIVERY_EVENTS } from './delivery-events.js';
import { KITCHEN_EVENTS } from './kitchen-events.js';
import { NOTIFICATION_EVENTS } from './notification-events.js';
import { ORDER_CHANGE_EVENTS } from './order-change-events.js';
import { OrderLine, OrderTotals as Totals } from './order-shapes.js';
import { STAFF_EVENTS } from './staff-events.js';
import { TABLE_EVENTS } from './table-events.js';

/**
 * The event catalog: every event type Brigade emits with the JSON schema of its payload.
 * The outbox writer validates each payload against it, and docs/events.md is generated from it
 * (`npm run docs:events`), so the documentation cannot drift from what is written.
 */

const NullableId = Nullable(Uuid);
const OrderStatus = Type.Union(ORDER_STATUSES.map((status) => Type.Literal(status)));
const ServiceType = Type.Union(SERVICE_TYPES.map((type) => Type.Literal(type)));
const LocationStatus = Type.Union([Type.Literal('open'), Type.Literal('paused'), Type.Literal('closed')]);
const Action = Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('deleted')]);
/** The entity as it is after the change (null when deleted). */
const Snapshot = Nullable(Type.Record(Type.String(), Type.Unknown()));
const Actor = Type.Object({
  user_id: NullableId,
  role: Type.String({ description: 'role the actor acted in (customer, owner, kitchen, system, ...)' }),
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
      service_type: ServiceType,
      table_number: Nullable(Type.String()),
      delivery: Nullable(
        Type.Object({
          address: Type.Record(Type.String(), Type.Unknown()),
          lat: Type.Number(),
          lon: Type.Number(),
        }),
      ),
      lines: Type.Array(OrderLine, { minItems: 1 }),
      totals: Totals,
      promo_code: Nullable(Type.String()),
      applied_offers: Type.Array(Type.Object({ offer_id: Uuid, name: Type.String(), discount: MinorUnits })),
      loyalty_points_redeemed: Type.Integer({ minimum: 0 }),
      placed_at: Timestamp,
      time_zone: Type.Optional(
        Type.String({
          description:
            "The location's IANA time zone at placement, so analytics can tell the local day and hour without looking the location up (foreign producers may leave it out).",
        }),
      ),
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
    payload: Type.Intersect([
      StatusChange,
      Type.Object({ refunded_total: MinorUnits, currency: CurrencyCode }),
    ]),
  },
  'payment.authorized': {
    version: 1,
    description: 'The gateway authorized the payment for the order total.',
    payload: Type.Object({
      payment_id: Uuid,
      method: Type.String(),
      provider: Nullable(Type.String()),
      amount: MinorUnits,
      currency: CurrencyCode,
      auth_code: Nullable(Type.String()),
      gateway_reference: Type.String(),
    }),
  },
  'payment.captured': {
    version: 1,
    description: 'The authorized amount was captured; with subtotal, tax and tip for reconciliation.',
    payload: Type.Object({
      payment_id: Uuid,
      method: Type.String(),
      provider: Nullable(Type.String()),
      amount: MinorUnits,
      currency: CurrencyCode,
      auth_code: Nullable(Type.String()),
      subtotal: MinorUnits,
      tax: MinorUnits,
      tip: MinorUnits,
      total: MinorUnits,
    }),
  },
  'payment.declined': {
    version: 1,
    description: 'The gateway declined the payment; the order is cancelled with this reason.',
    payload: Type.Object({
      payment_id: Uuid,
      method: Type.String(),
      provider: Nullable(Type.String()),
      amount: MinorUnits,
      currency: CurrencyCode,
      decline_code: Type.String(),
      decline_reason: Type.String(),
    }),
  },
  'refund.processed': {
    version: 1,
    description: 'Money was returned to the customer (full or partial).',
    payload: Type.Object({
      refund_id: Uuid,
      payment_id: Uuid,
      amount: MinorUnits,
      currency: CurrencyCode,
      reason: Type.String(),
      refunded_total: MinorUnits,
      captured_total: MinorUnits,
      full: Type.Boolean(),
      requested_by: NullableId,
    }),
  },
  'loyalty.points_earned': {
    version: 1,
    description: 'Points credited to a customer for an order.',
    payload: Type.Object({
      user_id: Uuid,
      points: Type.Integer({ minimum: 1 }),
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'loyalty.points_redeemed': {
    version: 1,
    description: 'Points spent as a discount on an order.',
    payload: Type.Object({
      user_id: Uuid,
      points: Type.Integer({ minimum: 1 }),
      discount: MinorUnits,
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'loyalty.points_reversed': {
    version: 1,
    description:
      'Points given back (redeemed) or taken back (earned) when an order is cancelled or refunded.',
    payload: Type.Object({
      user_id: Uuid,
      points_delta: Type.Integer(),
      balance: Type.Integer({ minimum: 0 }),
    }),
  },
  'feedback.submitted': {
    version: 1,
    description: 'The customer rated the order.',
    payload: Type.Object({
      feedback_id: Uuid,
      customer_id: NullableId,
      rating: Type.Integer({ minimum: 1, maximum: 5 }),
      nps: Nullable(Type.Integer({ minimum: 0, maximum: 10 })),
      comment: Nullable(Type.String()),
    }),
  },
  'menu.changed': {
    version: 1,
    description: 'A menu, category, item, modifier group or offer was created, updated or deleted.',
    payload: Type.Object({
      entity: Type.Union(
        ['menu', 'category', 'item', 'modifier_group', 'offer'].map((entity) => Type.Literal(entity)),
      ),
      entity_id: Uuid,
      action: Action,
      data: Snapshot,
    }),
  },
  'location.changed': {
    version: 1,
    description: 'A location was created, updated or deleted (status changes have their own event).',
    payload: Type.Object({
      action: Action,
      data: Snapshot,
    }),
  },
  'location.status_changed': {
    version: 1,
    description: 'A location opened, paused or closed for orders.',
    payload: Type.Object({
      from: LocationStatus,
      to: LocationStatus,
    }),
  },
  'brand.changed': {
    version: 1,
    description: 'A brand was created, updated or deleted, or where it is served changed.',
    payload: Type.Object({
      brand_id: Uuid,
      action: Action,
      data: Snapshot,
    }),
  },
  'business.changed': {
    version: 1,
    description: 'A business was created or its settings changed.',
    payload: Type.Object({
      action: Action,
      data: Snapshot,
    }),
  },
  'membership.changed': {
    version: 1,
    description: 'A user was added to a business, changed role, or was removed.',
    payload: Type.Object({
      user_id: Uuid,
      action: Action,
      role: Nullable(Type.String()),
    }),
  },
  ...ORDER_CHANGE_EVENTS,
  ...DELIVERY_EVENTS,
  ...TABLE_EVENTS,
  ...STAFF_EVENTS,
  ...KITCHEN_EVENTS,
  ...NOTIFICATION_EVENTS,
} as const satisfies Record<string, { version: number; description: string; payload: TSchema }>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = Static<(typeof EVENT_CATALOG)[T]['payload']>;
