import type { EventEnvelope } from '../../domain/events/envelope.js';
import { routeByStation, ticketPriority } from '../../domain/kitchen/ticket-routing.js';
import { finishedLate, prepSeconds, ticketTargetAt } from '../../domain/kitchen/ticket-timing.js';
import { orderPlacedPayload, type PlacedLine } from '../../domain/orders/placed-payload.js';
import { priceOrder } from '../../domain/pricing/price-order.js';
import type { PricedOrder } from '../../domain/pricing/pricing-types.js';
import { type OrderStep, orderScript } from '../live/order-script.js';
import type { PlannedOrder } from '../planned-order.js';
import type { HistoryBusiness, HistoryItem, HistoryLocation } from './history-catalog.js';
import { isoTime } from './iso-time.js';
import { OrderTimeline } from './order-timeline.js';

/** The words the platform writes for the steps the live simulation takes (see order-player.ts). */
const CANCEL_REASON = 'Changed my mind';
const DECLINE = { code: 'card_declined', reason: 'The card was declined.' };
/** A partial refund returns this share of the bill, as the live simulation asks for. */
const PARTIAL_REFUND_SHARE = 0.3;

type Line = PlacedLine & { item: HistoryItem };

interface Ticket {
  /** The fields every event of the ticket starts with. */
  ref: { ticket_id: string; order_id: string; station: string };
  lines: { line: Line; ticketItemId: string }[];
  createdAt: number;
  targetAt: number;
  startedAt: number;
}

/** An order's events in sequence, with when each happened (epoch milliseconds). */
export interface OrderEvents {
  events: EventEnvelope[];
  times: number[];
}

/**
 * Everything that happened to one planned order, as the events the platform writes when the live
 * simulation plays the same plan through the API: the same script of steps (orderScript), priced by
 * the same pricing rules, lines routed to stations and timed by the same kitchen rules, each status
 * change allowed by the order lifecycle. What it leaves out, and why, is in docs/simulator.md
 * ("Backfill"): loyalty points and the floor plan.
 */
