import type { EventEnvelope } from '../events/envelope.js';
import { formatMoney, orderReference, serviceWords, statusWords } from './notification-text.js';
import type { NotificationType } from './notification-types.js';

/** Roles of a business's team a notification can be addressed to. */
export type TeamRole = 'owner' | 'manager' | 'kitchen' | 'cashier' | 'driver';

/** Who receives a notification; the service turns it into users. */
export type Audience =
  | { kind: 'customer' }
  | { kind: 'user'; userId: string }
  /** Members of the business in these roles who work at the event's location (all, for business-wide events). */
  | { kind: 'team'; roles: readonly TeamRole[] };

export interface NotificationIntent {
  type: NotificationType;
  audience: Audience;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** What the rules need beyond the event, looked up by the service. */
export interface EventFacts {
  /** The order the event is about, when Brigade has it. */
  order?: { serviceType: string; totalMinor: number; currency: string } | null;
  /** delivery.location_updated: whether this is the delivery's first location update after pickup. */
  firstPingAfterPickup?: boolean;
  /** menu.changed on an item: whether the item was available before (null: the consumer never saw it). */
  itemWasAvailable?: boolean | null;
  /**
   * order.status_changed to out_for_delivery or delivered: whether the driver's delivery step made it
   * (delivery.picked_up / delivery.delivered then tell the customer, once).
   */
  deliveryStepAnnounced?: boolean;
}

/** Front of house and kitchen: who must react to an order arriving or going away. */
const ORDER_TEAM: readonly TeamRole[] = ['owner', 'manager', 'kitchen', 'cashier'];
const MANAGERS: readonly TeamRole[] = ['owner', 'manager'];

/**
 * The decline code the payment sweeper records when a placement's payment never reached the gateway
 * (src/services/orders/settle-payment.ts): the order is then cancelled as expired, not as declined.
 */
export const PAYMENT_INTERRUPTED = 'payment_interrupted';

// Payload fields read here; the catalog schemas guarantee them.
type Payload = Record<string, unknown>;
const str = (payload: Payload, key: string) =>
  typeof payload[key] === 'string' ? (payload[key] as string) : '';
const num = (payload: Payload, key: string) =>
  typeof payload[key] === 'number' ? (payload[key] as number) : 0;

/**
 * The notifications an event calls for (docs/notifications.md has the table). Pure: the service
 * resolves audiences to users and applies their channel preferences.
 */
export function notificationsFor(event: EventEnvelope, facts: EventFacts = {}): NotificationIntent[] {
  const payload = (event.payload ?? {}) as Payload;
  const ref = event.order_id ? orderReference(event.order_id) : '';
  const data: Record<string, unknown> = {
    event_type: event.event_type,
    order_id: event.order_id,
    location_id: event.location_id,
  };
  const intent = (
    type: NotificationType,
    audience: Audience,
    title: string,
    body: string,
    extra: Record<string, unknown> = {},
  ): NotificationIntent => ({ type, audience, title, body, data: { ...data, ...extra } });
  const customer: Audience = { kind: 'customer' };
  const order = facts.order;

  switch (event.event_type) {
    case 'order.confirmed': {
      const what = order
        ? `A ${serviceWords(order.serviceType)} order for ${formatMoney(order.totalMinor, order.currency)}`
        : 'An order';
      return [
        intent(
          'new_order',
          { kind: 'team', roles: ORDER_TEAM },
          `New order ${ref}`,
          `${what} is paid and waiting.`,
        ),
        intent(
          'order_confirmed',
          customer,
          `Order ${ref} confirmed`,
          'The restaurant has your order and will start on it shortly.',
        ),
      ];
    }
    case 'order.status_changed': {
      const to = str(payload, 'to');
      if (facts.deliveryStepAnnounced) return [];
      return [
        intent('order_status_update', customer, `Order ${ref} is ${statusWords(to)}`, statusBody(to), {
          status: to,
        }),
      ];
    }
    case 'order.cancelled': {
      const actor = (payload.actor ?? {}) as Payload;
      const role = str(actor, 'role');
      const reason = str(payload, 'reason');
      if (role === 'customer') {
        return [
          intent(
            'order_cancelled_by_customer',
            { kind: 'team', roles: ORDER_TEAM },
            `Order ${ref} cancelled by the customer`,
            reason ? `Reason given: ${reason}` : 'No reason was given.',
            { reason },
          ),
        ];
      }
      // A system cancellation is a declined or expired payment: payment_failed / order_expired say so.
      if (role === 'system') return [];
      return [
        intent(
          'order_status_update',
          customer,
          `Order ${ref} was cancelled`,
          `The restaurant cancelled your order${reason ? `: ${reason}` : ''}. Anything you paid is refunded.`,
          { status: 'cancelled', reason },
        ),
      ];
    }
    case 'payment.captured':
      return [
        intent(
          'payment_succeeded',
          customer,
          `Payment received for order ${ref}`,
          `We received your payment of ${formatMoney(num(payload, 'amount'), str(payload, 'currency'))}.`,
          { amount: num(payload, 'amount'), currency: str(payload, 'currency') },
        ),
      ];
    case 'payment.declined': {
      if (str(payload, 'decline_code') === PAYMENT_INTERRUPTED) {
        return [
          intent(
            'order_expired',
            customer,
            `Order ${ref} expired`,
            'Your payment did not complete, so the order was cancelled. Nothing was charged.',
          ),
        ];
      }
      return [
        intent(
          'payment_failed',
          customer,
          `Payment for order ${ref} failed`,
          `Your payment was declined (${str(payload, 'decline_reason')}); the order was cancelled.`,
          { decline_code: str(payload, 'decline_code') },
        ),
      ];
    }
    case 'refund.processed': {
      const amount = formatMoney(num(payload, 'amount'), str(payload, 'currency'));
      return [
        intent(
          'refund_processed',
          customer,
          `Refund for order ${ref}`,
          `${amount} is on its way back to you${payload.full === true ? ' (a full refund)' : ''}.`,
          { amount: num(payload, 'amount'), currency: str(payload, 'currency'), full: payload.full === true },
        ),
      ];
    }
    case 'loyalty.points_earned':
      return [
        intent(
          'loyalty_points_earned',
          { kind: 'user', userId: str(payload, 'user_id') },
          `You earned ${num(payload, 'points')} points`,
          `Your balance is now ${num(payload, 'balance')} points.`,
          { points: num(payload, 'points'), balance: num(payload, 'balance') },
        ),
      ];
    case 'loyalty.points_reversed': {
      const delta = num(payload, 'points_delta');
      return [
        intent(
          'loyalty_points_reversed',
          { kind: 'user', userId: str(payload, 'user_id') },
          delta >= 0 ? `${delta} points returned` : `${-delta} points taken back`,
          `Order ${ref} was cancelled or refunded; your balance is now ${num(payload, 'balance')} points.`,
          { points_delta: delta, balance: num(payload, 'balance') },
        ),
      ];
    }
    case 'delivery.driver_assigned': {
      const driver = str(payload, 'driver_name') || 'A driver';
      const extra = {
        delivery_id: str(payload, 'delivery_id'),
        driver_user_id: str(payload, 'driver_user_id'),
      };
      return [
        intent(
          'driver_assigned',
          customer,
          `${driver} will deliver order ${ref}`,
          'We will tell you when it is on its way.',
          extra,
        ),
        intent(
          'driver_assigned',
          { kind: 'user', userId: str(payload, 'driver_user_id') },
          `New delivery: order ${ref}`,
          'You were assigned this delivery.',
          extra,
        ),
      ];
    }
    case 'delivery.picked_up':
      return [
        intent('driver_pickup', customer, `Order ${ref} picked up`, 'Your driver has your order.', {
          delivery_id: str(payload, 'delivery_id'),
        }),
      ];
    case 'delivery.location_updated':
      if (!facts.firstPingAfterPickup) return [];
      return [
        intent(
          'driver_en_route',
          customer,
          `Order ${ref} is on its way`,
          'Follow your driver live in the app.',
          {
            delivery_id: str(payload, 'delivery_id'),
          },
        ),
      ];
    case 'delivery.delivered':
      return [
        intent('delivery_completed', customer, `Order ${ref} delivered`, 'Enjoy your meal!', {
          delivery_id: str(payload, 'delivery_id'),
        }),
      ];
    case 'delivery.failed':
      return [
        intent(
          'delivery_creation_failed',
          { kind: 'team', roles: MANAGERS },
          `Delivery for order ${ref} failed`,
          `Reason: ${str(payload, 'reason') || 'not given'}. The order needs attention.`,
          { delivery_id: str(payload, 'delivery_id'), reason: str(payload, 'reason') },
        ),
      ];
    case 'menu.changed': {
      const item = (payload.data ?? null) as Payload | null;
      const madeUnavailable =
        str(payload, 'entity') === 'item' &&
        str(payload, 'action') === 'updated' &&
        item?.available === false &&
        facts.itemWasAvailable !== false;
      if (!madeUnavailable) return [];
      const name = str(item, 'name') || 'An item';
      return [
        intent(
          'item_out_of_stock',
          { kind: 'team', roles: ['owner', 'manager', 'kitchen', 'cashier'] },
          `${name} is out of stock`,
          `${name} was made unavailable; customers cannot order it until it is back.`,
          { item_id: str(payload, 'entity_id'), item_name: name },
        ),
      ];
    }
    default:
      return [];
  }
}

function statusBody(status: string): string {
  switch (status) {
    case 'preparing':
      return 'The kitchen is preparing your order.';
    case 'ready':
      return 'Your order is ready.';
    case 'picked_up':
      return 'Your order was picked up.';
    case 'out_for_delivery':
      return 'Your order is out for delivery.';
    case 'delivered':
      return 'Your order was delivered.';
    case 'completed':
      return 'Your order is complete. Thank you!';
    default:
      return `Your order is now ${statusWords(status)}.`;
  }
}

/** Event types the notifications consumer reads. */
export const NOTIFICATION_EVENT_TYPES = [
  'order.confirmed',
  'order.status_changed',
  'order.cancelled',
  'payment.captured',
  'payment.declined',
  'refund.processed',
  'loyalty.points_earned',
  'loyalty.points_reversed',
  'delivery.driver_assigned',
  'delivery.picked_up',
  'delivery.location_updated',
  'delivery.delivered',
  'delivery.failed',
  'menu.changed',
] as const;
