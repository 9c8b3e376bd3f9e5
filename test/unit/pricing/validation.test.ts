import { describe, expect, it } from 'vitest';
import { type PricingInput, priceOrder } from '../../../src/domain/pricing/price-order.js';
import { input, line, offer } from './pricing-fixtures.js';

describe('priceOrder: defensive validation', () => {
  const loyalty = { pointsBalance: 0, pointsToRedeem: 0, pointsPerMinorUnit: 1, earnPointsPerUnit: 1 };
  const cases: [string, PricingInput][] = [
    ['no lines', input({ lines: [] })],
    ['quantity 0', input({ lines: [line({ quantity: 0 })] })],
    ['fractional quantity', input({ lines: [line({ quantity: 1.5 })] })],
    ['negative price', input({ lines: [line({ unitPriceMinor: -1 })] })],
    ['fractional price', input({ lines: [line({ unitPriceMinor: 12.5 })] })],
    ['negative modifier', input({ lines: [line({ modifiers: [{ optionId: 'x', priceMinor: -50 }] })] })],
    ['lower-case currency', input({ currency: 'cad', lines: [line({ currency: 'cad' })] })],
    ['invalid clock', input({ now: new Date(Number.NaN) })],
    ['tax rate above 100%', input({ taxRules: [{ name: 'X', rateBps: 10_001 }] })],
    ['negative tax rate', input({ taxRules: [{ name: 'X', rateBps: -1 }] })],
    ['tip percent above 100%', input({ tip: { kind: 'percent', percentBps: 10_001 } })],
    ['negative tip amount', input({ tip: { kind: 'amount', amountMinor: -1 } })],
    ['negative delivery fee', input({ deliveryFeeMinor: -1 })],
    ['percent offer of 0 bps', input({ offers: [offer({ percentBps: 0 })] })],
    ['percent offer above 100%', input({ offers: [offer({ percentBps: 10_001 })] })],
    ['percent offer without a rate', input({ offers: [offer({ percentBps: null })] })],
    ['fixed offer without an amount', input({ offers: [offer({ kind: 'fixed', amountMinor: null })] })],
    ['buy-x-get-y without quantities', input({ offers: [offer({ kind: 'buy_x_get_y' })] })],
    [
      'buy-x-get-y with get 0',
      input({ offers: [offer({ kind: 'buy_x_get_y', buyQuantity: 1, getQuantity: 0 })] }),
    ],
    ['negative offer minimum', input({ offers: [offer({ minSubtotalMinor: -1 })] })],
    ['invalid offer window', input({ offers: [offer({ endsAt: new Date('nope') })] })],
    ['negative points requested', input({ loyalty: { ...loyalty, pointsToRedeem: -1 } })],
    ['zero points per minor unit', input({ loyalty: { ...loyalty, pointsPerMinorUnit: 0 } })],
    ['negative earn rate', input({ loyalty: { ...loyalty, earnPointsPerUnit: -1 } })],
    [
      'amounts beyond the safe integer range',
      input({ lines: [line({ quantity: 2 ** 40, unitPriceMinor: 2 ** 20 })] }),
    ],
  ];

  it.each(cases)('%s → validation_failed', (_name, pricingInput) => {
    const result = priceOrder(pricingInput);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('lists every problem at once', () => {
    const result = priceOrder(
      input({ lines: [line({ quantity: 0, unitPriceMinor: -1 })], deliveryFeeMinor: -1 }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('lines[0].quantity');
      expect(result.error.message).toContain('lines[0].unitPriceMinor');
      expect(result.error.message).toContain('deliveryFeeMinor');
    }
  });

  it('checks validation before currencies', () => {
    const result = priceOrder(input({ lines: [line({ quantity: 0, currency: 'USD' })] }));
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });
});
