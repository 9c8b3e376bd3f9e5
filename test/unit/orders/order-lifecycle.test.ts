import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  decideTransition,
  LIFECYCLE_ACTORS,
  type LifecycleActor,
} from '../../../src/domain/orders/order-lifecycle.js';
import {
  isTerminal,
  ORDER_STATUSES,
  type OrderStatus,
  SERVICE_TYPES,
  type ServiceType,
} from '../../../src/domain/orders/order-status.js';

// The expected machine, written out independently of the implementation's edge list: every legal
// (from, to) per service type, with every actor allowed to take it (platform_admin spelled out).
type Row = [OrderStatus, OrderStatus, ServiceType[], LifecycleActor[]];
const ALL: ServiceType[] = ['dine_in', 'takeout', 'delivery'];
const LEGAL: Row[] = [
  ['placed', 'confirmed', ALL, ['system']],
  ['placed', 'cancelled', ALL, ['customer', 'cashier', 'manager', 'owner', 'platform_admin', 'system']],
  ['confirmed', 'preparing', ALL, ['kitchen', 'manager', 'owner', 'platform_admin']],
  ['confirmed', 'cancelled', ALL, ['customer', 'cashier', 'manager', 'owner', 'platform_admin', 'system']],
  ['preparing', 'ready', ALL, ['kitchen', 'manager', 'owner', 'platform_admin']],
  ['preparing', 'cancelled', ALL, ['manager', 'owner', 'platform_admin']],
  ['ready', 'picked_up', ['takeout'], ['cashier', 'kitchen', 'manager', 'owner', 'platform_admin']],
  ['picked_up', 'completed', ['takeout'], ['cashier', 'manager', 'owner', 'platform_admin', 'system']],
  ['ready', 'out_for_delivery', ['delivery'], ['driver', 'manager', 'owner', 'platform_admin']],
  ['out_for_delivery', 'delivered', ['delivery'], ['driver', 'manager', 'owner', 'platform_admin']],
  ['ready', 'completed', ['dine_in'], ['kitchen', 'cashier', 'manager', 'owner', 'platform_admin']],
  ['ready', 'cancelled', ALL, ['manager', 'owner', 'platform_admin']],
  ['confirmed', 'refunded', ALL, ['system']],
  ['preparing', 'refunded', ALL, ['system']],
  ['ready', 'refunded', ALL, ['system']],
  ['picked_up', 'refunded', ['takeout'], ['system']],
  ['out_for_delivery', 'refunded', ['delivery'], ['system']],
  ['delivered', 'refunded', ['delivery'], ['system']],
  ['completed', 'refunded', ['dine_in', 'takeout'], ['system']],
];

function expectedRow(from: OrderStatus, to: OrderStatus, serviceType: ServiceType): Row | undefined {
  return LEGAL.find(([f, t, services]) => f === from && t === to && services.includes(serviceType));
}

const legalCases = LEGAL.flatMap(([from, to, services, actors]) =>
  services.flatMap((serviceType) => actors.map((actor) => ({ from, to, serviceType, actor }))),
);

describe('decideTransition', () => {
  it.each(legalCases)('allows $serviceType $from → $to by $actor', (input) => {
    expect(decideTransition(input)).toEqual({ ok: true });
  });

  it('rejects every combination outside the table with the right code', () => {
    let rejected = 0;
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        for (const serviceType of SERVICE_TYPES) {
          const row = expectedRow(from, to, serviceType);
          for (const actor of LIFECYCLE_ACTORS) {
            const decision = decideTransition({ from, to, serviceType, actor });
            if (row?.[3].includes(actor)) continue;
            rejected += 1;
            const expectedCode = row ? 'transition_not_permitted' : 'illegal_transition';
            expect(decision, `${serviceType} ${from} → ${to} by ${actor}`).toMatchObject({
              ok: false,
              code: expectedCode,
            });
            if (!decision.ok) expect(decision.message.length).toBeGreaterThan(0);
          }
        }
      }
    }
    const total = ORDER_STATUSES.length ** 2 * SERVICE_TYPES.length * LIFECYCLE_ACTORS.length;
    expect(rejected).toBe(total - legalCases.length);
  });

  it.each([
    ['illegal_transition', 'same state', 'preparing', 'preparing', 'takeout', 'manager'],
    ['illegal_transition', 'backwards', 'ready', 'preparing', 'takeout', 'manager'],
    ['illegal_transition', 'skipping a step', 'confirmed', 'ready', 'dine_in', 'kitchen'],
    [
      'illegal_transition',
      'wrong service type (delivery step on takeout)',
      'ready',
      'out_for_delivery',
      'takeout',
      'driver',
    ],
    [
      'illegal_transition',
      'wrong service type (pick-up on delivery)',
      'ready',
      'picked_up',
      'delivery',
      'cashier',
    ],
    [
      'illegal_transition',
      'delivery orders end at delivered',
      'delivered',
      'completed',
      'delivery',
      'system',
    ],
    ['illegal_transition', 'leaving cancelled', 'cancelled', 'placed', 'dine_in', 'system'],
    ['illegal_transition', 'leaving refunded', 'refunded', 'completed', 'dine_in', 'system'],
    ['illegal_transition', 'cancelling a completed order', 'completed', 'cancelled', 'dine_in', 'owner'],
    [
      'transition_not_permitted',
      'a customer cannot confirm (payment does)',
      'placed',
      'confirmed',
      'takeout',
      'customer',
    ],
    [
      'transition_not_permitted',
      'even a platform admin cannot confirm',
      'placed',
      'confirmed',
      'takeout',
      'platform_admin',
    ],
    [
      'transition_not_permitted',
      'a customer cannot cancel once preparing',
      'preparing',
      'cancelled',
      'takeout',
      'customer',
    ],
    ['transition_not_permitted', 'a driver cannot cook', 'confirmed', 'preparing', 'delivery', 'driver'],
    [
      'transition_not_permitted',
      'a kitchen user cannot hand over a delivery',
      'ready',
      'out_for_delivery',
      'delivery',
      'kitchen',
    ],
    [
      'transition_not_permitted',
      'only the refund service refunds',
      'completed',
      'refunded',
      'dine_in',
      'owner',
    ],
  ] as const)('%s: %s', (code, _label, from, to, serviceType, actor) => {
    expect(decideTransition({ from, to, serviceType, actor })).toMatchObject({ ok: false, code });
  });
});

