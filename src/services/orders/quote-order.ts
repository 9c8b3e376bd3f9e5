import type { Static } from '@sinclair/typebox';
import type { Principal } from '../../auth/principal.js';
import type { OrderQuote as OrderQuoteSchema } from '../../schemas/order-quote.js';
import type { Queryable } from '../../storage/database.js';
import { notAcceptingReason, type PricingRequest, priceRequest } from './price-request.js';

/** What an order would cost if placed now, line by line: the checkout's price before paying. */
export type OrderQuote = Static<typeof OrderQuoteSchema>;

/**
 * Prices a basket (the cart, or inline lines) with the service type, tip, promo code and points the
 * checkout has chosen, by the same code and rules as placement, and writes nothing. A request
 * placement would refuse for its basket or choices is refused the same way; a closed restaurant is
 * priced all the same and says so (`acceptingOrders`), since a cart may be filled before it opens.
 * Prices and offers can change before the order is placed: placement prices again.
 */
export async function quoteOrder(
  db: Queryable,
  principal: Principal,
  locationId: string,
  input: PricingRequest,
  now: Date,
): Promise<OrderQuote> {
  const priced = await priceRequest(db, principal, locationId, input, now);
  const { location, lines, pricing } = priced;
  const reason = notAcceptingReason(location, now);
  return {
    locationId: location.id,
    serviceType: input.serviceType,
    pricedAt: now.toISOString(),
    acceptingOrders: reason === null,
    notAcceptingReason: reason,
    lines: lines.map((line, index) => ({
      lineNumber: index + 1,
      itemId: line.item.id,
      name: line.item.name,
      quantity: line.quantity,
      unitPriceMinor: line.item.priceMinor,
      modifiers: line.modifiers,
      lineSubtotalMinor: pricing.lines[index]?.lineSubtotalMinor ?? 0,
      discountMinor: pricing.lines[index]?.discountMinor ?? 0,
      notes: line.notes,
    })),
    totals: {
      currency: pricing.currency,
      subtotalMinor: pricing.subtotalMinor,
      discountMinor: pricing.discountMinor,
      loyaltyDiscountMinor: pricing.loyaltyDiscountMinor,
      taxMinor: pricing.taxMinor,
      tipMinor: pricing.tipMinor,
      deliveryFeeMinor: pricing.deliveryFeeMinor,
      totalMinor: pricing.totalMinor,
    },
    taxes: pricing.taxes,
    appliedOffers: pricing.appliedOffers,
    loyalty: priced.customerId
      ? {
          pointsBalance: priced.pointsBalance,
          pointsRedeemed: pricing.loyaltyPointsRedeemed,
          pointsEarned: pricing.loyaltyPointsEarned,
          pointsPerMinorUnit: location.loyalty.pointsPerMinorUnit,
        }
      : null,
  };
}