export function orderHistory(
  plan: PlannedOrder,
  business: HistoryBusiness,
  customerId: string | null,
  until: number = Number.POSITIVE_INFINITY,
): OrderEvents {
  const script = stepsUntil(orderScript(plan), until);
  if (!script) return { events: [], times: [] };
  const location = business.locations.get(plan.locationKey);
  if (!location) throw new Error(`planned order ${plan.key} names an unknown location ${plan.locationKey}`);
  const timeline = new OrderTimeline(
    { businessId: business.id, locationId: location.id, serviceType: plan.serviceType },
    plan.key,
  );
  const lines = plan.lines.map((planned, index) =>
    toLine(business, plan, planned, timeline.id(`line/${index}`)),
  );
  const priced = price(plan, business, location, lines);
  const paymentId = timeline.id('payment');
  const payment = paymentFacts(plan, timeline);
  const cook = business.cooks.get(plan.locationKey) ?? null;
  const manager = business.managers.get(plan.locationKey) ?? null;
  const driver = plan.delivery ? business.drivers.get(plan.delivery.driverKey) : undefined;
  if (plan.delivery && !driver) throw new Error(`planned order ${plan.key} names an unknown driver`);
  const deliveryId = timeline.id('delivery');
  const delivery = (at: number) => ({
    delivery_id: deliveryId,
    order_id: timeline.orderId,
    driver_user_id: driver?.userId ?? '',
    at: iso(at),
  });
  let tickets: Ticket[] = [];
  let refunded = 0;

  for (const step of script) {
    const at = step.at;
    switch (step.kind) {
      case 'place': {
        timeline.add('order.placed', at, placedPayload(plan, location, lines, priced, customerId, at));
        if (plan.payment.declined) {
          timeline.add('payment.declined', at, {
            payment_id: paymentId,
            ...payment.common,
            amount: priced.totalMinor,
            currency: priced.currency,
            decline_code: DECLINE.code,
            decline_reason: DECLINE.reason,
          });
          timeline.move('order.cancelled', 'cancelled', at, SYSTEM, {
            reason: `payment declined: ${DECLINE.reason}`,
          });
          break;
        }
        const amount = { amount: priced.totalMinor, currency: priced.currency, auth_code: payment.authCode };
        timeline.add('payment.authorized', at, {
          payment_id: paymentId,
          ...payment.common,
          ...amount,
          gateway_reference: payment.reference,
        });
        timeline.add('payment.captured', at, {
          payment_id: paymentId,
          ...payment.common,
          ...amount,
          subtotal: priced.subtotalMinor,
          tax: priced.taxMinor,
          tip: priced.tipMinor,
          total: priced.totalMinor,
        });
        timeline.move('order.confirmed', 'confirmed', at, SYSTEM);
        tickets = createTickets(timeline, plan, lines, at);
        break;
      }
      case 'cancel':
        timeline.move(
          'order.cancelled',
          'cancelled',
          at,
          { role: 'customer', userId: customerId },
          {
            reason: CANCEL_REASON,
          },
        );
        refunded = priced.totalMinor;
        timeline.add('refund.processed', at, {
          refund_id: timeline.id('refund/cancel'),
          payment_id: paymentId,
          amount: priced.totalMinor,
          currency: priced.currency,
          reason: 'order cancelled',
          refunded_total: refunded,
          captured_total: priced.totalMinor,
          full: true,
          requested_by: null,
        });
        for (const ticket of tickets)
          timeline.add('kitchen.ticket_cancelled', at, {
            ...ticket.ref,
            reason: CANCEL_REASON,
            at: iso(at),
          });
        break;
      case 'driver_claim':
        timeline.add('delivery.driver_assigned', at, {
          ...delivery(at),
          driver_name: driver?.name ?? '',
          assigned_by: { user_id: driver?.userId ?? null, role: 'driver' },
        });
        break;
      case 'kitchen_start':
        for (const ticket of tickets) {
          ticket.startedAt = at;
          for (const { ticketItemId } of ticket.lines)
            timeline.add('kitchen.item_started', at, {
              ...ticket.ref,
              ticket_item_id: ticketItemId,
              at: iso(at),
            });
          timeline.add('kitchen.ticket_started', at, { ...ticket.ref, started_at: iso(at) });
        }
        timeline.move(
          'order.status_changed',
          'preparing',
          at,
          { role: 'kitchen', userId: cook },
          {
            reason: 'kitchen started the order',
          },
        );
        break;
      case 'kitchen_ready':
        for (const ticket of tickets) {
          for (const { ticketItemId } of ticket.lines)
            timeline.add('kitchen.item_ready', at, {
              ...ticket.ref,
              ticket_item_id: ticketItemId,
              at: iso(at),
            });
          timeline.add('kitchen.ticket_ready', at, {
            ...ticket.ref,
            started_at: iso(ticket.startedAt),
            ready_at: iso(at),
            target_at: iso(ticket.targetAt),
            prep_seconds: prepSeconds(new Date(ticket.createdAt), new Date(at)),
            late: finishedLate(new Date(at), new Date(ticket.targetAt)),
          });
        }
        timeline.move(
          'order.status_changed',
          'ready',
          at,
          { role: 'kitchen', userId: cook },
          {
            reason: 'every kitchen ticket is ready',
          },
        );
        break;
      case 'serve': {
        serveTickets(timeline, tickets, at);
        const dineIn = plan.serviceType === 'dine_in';
        timeline.move(
          'order.status_changed',
          dineIn ? 'completed' : 'picked_up',
          at,
          { role: 'kitchen', userId: cook },
          {
            reason: dineIn ? 'every kitchen ticket was served' : 'every kitchen ticket was handed over',
          },
        );
        break;
      }
      case 'complete':
        timeline.move('order.status_changed', 'completed', at, { role: 'manager', userId: manager });
        break;
      case 'driver_arrived':
        timeline.add('delivery.driver_arrived', at, delivery(at));
        break;
      case 'driver_picked_up':
        timeline.add('delivery.picked_up', at, delivery(at));
        timeline.move('order.status_changed', 'out_for_delivery', at, {
          role: 'driver',
          userId: driver?.userId ?? null,
        });
        serveTickets(timeline, tickets, at);
        break;
      case 'driver_pings':
        for (const point of step.points) {
          timeline.add('delivery.location_updated', at, {
            delivery_id: deliveryId,
            order_id: timeline.orderId,
            driver_user_id: driver?.userId ?? '',
            lat: point.lat,
            lon: point.lon,
            heading: null,
            speed_mps: null,
            recorded_at: iso(point.at),
          });
        }
        break;
      case 'driver_delivered':
        timeline.add('delivery.delivered', at, delivery(at));
        timeline.move('order.status_changed', 'delivered', at, {
          role: 'driver',
          userId: driver?.userId ?? null,
        });
        break;
      case 'refund': {
        const left = priced.totalMinor - refunded;
        const amount =
          step.share === 'full'
            ? left
            : Math.min(left, Math.max(1, Math.round(priced.totalMinor * PARTIAL_REFUND_SHARE)));
        if (amount <= 0) break;
        refunded += amount;
        const full = refunded === priced.totalMinor;
        timeline.add('refund.processed', at, {
          refund_id: timeline.id('refund'),
          payment_id: paymentId,
          amount,
          currency: priced.currency,
          reason: step.reason,
          refunded_total: refunded,
          captured_total: priced.totalMinor,
          full,
          requested_by: manager,
        });
        if (full)
          timeline.move(
            'order.refunded',
            'refunded',
            at,
            { role: 'manager', userId: manager },
            {
              reason: step.reason,
              refunded_total: refunded,
              currency: priced.currency,
            },
            'system',
          );
        break;
      }
      case 'feedback': {
        const feedback = plan.feedback;
        if (!feedback) break;
        timeline.add('feedback.submitted', at, {
          feedback_id: timeline.id('feedback'),
          customer_id: customerId,
          rating: feedback.rating,
          nps: feedback.nps,
          comment: feedback.comment,
        });
        break;
      }
    }
  }
  return { events: timeline.events, times: timeline.times };
}

