import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableMoves,
  decideCapacityChange,
  decideTableMove,
  type TableMove,
  type TableMoveKind,
  type TableState,
} from '../../../src/domain/tables/table-moves.js';
import { TABLE_STATUSES, type TableStatus } from '../../../src/domain/tables/table-status.js';

// The expected machine, written out independently of the implementation's edge list.
const LEGAL: [TableStatus, TableMoveKind, TableStatus][] = [
  ['available', 'seat', 'occupied'],
  ['available', 'reserve', 'reserved'],
  ['available', 'maintenance', 'maintenance'],
  ['reserved', 'seat', 'occupied'],
  ['reserved', 'mark_available', 'available'],
  ['occupied', 'clear', 'cleaning'],
  ['cleaning', 'mark_available', 'available'],
  ['maintenance', 'mark_available', 'available'],
];
const MOVE_KINDS: TableMoveKind[] = ['seat', 'clear', 'mark_available', 'reserve', 'maintenance'];
const ORDER = '0b8f7a9e-1c2d-4e3f-8a5b-6c7d8e9f0a1b';

const table = (status: TableStatus, extra: Partial<TableState> = {}): TableState => ({
  status,
  capacity: 4,
  partySize: status === 'occupied' || status === 'reserved' ? 2 : null,
  orderId: status === 'occupied' ? ORDER : null,
  ...extra,
});

function moveOf(kind: TableMoveKind, partySize: number | null = 2): TableMove {
  switch (kind) {
    case 'seat':
      return { kind, partySize, orderId: null };
    case 'reserve':
      return { kind, partySize };
    default:
      return { kind };
  }
}

describe('table status machine', () => {
  it.each(LEGAL)('allows %s --%s--> %s', (from, kind, to) => {
    const decision = decideTableMove(table(from), moveOf(kind));
    expect(decision).toMatchObject({ ok: true, next: { status: to } });
  });

  it('refuses every other (status, move) pair with table_transition_not_allowed', () => {
    for (const from of TABLE_STATUSES) {
      for (const kind of MOVE_KINDS) {
        if (LEGAL.some(([f, k]) => f === from && k === kind)) continue;
        const decision = decideTableMove(table(from), moveOf(kind));
        expect(decision, `${from} --${kind}`).toMatchObject({
          ok: false,
          code: 'table_transition_not_allowed',
        });
      }
    }
  });

  it('lists the legal moves per status, in the same graph', () => {
    for (const status of TABLE_STATUSES) {
      expect(availableMoves(status).sort()).toEqual(
        LEGAL.filter(([from]) => from === status)
          .map(([, kind]) => kind)
          .sort(),
      );
    }
  });

  it('seats a party up to the capacity and refuses one more guest', () => {
    expect(decideTableMove(table('available'), moveOf('seat', 4))).toMatchObject({
      ok: true,
      next: { status: 'occupied', partySize: 4 },
    });
    expect(decideTableMove(table('available'), moveOf('seat', 5))).toMatchObject({
      ok: false,
      code: 'party_exceeds_capacity',
    });
    expect(decideTableMove(table('reserved'), moveOf('seat', 5))).toMatchObject({
      ok: false,
      code: 'party_exceeds_capacity',
    });
    expect(decideTableMove(table('available'), moveOf('reserve', 5))).toMatchObject({
      ok: false,
      code: 'party_exceeds_capacity',
    });
  });

  it('refuses a party that is not 1 to 50 whole guests', () => {
    for (const size of [0, -1, 1.5, 51]) {
      expect(decideTableMove(table('available', { capacity: 50 }), moveOf('seat', size))).toMatchObject({
        ok: false,
        code: 'validation_failed',
      });
    }
  });

  it('checks the status before the party: an occupied table refuses any party', () => {
    expect(decideTableMove(table('occupied'), moveOf('seat', 99))).toMatchObject({
      ok: false,
      code: 'table_transition_not_allowed',
    });
  });

  it('records the order a party is seated for, and forgets party and order when it leaves', () => {
    const seated = decideTableMove(table('available'), { kind: 'seat', partySize: 3, orderId: ORDER });
    expect(seated).toEqual({
      ok: true,
      next: { status: 'occupied', capacity: 4, partySize: 3, orderId: ORDER },
    });
    expect(decideTableMove(table('occupied'), { kind: 'clear' })).toEqual({
      ok: true,
      next: { status: 'cleaning', capacity: 4, partySize: null, orderId: null },
    });
  });

  it("seats an order of unknown party size, keeping a reservation's expected size", () => {
    expect(
      decideTableMove(table('reserved', { partySize: 3 }), { kind: 'seat', partySize: null, orderId: ORDER }),
    ).toMatchObject({ ok: true, next: { status: 'occupied', partySize: 3, orderId: ORDER } });
    expect(
      decideTableMove(table('available'), { kind: 'seat', partySize: null, orderId: ORDER }),
    ).toMatchObject({ ok: true, next: { status: 'occupied', partySize: null, orderId: ORDER } });
  });

  it('refuses a capacity below the party at the table, and allows any capacity otherwise', () => {
    expect(decideCapacityChange(table('occupied', { partySize: 3 }), 2)).toMatchObject({
      ok: false,
      code: 'party_exceeds_capacity',
    });
    expect(decideCapacityChange(table('occupied', { partySize: 3 }), 3)).toMatchObject({ ok: true });
    expect(decideCapacityChange(table('available'), 1)).toMatchObject({ ok: true, next: { capacity: 1 } });
  });

  it('never leaves a state the database would reject (party ≤ capacity, order only while occupied)', () => {
    const status = fc.constantFrom(...TABLE_STATUSES);
    const kind = fc.constantFrom(...MOVE_KINDS);
    let allowed = 0;
    fc.assert(
      fc.property(
        status,
        kind,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 60 }),
        (s, k, cap, n) => {
          const decision = decideTableMove(table(s, { capacity: cap, partySize: null }), moveOf(k, n));
          if (!decision.ok) return;
          allowed += 1;
          const { next } = decision;
          expect(next.partySize === null || next.partySize <= next.capacity).toBe(true);
          expect(next.orderId === null || next.status === 'occupied').toBe(true);
          expect(next.partySize === null || ['occupied', 'reserved'].includes(next.status)).toBe(true);
        },
      ),
    );
    // The invariants are only checked on allowed moves: make sure the run produced some.
    expect(allowed).toBeGreaterThan(0);
  });
});
