import type { EventEnvelope } from '../../domain/events/envelope.js';
import { decideBump, decideCancel } from '../../domain/kitchen/ticket-machine.js';
import { SELF_REPORTING_KITCHEN_CHANNEL } from '../../domain/kitchen/ticket-routing.js';
import type { NewEvent } from '../../outbox/outbox-writer.js';
import { BoundedMap } from '../../realtime/bounded-map.js';
import type { Queryable } from '../../storage/database.js';
import { applyDecision } from './apply-decision.js';
import { createTickets, type IntakeLine, type TicketOrigin } from './create-tickets.js';
import { loadTickets, ticketState } from './ticket-rows.js';

/**
 * The kitchen's side of the order events: it learns an order from order.placed, routes it into tickets
 * on order.confirmed, adds tickets for order.items_added and cancels tickets on order.cancelled. It
 * reads events only (never the order tables, except to recover an order whose placement it missed), so
 * an order a foreign system published onto the bus reaches the kitchen like Brigade's own.
 */

/** The parts of order.placed / order.items_added lines the kitchen uses (the catalog checks the rest). */
interface EventLine {
  line_id: string;
  line_number: number;
  item_id: string;
  name: string;
  station: string;
  quantity: number;
  modifiers: { name: string }[];
  notes: string | null;
}

interface IntakeRow {
  order_id: string;
  business_id: string;
  location_id: string;
  service_type: string | null;
  table_number: string | null;
  lines: IntakeLine[];
  routed_at: Date | null;
  cancelled_at: Date | null;
  linked_order: boolean;
}

/** An event the kitchen cannot act on; thrown so the consumer framework dead-letters it with this reason. */
export class KitchenIntakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KitchenIntakeError';
  }
}

const toIntakeLine = (line: EventLine): IntakeLine => ({
  line_id: line.line_id,
  line_number: line.line_number,
  item_id: line.item_id,
  name: line.name,
  station: line.station,
  quantity: line.quantity,
  modifiers: line.modifiers.map((modifier) => ({ name: modifier.name })),
  notes: line.notes,
});

/**
 * Which business a location belongs to. It never changes, and every order event asks, so the answer
 * is remembered (for a bounded number of locations) instead of read on each event.
 */
const locationBusinesses = new BoundedMap<string, string>(10_000);
async function locationBusiness(tx: Queryable, locationId: string): Promise<string | undefined> {
  const known = locationBusinesses.get(locationId);
  if (known) return known;
  const { rows } = await tx.query<{ business_id: string }>(
    'SELECT business_id FROM locations WHERE id = $1',
    [locationId],
  );
  const businessId = rows[0]?.business_id;
  if (businessId) locationBusinesses.set(locationId, businessId);
  return businessId;
}

/** The order and location the event is about, checked to belong to the event's business. */
async function orderScope(tx: Queryable, event: EventEnvelope) {
  if (!event.order_id || !event.location_id) {
    throw new KitchenIntakeError(
      `${event.event_type} without order_id and location_id cannot reach a kitchen`,
    );
  }
  if ((await locationBusiness(tx, event.location_id)) !== event.business_id) {
    throw new KitchenIntakeError(
      `location ${event.location_id} is not a location of business ${event.business_id}`,
    );
  }
  const order = await tx.query<{
    business_id: string;
    location_id: string;
    service_type: string;
    table_number: string | null;
    status: string;
  }>('SELECT business_id, location_id, service_type, table_number, status FROM orders WHERE id = $1', [
    event.order_id,
  ]);
  const row = order.rows[0];
  if (row && (row.business_id !== event.business_id || row.location_id !== event.location_id)) {
    throw new KitchenIntakeError(`order ${event.order_id} belongs to another business or location`);
  }
  return {
    orderId: event.order_id,
    locationId: event.location_id,
    businessId: event.business_id,
    brigadeOrder: row,
  };
}

async function lockIntake(tx: Queryable, orderId: string): Promise<IntakeRow | undefined> {
  const { rows } = await tx.query<IntakeRow>(
    `SELECT order_id, business_id, location_id, service_type, table_number, lines, routed_at, cancelled_at, linked_order
     FROM kitchen_order_intake WHERE order_id = $1 FOR UPDATE`,
    [orderId],
  );
  return rows[0];
}

