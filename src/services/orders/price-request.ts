import { actorRoleIn, type Principal } from '../../auth/principal.js';
import { isOpenAt } from '../../domain/locations/opening-hours.js';
import { priceOrder } from '../../domain/pricing/price-order.js';
import type { PricedOrder, TipInput } from '../../domain/pricing/pricing-types.js';
import { AppError } from '../../errors/app-error.js';
import type { Queryable } from '../../storage/database.js';
import { loadCart, type StoredCartLine } from '../carts/cart-lines.js';
import {
  type LocationForOrdering,
  loadOrderableItems,
  loadPlacementContext,
} from '../catalog/location-catalog.js';
import { type RequestedLine, type ResolvedLine, resolveLines } from './resolve-lines.js';

/** What placement and a price quote both read from a request: the basket and the choices priced. */
export interface PricingRequest {
  serviceType: 'dine_in' | 'takeout' | 'delivery';
  /** Inline lines; when absent the caller's cart for this location is priced. */
  items?: { itemId: string; quantity: number; modifiers?: string[]; notes?: string }[];
  tip?: { percentBps: number } | { amountMinor: number };
  promoCode?: string;
  loyaltyPointsToRedeem?: number;
}

/** A request priced as the server would place it right now. */
export interface PricedRequest {
  location: LocationForOrdering;
  /** The caller when they order as a customer (loyalty applies), else null (staff, walk-ins). */
  customerId: string | null;
  /** Whether the request priced the caller's cart (no inline items). */
  fromCart: boolean;
  /** The cart lines priced, when the request ordered the cart (empty for inline items). */
  cartLines: StoredCartLine[];
  lines: ResolvedLine[];
  pricing: PricedOrder;
  /** The customer's loyalty balance before this order (0 without an account). */
  pointsBalance: number;
}

/**
 * Prices a request exactly as placement does: the location must offer the service type, every line
 * must be orderable now, the promo code must apply and the points must be there. Reads only.
 *
 * The location's checks run before the basket is read, in this order: with `acceptingNow` (placement)
 * a location not taking orders right now is refused — a quote prices it all the same, since a cart can
 * be filled before it opens; then the service type; then `serviceDetails` (placement's address and
 * table rules).
 */
export async function priceRequest(
  db: Queryable,
  principal: Principal,
  locationId: string,
  input: PricingRequest,
  now: Date,
  checks: { acceptingNow: boolean; serviceDetails?: () => void } = { acceptingNow: false },
): Promise<PricedRequest> {
  const context = await loadPlacementContext(db, locationId, {
    userId: principal.userId,
    promoCode: input.promoCode ?? null,
  });
  if (!context) throw new AppError('not_found', 'Restaurant not found');
  const { location } = context;
  const closed = checks.acceptingNow ? notAcceptingReason(location, now) : null;
  if (closed) throw new AppError('location_not_accepting_orders', closed);
  if (!location.serviceTypes.includes(input.serviceType)) {
    throw new AppError('service_type_unavailable', `${location.name} does not offer ${input.serviceType}`, {
      errors: [{ field: 'body/serviceType', message: `offered: ${location.serviceTypes.join(', ')}` }],
    });
  }
  checks.serviceDetails?.();

  const role = actorRoleIn(principal, location.businessId, location.id);
  const customerId = role === 'customer' ? principal.userId : null;
  const fromCart = input.items === undefined;
  const cartLines = fromCart ? (await loadCart(db, principal.userId, location.id)).lines : [];
  const requested = fromCart ? cartLines : inlineLines(input);
  if (requested.length === 0) throw new AppError('cart_empty');

  const items = await loadOrderableItems(
    db,
    location.id,
    requested.map((line) => line.itemId),
  );
  const lines = resolveLines(requested, items, {
    timeZone: location.timeZone,
    now,
    fieldOf: (index) => `${fromCart ? 'cart/lines' : 'body/items'}/${index}`,
  });

  const pointsToRedeem = input.loyaltyPointsToRedeem ?? 0;
  if (pointsToRedeem > 0 && !customerId) {
    throw new AppError('loyalty_insufficient_points', 'Only a signed-in customer can redeem loyalty points');
  }
  const priced = priceOrder({
    currency: location.currency,
    locationId: location.id,
    now,
    lines: lines.map((line) => line.pricing),
    offers: context.offers,
    promoCode: input.promoCode ?? null,
    taxRules: location.taxRules,
    tip: tipInput(input.tip),
    deliveryFeeMinor: input.serviceType === 'delivery' ? location.deliveryFeeMinor : 0,
    loyalty: customerId
      ? {
          pointsBalance: context.pointsBalance,
          pointsToRedeem,
          pointsPerMinorUnit: location.loyalty.pointsPerMinorUnit,
          earnPointsPerUnit: location.loyalty.earnPointsPerUnit,
        }
      : null,
  });
  if (!priced.ok) throw new AppError(priced.error.code, priced.error.message);
  return {
    location,
    customerId,
    fromCart,
    cartLines,
    lines,
    pricing: priced.value,
    pointsBalance: context.pointsBalance,
  };
}

/** Why the location takes no order right now, or null when it does. */
export function notAcceptingReason(location: LocationForOrdering, now: Date): string | null {
  if (location.status !== 'open') return `${location.name} is ${location.status}`;
  if (!isOpenAt(location.businessHours, location.holidays, location.timeZone, now).open) {
    return `${location.name} is outside its opening hours`;
  }
  return null;
}

function inlineLines(input: PricingRequest): RequestedLine[] {
  return (input.items ?? []).map((line) => ({
    itemId: line.itemId,
    quantity: line.quantity,
    modifiers: line.modifiers ?? [],
    notes: line.notes ?? null,
  }));
}

function tipInput(tip: PricingRequest['tip']): TipInput {
  if (!tip) return null;
  return 'percentBps' in tip
    ? { kind: 'percent', percentBps: tip.percentBps }
    : { kind: 'amount', amountMinor: tip.amountMinor };
}
