import { describe, expect, it } from 'vitest';
import { type PricingInput, priceOrder } from '../../../src/domain/pricing/price-order.js';
import { HST, input, line, NOW, offer } from './pricing-fixtures.js';

const cheeseburgers = line({
  itemId: 'burger',
  quantity: 2,
  unitPriceMinor: 1250,
  modifiers: [{ optionId: 'cheese', priceMinor: 150 }],
});

function priced(pricingInput: PricingInput) {
  const result = priceOrder(pricingInput);
  if (!result.ok) throw new Error(`expected a priced order, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('priceOrder: worked examples', () => {
  const cases: { name: string; input: PricingInput; expected: Record<string, unknown> }[] = [
    {
      name: 'HST 13%: 2 × $12.50 burger + $1.50 cheese',
      input: input({ lines: [cheeseburgers], taxRules: HST }),
      expected: {
        currency: 'CAD',
        subtotalMinor: 2800,
        lines: [{ index: 0, lineSubtotalMinor: 2800, discountMinor: 0 }],
        appliedOffers: [],
        discountMinor: 0,
        taxes: [{ name: 'HST', rateBps: 1300, amountMinor: 364 }],
        taxMinor: 364,
        tipMinor: 0,
        deliveryFeeMinor: 0,
        totalMinor: 3164,
        loyaltyPointsEarned: 0,
      },
    },
    {
      name: 'percent promo: 10% off, tax on the discounted subtotal (327.6 → 328)',
      input: input({
        lines: [cheeseburgers],
        taxRules: HST,
        promoCode: 'SAVE10',
        offers: [offer({ id: 'p10', name: '10% off', code: 'SAVE10', percentBps: 1000 })],
      }),
      expected: {
        subtotalMinor: 2800,
        discountMinor: 280,
        appliedOffers: [{ offerId: 'p10', name: '10% off', discountMinor: 280 }],
        taxMinor: 328,
        totalMinor: 2848,
      },
    },
    {
      name: 'percent promo rounds half-up: 12.5% of 1004 = 125.5 → 126',
      input: input({
        lines: [line({ unitPriceMinor: 1004 })],
        offers: [offer({ percentBps: 1250 })],
      }),
      expected: { discountMinor: 126, totalMinor: 878 },
    },
    {
      name: 'fixed promo under the subtotal: $5 off $28',
      input: input({
        lines: [cheeseburgers],
        promoCode: 'FIVE',
        offers: [offer({ kind: 'fixed', code: 'FIVE', percentBps: null, amountMinor: 500 })],
      }),
      expected: { discountMinor: 500, totalMinor: 2300 },
    },
    {
      name: 'fixed promo capped at the eligible subtotal: $10 off a $6 order',
      input: input({
        lines: [line({ unitPriceMinor: 600 })],
        taxRules: HST,
        promoCode: 'TEN',
        offers: [offer({ kind: 'fixed', code: 'TEN', percentBps: null, amountMinor: 1000 })],
      }),
      expected: { discountMinor: 600, taxMinor: 0, totalMinor: 0, lines: [{ discountMinor: 600 }] },
    },
    {
      name: 'fixed promo capped at the eligible items only',
      input: input({
        lines: [
          line({ itemId: 'fries', unitPriceMinor: 400 }),
          line({ itemId: 'burger', unitPriceMinor: 1500 }),
        ],
        offers: [offer({ kind: 'fixed', percentBps: null, amountMinor: 1000, itemIds: ['fries'] })],
      }),
      expected: {
        discountMinor: 400,
        lines: [{ discountMinor: 400 }, { discountMinor: 0 }],
        totalMinor: 1500,
      },
    },
    {
      name: 'BOGO: buy 1 burger get 1 free; fries not eligible',
      input: input({
        lines: [
          line({ itemId: 'burger', quantity: 2, unitPriceMinor: 1400 }),
          line({ itemId: 'fries', unitPriceMinor: 500 }),
        ],
        taxRules: HST,
        offers: [
          offer({
            kind: 'buy_x_get_y',
            percentBps: null,
            buyQuantity: 1,
            getQuantity: 1,
            itemIds: ['burger'],
          }),
        ],
      }),
      expected: {
        subtotalMinor: 3300,
        discountMinor: 1400,
        lines: [{ discountMinor: 1400 }, { discountMinor: 0 }],
        taxMinor: 247,
        totalMinor: 2147,
      },
    },
    {
      name: 'buy 2 get 1: 1000,1000,1000,500,500 → one full group, its cheapest (1000) free; trailing pair earns nothing',
      input: input({
        lines: [
          line({ itemId: 'a', quantity: 2, unitPriceMinor: 500 }),
          line({ itemId: 'b', quantity: 3, unitPriceMinor: 1000 }),
        ],
        offers: [offer({ kind: 'buy_x_get_y', percentBps: null, buyQuantity: 2, getQuantity: 1 })],
      }),
      expected: { discountMinor: 1000, lines: [{ discountMinor: 0 }, { discountMinor: 1000 }] },
    },
    {
      name: 'buy 1 get 1 with modifiers: unit price includes modifiers, cheapest of each pair free',
      input: input({
        lines: [
          line({ itemId: 'a', unitPriceMinor: 1000, modifiers: [{ optionId: 'bacon', priceMinor: 300 }] }),
          line({ itemId: 'b', unitPriceMinor: 1200 }),
          line({ itemId: 'c', quantity: 2, unitPriceMinor: 400 }),
        ],
        offers: [offer({ kind: 'buy_x_get_y', percentBps: null, buyQuantity: 1, getQuantity: 1 })],
      }),
      // Units: 1300 (a), 1200 (b), 400, 400 (c) → pairs (1300, 1200) and (400, 400): 1200 + 400 free.
      expected: {
        discountMinor: 1600,
        lines: [{ discountMinor: 0 }, { discountMinor: 1200 }, { discountMinor: 400 }],
      },
    },
    {
      name: 'percent discount allocated by largest remainder: 10% of 333 + 333 + 334',
      input: input({
        lines: [line({ unitPriceMinor: 333 }), line({ unitPriceMinor: 333 }), line({ unitPriceMinor: 334 })],
        offers: [offer({ percentBps: 1000 })],
      }),
      expected: {
        discountMinor: 100,
        lines: [{ discountMinor: 33 }, { discountMinor: 33 }, { discountMinor: 34 }],
      },
    },
    {
      name: 'automatic offer: largest discount wins',
      input: input({
        lines: [line({ unitPriceMinor: 2000 })],
        offers: [
          offer({ id: 'a', name: '5%', percentBps: 500 }),
          offer({ id: 'b', name: '$3', kind: 'fixed', percentBps: null, amountMinor: 300 }),
          offer({ id: 'c', name: '10%', percentBps: 1000 }),
        ],
      }),
      expected: { discountMinor: 300, appliedOffers: [{ offerId: 'b', name: '$3', discountMinor: 300 }] },
    },
    {
      name: 'automatic offer: a tie goes to the lowest id',
      input: input({
        lines: [line({ unitPriceMinor: 2000 })],
        offers: [
          offer({ id: 'z', name: '10%', percentBps: 1000 }),
          offer({ id: 'm', name: '$2', kind: 'fixed', percentBps: null, amountMinor: 200 }),
        ],
      }),
      expected: { appliedOffers: [{ offerId: 'm', name: '$2', discountMinor: 200 }] },
    },
    {
      name: 'automatic offers that are inactive, out of window, elsewhere or below minimum are skipped',
      input: input({
        lines: [line({ unitPriceMinor: 2000 })],
        offers: [
          offer({ id: 'a', percentBps: 5000, active: false }),
          offer({ id: 'b', percentBps: 5000, startsAt: new Date(NOW.getTime() + 1) }),
          offer({ id: 'c', percentBps: 5000, endsAt: NOW }),
          offer({ id: 'd', percentBps: 5000, locationIds: ['loc-ottawa'] }),
          offer({ id: 'e', percentBps: 5000, minSubtotalMinor: 2001 }),
          offer({ id: 'f', percentBps: 5000, itemIds: ['lobster'] }),
          offer({
            id: 'g',
            percentBps: 500,
            locationIds: ['loc-ottawa', 'loc-toronto'],
            minSubtotalMinor: 2000,
          }),
        ],
      }),
      expected: { discountMinor: 100, appliedOffers: [{ offerId: 'g', discountMinor: 100 }] },
    },
    {
      name: 'no stacking: a promo code replaces the automatic offers, even a bigger one',
      input: input({
        lines: [line({ unitPriceMinor: 2000 })],
        promoCode: 'small',
        offers: [
          offer({ id: 'auto', percentBps: 5000 }),
          offer({ id: 'promo', code: 'SMALL', percentBps: 500 }),
        ],
      }),
      expected: { discountMinor: 100, appliedOffers: [{ offerId: 'promo', discountMinor: 100 }] },
    },
    {
      name: 'promo window is inclusive at startsAt',
      input: input({
        promoCode: 'NOW',
        offers: [offer({ code: 'NOW', startsAt: NOW, endsAt: new Date(NOW.getTime() + 1) })],
      }),
      expected: { discountMinor: 100 },
    },
    {
      name: 'minimum met exactly, checked on the undiscounted subtotal',
      input: input({
        lines: [cheeseburgers],
        promoCode: 'MIN28',
        offers: [offer({ code: 'MIN28', minSubtotalMinor: 2800 })],
      }),
      expected: { discountMinor: 280 },
    },
    {
      name: 'loyalty: 500 points at 10 points per cent take 50 cents off, tax on the rest; 1 point per dollar earned',
      input: input({
        lines: [cheeseburgers],
        taxRules: HST,
        loyalty: { pointsBalance: 5000, pointsToRedeem: 500, pointsPerMinorUnit: 10, earnPointsPerUnit: 1 },
      }),
      expected: {
        loyaltyPointsRedeemed: 500,
        loyaltyDiscountMinor: 50,
        discountMinor: 0,
        taxMinor: 358, // 13% of 2750 = 357.5 → 358
        totalMinor: 3108,
        loyaltyPointsEarned: 27,
      },
    },
    {
      name: 'loyalty: only whole minor units are redeemed (55 points at 10/cent → 5 cents, 50 points)',
      input: input({
        loyalty: { pointsBalance: 55, pointsToRedeem: 55, pointsPerMinorUnit: 10, earnPointsPerUnit: 0 },
      }),
      expected: {
        loyaltyPointsRedeemed: 50,
        loyaltyDiscountMinor: 5,
        totalMinor: 995,
        loyaltyPointsEarned: 0,
      },
    },
    {
      name: 'loyalty: capped at what the offer leaves; points taken only for the capped discount',
      input: input({
        lines: [line({ unitPriceMinor: 1000 })],
        offers: [offer({ percentBps: 5000 })],
        deliveryFeeMinor: 299,
        loyalty: {
          pointsBalance: 100_000,
          pointsToRedeem: 100_000,
          pointsPerMinorUnit: 1,
          earnPointsPerUnit: 5,
        },
      }),
      expected: {
        discountMinor: 500,
        loyaltyDiscountMinor: 500,
        loyaltyPointsRedeemed: 500,
        totalMinor: 299,
        loyaltyPointsEarned: 0,
      },
    },
    {
      name: 'loyalty: a negative balance (earned points reversed) still prices when nothing is redeemed',
      input: input({
        loyalty: { pointsBalance: -50, pointsToRedeem: 0, pointsPerMinorUnit: 10, earnPointsPerUnit: 1 },
      }),
      expected: {
        loyaltyPointsRedeemed: 0,
        loyaltyDiscountMinor: 0,
        totalMinor: 1000,
        loyaltyPointsEarned: 10,
      },
    },
    {
      name: 'tip percent: 15% of the discounted pre-tax subtotal',
      input: input({
        lines: [cheeseburgers],
        taxRules: HST,
        offers: [offer({ percentBps: 1000 })],
        tip: { kind: 'percent', percentBps: 1500 },
      }),
      expected: { discountMinor: 280, taxMinor: 328, tipMinor: 378, totalMinor: 3226 },
    },
    {
      name: 'tip percent rounds half-up: 12.5% of 1004 = 125.5 → 126',
      input: input({ lines: [line({ unitPriceMinor: 1004 })], tip: { kind: 'percent', percentBps: 1250 } }),
      expected: { tipMinor: 126, totalMinor: 1130 },
    },
    {
      name: 'tip amount is added as given, untaxed',
      input: input({ lines: [cheeseburgers], taxRules: HST, tip: { kind: 'amount', amountMinor: 500 } }),
      expected: { tipMinor: 500, taxMinor: 364, totalMinor: 3664 },
    },
    {
      name: 'delivery fee: added, not taxed, not discounted',
      input: input({
        lines: [cheeseburgers],
        taxRules: HST,
        deliveryFeeMinor: 499,
        offers: [offer({ kind: 'fixed', percentBps: null, amountMinor: 5000 })],
      }),
      expected: { discountMinor: 2800, taxMinor: 0, deliveryFeeMinor: 499, totalMinor: 499 },
    },
    {
      name: 'several taxes, each rounded on its own: 5% and 7% of 1010 = 51 + 71',
      input: input({
        lines: [line({ unitPriceMinor: 1010 })],
        taxRules: [
          { name: 'GST', rateBps: 500 },
          { name: 'PST', rateBps: 700 },
        ],
      }),
      expected: {
        taxes: [
          { name: 'GST', rateBps: 500, amountMinor: 51 },
          { name: 'PST', rateBps: 700, amountMinor: 71 },
        ],
        taxMinor: 122,
        totalMinor: 1132,
      },
    },
    {
      name: 'JPY has no minor unit: points per whole yen',
      input: input({
        currency: 'JPY',
        lines: [line({ currency: 'JPY', unitPriceMinor: 1500 })],
        loyalty: { pointsBalance: 0, pointsToRedeem: 0, pointsPerMinorUnit: 1, earnPointsPerUnit: 2 },
      }),
      expected: { totalMinor: 1500, loyaltyPointsEarned: 3000 },
    },
    {
      name: 'KWD has three decimals: points per whole dinar',
      input: input({
        currency: 'KWD',
        lines: [line({ currency: 'KWD', unitPriceMinor: 2999 })],
        loyalty: { pointsBalance: 0, pointsToRedeem: 0, pointsPerMinorUnit: 1, earnPointsPerUnit: 1 },
      }),
      expected: { loyaltyPointsEarned: 2 },
    },
    {
      name: 'free items: a zero-priced line prices to zero',
      input: input({ lines: [line({ unitPriceMinor: 0 })], taxRules: HST, offers: [offer()] }),
      expected: { subtotalMinor: 0, discountMinor: 0, appliedOffers: [], totalMinor: 0 },
    },
  ];

  it.each(cases)('$name', ({ input: pricingInput, expected }) => {
    expect(priced(pricingInput)).toMatchObject(expected);
  });
});

describe('priceOrder: failures', () => {
  const promo = (overrides: Parameters<typeof offer>[0]) => offer({ code: 'CODE', ...overrides });
  const cases: { name: string; input: PricingInput; expected: Record<string, unknown> }[] = [
    {
      name: 'unknown promo code',
      input: input({ promoCode: 'NOPE', offers: [promo({})] }),
      expected: { code: 'promo_code_invalid', reason: 'unknown' },
    },
    {
      name: 'an automatic offer cannot be claimed by a code',
      input: input({ promoCode: 'NOPE', offers: [offer({ code: null })] }),
      expected: { code: 'promo_code_invalid', reason: 'unknown' },
    },
    {
      name: 'inactive promo',
      input: input({ promoCode: 'code', offers: [promo({ active: false })] }),
      expected: { code: 'promo_code_invalid', reason: 'inactive' },
    },
    {
      name: 'promo not started',
      input: input({ promoCode: 'CODE', offers: [promo({ startsAt: new Date(NOW.getTime() + 1) })] }),
      expected: { code: 'promo_code_invalid', reason: 'not_started' },
    },
    {
      name: 'promo expired (endsAt is exclusive)',
      input: input({ promoCode: 'CODE', offers: [promo({ endsAt: NOW })] }),
      expected: { code: 'promo_code_invalid', reason: 'expired' },
    },
    {
      name: 'promo for another location',
      input: input({ promoCode: 'CODE', offers: [promo({ locationIds: ['loc-ottawa'] })] }),
      expected: { code: 'promo_code_invalid', reason: 'wrong_location' },
    },
    {
      name: 'promo minimum not met (undiscounted subtotal 1000 < 1001)',
      input: input({ promoCode: 'CODE', offers: [promo({ minSubtotalMinor: 1001 })] }),
      expected: { code: 'promo_code_invalid', reason: 'minimum_not_met' },
    },
    {
      name: 'promo for items not in the order gives nothing',
      input: input({ promoCode: 'CODE', offers: [promo({ itemIds: ['lobster'] })] }),
      expected: { code: 'promo_code_invalid', reason: 'not_applicable' },
    },
    {
      name: 'BOGO promo without enough units gives nothing',
      input: input({
        promoCode: 'CODE',
        offers: [promo({ kind: 'buy_x_get_y', percentBps: null, buyQuantity: 1, getQuantity: 1 })],
      }),
      expected: { code: 'promo_code_invalid', reason: 'not_applicable' },
    },
    {
      name: 'insufficient loyalty points',
      input: input({
        loyalty: { pointsBalance: 99, pointsToRedeem: 100, pointsPerMinorUnit: 1, earnPointsPerUnit: 1 },
      }),
      expected: { code: 'loyalty_insufficient_points' },
    },
    {
      name: 'any redemption from a negative balance',
      input: input({
        loyalty: { pointsBalance: -5, pointsToRedeem: 1, pointsPerMinorUnit: 1, earnPointsPerUnit: 1 },
      }),
      expected: { code: 'loyalty_insufficient_points' },
    },
    {
      name: 'a line in another currency',
      input: input({ lines: [line(), line({ currency: 'USD' })] }),
      expected: { code: 'currency_mismatch' },
    },
    {
      name: 'a fixed promo in another currency',
      input: input({
        promoCode: 'CODE',
        offers: [promo({ kind: 'fixed', percentBps: null, amountMinor: 500, currency: 'USD' })],
      }),
      expected: { code: 'currency_mismatch' },
    },
    {
      name: 'an automatic fixed offer in another currency that would be in play',
      input: input({
        offers: [offer({ kind: 'fixed', percentBps: null, amountMinor: 500, currency: 'USD' })],
      }),
      expected: { code: 'currency_mismatch' },
    },
  ];

  it.each(cases)('$name', ({ input: pricingInput, expected }) => {
    const result = priceOrder(pricingInput);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject(expected);
  });

  it('ignores an inactive automatic offer in another currency', () => {
    const result = priceOrder(
      input({
        offers: [offer({ kind: 'fixed', percentBps: null, amountMinor: 5, currency: 'USD', active: false })],
      }),
    );
    expect(result).toMatchObject({ ok: true, value: { discountMinor: 0 } });
  });

  it('reports the reason of the lowest id when several offers share a code and none applies', () => {
    const result = priceOrder(
      input({
        promoCode: 'CODE',
        offers: [promo({ id: 'b', endsAt: NOW }), promo({ id: 'a', active: false })],
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { reason: 'inactive' } });
  });

  it('uses the live offer when several offers share a code', () => {
    const result = priceOrder(
      input({
        promoCode: 'CODE',
        offers: [promo({ id: 'a', active: false }), promo({ id: 'b', percentBps: 2000 })],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { appliedOffers: [{ offerId: 'b', discountMinor: 200 }] },
    });
  });

  it('treats a blank promo code as no code', () => {
    const result = priceOrder(input({ promoCode: '  ', offers: [offer()] }));
    expect(result).toMatchObject({ ok: true, value: { discountMinor: 100 } });
  });
});
