import type { ActorRole } from '../../auth/principal.js';
import { ORDER_STATUSES, type OrderStatus, SERVICE_TYPES, type ServiceType } from './order-status.js';

/**
 * Who moves an order: a person acting in a role, or Brigade itself ('system': payment capture, a
 * declined payment, the refund service).
 */
export type LifecycleActor = ActorRole | 'system';

export const LIFECYCLE_ACTORS: readonly LifecycleActor[] = [
  'platform_admin',
  'owner',
  'manager',
  'kitchen',
  'cashier',
  'driver',
  'customer',
  'system',
];

/** The two refusal codes are AppError codes, so callers can throw them unchanged. */
export type TransitionDecision =
  | { ok: true }
  | { ok: false; code: 'illegal_transition' | 'transition_not_permitted'; message: string };

export interface TransitionInput {
  from: OrderStatus;
  to: OrderStatus;
  serviceType: ServiceType;
  actor: LifecycleActor;
}

interface Edge {
  from: OrderStatus;
  to: OrderStatus;
  serviceTypes: readonly ServiceType[];
  /** platform_admin is left out: it inherits every edge a manager may take (see mayTake). */
  actors: readonly Exclude<LifecycleActor, 'platform_admin'>[];
}

const ALL = SERVICE_TYPES;
const LEADS = ['manager', 'owner'] as const;
// Before the kitchen starts, the customer and the counter can still call the order off; after that
// food has been made, so only the people accountable for the waste may cancel.
const EARLY_CANCELLERS = ['customer', 'cashier', ...LEADS, 'system'] as const;

/** The whole graph; docs/order-lifecycle.md draws it. Anything not listed here is illegal. */
const ORDER_EDGES: readonly Edge[] = [
  // Only the payment flow confirms: confirmation means the money was captured.
  { from: 'placed', to: 'confirmed', serviceTypes: ALL, actors: ['system'] },
  { from: 'placed', to: 'cancelled', serviceTypes: ALL, actors: EARLY_CANCELLERS },
  { from: 'confirmed', to: 'preparing', serviceTypes: ALL, actors: ['kitchen', ...LEADS] },
  { from: 'confirmed', to: 'cancelled', serviceTypes: ALL, actors: EARLY_CANCELLERS },
  { from: 'preparing', to: 'ready', serviceTypes: ALL, actors: ['kitchen', ...LEADS] },
  { from: 'preparing', to: 'cancelled', serviceTypes: ALL, actors: LEADS },
  { from: 'ready', to: 'cancelled', serviceTypes: ALL, actors: LEADS },
  // Takeout: handed over at the counter, then closed by staff ('system' is there for automatic
  // completion, which nothing does yet).
  { from: 'ready', to: 'picked_up', serviceTypes: ['takeout'], actors: ['cashier', 'kitchen', ...LEADS] },
  { from: 'picked_up', to: 'completed', serviceTypes: ['takeout'], actors: ['cashier', ...LEADS, 'system'] },
  // Delivery: a driver takes it out and hands it over.
  { from: 'ready', to: 'out_for_delivery', serviceTypes: ['delivery'], actors: ['driver', ...LEADS] },
  { from: 'out_for_delivery', to: 'delivered', serviceTypes: ['delivery'], actors: ['driver', ...LEADS] },
  // Dine-in: served at the table.
  { from: 'ready', to: 'completed', serviceTypes: ['dine_in'], actors: ['kitchen', 'cashier', ...LEADS] },
  // Refunded means everything captured was given back; only the refund service knows that, so only
  // it moves an order here (people ask for refunds through the refunds endpoint instead).
  { from: 'confirmed', to: 'refunded', serviceTypes: ALL, actors: ['system'] },
  { from: 'preparing', to: 'refunded', serviceTypes: ALL, actors: ['system'] },
  { from: 'ready', to: 'refunded', serviceTypes: ALL, actors: ['system'] },
  { from: 'picked_up', to: 'refunded', serviceTypes: ['takeout'], actors: ['system'] },
  { from: 'out_for_delivery', to: 'refunded', serviceTypes: ['delivery'], actors: ['system'] },
  { from: 'delivered', to: 'refunded', serviceTypes: ['delivery'], actors: ['system'] },
  { from: 'completed', to: 'refunded', serviceTypes: ['dine_in', 'takeout'], actors: ['system'] },
];

function findEdge(from: OrderStatus, to: OrderStatus, serviceType: ServiceType): Edge | undefined {
  return ORDER_EDGES.find(
    (edge) => edge.from === from && edge.to === to && edge.serviceTypes.includes(serviceType),
  );
}

function mayTake(edge: Edge, actor: LifecycleActor): boolean {
  if (actor === 'platform_admin') return edge.actors.includes('manager');
  return edge.actors.includes(actor);
}

const SERVICE_LABEL: Record<ServiceType, string> = {
  dine_in: 'dine-in',
  takeout: 'takeout',
  delivery: 'delivery',
};

/** Decides whether an actor may move an order of a service type from one status to another. */
export function decideTransition(input: TransitionInput): TransitionDecision {
  const { from, to, serviceType, actor } = input;
  const edge = findEdge(from, to, serviceType);
  if (!edge) {
    return {
      ok: false,
      code: 'illegal_transition',
      message: `A ${SERVICE_LABEL[serviceType]} order cannot go from ${from} to ${to}`,
    };
  }
  if (!mayTake(edge, actor)) {
    return {
      ok: false,
      code: 'transition_not_permitted',
      message: `The ${actor} role may not move an order from ${from} to ${to}`,
    };
  }
  return { ok: true };
}

/**
 * The statuses this actor may move the order to next (for buttons in a UI), in lifecycle order so
 * the forward step comes before cancelled and refunded.
 */
export function allowedTransitions(
  from: OrderStatus,
  serviceType: ServiceType,
  actor: LifecycleActor,
): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => {
    const edge = findEdge(from, to, serviceType);
    return edge !== undefined && mayTake(edge, actor);
  });
}
