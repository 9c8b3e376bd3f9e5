import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Parsed, partitionByOrder } from '../../../src/consumers/consumer-runner.js';

const item = (orderId: string | null, n: number): Parsed => ({
  delivery: { id: String(n), body: '' },
  event: {
    event_id: randomUUID(),
    event_type: 'order.status_changed',
    version: 1,
    occurred_at: new Date(0).toISOString(),
    business_id: randomUUID(),
    location_id: null,
    order_id: orderId,
    sequence: n,
    payload: {},
  },
});

describe('partitionByOrder', () => {
  it("keeps each order's events together and in bus order, and loses or repeats nothing", () => {
    const orders = Array.from({ length: 12 }, () => randomUUID());
    const items = Array.from({ length: 200 }, (_, n) =>
      item(n % 10 === 0 ? null : (orders[n % 12] as string), n),
    );
    const groups = partitionByOrder(items, 4);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.length).toBeLessThanOrEqual(4);
    expect(
      groups
        .flat()
        .map((entry) => entry.delivery.id)
        .sort(),
    ).toEqual(items.map((entry) => entry.delivery.id).sort());
    for (const orderId of orders) {
      const holding = groups.filter((group) => group.some((entry) => entry.event.order_id === orderId));
      expect(holding).toHaveLength(1);
      const sequence = holding[0]
        ?.filter((entry) => entry.event.order_id === orderId)
        .map((entry) => entry.event.sequence);
      expect(sequence).toEqual([...(sequence ?? [])].sort((a, b) => a - b));
    }
  });

  it('is one group when the consumer applies one transaction at a time', () => {
    const items = [item(randomUUID(), 1), item(null, 2)];
    expect(partitionByOrder(items, 1)).toEqual([items]);
    expect(partitionByOrder([], 4)).toEqual([]);
  });
});
