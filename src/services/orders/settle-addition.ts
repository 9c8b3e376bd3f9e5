import { randomUUID } from 'node:crypto';
import { grownTotals } from '../../domain/orders/order-addition.js';
import { isTerminal } from '../../domain/orders/order-status.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { AuthorizeOutcome, PaymentGateway, PaymentMethod } from '../../payments/payment-gateway.js';
import type { Database, Queryable } from '../../storage/database.js';
import { type AdditionRow, loadAddition } from './order-additions.js';
import { loadOrderRow, type OrderRow } from './order-view.js';
import { compensateCancellation } from './refund-order.js';

type Outcome =
  | { captured: true; reference: string; authorization: Extract<AuthorizeOutcome, { status: 'authorized' }> }
  | { captured: false; code: string; reason: string };

/**
 * The payment step of an addition saga (add-items.ts wrote the addition `pending` first): authorize and
 * capture the addition's total, then record the outcome in one transaction — lines, totals, payment and
 * events when captured; a decline adds nothing.
 *
 * Safe to run any number of times, concurrently: the gateway keys derive from the addition id, and only
 * the UPDATE that still finds the addition `pending` records (under the order's row lock). As for
 * placement, recovery (`'recover'`) has no card: it finishes only what the gateway already authorized
 * and records a payment that never reached the gateway as declined (payment_interrupted).
 */
export async function settleAddition(
  deps: { db: Database; gateway: PaymentGateway; now?: () => Date },
  additionId: string,
  payer: { cardNumber: string | undefined } | 'recover',
): Promise<void> {
  const addition = await loadAddition(deps.db, additionId);
  if (addition?.status !== 'pending') return;
  const currency = addition.currency.trim();
  const key = `order:${addition.order_id}:addition:${additionId}`;
  const authorization =
    payer === 'recover'
      ? ((await deps.gateway.findAuthorization(`${key}:authorize`)) ?? neverSent(addition))
      : await deps.gateway.authorize({
          idempotencyKey: `${key}:authorize`,
          amountMinor: addition.total_minor,
          currency,
          instrument: {
            method: addition.payment_method as PaymentMethod,
            provider: addition.payment_provider ?? undefined,
            cardNumber: payer.cardNumber,
          },
          orderId: addition.order_id,
        });
  let outcome: Outcome;
  if (authorization.status === 'authorized') {
    const capture = await deps.gateway.capture({
      idempotencyKey: `${key}:capture`,
      authorizationReference: authorization.reference,
      amountMinor: addition.total_minor,
    });
    outcome =
      capture.status === 'captured'
        ? { captured: true, reference: capture.reference, authorization }
        : { captured: false, code: capture.code, reason: capture.reason };
  } else {
    outcome = { captured: false, code: authorization.declineCode, reason: authorization.declineReason };
  }
  const now = deps.now?.() ?? new Date();
  const needsCompensation = await deps.db.transaction((tx) => record(tx, addition, outcome, now));
  if (needsCompensation) await compensateCancellation(deps, addition.order_id);
}

function neverSent(addition: AdditionRow): AuthorizeOutcome {
  return {
    status: 'declined',
    reference: 'not-sent',
    provider: addition.payment_provider,
    cardLast4: null,
    declineCode: 'payment_interrupted',
    declineReason: 'the payment was interrupted before it reached the processor; nothing was charged',
  };
}

/**
 * Records the outcome; returns true when money was captured for an order that was cancelled or
 * refunded meanwhile (the addition is then `voided`: no lines, and the compensation refunds it).
 */
async function record(tx: Queryable, addition: AdditionRow, outcome: Outcome, now: Date): Promise<boolean> {
  const order = await loadOrderRow(tx, addition.order_id, true);
  if (!order) throw new Error(`order ${addition.order_id} of addition ${addition.id} vanished`);
  if (!outcome.captured) {
    await tx.query(
      `UPDATE order_additions SET status = 'declined', decline_code = $2, decline_reason = $3, settled_at = now()
       WHERE id = $1 AND status = 'pending'`,
      [addition.id, outcome.code, outcome.reason],
    );
    return false;
  }
  const voided = isTerminal(order.status);
  const paymentId = randomUUID();
  const claimed = await tx.query(
    `UPDATE order_additions SET status = $2, payment_id = $3, settled_at = now()
     WHERE id = $1 AND status = 'pending'`,
    [addition.id, voided ? 'voided' : 'applied', paymentId],
  );
  if (claimed.rowCount === 0) return false; // another run recorded it
  const { authorization } = outcome;
  const currency = addition.currency.trim();
  await tx.query(
    `INSERT INTO payments (id, business_id, order_id, method, provider, status, amount_minor, captured_minor,
                           currency, gateway_reference, auth_code, card_last4)
     VALUES ($1, $2, $3, $4, $5, 'captured', $6, $6, $7, $8, $9, $10)`,
    [
      paymentId,
      order.business_id,
      order.id,
      addition.payment_method,
      authorization.provider,
      addition.total_minor,
      currency,
      outcome.reference,
      authorization.authCode,
      authorization.cardLast4,
    ],
  );
  const base = {
    businessId: order.business_id,
    locationId: order.location_id,
    orderId: order.id,
    occurredAt: now,
  };
  const payment = {
    payment_id: paymentId,
    method: addition.payment_method,
    provider: authorization.provider,
    currency,
    amount: addition.total_minor,
    auth_code: authorization.authCode,
  };
  const events: NewEvent[] = [
    {
      ...base,
      type: 'payment.authorized',
      payload: { ...payment, gateway_reference: authorization.reference },
    },
    {
      ...base,
      type: 'payment.captured',
      payload: {
        ...payment,
        subtotal: addition.subtotal_minor,
        tax: addition.tax_minor,
        tip: 0,
        total: addition.total_minor,
      },
    },
  ];
  if (voided) {
    await tx.query(
      'UPDATE orders SET captured_minor = captured_minor + $2, updated_at = now() WHERE id = $1',
      [order.id, addition.total_minor],
    );
  } else {
    events.push({ ...(await applyLines(tx, order, addition, now)), occurredAt: now });
  }
  await appendEvents(tx, events);
  return voided;
}

