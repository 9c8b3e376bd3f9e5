import type { PricedOrder, PricingInput } from './pricing-types.js';
import { applyBasisPoints } from './rounding.js';

/**
 * Each rule is applied to the same taxable amount and rounded half-up on its own (as a receipt shows
 * each tax line), then summed. Compounding taxes (tax on tax) are not modelled.
 */
export function computeTaxes(
  taxableMinor: number,
  rules: PricingInput['taxRules'],
): { taxes: PricedOrder['taxes']; taxMinor: number } {
  const taxes = rules.map((rule) => ({
    name: rule.name,
    rateBps: rule.rateBps,
    amountMinor: applyBasisPoints(taxableMinor, rule.rateBps),
  }));
  return { taxes, taxMinor: taxes.reduce((acc, tax) => acc + tax.amountMinor, 0) };
}
