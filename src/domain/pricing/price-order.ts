import { loyaltyPointsEarned, redeemLoyalty } from './loyalty.js';
import { chooseOffer } from './offers.js';
import type {
  LineAmounts,
  PricedOrder,
  PricingFailure,
  PricingInput,
  PricingResult,
} from './pricing-types.js';
import { computeTaxes } from './tax.js';
import { computeTip } from './tip.js';
import { validatePricingInput } from './validate-input.js';

export type * from './pricing-types.js';

/**
 * Prices an order. Pure: same input, same result; no clock, no I/O, no exceptions for business rules.
 * Steps, each documented in docs/pricing.md: validate → lines and subtotal → one offer → loyalty
 * redemption → taxes on the discounted subtotal → tip → delivery fee → total → points earned.
 */
export function priceOrder(input: PricingInput): PricingResult {
  const invalid = validatePricingInput(input);
  if (invalid !== null) return { ok: false, error: invalid };

  const mixed = input.lines.findIndex((line) => line.currency !== input.currency);
  if (mixed !== -1) {
    return {
      ok: false,
      error: {
        code: 'currency_mismatch',
        message: `lines[${mixed}] is in ${input.lines[mixed]?.currency}, the order in ${input.currency}`,
      },
    };
  }

  const lines: LineAmounts[] = input.lines.map((line) => {
    const unitTotalMinor = line.modifiers.reduce(
      (acc, modifier) => acc + modifier.priceMinor,
      line.unitPriceMinor,
    );
    return {
      itemId: line.itemId,
      quantity: line.quantity,
      unitTotalMinor,
      lineSubtotalMinor: unitTotalMinor * line.quantity,
    };
  });
  const subtotalMinor = lines.reduce((acc, line) => acc + line.lineSubtotalMinor, 0);
  // All terms are non-negative, so an overflow anywhere shows up as an unsafe sum here.
  if (!Number.isSafeInteger(subtotalMinor)) return { ok: false, error: tooLarge() };

  const offer = chooseOffer({
    currency: input.currency,
    locationId: input.locationId,
    now: input.now,
    promoCode: input.promoCode,
    offers: input.offers,
    lines,
    subtotalMinor,
  });
  if (!offer.ok) return offer;
  const discountMinor = offer.value?.discountMinor ?? 0;

  const loyalty = redeemLoyalty(input.loyalty, subtotalMinor - discountMinor);
  if (!loyalty.ok) return loyalty;

  const taxableMinor = Math.max(0, subtotalMinor - discountMinor - loyalty.value.discountMinor);
  const { taxes, taxMinor } = computeTaxes(taxableMinor, input.taxRules);
  const tipMinor = computeTip(input.tip, taxableMinor);
  // Every term is >= 0 (taxable is clamped, rates and the other amounts are validated), so the total is.
  const totalMinor = taxableMinor + taxMinor + tipMinor + input.deliveryFeeMinor;
  const pointsEarned = loyaltyPointsEarned(input.loyalty, taxableMinor, input.currency);
  if (!Number.isSafeInteger(totalMinor) || !Number.isSafeInteger(pointsEarned)) {
    return { ok: false, error: tooLarge() };
  }

  const value: PricedOrder = {
    currency: input.currency,
    subtotalMinor,
    lines: lines.map((line, index) => ({
      index,
      lineSubtotalMinor: line.lineSubtotalMinor,
      discountMinor: offer.value?.lineDiscounts[index] ?? 0,
    })),
    appliedOffers:
      offer.value === null
        ? []
        : [
            {
              offerId: offer.value.offer.id,
              name: offer.value.offer.name,
              discountMinor: offer.value.discountMinor,
            },
          ],
    discountMinor,
    loyaltyPointsRedeemed: loyalty.value.pointsRedeemed,
    loyaltyDiscountMinor: loyalty.value.discountMinor,
    taxes,
    taxMinor,
    tipMinor,
    deliveryFeeMinor: input.deliveryFeeMinor,
    totalMinor,
    loyaltyPointsEarned: pointsEarned,
  };
  return { ok: true, value };
}

function tooLarge(): PricingFailure {
  return { code: 'validation_failed', message: 'order amounts exceed the supported range' };
}
