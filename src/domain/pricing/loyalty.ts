import { minorUnitExponent } from '../money.js';
import type { LoyaltyInput, PricingStep } from './pricing-types.js';
import { floorDivide } from './rounding.js';

export interface LoyaltyRedemption {
  pointsRedeemed: number;
  discountMinor: number;
}

/**
 * Converts the requested points into a discount, capped by what is left to pay after the offer
 * (`maxDiscountMinor`). Only whole minor units are redeemed and only the points they cost are taken,
 * so a customer never loses points to rounding or to a cap.
 */
export function redeemLoyalty(
  loyalty: LoyaltyInput | null,
  maxDiscountMinor: number,
): PricingStep<LoyaltyRedemption> {
  if (loyalty === null || loyalty.pointsToRedeem === 0) {
    return { ok: true, value: { pointsRedeemed: 0, discountMinor: 0 } };
  }
  if (loyalty.pointsToRedeem > loyalty.pointsBalance) {
    return {
      ok: false,
      error: {
        code: 'loyalty_insufficient_points',
        message: `Cannot redeem ${loyalty.pointsToRedeem} points: the balance is ${loyalty.pointsBalance}`,
      },
    };
  }
  const discountMinor = Math.min(
    floorDivide(loyalty.pointsToRedeem, loyalty.pointsPerMinorUnit),
    Math.max(0, maxDiscountMinor),
  );
  return { ok: true, value: { pointsRedeemed: discountMinor * loyalty.pointsPerMinorUnit, discountMinor } };
}

/**
 * Points are earned on whole currency units of what the customer actually pays for goods (the taxable
 * amount: after offers and redeemed points, before tax, tip and delivery). Guests earn nothing.
 */
export function loyaltyPointsEarned(
  loyalty: LoyaltyInput | null,
  taxableMinor: number,
  currency: string,
): number {
  if (loyalty === null) return 0;
  const wholeUnits = floorDivide(taxableMinor, 10 ** minorUnitExponent(currency));
  return wholeUnits * loyalty.earnPointsPerUnit;
}