async function insertIntake(tx: Queryable, intake: IntakeRow, placedAt: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO kitchen_order_intake (order_id, business_id, location_id, service_type, table_number, lines, placed_at,
       routed_at, linked_order)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (order_id) DO NOTHING`,
    [
      intake.order_id,
      intake.business_id,
      intake.location_id,
      intake.service_type,
      intake.table_number,
      JSON.stringify(intake.lines),
      placedAt,
      intake.routed_at?.toISOString() ?? null,
      intake.linked_order,
    ],
  );
}

/**
 * The intake of an order whose order.placed the kitchen never saw (the consumer started after it): a
 * Brigade order is rebuilt from its rows; a foreign one cannot be, and the event is refused.
 */
async function recoverIntake(
  tx: Queryable,
  event: EventEnvelope,
  scope: Awaited<ReturnType<typeof orderScope>>,
  routedAt: Date | null,
  exceptLineIds: readonly string[] = [],
): Promise<IntakeRow> {
  const order = scope.brigadeOrder;
  if (!order)
    throw new KitchenIntakeError(
      `${event.event_type} for order ${scope.orderId}, which the kitchen never saw placed`,
    );
  const { rows } = await tx.query<{
    id: string;
    line_number: number;
    item_id: string;
    name: string;
    station: string;
    quantity: number;
    modifiers: { name: string }[];
    notes: string | null;
  }>(
    `SELECT id, line_number, item_id, name, station, quantity, modifiers, notes FROM order_lines
     WHERE order_id = $1 AND NOT (id = ANY($2::uuid[])) ORDER BY line_number`,
    [scope.orderId, exceptLineIds],
  );
  const intake: IntakeRow = {
    order_id: scope.orderId,
    business_id: scope.businessId,
    location_id: scope.locationId,
    service_type: order.service_type,
    table_number: order.table_number,
    lines: rows.map((row) =>
      toIntakeLine({ ...row, line_id: row.id, modifiers: row.modifiers.map((m) => ({ name: m.name })) }),
    ),
    routed_at: routedAt,
    cancelled_at: null,
    linked_order: true,
  };
  await insertIntake(tx, intake, null);
  return (await lockIntake(tx, scope.orderId)) ?? intake;
}

const originOf = (intake: IntakeRow): TicketOrigin => ({
  businessId: intake.business_id,
  locationId: intake.location_id,
  orderId: intake.order_id,
  linkedOrder: intake.linked_order,
  serviceType: intake.service_type,
  tableNumber: intake.table_number,
});

/** order.placed: remember what to cook; nothing reaches the line before the order is confirmed. */
export async function recordPlacedOrder(tx: Queryable, event: EventEnvelope): Promise<NewEvent[]> {
  const scope = await orderScope(tx, event);
  const payload = event.payload as {
    channel: string;
    service_type: string;
    table_number: string | null;
    lines: EventLine[];
    placed_at: string;
  };
  // An order whose kitchen reports its own steps is remembered with nothing to cook here.
  const cooksHere = payload.channel !== SELF_REPORTING_KITCHEN_CHANNEL;
  await insertIntake(
    tx,
    {
      order_id: scope.orderId,
      business_id: scope.businessId,
      location_id: scope.locationId,
      service_type: payload.service_type,
      table_number: payload.table_number,
      lines: cooksHere ? payload.lines.map(toIntakeLine) : [],
      routed_at: null,
      cancelled_at: null,
      linked_order: scope.brigadeOrder !== undefined,
    },
    payload.placed_at,
  );
  return [];
}

/** order.confirmed: the order reaches the kitchen, one ticket per station. */
export async function routeConfirmedOrder(tx: Queryable, event: EventEnvelope): Promise<NewEvent[]> {
  const at = new Date(event.occurred_at);
  // The usual case reads only the intake: it was checked against the business and location when
  // order.placed was recorded. Without one (placement never seen), the full check and recovery run.
  let intake = event.order_id && event.location_id ? await lockIntake(tx, event.order_id) : undefined;
  if (intake && (intake.business_id !== event.business_id || intake.location_id !== event.location_id)) {
    throw new KitchenIntakeError(`order ${event.order_id} belongs to another business or location`);
  }
  if (!intake) {
    const scope = await orderScope(tx, event);
    intake = (await lockIntake(tx, scope.orderId)) ?? (await recoverIntake(tx, event, scope, null));
  }
  if (intake.cancelled_at) return [];
  const firstRouting = !intake.routed_at;
  if (firstRouting) {
    await tx.query('UPDATE kitchen_order_intake SET routed_at = $2 WHERE order_id = $1', [
      intake.order_id,
      at.toISOString(),
    ]);
  }
  // Before its first routing an order has no tickets, so there is nothing to look up to skip.
  return createTickets(tx, originOf(intake), intake.lines, at, 'order', { mayHaveTickets: !firstRouting });
}

/**
 * order.items_added: lines added to an order already in the kitchen become new tickets (finished
 * tickets are never reopened); lines added before confirmation simply join the order's intake.
 */
export async function addOrderLines(tx: Queryable, event: EventEnvelope): Promise<NewEvent[]> {
  const scope = await orderScope(tx, event);
  const payload = event.payload as { lines: EventLine[]; at: string };
  const added = payload.lines.map(toIntakeLine);
  const at = new Date(payload.at);
  const intake =
    (await lockIntake(tx, scope.orderId)) ??
    (await recoverIntake(
      tx,
      event,
      scope,
      scope.brigadeOrder && scope.brigadeOrder.status !== 'placed' ? at : null,
      payload.lines.map((line) => line.line_id),
    ));
  if (intake.cancelled_at) return [];
  if (intake.routed_at) return createTickets(tx, originOf(intake), added, at, 'added');
  const known = new Set(intake.lines.map((line) => line.line_id));
  const lines = [...intake.lines, ...added.filter((line) => !known.has(line.line_id))];
  await tx.query('UPDATE kitchen_order_intake SET lines = $2 WHERE order_id = $1', [
    scope.orderId,
    JSON.stringify(lines),
  ]);
  return [];
}

/** order.cancelled: every ticket of the order not yet served is cancelled, with the order's reason. */
export async function cancelOrderTickets(tx: Queryable, event: EventEnvelope): Promise<NewEvent[]> {
  if (!event.order_id) return [];
  const at = new Date(event.occurred_at);
  const reason = (event.payload as { reason?: string }).reason ?? 'order cancelled';
  await tx.query(
    'UPDATE kitchen_order_intake SET cancelled_at = coalesce(cancelled_at, $2) WHERE order_id = $1 AND business_id = $3',
    [event.order_id, at.toISOString(), event.business_id],
  );
  const tickets = await loadTickets(
    tx,
    `order_id = $1 AND business_id = $2 AND status IN ('pending', 'preparing', 'ready')`,
    [event.order_id, event.business_id],
    { lock: true },
  );
  const events: NewEvent[] = [];
  for (const loaded of tickets) {
    const decision = decideCancel(ticketState(loaded));
    if (!decision.ok) continue;
    events.push(...(await applyDecision(tx, loaded, decision, at, reason)).events);
  }
  return events;
}

/** Order statuses that mean the food has left the kitchen (docs/kitchen.md, "Order sync"). */
const HANDED_OVER = new Set(['picked_up', 'out_for_delivery', 'delivered', 'completed']);

/**
 * When an order leaves the kitchen without a cook bumping its tickets to served (a driver picks a
 * delivery up, the counter hands a takeout over), its ready tickets are served: the screen clears and
 * open-ticket counts stay true. Tickets not yet ready are left alone; the kitchen still sees them.
 */
export async function serveHandedOverTickets(tx: Queryable, event: EventEnvelope): Promise<NewEvent[]> {
  const to = (event.payload as { to?: string }).to;
  if (!event.order_id || !to || !HANDED_OVER.has(to)) return [];
  const at = new Date(event.occurred_at);
  const tickets = await loadTickets(
    tx,
    `order_id = $1 AND business_id = $2 AND status = 'ready'`,
    [event.order_id, event.business_id],
    { lock: true },
  );
  const events: NewEvent[] = [];
  for (const loaded of tickets) {
    const decision = decideBump(ticketState(loaded));
    if (decision.ok) events.push(...(await applyDecision(tx, loaded, decision, at)).events);
  }
  return events;
}
