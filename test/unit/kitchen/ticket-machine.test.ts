import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMoves,
  decideBump,
  decideCancel,
  decideItemStatus,
  decideRecall,
  deriveTicketStatus,
  type KitchenDecision,
  type TicketState,
} from '../../../src/domain/kitchen/ticket-machine.js';
import { TICKET_STATUSES, type TicketStatus } from '../../../src/domain/kitchen/ticket-status.js';

const ticket = (...statuses: TicketStatus[]): TicketState => {
  const items = statuses.map((status, index) => ({ id: `i${index}`, status }));
  return { status: deriveTicketStatus(items), items };
};

// The expected ticket moves, written out independently: [from, bump goes to, recall goes to].
const MOVES: [TicketStatus, TicketStatus | null, TicketStatus | null][] = [
  ['pending', 'preparing', null],
  ['preparing', 'ready', null],
  ['ready', 'served', 'preparing'],
  ['served', null, 'ready'],
  ['cancelled', null, null],
];

const single = (status: TicketStatus): TicketState => ({ status, items: [{ id: 'a', status }] });
const applied = (state: TicketState, decision: KitchenDecision): TicketState => {
  if (!decision.ok) return state;
  return { status: decision.to, items: applyMoves(state.items, decision.moves) };
};

describe('bump and recall', () => {
  it.each(MOVES)('%s: bump → %s, recall → %s', (from, bumpTo, recallTo) => {
    const bump = decideBump(single(from));
    const recall = decideRecall(single(from));
    if (bumpTo === null) {
      expect(bump).toMatchObject({ ok: false, code: 'kitchen_illegal_transition', from, to: null });
    } else {
      expect(bump).toEqual({ ok: true, from, to: bumpTo, moves: [{ id: 'a', from, to: bumpTo }] });
    }
    if (recallTo === null) {
      expect(recall).toMatchObject({ ok: false, code: 'kitchen_illegal_transition', from });
    } else {
      expect(recall).toEqual({ ok: true, from, to: recallTo, moves: [{ id: 'a', from, to: recallTo }] });
    }
  });

  it('bumping to ready brings along items still pending, leaves cancelled ones', () => {
    const state = ticket('preparing', 'pending', 'cancelled');
    const decision = decideBump(state);
    expect(decision).toMatchObject({ ok: true, from: 'preparing', to: 'ready' });
    expect(applied(state, decision).items.map((item) => item.status)).toEqual([
      'ready',
      'ready',
      'cancelled',
    ]);
  });

  it('recalling a ready ticket keeps items that were already served', () => {
    const state = ticket('served', 'ready');
    expect(state.status).toBe('ready');
    const decision = decideRecall(state);
    const next = applied(state, decision);
    expect(next.items.map((item) => item.status)).toEqual(['served', 'preparing']);
    expect(deriveTicketStatus(next.items)).toBe('preparing');
  });
});

