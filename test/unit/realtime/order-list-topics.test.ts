import { describe, expect, it } from 'vitest';
import {
  businessOrdersTopic,
  locationOrdersTopic,
  orderTopic,
  topicsOf,
} from '../../../src/realtime/topics.js';

const event = (event_type: string) => ({
  event_type,
  business_id: 'b1',
  location_id: 'l1',
  order_id: 'o1',
  payload: {},
});

describe("the staff orders feeds' topics", () => {
  it('carry what changes an order list: order, payment, refund and delivery events', () => {
    for (const type of ['order.placed', 'payment.captured', 'refund.processed', 'delivery.picked_up']) {
      expect(topicsOf(event(type), false), type).toEqual(
        expect.arrayContaining([locationOrdersTopic('l1'), businessOrdersTopic('b1')]),
      );
    }
  });

  it("leave out the drivers' GPS pings and kitchen steps, which the order's own feed still carries", () => {
    for (const type of ['delivery.location_updated', 'kitchen.ticket_started']) {
      const topics = topicsOf(event(type), false);
      expect(topics, type).toContain(orderTopic('o1'));
      expect(topics, type).not.toContain(locationOrdersTopic('l1'));
      expect(topics, type).not.toContain(businessOrdersTopic('b1'));
    }
  });
});