const SYSTEM = { role: 'system', userId: null } as const;

/**
 * The steps of an order that happened by `until`: none when the order was still open then (history
 * ends where the live simulation takes over, and an order is written whole or not at all), or all of
 * them but a refund or review still to come (a finished order without them is a state the API has).
 */
function stepsUntil(steps: OrderStep[], until: number): OrderStep[] | null {
  const past = steps.filter((step) => step.at <= until);
  const pending = steps.filter((step) => step.at > until);
  return pending.every((step) => step.kind === 'refund' || step.kind === 'feedback') ? past : null;
}

const iso = isoTime;

function toLine(
  business: HistoryBusiness,
  plan: PlannedOrder,
  planned: PlannedOrder['lines'][number],
  lineId: string,
): Line {
  const item = business.items.get(planned.itemKey);
  if (!item) throw new Error(`planned order ${plan.key} names an unknown item ${planned.itemKey}`);
  return {
    lineId,
    item,
    quantity: planned.quantity,
    notes: null,
    modifiers: planned.modifierOptionIds.map((optionId) => {
      const option = business.options.get(optionId);
      if (!option) throw new Error(`planned order ${plan.key} names an unknown modifier option ${optionId}`);
      return {
        groupId: option.groupId,
        groupName: option.groupName,
        optionId,
        name: option.name,
        priceMinor: option.priceMinor,
      };
    }),
  };
}

