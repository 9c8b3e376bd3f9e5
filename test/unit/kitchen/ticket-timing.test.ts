import { describe, expect, it } from 'vitest';
import { kitchenOrderSteps } from '../../../src/domain/kitchen/order-sync-rule.js';
import { routeByStation, ticketPriority } from '../../../src/domain/kitchen/ticket-routing.js';
import {
  ageSeconds,
  finishedLate,
  isLate,
  prepSeconds,
  ticketTargetAt,
} from '../../../src/domain/kitchen/ticket-timing.js';

const at = (iso: string) => new Date(iso);

describe('timing', () => {
  it('targets the longest prep time, 10 minutes for unknown items', () => {
    const fired = at('2025-01-15T18:00:00Z');
    expect(ticketTargetAt(fired, [4, 12, 7]).toISOString()).toBe('2025-01-15T18:12:00.000Z');
    expect(ticketTargetAt(fired, [4, null]).toISOString()).toBe('2025-01-15T18:10:00.000Z');
    expect(ticketTargetAt(fired, []).toISOString()).toBe('2025-01-15T18:10:00.000Z');
  });

  it.each([
    ['pending', '18:10:01', true],
    ['preparing', '18:10:01', true],
    ['preparing', '18:10:00', false],
    ['ready', '18:30:00', false],
    ['served', '18:30:00', false],
    ['cancelled', '18:30:00', false],
  ] as const)('%s at %s is late: %s', (status, time, late) => {
    expect(isLate({ status, targetAt: at('2025-01-15T18:10:00Z') }, at(`2025-01-15T${time}Z`))).toBe(late);
  });

  it('measures prep, age and lateness at the finish', () => {
    expect(prepSeconds(at('2025-01-15T18:00:00Z'), at('2025-01-15T18:07:30Z'))).toBe(450);
    expect(ageSeconds(at('2025-01-15T18:00:00Z'), at('2025-01-15T17:59:00Z'))).toBe(0);
    expect(finishedLate(at('2025-01-15T18:10:01Z'), at('2025-01-15T18:10:00Z'))).toBe(true);
    expect(finishedLate(at('2025-01-15T18:10:00Z'), at('2025-01-15T18:10:00Z'))).toBe(false);
  });
});

describe('routing and priority', () => {
  it('groups lines by station in first-appearance order', () => {
    const routed = routeByStation([
      { n: 1, station: 'grill' },
      { n: 2, station: 'fry' },
      { n: 3, station: 'grill' },
      { n: 4, station: ' ' },
    ]);
    expect(routed.map((group) => [group.station, group.lines.map((line) => line.n)])).toEqual([
      ['grill', [1, 3]],
      ['fry', [2]],
      ['main', [4]],
    ]);
  });

  it('puts delivery and added lines ahead', () => {
    expect(ticketPriority('dine_in', false)).toBe(5);
    expect(ticketPriority('takeout', false)).toBe(5);
    expect(ticketPriority('delivery', false)).toBe(6);
    expect(ticketPriority('delivery', true)).toBe(7);
    expect(ticketPriority(null, true)).toBe(6);
  });
});

describe('kitchenOrderSteps', () => {
  it.each([
    ['confirmed', 'dine_in', ['pending', 'pending'], []],
    ['confirmed', 'dine_in', ['preparing', 'pending'], ['preparing']],
    ['preparing', 'takeout', ['ready', 'preparing'], []],
    ['preparing', 'takeout', ['ready', 'cancelled'], ['ready']],
    ['preparing', 'takeout', ['cancelled'], []],
    ['confirmed', 'dine_in', ['served', 'served'], ['preparing', 'ready', 'completed']],
    ['ready', 'takeout', ['served', 'cancelled'], ['picked_up']],
    ['ready', 'delivery', ['served'], []],
    ['ready', 'dine_in', ['served', 'ready'], []],
    ['cancelled', 'dine_in', ['served'], []],
  ] as const)('%s %s with %j → %j', (status, serviceType, tickets, expected) => {
    expect(kitchenOrderSteps(status, serviceType, tickets)).toEqual(expected);
  });
});
