import { offerUnavailability } from './offer-availability.js';
import { offerLineDiscounts } from './offer-discount.js';
import type { LineAmounts, OfferRule, PricingFailure, PricingStep, PromoRejection } from './pricing-types.js';

export interface OfferContext {
  currency: string;
  locationId: string;
  now: Date;
  promoCode: string | null;
  offers: readonly OfferRule[];
  lines: readonly LineAmounts[];
  /** Undiscounted: the minimum is checked against it. */
  subtotalMinor: number;
}

export interface ChosenOffer {
  offer: OfferRule;
  discountMinor: number;
  /** Index-aligned with the order lines; sums to discountMinor. */
  lineDiscounts: number[];
}

type Evaluation =
  | { ok: true; value: ChosenOffer }
  | { ok: false; reason: PromoRejection }
  | { ok: false; reason: 'currency_mismatch' };

/**
 * Picks the one offer that applies — offers never stack. With a promo code, the offer carrying that
 * code must apply or pricing fails with the reason; without one, the best automatic offer applies, if any.
 */
export function chooseOffer(context: OfferContext): PricingStep<ChosenOffer | null> {
  const code = normalizeCode(context.promoCode);
  return code === null ? chooseAutomaticOffer(context) : choosePromoOffer(context, code);
}

function choosePromoOffer(context: OfferContext, code: string): PricingStep<ChosenOffer | null> {
  const matches = sortById(context.offers.filter((offer) => normalizeCode(offer.code) === code));
  if (matches.length === 0) return { ok: false, error: promoFailure(code, 'unknown') };
  const evaluations = matches.map((offer) => evaluateOffer(offer, context));
  const best = bestOf(evaluations);
  if (best !== null) return { ok: true, value: best };
  // Several offers can share a code (say, last year's inactive one); report the lowest id's reason.
  const first = evaluations[0];
  if (first === undefined || first.ok) return { ok: false, error: promoFailure(code, 'unknown') };
  if (first.reason === 'currency_mismatch') return { ok: false, error: offerCurrencyMismatch(matches[0]) };
  return { ok: false, error: promoFailure(code, first.reason) };
}

function chooseAutomaticOffer(context: OfferContext): PricingStep<ChosenOffer | null> {
  const automatic = sortById(context.offers.filter((offer) => offer.code === null));
  const evaluations: Evaluation[] = [];
  for (const offer of automatic) {
    const evaluation = evaluateOffer(offer, context);
    // An automatic offer in another currency that would otherwise be in play is a data error, not
    // something to silently skip: it would mean the business's amounts are mixed.
    if (!evaluation.ok && evaluation.reason === 'currency_mismatch') {
      return { ok: false, error: offerCurrencyMismatch(offer) };
    }
    evaluations.push(evaluation);
  }
  return { ok: true, value: bestOf(evaluations) };
}

function evaluateOffer(offer: OfferRule, context: OfferContext): Evaluation {
  const unavailable = offerUnavailability(offer, context.now, context.locationId);
  if (unavailable !== null) return { ok: false, reason: unavailable };
  if (offer.currency !== context.currency) return { ok: false, reason: 'currency_mismatch' };
  if (context.subtotalMinor < offer.minSubtotalMinor) return { ok: false, reason: 'minimum_not_met' };
  const lineDiscounts = offerLineDiscounts(offer, context.lines);
  const discountMinor = lineDiscounts.reduce((acc, discount) => acc + discount, 0);
  if (discountMinor === 0) return { ok: false, reason: 'not_applicable' };
  return { ok: true, value: { offer, discountMinor, lineDiscounts } };
}

/** Largest discount wins; evaluations are in id order, so a tie keeps the lowest id. */
function bestOf(evaluations: readonly Evaluation[]): ChosenOffer | null {
  let best: ChosenOffer | null = null;
  for (const evaluation of evaluations) {
    if (evaluation.ok && (best === null || evaluation.value.discountMinor > best.discountMinor)) {
      best = evaluation.value;
    }
  }
  return best;
}

// Plain code-unit comparison: localeCompare would make the tie-break depend on the server's locale.
function sortById(offers: readonly OfferRule[]): OfferRule[] {
  return [...offers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Codes match case-insensitively and ignore surrounding spaces; a blank code means no code. */
function normalizeCode(code: string | null): string | null {
  if (code === null) return null;
  const trimmed = code.trim();
  return trimmed === '' ? null : trimmed.toUpperCase();
}

const PROMO_MESSAGES: Record<PromoRejection, string> = {
  unknown: 'no such promo code',
  inactive: 'the offer is not active',
  not_started: 'the offer has not started yet',
  expired: 'the offer has expired',
  wrong_location: 'the offer is not valid at this location',
  minimum_not_met: 'the order subtotal is below the offer minimum',
  not_applicable: 'the offer gives no discount on this order',
};

function promoFailure(code: string, reason: PromoRejection): PricingFailure {
  return { code: 'promo_code_invalid', reason, message: `Promo code ${code}: ${PROMO_MESSAGES[reason]}` };
}

function offerCurrencyMismatch(offer: OfferRule | undefined): PricingFailure {
  return {
    code: 'currency_mismatch',
    message: `Offer ${offer?.id ?? ''} is in ${offer?.currency ?? 'another currency'}, not the order currency`,
  };
}