function price(
  plan: PlannedOrder,
  business: HistoryBusiness,
  location: HistoryLocation,
  lines: Line[],
): PricedOrder {
  const result = priceOrder({
    currency: business.currency,
    locationId: location.id,
    now: new Date(plan.placedAt),
    lines: lines.map((line) => ({
      itemId: line.item.id,
      quantity: line.quantity,
      unitPriceMinor: line.item.priceMinor,
      currency: business.currency,
      modifiers: line.modifiers.map((modifier) => ({
        optionId: modifier.optionId,
        priceMinor: modifier.priceMinor,
      })),
    })),
    offers: business.offers,
    promoCode: null,
    taxRules: location.taxRules,
    tip: { kind: 'percent', percentBps: plan.tip.percentBps },
    deliveryFeeMinor: plan.serviceType === 'delivery' ? location.deliveryFeeMinor : 0,
    loyalty: null,
  });
  if (!result.ok) throw new Error(`planned order ${plan.key} cannot be priced: ${result.error.message}`);
  return result.value;
}

function placedPayload(
  plan: PlannedOrder,
  location: HistoryLocation,
  lines: Line[],
  pricing: PricedOrder,
  customerId: string | null,
  at: number,
): Record<string, unknown> {
  return orderPlacedPayload({
    customerId,
    placedBy: customerId,
    channel: 'app',
    serviceType: plan.serviceType,
    tableNumber: plan.tableNumber,
    delivery: plan.delivery
      ? { address: { ...plan.delivery.address }, lat: plan.delivery.lat, lon: plan.delivery.lon }
      : null,
    lines,
    pricing,
    promoCode: null,
    placedAt: new Date(at),
    timeZone: location.timeZone,
  });
}

/** What the simulated gateway answers: an authorization code for cards, none for cash. */
function paymentFacts(plan: PlannedOrder, timeline: OrderTimeline) {
  const cash = plan.payment.method === 'cash';
  const token = timeline.id('gateway').replaceAll('-', '');
  return {
    common: { method: plan.payment.method, provider: plan.payment.provider },
    authCode: cash ? null : token.slice(0, 6).toUpperCase(),
    reference: `sim_ch_${token.slice(6, 30)}`,
  };
}

/** One ticket per station, as the kitchen consumer routes a confirmed order. */
function createTickets(timeline: OrderTimeline, plan: PlannedOrder, lines: Line[], at: number): Ticket[] {
  const priority = ticketPriority(plan.serviceType, false);
  return routeByStation(lines.map((line) => ({ ...line, station: line.item.station }))).map(
    (group, index): Ticket => {
      const ticket: Ticket = {
        ref: {
          ticket_id: timeline.id(`ticket/${index}`),
          order_id: timeline.orderId,
          station: group.station,
        },
        lines: group.lines.map((line, lineIndex) => ({
          line,
          ticketItemId: timeline.id(`ticket/${index}/${lineIndex}`),
        })),
        createdAt: at,
        targetAt: ticketTargetAt(
          new Date(at),
          group.lines.map((line) => line.item.prepMinutes),
        ).getTime(),
        startedAt: at,
      };
      timeline.add('kitchen.ticket_created', at, {
        ...ticket.ref,
        priority,
        target_at: iso(ticket.targetAt),
        created_at: iso(at),
        items: ticket.lines.map(({ line, ticketItemId }) => ({
          ticket_item_id: ticketItemId,
          order_line_id: line.lineId,
          item_id: line.item.id,
          name: line.item.name,
          quantity: line.quantity,
          modifiers: line.modifiers.map((modifier) => ({ name: modifier.name })),
          notes: null,
        })),
      });
      return ticket;
    },
  );
}

function serveTickets(timeline: OrderTimeline, tickets: Ticket[], at: number): void {
  for (const ticket of tickets)
    timeline.add('kitchen.ticket_served', at, { ...ticket.ref, served_at: iso(at) });
}
