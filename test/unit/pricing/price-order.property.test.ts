import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type OfferRule,
  type PricedOrder,
  type PricingInput,
  type PricingLine,
  priceOrder,
} from '../../../src/domain/pricing/price-order.js';
import { NOW, offer } from './pricing-fixtures.js';

const DAY = 86_400_000;
const ITEMS = ['burger', 'fries', 'soda', 'salad'];
const LOCATIONS = ['loc-a', 'loc-b'];

const dateNearNow = fc
  .integer({ min: -3 * DAY, max: 3 * DAY })
  .map((offset) => new Date(NOW.getTime() + offset));

const lineArb: fc.Arbitrary<Omit<PricingLine, 'currency'>> = fc.record({
  itemId: fc.constantFrom(...ITEMS),
  quantity: fc.integer({ min: 1, max: 12 }),
  unitPriceMinor: fc.oneof(fc.nat({ max: 5000 }), fc.nat({ max: 500_000 })),
  modifiers: fc.array(
    fc.record({ optionId: fc.constantFrom('cheese', 'bacon'), priceMinor: fc.nat({ max: 2000 }) }),
    {
      maxLength: 3,
    },
  ),
});

const offerArb: fc.Arbitrary<Omit<OfferRule, 'currency'>> = fc.record({
  id: fc.nat({ max: 20 }).map((n) => `offer-${n}`),
  name: fc.constant('Offer'),
  code: fc.option(fc.constantFrom('SAVE', 'BOGO', 'Ten'), { nil: null, freq: 2 }),
  kind: fc.constantFrom('percent', 'fixed', 'buy_x_get_y'),
  percentBps: fc.integer({ min: 1, max: 10_000 }),
  amountMinor: fc.nat({ max: 100_000 }),
  buyQuantity: fc.integer({ min: 1, max: 4 }),
  getQuantity: fc.integer({ min: 1, max: 4 }),
  itemIds: fc.subarray(ITEMS),
  minSubtotalMinor: fc.oneof(fc.constant(0), fc.nat({ max: 50_000 })),
  // Biased towards offers that are live, so discounts are exercised as often as rejections.
  startsAt: fc.option(dateNearNow, { nil: null, freq: 2 }),
  endsAt: fc.option(dateNearNow, { nil: null, freq: 2 }),
  locationIds: fc.oneof({ arbitrary: fc.constant<string[]>([]), weight: 2 }, fc.subarray(LOCATIONS)),
  active: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
});

const loyaltyArb = fc
  .record({
    pointsBalance: fc.nat({ max: 200_000 }),
    extra: fc.oneof(
      { arbitrary: fc.integer({ min: -200_000, max: 0 }), weight: 5 },
      fc.integer({ min: 1, max: 50 }),
    ),
    pointsPerMinorUnit: fc.integer({ min: 1, max: 100 }),
    earnPointsPerUnit: fc.nat({ max: 10 }),
  })
  .map(({ extra, ...loyalty }) => ({
    ...loyalty,
    pointsToRedeem: Math.max(0, loyalty.pointsBalance + extra),
  }));

const inputArb: fc.Arbitrary<PricingInput> = fc
  .record({
    currency: fc.constantFrom('CAD', 'JPY', 'KWD'),
    locationId: fc.constantFrom(...LOCATIONS),
    now: dateNearNow,
    lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
    offers: fc.uniqueArray(offerArb, { maxLength: 6, selector: (rule) => rule.id }),
    promoCode: fc.option(fc.constantFrom('SAVE', 'save', 'BOGO', 'ten', 'NOPE'), { nil: null, freq: 2 }),
    taxRules: fc.array(
      fc.record({ name: fc.constantFrom('HST', 'GST', 'PST'), rateBps: fc.nat({ max: 3000 }) }),
      {
        maxLength: 3,
      },
    ),
    tip: fc.oneof(
      fc.constant(null),
      fc.record({ kind: fc.constant('percent' as const), percentBps: fc.nat({ max: 3000 }) }),
      fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.nat({ max: 5000 }) }),
    ),
    deliveryFeeMinor: fc.oneof(fc.constant(0), fc.nat({ max: 1000 })),
    loyalty: fc.option(loyaltyArb, { nil: null }),
  })
  .map((input) => ({
    ...input,
    lines: input.lines.map((line) => ({ ...line, currency: input.currency })),
    offers: input.offers.map((rule) => ({ ...rule, currency: input.currency })),
  }));

function amounts(order: PricedOrder): number[] {
  return [
    order.subtotalMinor,
    ...order.lines.flatMap((line) => [line.lineSubtotalMinor, line.discountMinor]),
    ...order.appliedOffers.map((applied) => applied.discountMinor),
    order.discountMinor,
    order.loyaltyPointsRedeemed,
    order.loyaltyDiscountMinor,
    ...order.taxes.map((tax) => tax.amountMinor),
    order.taxMinor,
    order.tipMinor,
    order.deliveryFeeMinor,
    order.totalMinor,
    order.loyaltyPointsEarned,
  ];
}

const sum = (values: readonly number[]): number => values.reduce((acc, value) => acc + value, 0);

