/**
 * The pricing contract. The order service builds a PricingInput from the database (never from client
 * prices) and stores the PricedOrder. All amounts are integer minor units of `currency`.
 * Rules and rounding: docs/pricing.md.
 */

export interface PricingLine {
  itemId: string;
  /** Integer >= 1. */
  quantity: number;
  /** Item base price, integer >= 0. */
  unitPriceMinor: number;
  /** Must equal PricingInput.currency, else currency_mismatch. */
  currency: string;
  /** Each modifier is added once per unit. */
  modifiers: { optionId: string; priceMinor: number }[];
}

export interface OfferRule {
  id: string;
  name: string;
  /** null = automatic offer (no code needed). */
  code: string | null;
  kind: 'percent' | 'fixed' | 'buy_x_get_y';
  /** percent: 1..10000 basis points. */
  percentBps: number | null;
  /** fixed: amount off, in `currency`. */
  amountMinor: number | null;
  currency: string;
  /** buy_x_get_y: in every group of buy + get eligible units, `get` are free. */
  buyQuantity: number | null;
  getQuantity: number | null;
  /** Items the offer counts; [] = every item. */
  itemIds: string[];
  /** Checked against the undiscounted order subtotal. */
  minSubtotalMinor: number;
  /** Validity window [startsAt, endsAt); null = open on that side. */
  startsAt: Date | null;
  endsAt: Date | null;
  /** [] = every location. */
  locationIds: string[];
  active: boolean;
}

export type TipInput =
  | { kind: 'percent'; percentBps: number }
  | { kind: 'amount'; amountMinor: number }
  | null;

export interface LoyaltyInput {
  /** Customer's current balance. */
  pointsBalance: number;
  /** Requested redemption (0 = none). */
  pointsToRedeem: number;
  /** Points worth one minor unit (>= 1). */
  pointsPerMinorUnit: number;
  /** Points earned per whole currency unit of the discounted subtotal. */
  earnPointsPerUnit: number;
}

export interface PricingInput {
  currency: string;
  locationId: string;
  /** The clock is passed in: pricing is pure. */
  now: Date;
  /** At least one. */
  lines: PricingLine[];
  /** Candidates: automatic offers of the business and the one matching promoCode. */
  offers: OfferRule[];
  /** Case-insensitive match against OfferRule.code. */
  promoCode: string | null;
  taxRules: { name: string; rateBps: number }[];
  tip: TipInput;
  /** 0 unless delivery. */
  deliveryFeeMinor: number;
  /** null for guests. */
  loyalty: LoyaltyInput | null;
}

export interface PricedOrder {
  currency: string;
  subtotalMinor: number;
  /** One per input line, same order. discountMinor is the line's share of the offer discount. */
  lines: { index: number; lineSubtotalMinor: number; discountMinor: number }[];
  appliedOffers: { offerId: string; name: string; discountMinor: number }[];
  /** Offers only; loyalty is separate. */
  discountMinor: number;
  loyaltyPointsRedeemed: number;
  loyaltyDiscountMinor: number;
  taxes: { name: string; rateBps: number; amountMinor: number }[];
  taxMinor: number;
  tipMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  loyaltyPointsEarned: number;
}

export type PromoRejection =
  | 'unknown'
  | 'inactive'
  | 'not_started'
  | 'expired'
  | 'wrong_location'
  | 'minimum_not_met'
  | 'not_applicable';

/** `code` equals the AppError code, so the service maps a failure 1:1. */
export type PricingFailure =
  | { code: 'promo_code_invalid'; reason: PromoRejection; message: string }
  | { code: 'loyalty_insufficient_points'; message: string }
  | { code: 'currency_mismatch'; message: string }
  | { code: 'validation_failed'; message: string };

/** Outcome of one pricing step; the steps short-circuit on the first failure. */
export type PricingStep<T> = { ok: true; value: T } | { ok: false; error: PricingFailure };

export type PricingResult = PricingStep<PricedOrder>;

/** A line with its amounts worked out, shared by the offer and allocation steps. */
export interface LineAmounts {
  itemId: string;
  quantity: number;
  /** Base price plus modifiers, for one unit. */
  unitTotalMinor: number;
  /** unitTotalMinor × quantity. */
  lineSubtotalMinor: number;
}
