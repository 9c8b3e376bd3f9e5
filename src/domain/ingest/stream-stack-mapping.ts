import type { EventType } from '../events/catalog.js';
import type { EventDraft, IngestLocation, MappingContext } from './event-draft.js';
import type { StreamStackEvent, StreamStackPayload } from './foreign-envelopes.js';
import { foreignPlacedPayload } from './foreign-order.js';
import { parseForeignTime, toMinorUnits } from './foreign-values.js';
import { derivedId, type IngestIds } from './ingest-ids.js';
import { type IngestRejection, reject } from './ingest-outcome.js';
import type { IngestedOrder } from './ingested-order.js';

/**
 * The stream-stack format (docs/ingestion.md, "Stream-stack events") in Brigade events. An order comes
 * in pieces — order_created (no lines), one order_item_added per line, payment_captured (subtotal, tax,
 * tip) — while Brigade's order.placed carries the lines and totals at once. So the pieces are held
 * until the lines add up to the payment's subtotal, and the complete order then becomes
 *
 *   order.placed (lines, totals) → payment.captured → order.confirmed
 *
 * feedback_submitted becomes feedback.submitted on the order once it is complete.
 */

export type PieceKind = 'order' | 'item' | 'payment';

/** A piece of a stream-stack order waiting for the rest (a row of ingest_held_events). */
export interface HeldPiece {
  eventId: string;
  piece: PieceKind;
  locationId: string;
  event: StreamStackEvent;
}

export function pieceKind(event: StreamStackEvent): PieceKind | null {
  switch (event.type) {
    case 'order_created':
      return 'order';
    case 'order_item_added':
      return 'item';
    case 'payment_captured':
      return 'payment';
    default:
      return null;
  }
}

const itemTotal = (payload: StreamStackPayload<'order_item_added'>) =>
  toMinorUnits(payload.unit_price) * payload.qty;

function payloadOf<T extends StreamStackEvent['type']>(piece: HeldPiece | undefined, type: T) {
  return piece?.event.type === type ? (piece.event.payload as StreamStackPayload<T>) : undefined;
}

/**
 * Whether a new piece fits the order's held pieces: one order_created and one payment_captured per
 * order, all at one location, and lines that never add up to more than the paid subtotal.
 */
export function checkPiece(
  held: readonly HeldPiece[],
  piece: HeldPiece,
  orderRef: string,
): IngestRejection | undefined {
  const other = held.find((existing) => existing.locationId !== piece.locationId);
  if (other) {
    return reject('order_mismatch', `${orderRef} is at another location (${other.event.location})`);
  }
  if (piece.piece !== 'item' && held.some((existing) => existing.piece === piece.piece)) {
    return reject('out_of_order', `${orderRef} already has a ${piece.event.type}`);
  }
  const payment = payloadOf(
    piece.piece === 'payment' ? piece : held.find((existing) => existing.piece === 'payment'),
    'payment_captured',
  );
  if (!payment) return undefined;
  const lines = [...held, piece].flatMap((existing) => {
    const item = payloadOf(existing, 'order_item_added');
    return item ? [itemTotal(item)] : [];
  });
  const linesTotal = lines.reduce((sum, amount) => sum + amount, 0);
  const subtotal = toMinorUnits(payment.subtotal);
  if (linesTotal > subtotal) {
    return reject(
      'order_mismatch',
      `the items of ${orderRef} add up to ${linesTotal} minor units, more than its payment subtotal of ${subtotal}`,
    );
  }
  return undefined;
}

export interface AssemblyContext {
  ids: IngestIds;
  location: IngestLocation;
  /** The business's category of that name (case-insensitive), so sales by category keep their names. */
  categoryId(name: string): string | undefined;
}

/**
 * The order's Brigade events once its pieces are complete — an order_created, a payment_captured and
 * items whose prices add up to the payment's subtotal — or null while something is missing.
 */