describe('priceOrder properties', () => {
  it('keeps every invariant on any valid order', () => {
    // Most invariants are only checked on priced orders: count them, and the tax lines checked.
    let priced = 0;
    let taxLines = 0;
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = priceOrder(input);
        if (!result.ok) {
          // Valid single-currency input can only fail on a promo code or on loyalty points.
          if (result.error.code === 'promo_code_invalid') expect(input.promoCode).not.toBeNull();
          else {
            expect(result.error.code).toBe('loyalty_insufficient_points');
            expect(input.loyalty?.pointsToRedeem ?? 0).toBeGreaterThan(input.loyalty?.pointsBalance ?? 0);
          }
          return;
        }
        priced += 1;
        const order = result.value;
        expect(order.totalMinor).toBe(
          order.subtotalMinor -
            order.discountMinor -
            order.loyaltyDiscountMinor +
            order.taxMinor +
            order.tipMinor +
            order.deliveryFeeMinor,
        );
        expect(order.totalMinor).toBeGreaterThanOrEqual(0);
        for (const amount of amounts(order)) {
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
        expect(order.currency).toBe(input.currency);
        expect(order.lines.map((line) => line.index)).toEqual(input.lines.map((_line, index) => index));
        expect(sum(order.lines.map((line) => line.lineSubtotalMinor))).toBe(order.subtotalMinor);
        expect(sum(order.lines.map((line) => line.discountMinor))).toBe(order.discountMinor);
        for (const line of order.lines)
          expect(line.discountMinor).toBeLessThanOrEqual(line.lineSubtotalMinor);
        expect(order.appliedOffers.length).toBeLessThanOrEqual(1);
        expect(sum(order.appliedOffers.map((applied) => applied.discountMinor))).toBe(order.discountMinor);
        expect(order.discountMinor + order.loyaltyDiscountMinor).toBeLessThanOrEqual(order.subtotalMinor);
        expect(order.taxMinor).toBe(sum(order.taxes.map((tax) => tax.amountMinor)));
        const taxable = order.subtotalMinor - order.discountMinor - order.loyaltyDiscountMinor;
        for (const tax of order.taxes) {
          taxLines += 1;
          // Half-up rounding is never more than half a minor unit from the exact tax.
          expect(Math.abs(tax.amountMinor - (taxable * tax.rateBps) / 10_000)).toBeLessThanOrEqual(0.5);
        }
        if (input.loyalty === null) {
          expect(order.loyaltyPointsRedeemed + order.loyaltyDiscountMinor + order.loyaltyPointsEarned).toBe(
            0,
          );
        } else {
          expect(order.loyaltyPointsRedeemed).toBe(
            order.loyaltyDiscountMinor * input.loyalty.pointsPerMinorUnit,
          );
          expect(order.loyaltyPointsRedeemed).toBeLessThanOrEqual(input.loyalty.pointsToRedeem);
        }
        if (input.promoCode !== null) {
          const code = input.promoCode.toUpperCase();
          expect(order.appliedOffers.length).toBe(1);
          const applied = input.offers.find((rule) => rule.id === order.appliedOffers[0]?.offerId);
          expect(applied?.code?.toUpperCase()).toBe(code);
        }
      }),
      { numRuns: 1000 },
    );
    expect(priced).toBeGreaterThan(0);
    expect(taxLines).toBeGreaterThan(0);
  });

  it('applies the automatic offer with the largest discount', () => {
    const noPromo = inputArb.map((input) => ({ ...input, promoCode: null, loyalty: null }));
    // Runs where some offer on its own gives a discount: without them the comparison proves nothing.
    let discounted = 0;
    fc.assert(
      fc.property(noPromo, (input) => {
        const result = priceOrder(input);
        expect(result.ok).toBe(true);
        if (!result.ok) throw new Error('unreachable: asserted ok above');
        let best = 0;
        for (const rule of input.offers) {
          // Without a promo code or loyalty nothing can make pricing fail, with any subset of offers.
          const alone = priceOrder({ ...input, offers: [rule] });
          expect(alone.ok).toBe(true);
          if (!alone.ok) throw new Error('unreachable: asserted ok above');
          expect(result.value.discountMinor).toBeGreaterThanOrEqual(alone.value.discountMinor);
          best = Math.max(best, alone.value.discountMinor);
        }
        // It applies the largest one, not merely something at least as large.
        expect(result.value.discountMinor).toBe(best);
        if (best > 0) discounted += 1;
      }),
      { numRuns: 300 },
    );
    expect(discounted).toBeGreaterThan(0);
  });

  it('is deterministic and leaves its input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = structuredClone(input);
        const first = priceOrder(input);
        expect(input).toEqual(before);
        expect(priceOrder(structuredClone(input))).toEqual(first);
      }),
    );
  });

  it('rejects a line in another currency', () => {
    fc.assert(
      fc.property(
        inputArb,
        lineArb,
        fc.nat(),
        fc.constantFrom('USD', 'EUR', 'JPY'),
        (input, extra, at, other) => {
          fc.pre(other !== input.currency);
          const lines = [...input.lines];
          lines.splice(at % (lines.length + 1), 0, { ...extra, currency: other });
          expect(priceOrder({ ...input, lines })).toMatchObject({
            ok: false,
            error: { code: 'currency_mismatch' },
          });
        },
      ),
    );
  });

  it('rejects a fixed offer in another currency, by code or automatic', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.constantFrom('USD', 'EUR', 'JPY'),
        fc.boolean(),
        fc.nat({ max: 10_000 }),
        (input, other, byCode, amountMinor) => {
          fc.pre(other !== input.currency);
          const mixed = offer({
            id: 'mixed',
            kind: 'fixed',
            percentBps: null,
            amountMinor,
            currency: other,
            code: byCode ? 'MIXED' : null,
          });
          const result = priceOrder({
            ...input,
            promoCode: byCode ? 'mixed' : null,
            offers: [...input.offers, mixed],
          });
          expect(result).toMatchObject({ ok: false, error: { code: 'currency_mismatch' } });
        },
      ),
    );
  });
});
