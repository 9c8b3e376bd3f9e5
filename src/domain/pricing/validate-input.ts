import { isCurrencyCode, isMinorAmount } from '../money.js';
import type { OfferRule, PricingFailure, PricingInput } from './pricing-types.js';
import { BASIS_POINTS } from './rounding.js';

/**
 * Defensive checks: the API validates requests and the admin API validates offers before they get
 * here, so a failure means a bug upstream. Every problem is listed, not just the first.
 */
export function validatePricingInput(input: PricingInput): PricingFailure | null {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };

  check(isCurrencyCode(input.currency), 'currency must be a three-letter upper-case code');
  check(isValidDate(input.now), 'now must be a valid date');
  check(input.lines.length > 0, 'lines must not be empty');
  input.lines.forEach((line, index) => {
    check(isCount(line.quantity, 1), `lines[${index}].quantity must be an integer >= 1`);
    check(isMinorAmount(line.unitPriceMinor), `lines[${index}].unitPriceMinor must be an integer >= 0`);
    line.modifiers.forEach((modifier, modifierIndex) => {
      check(
        isMinorAmount(modifier.priceMinor),
        `lines[${index}].modifiers[${modifierIndex}].priceMinor must be an integer >= 0`,
      );
    });
  });
  input.offers.forEach((offer, index) => {
    for (const problem of offerProblems(offer)) problems.push(`offers[${index}] (${offer.id}): ${problem}`);
  });
  input.taxRules.forEach((rule, index) => {
    check(isRate(rule.rateBps, 0), `taxRules[${index}].rateBps must be an integer 0..${BASIS_POINTS}`);
  });
  if (input.tip?.kind === 'percent') {
    check(isRate(input.tip.percentBps, 0), `tip.percentBps must be an integer 0..${BASIS_POINTS}`);
  } else if (input.tip?.kind === 'amount') {
    check(isMinorAmount(input.tip.amountMinor), 'tip.amountMinor must be an integer >= 0');
  }
  check(isMinorAmount(input.deliveryFeeMinor), 'deliveryFeeMinor must be an integer >= 0');
  if (input.loyalty !== null) {
    const loyalty = input.loyalty;
    // A balance may be negative after earned points were reversed; it then simply covers no redemption.
    check(Number.isSafeInteger(loyalty.pointsBalance), 'loyalty.pointsBalance must be an integer');
    check(isCount(loyalty.pointsToRedeem, 0), 'loyalty.pointsToRedeem must be an integer >= 0');
    check(isCount(loyalty.pointsPerMinorUnit, 1), 'loyalty.pointsPerMinorUnit must be an integer >= 1');
    check(isCount(loyalty.earnPointsPerUnit, 0), 'loyalty.earnPointsPerUnit must be an integer >= 0');
  }

  return problems.length === 0 ? null : { code: 'validation_failed', message: problems.join('; ') };
}

function offerProblems(offer: OfferRule): string[] {
  const problems: string[] = [];
  if (offer.kind === 'percent' && !(offer.percentBps !== null && isRate(offer.percentBps, 1))) {
    problems.push(`percentBps must be an integer 1..${BASIS_POINTS}`);
  }
  if (offer.kind === 'fixed' && !(offer.amountMinor !== null && isMinorAmount(offer.amountMinor))) {
    problems.push('amountMinor must be an integer >= 0');
  }
  if (offer.kind === 'buy_x_get_y') {
    if (!(offer.buyQuantity !== null && isCount(offer.buyQuantity, 1)))
      problems.push('buyQuantity must be >= 1');
    if (!(offer.getQuantity !== null && isCount(offer.getQuantity, 1)))
      problems.push('getQuantity must be >= 1');
  }
  if (!isMinorAmount(offer.minSubtotalMinor)) problems.push('minSubtotalMinor must be an integer >= 0');
  if (offer.startsAt !== null && !isValidDate(offer.startsAt)) problems.push('startsAt must be a valid date');
  if (offer.endsAt !== null && !isValidDate(offer.endsAt)) problems.push('endsAt must be a valid date');
  return problems;
}

function isCount(value: number, min: number): boolean {
  return Number.isSafeInteger(value) && value >= min;
}

function isRate(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min && value <= BASIS_POINTS;
}

function isValidDate(value: Date): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
