import type { PlannedOrder } from '../planned-order.js';
import type { SimBusiness, SimItem } from '../sim-world.js';
import { BrigadeApiError, type BrigadeClient, type Credentials } from './brigade-client.js';
import type { ConcurrencyLimit } from './concurrency-limit.js';
import { type OrderStep, orderScript } from './order-script.js';
import type { SimClock } from './sim-clock.js';
import type { SimulatedPeople } from './simulated-people.js';
import type { StepTally } from './step-tally.js';

/** A card number the simulated gateway declines (docs/payments.md); any other number approves. */
const DECLINED_CARD = '4000000000000002';
const APPROVED_CARD = '4242424242424242';

export interface PlayerContext {
  client: BrigadeClient;
  clock: SimClock;
  limit: ConcurrencyLimit;
  /**
   * A new order is left out while more calls than this wait for the platform: the speed is too high
   * for the machine, and queueing without bound would only make every step later.
   */
  shedAbove: number;
  people: SimulatedPeople;
  tally: StepTally;
  signal: AbortSignal;
}

interface TicketView {
  id: string;
  orderId: string | null;
  status: string;
}

/**
 * Plays one planned order against the API: each step at its simulated time, as the person who would
 * do it. A step the platform refuses (a 4xx: the card was declined, the order moved on) is counted
 * and ends the order's story, like a real one would end; an outage (5xx, network) is counted as a
 * failure and ends it too, so a struggling platform is not hammered with retries.
 */
export async function playOrder(
  plan: PlannedOrder,
  business: SimBusiness,
  context: PlayerContext,
): Promise<void> {
  const location = business.locations.find((candidate) => candidate.key === plan.locationKey);
  if (!location) throw new Error(`planned order ${plan.key} names an unknown location ${plan.locationKey}`);
  const state: OrderState = { plan, business, locationId: location.id, orderId: null };
  for (const step of orderScript(plan)) {
    if (!(await context.clock.until(step.at, context.signal))) return;
    if (step.kind === 'place' && context.limit.queued > context.shedAbove) {
      context.tally.shed();
      return;
    }
    const started = performance.now();
    try {
      await context.limit.run(() => perform(step, state, context));
      context.tally.done(step.kind, performance.now() - started, context.clock.now() - step.at);
    } catch (error) {
      if (error instanceof BrigadeApiError && error.status < 500)
        context.tally.refused(step.kind, error.code);
      else context.tally.failed(step.kind, error);
      return;
    }
  }
}

interface OrderState {
  plan: PlannedOrder;
  business: SimBusiness;
  locationId: string;
  orderId: string | null;
}

async function perform(step: OrderStep, state: OrderState, context: PlayerContext): Promise<void> {
  const { client, people } = context;
  const { plan } = state;
  const customer = people.customer(state.business, plan.customerKey);
  const orderPath = () => `/api/v1/orders/${state.orderId}`;
  switch (step.kind) {
    case 'place': {
      try {
        const order = await client.call<{ id: string }>(
          customer,
          'POST',
          `/api/v1/restaurants/${state.locationId}/orders`,
          placeOrderBody(plan, state.business),
          { 'idempotency-key': plan.key },
        );
        state.orderId = order.id;
      } catch (error) {
        // A declined card is part of the plan: the platform cancels the order and answers 402.
        if (plan.payment.declined && error instanceof BrigadeApiError && error.code === 'payment_declined')
          return;
        throw error;
      }
      return;
    }
    case 'cancel':
      await client.call(customer, 'POST', `${orderPath()}/cancel`, { reason: 'Changed my mind' });
      return;
    case 'kitchen_start':
      await bumpTickets(state, context, 'pending');
      return;
    case 'kitchen_ready':
      await bumpTickets(state, context, 'preparing');
      return;
    case 'serve':
      await bumpTickets(state, context, 'ready');
      return;
    case 'complete':
      await client.call(people.manager(state.business, plan.locationKey), 'POST', `${orderPath()}/status`, {
        status: 'completed',
      });
      return;
    case 'driver_claim':
      await client.call(driver(state, people), 'POST', `${orderPath()}/delivery/claim`);
      return;
    case 'driver_arrived':
      await client.call(driver(state, people), 'POST', `${orderPath()}/delivery/arrived`);
      return;
    case 'driver_picked_up':
      await client.call(driver(state, people), 'POST', `${orderPath()}/delivery/picked-up`);
      return;
    case 'driver_pings': {
      // The fixes were taken over the last simulated minutes: stamp them that far back in real time.
      const realNow = Date.now();
      const simNow = context.clock.now();
      const pings = step.points.map((point) => ({
        lat: point.lat,
        lon: point.lon,
        recordedAt: new Date(realNow - Math.max(0, simNow - point.at) / context.clock.speed).toISOString(),
      }));
      await client.call(driver(state, people), 'POST', `${orderPath()}/delivery/pings`, { pings });
      return;
    }
    case 'driver_delivered':
      await client.call(driver(state, people), 'POST', `${orderPath()}/delivery/delivered`);
      return;
    case 'refund': {
      const manager = people.manager(state.business, plan.locationKey);
      const order = await client.call<{ totals: { totalMinor: number } }>(manager, 'GET', orderPath());
      // A partial refund returns a share of the bill, as for a late or incomplete delivery.
      const amountMinor =
        step.share === 'full' ? undefined : Math.max(1, Math.round(order.totals.totalMinor * 0.3));
      await client.call(manager, 'POST', `${orderPath()}/refunds`, { amountMinor, reason: step.reason });
      return;
    }
    case 'feedback': {
      const feedback = plan.feedback;
      if (!feedback) return;
      await client.call(customer, 'POST', `${orderPath()}/feedback`, {
        rating: feedback.rating,
        nps: feedback.nps,
        ...(feedback.comment === null ? {} : { comment: feedback.comment }),
      });
      return;
    }
  }
}

