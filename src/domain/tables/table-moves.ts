import { MAX_TABLE_CAPACITY, type TableStatus } from './table-status.js';

/**
 * The table status machine: pure, no I/O. The service locks the table row, asks `decideTableMove`,
 * then writes the new state and its `table.status_changed` event in the same transaction.
 *
 *   available ──seat──► occupied ──clear──► cleaning ──mark_available──► available
 *   available ──reserve──► reserved ──seat──► occupied
 *                          reserved ──mark_available──► available   (reservation called off)
 *   available ──maintenance──► maintenance ──mark_available──► available
 *
 * Anything else is refused (e.g. seating a party at an occupied or dirty table, clearing a free one).
 */
export type TableMove =
  /** Seat a party (size unknown when a dine-in order seats it), optionally for an order. */
  | { kind: 'seat'; partySize: number | null; orderId: string | null }
  /** The party left: the table needs cleaning. */
  | { kind: 'clear' }
  /** Cleaned, reservation called off, or repaired: the table takes guests again. */
  | { kind: 'mark_available' }
  /** Hold the table for an expected party (its size, when known). */
  | { kind: 'reserve'; partySize: number | null }
  /** Out of service (broken, blocked off). */
  | { kind: 'maintenance' };

export type TableMoveKind = TableMove['kind'];

/** What the machine needs to know about the table now. */
export interface TableState {
  status: TableStatus;
  capacity: number;
  /** Guests seated (occupied) or expected (reserved); null otherwise or when unknown. */
  partySize: number | null;
  /** The order being served at the table (occupied only). */
  orderId: string | null;
}

/** The refusal codes are AppError codes, so callers can throw them unchanged. */
export type TableMoveDecision =
  | { ok: true; next: TableState }
  | {
      ok: false;
      code: 'table_transition_not_allowed' | 'party_exceeds_capacity' | 'validation_failed';
      message: string;
    };

/** Every legal (from, move) pair and where it leads; docs/tables.md draws the same graph. */
export const TABLE_EDGES: readonly { from: TableStatus; move: TableMoveKind; to: TableStatus }[] = [
  { from: 'available', move: 'seat', to: 'occupied' },
  { from: 'available', move: 'reserve', to: 'reserved' },
  { from: 'available', move: 'maintenance', to: 'maintenance' },
  { from: 'reserved', move: 'seat', to: 'occupied' },
  { from: 'reserved', move: 'mark_available', to: 'available' },
  { from: 'occupied', move: 'clear', to: 'cleaning' },
  { from: 'cleaning', move: 'mark_available', to: 'available' },
  { from: 'maintenance', move: 'mark_available', to: 'available' },
];

const MOVE_LABEL: Record<TableMoveKind, string> = {
  seat: 'seat a party at',
  clear: 'clear',
  mark_available: 'mark available',
  reserve: 'reserve',
  maintenance: 'take out of service',
};

export function decideTableMove(table: TableState, move: TableMove): TableMoveDecision {
  const edge = TABLE_EDGES.find(
    (candidate) => candidate.from === table.status && candidate.move === move.kind,
  );
  if (!edge) {
    return {
      ok: false,
      code: 'table_transition_not_allowed',
      message: `Cannot ${MOVE_LABEL[move.kind]} a table that is ${table.status}`,
    };
  }
  switch (move.kind) {
    case 'seat': {
      const refused = checkParty(move.partySize, table.capacity);
      if (refused) return refused;
      // A walk-in order seats a party of unknown size: the reservation's expected size stands in.
      const partySize = move.partySize ?? (table.status === 'reserved' ? table.partySize : null);
      return { ok: true, next: { ...table, status: edge.to, partySize, orderId: move.orderId } };
    }
    case 'reserve': {
      const refused = checkParty(move.partySize, table.capacity);
      if (refused) return refused;
      return { ok: true, next: { ...table, status: edge.to, partySize: move.partySize, orderId: null } };
    }
    default:
      return { ok: true, next: { ...table, status: edge.to, partySize: null, orderId: null } };
  }
}

/** A capacity change must still fit the party at (or expected at) the table. */
export function decideCapacityChange(table: TableState, capacity: number): TableMoveDecision {
  if (table.partySize !== null && table.partySize > capacity) {
    return {
      ok: false,
      code: 'party_exceeds_capacity',
      message: `The table holds a party of ${table.partySize}; its capacity cannot drop to ${capacity}`,
    };
  }
  return { ok: true, next: { ...table, capacity } };
}

/** The moves that are legal from a status (for buttons in a host stand UI). */
export function availableMoves(status: TableStatus): TableMoveKind[] {
  return TABLE_EDGES.filter((edge) => edge.from === status).map((edge) => edge.move);
}

function checkParty(partySize: number | null, capacity: number): TableMoveDecision | undefined {
  if (partySize === null) return undefined;
  if (!Number.isInteger(partySize) || partySize < 1 || partySize > MAX_TABLE_CAPACITY) {
    return {
      ok: false,
      code: 'validation_failed',
      message: `A party is 1 to ${MAX_TABLE_CAPACITY} guests`,
    };
  }
  if (partySize > capacity) {
    return {
      ok: false,
      code: 'party_exceeds_capacity',
      message: `A party of ${partySize} does not fit a table for ${capacity}`,
    };
  }
  return undefined;
}