export function assembleOrder(held: readonly HeldPiece[], context: AssemblyContext): EventDraft[] | null {
  const orderPiece = held.find((piece) => piece.piece === 'order');
  const paymentPiece = held.find((piece) => piece.piece === 'payment');
  const header = payloadOf(orderPiece, 'order_created');
  const payment = payloadOf(paymentPiece, 'payment_captured');
  const items = held
    .flatMap((piece) => {
      const item = payloadOf(piece, 'order_item_added');
      return item ? [{ at: piece.event.at, item }] : [];
    })
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) || String(a.item.order_item_id).localeCompare(String(b.item.order_item_id)),
    );
  if (!orderPiece || !paymentPiece || !header || !payment || items.length === 0) return null;
  const subtotal = items.reduce((sum, { item }) => sum + itemTotal(item), 0);
  if (subtotal !== toMinorUnits(payment.subtotal)) return null;

  const { ids, location } = context;
  const tax = toMinorUnits(payment.tax);
  const tip = toMinorUnits(payment.tip);
  const placedAt = orderPiece.event.at;
  const paidAt = paymentPiece.event.at;
  const draft = (id: string, type: EventType, occurredAt: string, payload: unknown): EventDraft => ({
    id,
    type,
    occurredAt,
    payload,
  });
  const placed = foreignPlacedPayload({
    channel: 'stream-stack',
    serviceType: header.service_type,
    delivery: null,
    lines: items.map(({ item }) => ({
      lineId: ids.ref('order_item', String(item.order_item_id)),
      itemId: ids.ref('item', String(item.menu_item_id)),
      // The format has no brands: every line is the business's one stream-stack brand.
      brandId: ids.ref('brand', 'stream-stack'),
      categoryId:
        context.categoryId(item.category) ?? ids.ref('category', item.category.trim().toLowerCase()),
      name: item.item_name,
      unitPrice: toMinorUnits(item.unit_price),
      quantity: item.qty,
    })),
    tax,
    tip,
    placedAt,
    location,
  });
  return [
    draft(orderPiece.eventId, 'order.placed', placedAt, placed),
    draft(paymentPiece.eventId, 'payment.captured', paidAt, {
      payment_id: ids.ref('payment', String(payment.payment_id)),
      method: paymentMethod(payment.method),
      provider: payment.provider ?? null,
      amount: toMinorUnits(payment.amount),
      currency: location.currency,
      auth_code: payment.auth_code ?? null,
      subtotal: toMinorUnits(payment.subtotal),
      tax,
      tip,
      total: toMinorUnits(payment.total),
    }),
    draft(derivedId(paymentPiece.eventId, 'order.confirmed'), 'order.confirmed', paidAt, {
      from: 'placed',
      to: 'confirmed',
      actor: { user_id: null, role: 'system' },
    }),
  ];
}

/** The format's payment methods in Brigade's words (docs/payments.md); others are kept as sent. */
const PAYMENT_METHODS: Readonly<Record<string, string>> = {
  credit: 'credit_card',
  credit_card: 'credit_card',
  debit: 'debit_card',
  debit_card: 'debit_card',
  cash: 'cash',
  wallet: 'digital_wallet',
  digital_wallet: 'digital_wallet',
  gift: 'gift_card',
  gift_card: 'gift_card',
};

function paymentMethod(method: string): string {
  const key = method
    .trim()
    .toLowerCase()
    .replaceAll(/[\s-]+/g, '_');
  return PAYMENT_METHODS[key] ?? key;
}

/** feedback_submitted on a complete order: feedback.submitted (one per order, as in Brigade). */
export function mapFeedback(
  event: Extract<StreamStackEvent, { type: 'feedback_submitted' }>,
  order: IngestedOrder,
  context: MappingContext,
): EventDraft[] | IngestRejection {
  const orderRef = `order ${event.order}`;
  if (order.status === null) {
    return reject(
      'order_unknown',
      `${orderRef} is not complete yet (its order_created, order_item_added and payment_captured make it)`,
    );
  }
  if (order.hasFeedback) return reject('out_of_order', `${orderRef} already has feedback`);
  const { payload } = event;
  const customer = payload.customer_id;
  return [
    {
      id: context.eventId,
      type: 'feedback.submitted',
      occurredAt: (payload.created_ts && parseForeignTime(payload.created_ts)) || event.at,
      payload: {
        feedback_id: context.ids.ref('feedback', String(payload.feedback_id)),
        customer_id:
          customer === undefined || customer === null ? null : context.ids.ref('customer', String(customer)),
        rating: payload.rating,
        nps: payload.nps ?? null,
        comment: payload.comment ?? null,
      },
    },
  ];
}