describe('allowedTransitions', () => {
  it('lists exactly the statuses decideTransition accepts', () => {
    for (const from of ORDER_STATUSES) {
      for (const serviceType of SERVICE_TYPES) {
        for (const actor of LIFECYCLE_ACTORS) {
          const accepted = ORDER_STATUSES.filter(
            (to) => decideTransition({ from, to, serviceType, actor }).ok,
          );
          expect(allowedTransitions(from, serviceType, actor)).toEqual(accepted);
        }
      }
    }
  });

  it('offers the kitchen its next steps', () => {
    expect(allowedTransitions('confirmed', 'dine_in', 'kitchen')).toEqual(['preparing']);
    expect(allowedTransitions('ready', 'dine_in', 'kitchen')).toEqual(['completed']);
    expect(allowedTransitions('ready', 'takeout', 'kitchen')).toEqual(['picked_up']);
    expect(allowedTransitions('ready', 'delivery', 'kitchen')).toEqual([]);
  });

  it('lets a platform admin do what a manager may', () => {
    for (const from of ORDER_STATUSES) {
      for (const serviceType of SERVICE_TYPES) {
        expect(allowedTransitions(from, serviceType, 'platform_admin')).toEqual(
          allowedTransitions(from, serviceType, 'manager'),
        );
      }
    }
  });
});

describe('isTerminal', () => {
  it('is true only for cancelled and refunded', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['cancelled', 'refunded']);
  });
});

describe('lifecycle property', () => {
  const status = fc.constantFrom(...ORDER_STATUSES);
  const actor = fc.constantFrom(...LIFECYCLE_ACTORS);
  const serviceType = fc.constantFrom(...SERVICE_TYPES);

  it('any sequence of attempts from placed follows graph edges and never leaves a terminal state', () => {
    fc.assert(
      fc.property(
        serviceType,
        fc.array(fc.record({ to: status, actor }), { maxLength: 60 }),
        (type, attempts) => {
          let current: OrderStatus = 'placed';
          for (const attempt of attempts) {
            const decision = decideTransition({
              from: current,
              to: attempt.to,
              serviceType: type,
              actor: attempt.actor,
            });
            if (isTerminal(current)) {
              expect(decision).toMatchObject({ ok: false, code: 'illegal_transition' });
              continue;
            }
            if (!decision.ok) continue;
            const row = expectedRow(current, attempt.to, type);
            expect(row, `${type} ${current} → ${attempt.to}`).toBeDefined();
            expect(row?.[3]).toContain(attempt.actor);
            current = attempt.to;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every status a service type can reach is reachable, and every walk can end terminal', () => {
    // Guards against a graph that type-checks but strands orders: from each reachable non-terminal
    // status some actor can always move on.
    for (const type of SERVICE_TYPES) {
      const reached = new Set<OrderStatus>(['placed']);
      const queue: OrderStatus[] = ['placed'];
      while (queue.length > 0) {
        const from = queue.shift() as OrderStatus;
        const next = new Set(LIFECYCLE_ACTORS.flatMap((a) => allowedTransitions(from, type, a)));
        if (!isTerminal(from)) expect(next.size, `${type} stuck at ${from}`).toBeGreaterThan(0);
        for (const to of next) {
          if (!reached.has(to)) {
            reached.add(to);
            queue.push(to);
          }
        }
      }
      const finals = { dine_in: 'completed', takeout: 'completed', delivery: 'delivered' } as const;
      expect(reached.has(finals[type])).toBe(true);
      expect(reached.has('cancelled') && reached.has('refunded')).toBe(true);
      // "Not stuck" alone would allow a loop of non-terminal states: from every reachable status,
      // some path must still lead to a terminal one.
      for (const from of reached) {
        const ahead = new Set<OrderStatus>([from]);
        const todo: OrderStatus[] = [from];
        while (todo.length > 0) {
          const at = todo.shift() as OrderStatus;
          for (const to of LIFECYCLE_ACTORS.flatMap((a) => allowedTransitions(at, type, a))) {
            if (!ahead.has(to)) {
              ahead.add(to);
              todo.push(to);
            }
          }
        }
        expect([...ahead].some(isTerminal), `${type}: no way from ${from} to a terminal status`).toBe(true);
      }
    }
  });
});
