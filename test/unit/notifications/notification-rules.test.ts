import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src/domain/events/envelope.js';
import { enabledChannels, preferenceKey } from '../../../src/domain/notifications/default-preferences.js';
import { afterFailure } from '../../../src/domain/notifications/delivery-retry.js';
import {
  notificationsFor,
  PAYMENT_INTERRUPTED,
} from '../../../src/domain/notifications/notification-rules.js';
import { formatMoney } from '../../../src/domain/notifications/notification-text.js';
import { NOT_PRODUCED, NOTIFICATION_TYPES } from '../../../src/domain/notifications/notification-types.js';

const ORDER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const event = (type: string, payload: Record<string, unknown>): EventEnvelope => ({
  event_id: '7d3e9f10-2a4b-4c6d-8e0f-1a2b3c4d5e6f',
  event_type: type,
  version: 1,
  occurred_at: '2025-01-15T18:30:00.000Z',
  business_id: 'b',
  location_id: 'l',
  order_id: ORDER,
  sequence: 1,
  payload,
});
const summary = (intents: ReturnType<typeof notificationsFor>) =>
  intents.map((intent) => `${intent.type}→${intent.audience.kind}`);

describe('notification rules', () => {
  it('announces a confirmed order to the location team and the customer', () => {
    const intents = notificationsFor(event('order.confirmed', {}), {
      order: { serviceType: 'delivery', totalMinor: 2350, currency: 'CAD' },
    });
    expect(summary(intents)).toEqual(['new_order→team', 'order_confirmed→customer']);
    expect(intents[0]?.body).toContain('delivery order for CAD 23.50');
    expect(intents[0]?.data.order_id).toBe(ORDER);
  });

  it('tells cancellations apart by who cancelled', () => {
    const by = (role: string) =>
      summary(notificationsFor(event('order.cancelled', { actor: { user_id: null, role }, reason: 'x' })));
    expect(by('customer')).toEqual(['order_cancelled_by_customer→team']);
    expect(by('manager')).toEqual(['order_status_update→customer']);
    expect(by('system')).toEqual([]);
  });

  it('calls a payment the sweeper gave up on an expired order, any other decline a failed payment', () => {
    const declined = (code: string) =>
      summary(notificationsFor(event('payment.declined', { decline_code: code, decline_reason: 'no' })));
    expect(declined(PAYMENT_INTERRUPTED)).toEqual(['order_expired→customer']);
    expect(declined('card_declined')).toEqual(['payment_failed→customer']);
  });

  it('leaves a status change made by a delivery step to that step’s own notification', () => {
    const moved = event('order.status_changed', { from: 'ready', to: 'out_for_delivery' });
    expect(summary(notificationsFor(moved, { deliveryStepAnnounced: false }))).toEqual([
      'order_status_update→customer',
    ]);
    expect(notificationsFor(moved, { deliveryStepAnnounced: true })).toEqual([]);
  });

  it('sends driver_en_route only on the first location update after pickup', () => {
    const ping = event('delivery.location_updated', { delivery_id: 'd' });
    expect(notificationsFor(ping, { firstPingAfterPickup: false })).toEqual([]);
    expect(summary(notificationsFor(ping, { firstPingAfterPickup: true }))).toEqual([
      'driver_en_route→customer',
    ]);
  });

  it('sends item_out_of_stock when an available (or unseen) item is made unavailable', () => {
    const change = (available: boolean, action = 'updated') =>
      event('menu.changed', { entity: 'item', entity_id: 'i', action, data: { name: 'Cake', available } });
    expect(summary(notificationsFor(change(false), { itemWasAvailable: true }))).toEqual([
      'item_out_of_stock→team',
    ]);
    expect(summary(notificationsFor(change(false), { itemWasAvailable: null }))).toEqual([
      'item_out_of_stock→team',
    ]);
    expect(notificationsFor(change(false), { itemWasAvailable: false })).toEqual([]);
    expect(notificationsFor(change(false, 'created'), { itemWasAvailable: null })).toEqual([]);
    expect(notificationsFor(change(true), { itemWasAvailable: true })).toEqual([]);
  });

  it('addresses loyalty notifications to the user in the payload', () => {
    const [intent] = notificationsFor(
      event('loyalty.points_reversed', { user_id: 'u', points_delta: -40, balance: 10 }),
    );
    expect(intent?.audience).toEqual({ kind: 'user', userId: 'u' });
    expect(intent?.title).toBe('40 points taken back');
  });

  it('never produces the types Brigade has no fact for', () => {
    for (const type of Object.keys(NOT_PRODUCED)) expect(NOTIFICATION_TYPES).not.toContain(type);
  });
});

describe('channel preferences', () => {
  it('uses the defaults until the user overrides one channel', () => {
    expect(enabledChannels('payment_succeeded', new Map())).toEqual(['in_app', 'email']);
    expect(enabledChannels('driver_pickup', new Map())).toEqual(['in_app', 'sms']);
    expect(enabledChannels('order_status_update', new Map())).toEqual(['in_app', 'push']);
    const overrides = new Map([
      [preferenceKey('payment_succeeded', 'in_app'), false],
      [preferenceKey('payment_succeeded', 'sms'), true],
    ]);
    expect(enabledChannels('payment_succeeded', overrides)).toEqual(['email', 'sms']);
  });
});

describe('delivery retries', () => {
  it('backs off exponentially up to the cap, then gives up', () => {
    const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 3000 };
    const now = new Date(0);
    expect(afterFailure(policy, 1, now)).toEqual({ kind: 'retry', at: new Date(1000) });
    expect(afterFailure(policy, 2, now)).toEqual({ kind: 'retry', at: new Date(2000) });
    expect(afterFailure(policy, 3, now)).toEqual({ kind: 'retry', at: new Date(3000) });
    expect(afterFailure(policy, 4, now)).toEqual({ kind: 'give_up' });
  });
});

describe('money in messages', () => {
  it('formats minor units exactly for the currency', () => {
    expect(formatMoney(2350, 'CAD')).toBe('CAD 23.50');
    expect(formatMoney(5, 'CAD')).toBe('CAD 0.05');
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1500');
    expect(formatMoney(1234, 'KWD')).toBe('KWD 1.234');
  });
});
