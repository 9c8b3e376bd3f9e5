import type { OfferRule, PricingInput, PricingLine } from '../../../src/domain/pricing/price-order.js';

export const NOW = new Date('2025-06-15T18:00:00Z');
export const HST = [{ name: 'HST', rateBps: 1300 }];

export function line(overrides: Partial<PricingLine> = {}): PricingLine {
  return {
    itemId: 'burger',
    quantity: 1,
    unitPriceMinor: 1000,
    currency: 'CAD',
    modifiers: [],
    ...overrides,
  };
}

export function offer(overrides: Partial<OfferRule> = {}): OfferRule {
  return {
    id: 'offer-1',
    name: 'Ten percent',
    code: null,
    kind: 'percent',
    percentBps: 1000,
    amountMinor: null,
    currency: 'CAD',
    buyQuantity: null,
    getQuantity: null,
    itemIds: [],
    minSubtotalMinor: 0,
    startsAt: null,
    endsAt: null,
    locationIds: [],
    active: true,
    ...overrides,
  };
}

export function input(overrides: Partial<PricingInput> = {}): PricingInput {
  return {
    currency: 'CAD',
    locationId: 'loc-toronto',
    now: NOW,
    lines: [line()],
    offers: [],
    promoCode: null,
    taxRules: [],
    tip: null,
    deliveryFeeMinor: 0,
    loyalty: null,
    ...overrides,
  };
}