const LINE_COLUMNS = 16;

/** Writes the lines (numbering continues the order's), grows the totals, and returns order.items_added. */
async function applyLines(
  tx: Queryable,
  order: OrderRow,
  addition: AdditionRow,
  now: Date,
): Promise<NewEvent<'order.items_added'>> {
  const { rows } = await tx.query<{ last: number }>(
    'SELECT coalesce(max(line_number), 0)::int AS last FROM order_lines WHERE order_id = $1',
    [order.id],
  );
  const first = (rows[0]?.last ?? 0) + 1;
  const params: unknown[] = [];
  const values = addition.lines.map((line, index) => {
    params.push(
      line.lineId,
      order.business_id,
      order.id,
      first + index,
      line.itemId,
      line.brandId,
      line.categoryId,
      line.name,
      line.station,
      line.unitPriceMinor,
      line.unitCostMinor,
      line.quantity,
      JSON.stringify(line.modifiers),
      line.lineSubtotalMinor,
      line.discountMinor,
      line.notes,
    );
    const base = index * LINE_COLUMNS;
    return `(${Array.from({ length: LINE_COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO order_lines (id, business_id, order_id, line_number, item_id, brand_id, category_id, name, station,
       unit_price_minor, unit_cost_minor, quantity, modifiers, line_subtotal_minor, discount_minor, notes)
     VALUES ${values.join(', ')}`,
    params,
  );
  const totals = grownTotals(
    {
      subtotalMinor: order.subtotal_minor,
      taxMinor: order.tax_minor,
      totalMinor: order.total_minor,
      capturedMinor: order.captured_minor,
      taxes: order.pricing.taxes,
    },
    {
      subtotalMinor: addition.subtotal_minor,
      taxMinor: addition.tax_minor,
      totalMinor: addition.total_minor,
      taxes: addition.taxes,
    },
  );
  await tx.query(
    `UPDATE orders SET subtotal_minor = $2, tax_minor = $3, total_minor = $4, captured_minor = $5,
            pricing = jsonb_set(pricing, '{taxes}', $6::jsonb), updated_at = now()
     WHERE id = $1`,
    [
      order.id,
      totals.subtotalMinor,
      totals.taxMinor,
      totals.totalMinor,
      totals.capturedMinor,
      JSON.stringify(totals.taxes),
    ],
  );
  const currency = addition.currency.trim();
  return {
    type: 'order.items_added',
    businessId: order.business_id,
    locationId: order.location_id,
    orderId: order.id,
    payload: {
      addition_id: addition.id,
      lines: addition.lines.map((line, index) => ({
        line_id: line.lineId,
        line_number: first + index,
        item_id: line.itemId,
        brand_id: line.brandId,
        category_id: line.categoryId,
        name: line.name,
        station: line.station,
        unit_price: line.unitPriceMinor,
        unit_cost: line.unitCostMinor,
        quantity: line.quantity,
        modifiers: line.modifiers.map((m) => ({
          group_id: m.groupId,
          group_name: m.groupName,
          option_id: m.optionId,
          name: m.name,
          price: m.priceMinor,
        })),
        line_subtotal: line.lineSubtotalMinor,
        discount: line.discountMinor,
        notes: line.notes,
      })),
      added: {
        currency,
        subtotal: addition.subtotal_minor,
        discount: 0,
        loyalty_discount: 0,
        tax: addition.tax_minor,
        tip: 0,
        delivery_fee: 0,
        total: addition.total_minor,
      },
      totals: {
        currency,
        subtotal: totals.subtotalMinor,
        discount: order.discount_minor,
        loyalty_discount: order.loyalty_discount_minor,
        tax: totals.taxMinor,
        tip: order.tip_minor,
        delivery_fee: order.delivery_fee_minor,
        total: totals.totalMinor,
      },
      added_by: { user_id: addition.added_by, role: addition.added_by_role },
      at: now.toISOString(),
    },
  };
}
