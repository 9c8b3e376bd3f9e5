import { allocateLargestRemainder } from './allocation.js';
import { buyXGetYLineDiscounts } from './buy-x-get-y.js';
import type { LineAmounts, OfferRule } from './pricing-types.js';
import { applyBasisPoints } from './rounding.js';

/** True when the offer counts this item: its itemIds list it, or the list is empty (every item). */
function isEligibleItem(offer: OfferRule, itemId: string): boolean {
  return offer.itemIds.length === 0 || offer.itemIds.includes(itemId);
}

/**
 * The offer's discount, already split over the lines (index-aligned with `lines`); the total is the sum.
 * Eligibility by window, location, currency and minimum is decided elsewhere: this is only the amount.
 * Percent and fixed discounts are spread over the eligible lines in proportion to their subtotals;
 * buy-x-get-y credits each free unit to its own line.
 */
export function offerLineDiscounts(offer: OfferRule, lines: readonly LineAmounts[]): number[] {
  const eligibleWeights = lines.map((line) =>
    isEligibleItem(offer, line.itemId) ? line.lineSubtotalMinor : 0,
  );
  const eligibleSubtotal = eligibleWeights.reduce((acc, weight) => acc + weight, 0);
  switch (offer.kind) {
    case 'percent': {
      const discount = applyBasisPoints(eligibleSubtotal, offer.percentBps ?? 0);
      return allocateLargestRemainder(discount, eligibleWeights);
    }
    case 'fixed': {
      // Capped: a $10 voucher on a $6 basket takes $6 off, never makes the basket negative.
      const discount = Math.min(offer.amountMinor ?? 0, eligibleSubtotal);
      return allocateLargestRemainder(discount, eligibleWeights);
    }
    case 'buy_x_get_y':
      return buyXGetYLineDiscounts(
        lines.map((line) => ({
          unitTotalMinor: line.unitTotalMinor,
          quantity: line.quantity,
          eligible: isEligibleItem(offer, line.itemId),
        })),
        offer.buyQuantity ?? 1,
        offer.getQuantity ?? 0,
      );
  }
}
