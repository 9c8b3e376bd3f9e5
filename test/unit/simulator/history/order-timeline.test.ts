import { describe, expect, it } from 'vitest';
import { UUID_PATTERN } from '../../../../src/schemas/formats.js';
import { OrderTimeline } from '../../../../src/simulator/history/order-timeline.js';

const scope = {
  businessId: '00000000-0000-4000-8000-000000000001',
  locationId: '00000000-0000-4000-8000-000000000002',
  serviceType: 'takeout' as const,
};

/** The order id with `n` XORed into its last four bytes, computed the long way. */
function xorTail(orderId: string, n: number): string {
  const bytes = Buffer.from(orderId.replaceAll('-', ''), 'hex');
  bytes.writeUInt32BE((bytes.readUInt32BE(12) ^ n) >>> 0, 12);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('order timeline ids', () => {
  it('numbers names in the order they are first asked for, past one byte as well', () => {
    const timeline = new OrderTimeline(scope, 'some-order');
    const ids = Array.from({ length: 600 }, (_, n) => timeline.id(`thing/${n}`));
    expect(new Set(ids).size).toBe(600);
    expect(ids.every((id) => UUID_PATTERN.test(id))).toBe(true);
    for (const n of [1, 2, 255, 256, 257, 600]) expect(ids[n - 1]).toBe(xorTail(timeline.orderId, n));
    expect(timeline.id('thing/299')).toBe(ids[299]);
    expect(ids).not.toContain(timeline.orderId);
  });

  it('gives events the next numbers, in sequence, and records when each happened', () => {
    const timeline = new OrderTimeline(scope, 'another-order');
    const payment = timeline.id('payment');
    timeline.add('feedback.submitted', 1_700_000_000_123, {
      feedback_id: timeline.id('feedback'),
      customer_id: null,
      rating: 5,
      nps: 9,
      comment: null,
    });
    expect(payment).toBe(xorTail(timeline.orderId, 1));
    expect(timeline.events[0]?.event_id).toBe(xorTail(timeline.orderId, 3));
    expect(timeline.events[0]?.occurred_at).toBe('2023-11-14T22:13:20.123Z');
    expect(timeline.times).toEqual([1_700_000_000_123]);
  });
});