describe('deriveTicketStatus', () => {
  it.each([
    [['pending', 'pending'], 'pending'],
    [['preparing', 'pending'], 'preparing'],
    [['ready', 'pending'], 'preparing'],
    [['ready', 'ready'], 'ready'],
    [['ready', 'served'], 'ready'],
    [['served', 'served'], 'served'],
    [['served', 'cancelled'], 'served'],
    [['cancelled'], 'cancelled'],
    [['pending', 'cancelled'], 'pending'],
  ] as [TicketStatus[], TicketStatus][])('%j → %s', (statuses, expected) => {
    expect(deriveTicketStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });
});

describe('decideItemStatus', () => {
  it('moves one item one step and the ticket follows', () => {
    const state = ticket('pending', 'pending');
    expect(decideItemStatus(state, 'i0', 'preparing')).toEqual({
      ok: true,
      from: 'pending',
      to: 'preparing',
      moves: [{ id: 'i0', from: 'pending', to: 'preparing' }],
    });
    const readyOne = ticket('ready', 'preparing');
    expect(decideItemStatus(readyOne, 'i1', 'ready')).toMatchObject({
      ok: true,
      from: 'preparing',
      to: 'ready',
    });
  });

  it.each([
    ['pending', 'ready'],
    ['pending', 'served'],
    ['preparing', 'preparing'],
    ['ready', 'preparing'],
    ['served', 'ready'],
  ] as [TicketStatus, TicketStatus][])('refuses %s → %s', (from, to) => {
    expect(decideItemStatus(ticket(from), 'i0', to)).toMatchObject({
      ok: false,
      code: 'kitchen_illegal_transition',
    });
  });

  it('refuses items of a cancelled ticket', () => {
    const state: TicketState = { status: 'cancelled', items: [{ id: 'i0', status: 'cancelled' }] };
    expect(decideItemStatus(state, 'i0', 'preparing')).toMatchObject({ ok: false });
  });
});

describe('decideCancel', () => {
  it('cancels what is not served and refuses finished tickets', () => {
    const state = ticket('served', 'ready');
    const decision = decideCancel(state);
    expect(decision).toMatchObject({
      ok: true,
      from: 'ready',
      to: 'cancelled',
      moves: [{ id: 'i1', to: 'cancelled' }],
    });
    expect(decideCancel(ticket('served'))).toMatchObject({ ok: false });
    expect(decideCancel({ status: 'cancelled', items: [] })).toMatchObject({ ok: false });
  });
});

type Action =
  | { kind: 'bump' }
  | { kind: 'recall' }
  | { kind: 'item'; index: number; to: TicketStatus }
  | { kind: 'cancel' };
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'bump' } as const),
  fc.constant({ kind: 'recall' } as const),
  fc.constant({ kind: 'cancel' } as const),
  fc.record({
    kind: fc.constant('item' as const),
    index: fc.nat({ max: 4 }),
    to: fc.constantFrom(...TICKET_STATUSES),
  }),
);
const ORDER: TicketStatus[] = ['pending', 'preparing', 'ready', 'served'];
const rank = (status: TicketStatus) => ORDER.indexOf(status);

describe('properties', () => {
  it('any sequence of attempts keeps the ticket consistent with its items and moves one step at a time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(action, { maxLength: 40 }), (size, actions) => {
        let state = ticket(...Array.from({ length: size }, () => 'pending' as const));
        for (const attempt of actions) {
          const decision =
            attempt.kind === 'bump'
              ? decideBump(state)
              : attempt.kind === 'recall'
                ? decideRecall(state)
                : attempt.kind === 'cancel'
                  ? decideCancel(state)
                  : decideItemStatus(state, `i${attempt.index}`, attempt.to);
          const before = state;
          state = applied(state, decision);
          if (!decision.ok) {
            expect(state).toBe(before);
            continue;
          }
          expect(decision.from).toBe(before.status);
          // The ticket always says what its items say (cancelled is set explicitly).
          if (state.status !== 'cancelled') expect(state.status).toBe(deriveTicketStatus(state.items));
          if (before.status === 'cancelled') throw new Error('a cancelled ticket moved');
          if (attempt.kind === 'bump') expect(rank(state.status)).toBe(rank(before.status) + 1);
          if (attempt.kind === 'recall') expect(rank(state.status)).toBe(rank(before.status) - 1);
          // Items move one step (bumps may bring laggards further along; cancels are off the line).
          for (const move of decision.moves) {
            if (move.to === 'cancelled') expect(move.from).not.toBe('served');
            else if (attempt.kind === 'item') expect(rank(move.to)).toBe(rank(move.from) + 1);
            else if (attempt.kind === 'recall') expect(rank(move.to)).toBe(rank(move.from) - 1);
            else expect(rank(move.to)).toBeGreaterThan(rank(move.from));
          }
        }
      }),
    );
  });

  it('bumping a fresh ticket reaches served in exactly three steps, then refuses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (size) => {
        let state = ticket(...Array.from({ length: size }, () => 'pending' as const));
        const seen: TicketStatus[] = [state.status];
        for (let step = 0; step < 3; step++) {
          state = applied(state, decideBump(state));
          seen.push(state.status);
        }
        expect(seen).toEqual(['pending', 'preparing', 'ready', 'served']);
        expect(decideBump(state).ok).toBe(false);
      }),
    );
  });
});
