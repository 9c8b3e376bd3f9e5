import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { orderPlacedPayload } from '../../domain/orders/placed-payload.js';
import type { PricedOrder } from '../../domain/pricing/pricing-types.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents, type NewEvent } from '../../outbox/outbox-writer.js';
import type { PaymentGateway, PaymentMethod } from '../../payments/payment-gateway.js';
import type { Database, Queryable } from '../../storage/database.js';
import type { LocationForOrdering } from '../catalog/location-catalog.js';
import { debitPoints } from './loyalty-ledger.js';
import {
  claimIdempotencyKey,
  findIdempotent,
  hashRequest,
  type IdempotencyClaim,
} from './order-idempotency.js';
import { loadOrderView, type OrderView } from './order-view.js';
import { type PricingRequest, priceRequest } from './price-request.js';
import type { ResolvedLine } from './resolve-lines.js';
import { settlePayment } from './settle-payment.js';

export interface PlaceOrderInput extends PricingRequest {
  tableNumber?: string;
  delivery?: { address: Record<string, unknown>; lat: number; lon: number };
  payment: { method: PaymentMethod; provider?: string; cardNumber?: string };
  notes?: string;
}

export interface PlaceOrderDeps {
  db: Database;
  gateway: PaymentGateway;
  now: () => Date;
}

/**
 * Places an order: validates and prices it on the server, writes it (status placed) with its
 * `order.placed` event in one transaction, then runs the payment step, which confirms or cancels it.
 *
 * With an Idempotency-Key, the key is claimed in that same transaction: concurrent retries block on
 * the key, then find the first request's order and return it (after making sure its payment step ran),
 * while the same key with a different body is refused.
 */
export async function placeOrder(
  deps: PlaceOrderDeps,
  principal: Principal,
  locationId: string,
  input: PlaceOrderInput,
  idempotencyKey: string | undefined,
): Promise<{ order: OrderView; replayed: boolean }> {
  const claim: IdempotencyClaim | undefined = idempotencyKey
    ? {
        scope: `order:${principal.userId}`,
        key: idempotencyKey,
        requestHash: hashRequest([locationId, input]),
      }
    : undefined;
  if (claim) {
    const existing = await findIdempotent(deps.db, claim);
    if (existing) return replay(deps, existing, input);
  }

  const now = deps.now();
  const { location, customerId, fromCart, cartLines, lines, pricing } = await priceRequest(
    deps.db,
    principal,
    locationId,
    input,
    now,
    { acceptingNow: true, serviceDetails: () => checkServiceDetails(input) },
  );

  const order: NewOrder = {
    orderId: randomUUID(),
    lineIds: lines.map(() => randomUUID()),
    location,
    input,
    placedBy: principal.userId,
    customerId,
    fromCart,
    lines,
    pricing,
    now,
  };
  const { orderId } = order;
  const outcome = await deps.db.transaction(async (tx) => {
    if (claim) {
      // Another request with this key committed first (we waited on its lock): answer with its order.
      const existing = await claimIdempotencyKey(tx, claim, location.businessId, orderId);
      if (existing) return { existing };
    }
    // The writes are issued together, in this order, and awaited once with COMMIT behind them: on
    // PostgreSQL they are one round trip (after the key's claim, when there is one), and any failure
    // among them rolls the transaction back.
    const written: Promise<unknown>[] = [...insertOrder(tx, order)];
    if (fromCart) {
      // Only the lines this order took: a line added meanwhile stays for the next order.
      written.push(
        tx.query('DELETE FROM cart_lines WHERE id = ANY($1::uuid[])', [cartLines.map((line) => line.id)]),
      );
    }
    const events: NewEvent[] = [placedEvent(order)];
    if (customerId && pricing.loyaltyPointsRedeemed > 0) {
      // The redemption event carries the new balance, so the debit's answer is needed first.
      const [debit] = await Promise.all([
        debitPoints(
          tx,
          { businessId: location.businessId, userId: customerId },
          pricing.loyaltyPointsRedeemed,
          { partial: false },
        ),
        ...written,
      ]);
      if (!debit) throw new AppError('loyalty_insufficient_points');
      events.push({
        type: 'loyalty.points_redeemed',
        businessId: location.businessId,
        locationId: location.id,
        orderId,
        payload: {
          user_id: customerId,
          points: pricing.loyaltyPointsRedeemed,
          discount: pricing.loyaltyDiscountMinor,
          balance: debit.balance,
        },
      });
    }
    await tx.commitAfter([...written, appendEvents(tx, events)]);
    return { existing: undefined };
  });

  if (outcome.existing) return replay(deps, outcome.existing, input);
  await settlePayment(
    deps,
    orderId,
    { cardNumber: input.payment.cardNumber },
    {
      status: 'placed',
      currency: pricing.currency,
      payment_method: input.payment.method,
      payment_provider: input.payment.provider ?? null,
      total_minor: pricing.totalMinor,
    },
  );
  const view = await loadOrderView(deps.db, orderId);
  if (!view) throw new Error(`order ${orderId} vanished after placement`);
  return { order: view, replayed: false };
}

async function replay(
  deps: PlaceOrderDeps,
  orderId: string,
  input: PlaceOrderInput,
): Promise<{ order: OrderView; replayed: boolean }> {
  // The first request may still be between its two steps; finishing the payment step here is safe,
  // with this request's card (the same request, as its hash matched).
  await settlePayment(deps, orderId, { cardNumber: input.payment.cardNumber });
  const order = await loadOrderView(deps.db, orderId);
  if (!order) throw new Error(`idempotent order ${orderId} not found`);
  return { order, replayed: true };
}

