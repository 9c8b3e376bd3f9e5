import { describe, expect, it } from 'vitest';
import { hashRequest } from '../../src/services/orders/order-idempotency.js';

describe('the idempotency request hash', () => {
  const body = (cardNumber: string, extra: Record<string, unknown> = {}) => ({
    serviceType: 'takeout',
    payment: { method: 'credit_card', cardNumber },
    ...extra,
  });

  it('ignores key order', () => {
    expect(hashRequest({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(hashRequest({ b: [{ y: 2, x: 1 }], a: 1 }));
  });

  it('depends on everything asked, but keeps only the last four digits of a card', () => {
    expect(hashRequest(body('4242424242424242'))).toBe(hashRequest(body('4000000000004242')));
    expect(hashRequest(body('4242424242424242'))).not.toBe(hashRequest(body('4242424242420000')));
    expect(hashRequest(body('4242424242424242', { tip: { amountMinor: 1 } }))).not.toBe(
      hashRequest(body('4242424242424242')),
    );
  });
});
