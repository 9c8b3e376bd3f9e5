import { randomUUID } from 'node:crypto';
import type { ActorRole, Principal } from '../../auth/principal.js';
import { mayAddItems } from '../../domain/orders/order-addition.js';
import { priceOrder } from '../../domain/pricing/price-order.js';
import { AppError } from '../../errors/app-error.js';
import type { PaymentGateway, PaymentMethod } from '../../payments/payment-gateway.js';
import type { Database } from '../../storage/database.js';
import { loadLocationForOrdering, loadOrderableItems } from '../catalog/location-catalog.js';
import { orderActorRole } from './order-access.js';
import { type AdditionLine, type AdditionStatus, loadAddition } from './order-additions.js';
import {
  claimIdempotencyKey,
  findIdempotent,
  hashRequest,
  type IdempotencyClaim,
} from './order-idempotency.js';
import { loadOrderRow, loadOrderView, type OrderView } from './order-view.js';
import { resolveLines } from './resolve-lines.js';
import { settleAddition } from './settle-addition.js';

export interface AddItemsInput {
  items: { itemId: string; quantity: number; modifiers?: string[]; notes?: string }[];
  payment: { method: PaymentMethod; provider?: string; cardNumber?: string };
}

export interface AdditionResult {
  additionId: string;
  status: AdditionStatus;
  /** Line numbers the added lines got on the order (empty unless applied). */
  lineNumbers: number[];
  added: { currency: string; subtotalMinor: number; taxMinor: number; totalMinor: number };
  paymentId: string | null;
  declineCode: string | null;
  declineReason: string | null;
  order: OrderView;
}

/** The customer who placed the order, or the counter and the people running the restaurant. */
const MAY_ADD: readonly ActorRole[] = ['customer', 'cashier', 'manager', 'owner', 'platform_admin'];

/**
 * Adds items to an order the kitchen already has (confirmed, preparing or ready), as a saga shaped like
 * placement: the priced addition is committed `pending` first (with the idempotency key), then the
 * addition's total is authorized and captured with gateway keys derived from its id, then lines, totals,
 * payment and events are recorded in one transaction (settle-addition.ts). A decline adds nothing; a
 * crash anywhere is finished by the payment sweeper (never a charge without lines, nor lines without
 * a charge). Pricing: docs/order-lifecycle.md, "Adding items".
 */