function driver(state: OrderState, people: SimulatedPeople): Credentials {
  const key = state.plan.delivery?.driverKey;
  if (!key) throw new Error(`planned order ${state.plan.key} has no driver`);
  return people.driver(state.business, key);
}

/**
 * Moves every ticket of the order that is at `from` one step on, as the location's kitchen staff. The
 * kitchen consumer creates tickets from the order's confirmation a moment after it is placed; a step
 * that finds none yet waits and looks again, a few times.
 */
async function bumpTickets(state: OrderState, context: PlayerContext, from: string): Promise<void> {
  const cook = context.people.cook(state.business, state.plan.locationKey);
  const base = `/api/v1/locations/${state.locationId}/kitchen/tickets`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { tickets } = await context.client.call<{ tickets: TicketView[] }>(
      cook,
      'GET',
      `${base}?limit=500`,
    );
    const mine = tickets.filter((ticket) => ticket.orderId === state.orderId && ticket.status === from);
    if (mine.length > 0) {
      for (const ticket of mine)
        await context.client.call(cook, 'POST', `${base}/${ticket.id}/bump`, { from });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
  throw new BrigadeApiError(
    404,
    'simulator_ticket_missing',
    `no ${from} ticket for order ${state.orderId}`,
    null,
  );
}

/** Each business's items by key, built once: every placed order looks its lines up. */
const itemIndexes = new WeakMap<SimBusiness, Map<string, SimItem>>();

function itemsOf(business: SimBusiness): Map<string, SimItem> {
  let items = itemIndexes.get(business);
  if (!items) {
    items = new Map(business.items.map((item) => [item.key, item]));
    itemIndexes.set(business, items);
  }
  return items;
}

export function placeOrderBody(plan: PlannedOrder, business: SimBusiness): Record<string, unknown> {
  const items = itemsOf(business);
  const body: Record<string, unknown> = {
    serviceType: plan.serviceType,
    items: plan.lines.map((line) => {
      const item = items.get(line.itemKey);
      if (!item) throw new Error(`planned order ${plan.key} names an unknown item ${line.itemKey}`);
      return { itemId: item.id, quantity: line.quantity, modifiers: line.modifierOptionIds };
    }),
    tip: { percentBps: plan.tip.percentBps },
    payment: {
      method: plan.payment.method,
      ...(plan.payment.provider === null ? {} : { provider: plan.payment.provider }),
      ...(plan.payment.method === 'cash'
        ? {}
        : { cardNumber: plan.payment.declined ? DECLINED_CARD : APPROVED_CARD }),
    },
  };
  if (plan.tableNumber !== null) body.tableNumber = plan.tableNumber;
  if (plan.delivery) {
    body.delivery = { address: plan.delivery.address, lat: plan.delivery.lat, lon: plan.delivery.lon };
  }
  return body;
}
