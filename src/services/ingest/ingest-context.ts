import type { IngestLocation } from '../../domain/ingest/event-draft.js';
import type { StreamStackEvent } from '../../domain/ingest/foreign-envelopes.js';
import { foldOrderEvent, type IngestedOrder, NEW_ORDER } from '../../domain/ingest/ingested-order.js';
import type { HeldPiece, PieceKind } from '../../domain/ingest/stream-stack-mapping.js';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../../outbox/outbox-rows.js';
import type { Queryable } from '../../storage/database.js';

/** What the ingest knows of one order a batch touches, kept current as the batch is applied. */
export interface OrderState {
  /** The business of the order's events or row (null: nothing known of it yet). */
  businessId: string | null;
  /** A row of `orders`: placed in Brigade, whose events only Brigade writes. */
  brigadeOrder: boolean;
  locationId: string | null;
  facts: IngestedOrder;
  sequences: Set<number>;
  nextSequence: number;
  /** Stream-stack pieces held for it, not yet assembled. */
  held: HeldPiece[];
}

/** Everything a batch is checked against, read once at its start (after locking its orders). */
export interface IngestContext {
  locationsById: Map<string, IngestLocation>;
  locationsByCode: Map<string, IngestLocation>;
  /** Lower-cased category name → the business's category id. */
  categories: Map<string, string>;
  /** Event ids already known: in the outbox (with their business) or held. */
  knownIds: Map<string, string>;
  orders: Map<string, OrderState>;
  /** Users of this Brigade who are not members of the business (drivers named by delivery events). */
  outsiders: Set<string>;
}

/** An arbitrary constant: the first key of the per-order advisory locks ingests take. */
const ORDER_LOCK_CLASS = 72_615_300;

export async function loadIngestContext(
  tx: Queryable,
  businessId: string,
  wanted: { eventIds: string[]; orderIds: string[]; userIds: string[]; categories: boolean },
): Promise<IngestContext> {
  const orderIds = [...new Set(wanted.orderIds)].sort();
  // Two batches touching one order apply one after the other: each sees the other's events (and so
  // numbers its own after them, and finds a repeated event). Taken in id order, so they never deadlock.
  if (orderIds.length > 0) {
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(${ORDER_LOCK_CLASS}, hashtext(id))) FROM unnest($1::text[]) AS ids(id)`,
      [orderIds],
    );
  }
  const locations = await tx.query<{ id: string; code: string; currency: string; time_zone: string }>(
    'SELECT id, code, currency, time_zone FROM locations WHERE business_id = $1',
    [businessId],
  );
  const locationsById = new Map<string, IngestLocation>();
  const locationsByCode = new Map<string, IngestLocation>();
  for (const row of locations.rows) {
    const location = { id: row.id, code: row.code, currency: row.currency.trim(), timeZone: row.time_zone };
    locationsById.set(row.id, location);
    locationsByCode.set(row.code, location);
  }

  const categories = new Map<string, string>();
  if (wanted.categories) {
    const { rows } = await tx.query<{ id: string; name: string }>(
      'SELECT id, name FROM menu_categories WHERE business_id = $1 ORDER BY created_at, id',
      [businessId],
    );
    for (const row of rows) {
      const name = row.name.trim().toLowerCase();
      if (!categories.has(name)) categories.set(name, row.id);
    }
  }

  const knownIds = new Map<string, string>();
  if (wanted.eventIds.length > 0) {
    const { rows } = await tx.query<{ event_id: string; business_id: string }>(
      `SELECT event_id, business_id FROM outbox WHERE event_id = ANY($1::uuid[])
       UNION ALL
       SELECT event_id, business_id FROM ingest_held_events WHERE event_id = ANY($1::uuid[])`,
      [wanted.eventIds],
    );
    for (const row of rows) knownIds.set(row.event_id, row.business_id);
  }

  const orders = await loadOrders(tx, orderIds);
  const outsiders = new Set<string>();
  if (wanted.userIds.length > 0) {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT u.id FROM users u WHERE u.id = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.business_id = $2)`,
      [[...new Set(wanted.userIds)], businessId],
    );
    for (const row of rows) outsiders.add(row.id);
  }
  return { locationsById, locationsByCode, categories, knownIds, orders, outsiders };
}

async function loadOrders(tx: Queryable, orderIds: string[]): Promise<Map<string, OrderState>> {
  const orders = new Map<string, OrderState>();
  for (const id of orderIds) orders.set(id, newOrderState());
  if (orderIds.length === 0) return orders;
  const rows = await tx.query<{ id: string; business_id: string; location_id: string }>(
    'SELECT id, business_id, location_id FROM orders WHERE id = ANY($1::uuid[])',
    [orderIds],
  );
  const events = await tx.query<OutboxRow>(
    `SELECT ${ENVELOPE_COLUMNS} FROM outbox WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, sequence`,
    [orderIds],
  );
  const held = await tx.query<{
    event_id: string;
    order_id: string;
    piece: PieceKind;
    location_id: string;
    event: StreamStackEvent;
  }>(
    `SELECT event_id, order_id, piece, location_id, event FROM ingest_held_events
     WHERE order_id = ANY($1::uuid[]) AND assembled_at IS NULL ORDER BY received_at, event_id`,
    [orderIds],
  );
  for (const row of rows.rows) {
    const state = orders.get(row.id);
    if (!state) continue;
    state.brigadeOrder = true;
    state.businessId = row.business_id;
    state.locationId = row.location_id;
  }
  for (const row of events.rows) {
    const event = toEnvelope(row);
    const state = event.order_id ? orders.get(event.order_id) : undefined;
    if (state) recordEvent(state, event);
  }
  for (const row of held.rows) {
    const state = orders.get(row.order_id);
    if (!state) continue;
    state.held.push({
      eventId: row.event_id,
      piece: row.piece,
      locationId: row.location_id,
      event: row.event,
    });
    state.locationId ??= row.location_id;
  }
  return orders;
}

export function newOrderState(): OrderState {
  return {
    businessId: null,
    brigadeOrder: false,
    locationId: null,
    facts: NEW_ORDER,
    sequences: new Set(),
    nextSequence: 0,
    held: [],
  };
}

/** The order after one more of its events (read from the outbox, or just written by the batch). */
export function recordEvent(
  state: OrderState,
  event: {
    business_id: string;
    location_id: string | null;
    sequence: number;
    event_type: string;
    payload: unknown;
  },
): void {
  state.businessId ??= event.business_id;
  state.locationId ??= event.location_id;
  state.facts = foldOrderEvent(state.facts, event);
  state.sequences.add(event.sequence);
  state.nextSequence = Math.max(state.nextSequence, event.sequence + 1);
}