/** The details the service type needs, and only those: an address for delivery, a table for dine-in. */
function checkServiceDetails(input: PlaceOrderInput): void {
  if (input.serviceType === 'delivery' && !input.delivery) {
    throw new AppError('delivery_details_required', undefined, {
      errors: [{ field: 'body/delivery', message: 'is required for delivery orders' }],
    });
  }
  if (input.serviceType !== 'delivery' && input.delivery) {
    throw new AppError('validation_failed', 'Only delivery orders take a delivery address', {
      errors: [{ field: 'body/delivery', message: 'only allowed for delivery orders' }],
    });
  }
  if (input.serviceType !== 'dine_in' && input.tableNumber !== undefined) {
    throw new AppError('validation_failed', 'Only dine-in orders take a table', {
      errors: [{ field: 'body/tableNumber', message: 'only allowed for dine-in orders' }],
    });
  }
}

/** Everything decided about a new order before it is written: its row, lines and first event. */
interface NewOrder {
  orderId: string;
  lineIds: string[];
  location: LocationForOrdering;
  input: PlaceOrderInput;
  placedBy: string;
  customerId: string | null;
  /** Its lines came from the placer's cart (given back if the payment is declined). */
  fromCart: boolean;
  lines: ResolvedLine[];
  pricing: PricedOrder;
  now: Date;
}

/** Issues the order's row and its lines, without waiting for either: they are pipelined. */
function insertOrder(tx: Queryable, order: NewOrder): Promise<unknown>[] {
  const { orderId, location, input, pricing } = order;
  const orderRow = tx.query(
    `INSERT INTO orders (id, business_id, location_id, customer_id, placed_by, service_type, table_number,
       delivery_address, delivery_lat, delivery_lon, status, currency, subtotal_minor, discount_minor,
       loyalty_discount_minor, tax_minor, tip_minor, delivery_fee_minor, total_minor, pricing, promo_code,
       payment_method, payment_provider, loyalty_points_earned, loyalty_points_redeemed, notes, placed_at, from_cart)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'placed', $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
             $21, $22, $23, $24, $25, $26, $27)`,
    [
      orderId,
      location.businessId,
      location.id,
      order.customerId,
      order.placedBy,
      input.serviceType,
      input.tableNumber ?? null,
      input.delivery ? JSON.stringify(input.delivery.address) : null,
      input.delivery?.lat ?? null,
      input.delivery?.lon ?? null,
      pricing.currency,
      pricing.subtotalMinor,
      pricing.discountMinor,
      pricing.loyaltyDiscountMinor,
      pricing.taxMinor,
      pricing.tipMinor,
      pricing.deliveryFeeMinor,
      pricing.totalMinor,
      JSON.stringify({ taxes: pricing.taxes, appliedOffers: pricing.appliedOffers }),
      input.promoCode ?? null,
      input.payment.method,
      input.payment.provider ?? null,
      order.customerId ? pricing.loyaltyPointsEarned : 0,
      pricing.loyaltyPointsRedeemed,
      input.notes ?? null,
      order.now.toISOString(),
      order.fromCart,
    ],
  );
  // All lines in one statement: one round trip whatever the basket size.
  const params: unknown[] = [];
  const rows = order.lines.map((line, index) => {
    const priced = pricing.lines[index];
    params.push(
      order.lineIds[index],
      location.businessId,
      orderId,
      index + 1,
      line.item.id,
      line.item.brandId,
      line.item.categoryId,
      line.item.name,
      line.item.station,
      line.item.priceMinor,
      line.item.costMinor,
      line.quantity,
      JSON.stringify(line.modifiers),
      priced?.lineSubtotalMinor ?? 0,
      priced?.discountMinor ?? 0,
      line.notes,
    );
    const base = index * LINE_COLUMNS;
    return `(${Array.from({ length: LINE_COLUMNS }, (_, column) => `$${base + column + 1}`).join(', ')})`;
  });
  const lineRows = tx.query(
    `INSERT INTO order_lines (id, business_id, order_id, line_number, item_id, brand_id, category_id, name, station,
       unit_price_minor, unit_cost_minor, quantity, modifiers, line_subtotal_minor, discount_minor, notes)
     VALUES ${rows.join(', ')}`,
    params,
  );
  return [orderRow, lineRows];
}

const LINE_COLUMNS = 16;

function placedEvent(order: NewOrder): NewEvent<'order.placed'> {
  const { orderId, location, input, pricing } = order;
  return {
    type: 'order.placed',
    businessId: location.businessId,
    locationId: location.id,
    orderId,
    occurredAt: order.now,
    payload: orderPlacedPayload({
      customerId: order.customerId,
      placedBy: order.placedBy,
      channel: 'app',
      serviceType: input.serviceType,
      tableNumber: input.tableNumber ?? null,
      delivery: input.delivery
        ? { address: input.delivery.address, lat: input.delivery.lat, lon: input.delivery.lon }
        : null,
      lines: order.lines.map((line, index) => ({ ...line, lineId: order.lineIds[index] ?? '' })),
      pricing,
      promoCode: input.promoCode ?? null,
      placedAt: order.now,
      timeZone: location.timeZone,
    }),
  };
}