export async function addItems(
  deps: { db: Database; gateway: PaymentGateway; now: () => Date },
  principal: Principal,
  orderId: string,
  input: AddItemsInput,
  idempotencyKey: string,
): Promise<{ result: AdditionResult; replayed: boolean }> {
  const claim: IdempotencyClaim = {
    scope: `order-items:${principal.userId}:${orderId}`,
    key: idempotencyKey,
    requestHash: hashRequest([orderId, input]),
  };
  const existing = await findIdempotent(deps.db, claim);
  if (existing) return replay(deps, existing, input);

  const now = deps.now();
  const order = await loadOrderRow(deps.db, orderId);
  if (!order) throw new AppError('not_found', 'Order not found');
  const role = orderActorRole(principal, order);
  if (!MAY_ADD.includes(role)) throw new AppError('forbidden', 'Kitchen staff and drivers do not add items');
  refuseUnlessAddable(order.status);
  const location = await loadLocationForOrdering(deps.db, order.location_id);
  if (!location) throw new AppError('not_found', 'Restaurant not found');

  const requested = input.items.map((line) => ({
    itemId: line.itemId,
    quantity: line.quantity,
    modifiers: line.modifiers ?? [],
    notes: line.notes ?? null,
  }));
  const items = await loadOrderableItems(
    deps.db,
    location.id,
    requested.map((line) => line.itemId),
  );
  const lines = resolveLines(requested, items, {
    timeZone: location.timeZone,
    now,
    fieldOf: (index) => `body/items/${index}`,
  });
  // The addition is priced on its own: list prices with modifiers and the location's tax on the added
  // subtotal; no offers, promo code, loyalty, tip or delivery fee (those belong to the placed order).
  const priced = priceOrder({
    currency: order.currency.trim(),
    locationId: location.id,
    now,
    lines: lines.map((line) => line.pricing),
    offers: [],
    promoCode: null,
    taxRules: location.taxRules,
    tip: null,
    deliveryFeeMinor: 0,
    loyalty: null,
  });
  if (!priced.ok) throw new AppError(priced.error.code, priced.error.message);
  const pricing = priced.value;
  const additionLines: AdditionLine[] = lines.map((line, index) => ({
    lineId: randomUUID(),
    itemId: line.item.id,
    brandId: line.item.brandId,
    categoryId: line.item.categoryId,
    name: line.item.name,
    station: line.item.station,
    unitPriceMinor: line.item.priceMinor,
    unitCostMinor: line.item.costMinor,
    quantity: line.quantity,
    modifiers: line.modifiers,
    lineSubtotalMinor: pricing.lines[index]?.lineSubtotalMinor ?? 0,
    discountMinor: 0,
    notes: line.notes,
  }));

  const additionId = randomUUID();
  const winner = await deps.db.transaction(async (tx) => {
    // Under the order's lock: a status change racing this request is decided before or after it.
    const locked = await loadOrderRow(tx, orderId, true);
    if (!locked) throw new AppError('not_found', 'Order not found');
    refuseUnlessAddable(locked.status);
    const first = await claimIdempotencyKey(tx, claim, locked.business_id, additionId);
    if (first) return first;
    await tx.query(
      `INSERT INTO order_additions (id, business_id, order_id, status, added_by, added_by_role, lines, taxes,
                                    currency, subtotal_minor, tax_minor, total_minor, payment_method, payment_provider)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        additionId,
        locked.business_id,
        orderId,
        principal.userId,
        role,
        JSON.stringify(additionLines),
        JSON.stringify(pricing.taxes),
        pricing.currency,
        pricing.subtotalMinor,
        pricing.taxMinor,
        pricing.totalMinor,
        input.payment.method,
        input.payment.provider ?? null,
      ],
    );
    return undefined;
  });
  if (winner) return replay(deps, winner, input);
  await settleAddition(deps, additionId, { cardNumber: input.payment.cardNumber });
  return { result: await loadAdditionResult(deps.db, additionId), replayed: false };
}

function refuseUnlessAddable(status: OrderView['status']): void {
  if (!mayAddItems(status)) {
    throw new AppError('order_items_not_allowed', `Items cannot be added to an order that is ${status}`);
  }
}

/** The same request again: finish the first attempt's payment step if it is still pending, then answer as it did. */
async function replay(
  deps: { db: Database; gateway: PaymentGateway; now: () => Date },
  additionId: string,
  input: AddItemsInput,
): Promise<{ result: AdditionResult; replayed: boolean }> {
  await settleAddition(deps, additionId, { cardNumber: input.payment.cardNumber });
  return { result: await loadAdditionResult(deps.db, additionId), replayed: true };
}

async function loadAdditionResult(db: Database, additionId: string): Promise<AdditionResult> {
  const addition = await loadAddition(db, additionId);
  if (!addition) throw new Error(`addition ${additionId} not found`);
  const order = await loadOrderView(db, addition.order_id);
  if (!order) throw new Error(`order ${addition.order_id} of addition ${additionId} not found`);
  const lineIds = new Set(addition.lines.map((line) => line.lineId));
  return {
    additionId,
    status: addition.status,
    lineNumbers: order.lines.filter((line) => lineIds.has(line.id)).map((line) => line.lineNumber),
    added: {
      currency: addition.currency.trim(),
      subtotalMinor: addition.subtotal_minor,
      taxMinor: addition.tax_minor,
      totalMinor: addition.total_minor,
    },
    paymentId: addition.payment_id,
    declineCode: addition.decline_code,
    declineReason: addition.decline_reason,
    order,
  };
}
