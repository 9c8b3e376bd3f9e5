import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsConsumer } from '../../../src/consumers/notifications-consumer.js';
import { configuredSenders } from '../../../src/notifications/senders/configured-senders.js';
import type { DevelopmentSink } from '../../../src/notifications/senders/development-sink.js';
import type {
  NotificationSender,
  NotificationSenders,
  OutgoingMessage,
} from '../../../src/notifications/senders/notification-sender.js';
import { appendEvents } from '../../../src/outbox/outbox-writer.js';
import { dispatchDueDeliveries } from '../../../src/services/notifications/notification-dispatcher.js';
import { sweepUnsettledOrders } from '../../../src/services/orders/payment-sweeper.js';
import type { TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { type InterruptibleGateway, startInterruptibleApp } from '../../support/interruptible-gateway.js';
import { placeOrder, postOrder } from '../../support/orders.js';
import { drainPipeline } from '../../support/pipeline.js';

/** A provider that refuses the first `failures` messages. */
class FlakySender implements NotificationSender {
  readonly name = 'flaky';
  calls = 0;
  readonly accepted: OutgoingMessage[] = [];
  constructor(private failures: number) {}
  async send(message: OutgoingMessage) {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('provider unavailable (503)');
    }
    this.accepted.push(message);
    return { reference: `flaky-${this.calls}` };
  }
}

type User = { userId: string; token: string };

for (const kind of await databaseKinds()) {
  describe(`notifications on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let gateway: InterruptibleGateway;
    let customer: User;
    let owner: User;
    let manager: User;
    let cook: User;
    let cashierElsewhere: User;
    let driver: User;
    const drain = () => drainPipeline(t.db, { consumers: [notificationsConsumer()] });

    beforeAll(async () => {
      ({ t, gateway } = await startInterruptibleApp(kind));
      f = await seedRestaurant(t.db);
      customer = await t.userToken();
      await t.db.query(`UPDATE users SET phone = '+14165550123' WHERE id = $1`, [customer.userId]);
      const member = (
        role: 'owner' | 'manager' | 'staff',
        position?: 'kitchen' | 'cashier' | 'driver',
        at?: string,
      ) =>
        t.userToken({
          memberships: [
            {
              businessId: f.businessId,
              role,
              ...(position ? { position } : {}),
              ...(at ? { locationIds: [at] } : {}),
            },
          ],
        });
      owner = await member('owner');
      manager = await member('manager');
      cook = await member('staff', 'kitchen', f.locationId);
      cashierElsewhere = await member('staff', 'cashier', randomUUID());
      driver = await member('staff', 'driver');
    });
    afterAll(() => t.close());

    const place = (
      options: { serviceType?: 'takeout' | 'delivery'; card?: string; expectStatus?: number } = {},
    ) =>
      placeOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType: options.serviceType,
        items: [{ itemId: f.items.fries, quantity: 2 }],
        payment: { method: 'credit_card', ...(options.card ? { cardNumber: options.card } : {}) },
        expectStatus: options.expectStatus,
      });
    /** In-app notifications of a user about one order (or all), as "type" strings in insert order. */
    const inApp = async (user: User, orderId?: string) => {
      const { rows } = await t.db.query<{ type: string }>(
        `SELECT type FROM notifications WHERE user_id = $1 AND ($2::text IS NULL OR data->>'order_id' = $2)
          ORDER BY id`,
        [user.userId, orderId ?? null],
      );
      return rows.map((row) => row.type);
    };
    /** External messages of a user about one order, as "type:channel". */
    const outgoing = async (user: User, orderId?: string) => {
      const { rows } = await t.db.query<{ notification_type: string; channel: string }>(
        `SELECT notification_type, channel FROM notification_deliveries
          WHERE user_id = $1 AND ($2::text IS NULL OR data->>'order_id' = $2)
          ORDER BY notification_type, channel`,
        [user.userId, orderId ?? null],
      );
      return rows.map((row) => `${row.notification_type}:${row.channel}`);
    };

    it('tells the location team about a new order and the customer about confirmation, payment and points', async () => {
      const order = await place();
      await drain();
      for (const member of [owner, manager, cook]) {
        expect(await inApp(member, order.id)).toEqual(['new_order']);
        expect(await outgoing(member, order.id)).toEqual(['new_order:push']);
      }
      // A cashier of another location and the driver are not concerned by a takeout order here.
      expect(await inApp(cashierElsewhere)).toEqual([]);
      expect(await inApp(driver)).toEqual([]);
      expect((await inApp(customer, order.id)).sort()).toEqual([
        'loyalty_points_earned',
        'order_confirmed',
        'payment_succeeded',
      ]);
      expect(await outgoing(customer, order.id)).toEqual([
        'order_confirmed:email',
        'payment_succeeded:email',
      ]);

      // Every in-app notification went out as a notification.created event (the SSE stream's feed).
      const { rows } = await t.db.query<{ id: number; user_id: string; type: string; event_count: number }>(
        `SELECT n.id, n.user_id, n.type,
                (SELECT count(*)::int FROM outbox o WHERE o.event_type = 'notification.created'
                   AND (o.payload->>'notification_id')::bigint = n.id
                   AND o.payload->>'user_id' = n.user_id::text AND o.payload->>'type' = n.type) AS event_count
           FROM notifications n WHERE n.data->>'order_id' = $1`,
        [order.id],
      );
      expect(rows.length).toBe(6);
      expect(rows.every((row) => row.event_count === 1)).toBe(true);
    });

    it('follows each user’s preferences per type and channel', async () => {
      const defaults = await t.request({
        method: 'GET',
        url: '/api/v1/notifications/preferences',
        token: customer.token,
      });
      expect(defaults.statusCode).toBe(200);
      const byType = (
        body: { preferences: { type: string; channels: Record<string, boolean> }[] },
        type: string,
      ) => body.preferences.find((p) => p.type === type)?.channels;
      expect(byType(defaults.json(), 'order_confirmed')).toEqual({
        in_app: true,
        email: true,
        sms: false,
        push: false,
      });
      expect(byType(defaults.json(), 'driver_pickup')).toEqual({
        in_app: true,
        email: false,
        sms: true,
        push: false,
      });

      const bad = await t.request({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        token: customer.token,
        body: { preferences: [{ type: 'low_stock_warning', channels: { email: true } }] },
      });
      expect(bad.statusCode).toBe(400);
      const put = await t.request({
        method: 'PUT',
        url: '/api/v1/notifications/preferences',
        token: customer.token,
        body: {
          preferences: [
            { type: 'order_confirmed', channels: { email: false } },
            { type: 'payment_succeeded', channels: { in_app: false } },
            { type: 'order_status_update', channels: { sms: true, push: false } },
          ],
        },
      });
      expect(put.statusCode).toBe(200);
      expect(byType(put.json(), 'order_confirmed')).toEqual({
        in_app: true,
        email: false,
        sms: false,
        push: false,
      });

      const order = await place();
      const moved = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/status`,
        token: cook.token,
        body: { status: 'preparing' },
      });
      expect(moved.statusCode).toBe(200);
      await drain();
      expect((await inApp(customer, order.id)).sort()).toEqual([
        'loyalty_points_earned',
        'order_confirmed',
        'order_status_update',
      ]);
      expect(await outgoing(customer, order.id)).toEqual([
        'order_status_update:sms',
        'payment_succeeded:email',
      ]);
      const { rows } = await t.db.query<{ recipient: string }>(
        `SELECT recipient FROM notification_deliveries WHERE user_id = $1 AND channel = 'sms' AND data->>'order_id' = $2`,
        [customer.userId, order.id],
      );
      expect(rows.map((row) => row.recipient)).toEqual(['+14165550123']);
      // Someone else's preferences are their own.
      expect(
        byType(
          (
            await t.request({ method: 'GET', url: '/api/v1/notifications/preferences', token: owner.token })
          ).json(),
          'order_confirmed',
        )?.email,
      ).toBe(true);
    });

    it('covers cancellations, declined and expired payments, and refunds', async () => {
      const cancelled = await place();
      const cancel = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${cancelled.id}/cancel`,
        token: customer.token,
        body: { reason: 'ordered twice' },
      });
      expect(cancel.statusCode).toBe(200);
      const declined = await place({ card: '4000000000009995', expectStatus: 402 });
      const refunded = await place();
      const refund = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${refunded.id}/refunds`,
        token: owner.token,
        body: { reason: 'late', amountMinor: 100 },
      });
      expect(refund.statusCode).toBe(201);
      // A placement that dies before its payment reaches the gateway; the sweeper cancels it.
      gateway.interrupt = 'before-authorize';
      const died = await postOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        items: [{ itemId: f.items.fries, quantity: 1 }],
        payment: { method: 'debit_card' },
      });
      gateway.interrupt = null;
      expect(died.statusCode).toBe(500);
      const { rows: stuck } = await t.db.query<{ id: string }>(
        `SELECT id FROM orders WHERE business_id = $1 AND status = 'placed'`,
        [f.businessId],
      );
      expect(stuck).toHaveLength(1);
      await sweepUnsettledOrders({ db: t.db, gateway }, { graceSeconds: 0 });
      await drain();

      for (const member of [owner, manager, cook]) {
        expect(await inApp(member, cancelled.id)).toEqual(['new_order', 'order_cancelled_by_customer']);
      }
      expect(await inApp(cashierElsewhere)).toEqual([]);
      // The customer is not told about their own cancellation, only about the refund it triggers.
      expect(await inApp(customer, cancelled.id)).toContain('refund_processed');
      expect(await inApp(customer, cancelled.id)).not.toContain('order_status_update');
      expect(await inApp(customer, declined.id)).toEqual(['payment_failed']);
      expect(await outgoing(customer, declined.id)).toEqual(['payment_failed:email']);
      expect(await inApp(customer, refunded.id)).toContain('refund_processed');
      expect(await inApp(customer, stuck[0]?.id)).toEqual(['order_expired']);
      // Nobody on the team hears about orders that were never paid.
      expect(await inApp(owner, declined.id)).toEqual([]);
      expect(await inApp(owner, stuck[0]?.id)).toEqual([]);
    });

    it('follows a delivery: driver assigned, picked up, en route once, delivered; failures go to managers', async () => {
      const order = await place({ serviceType: 'delivery' });
      const deliveryId = randomUUID();
      const base = { businessId: f.businessId, locationId: f.locationId, orderId: order.id };
      const ids = { delivery_id: deliveryId, order_id: order.id, driver_user_id: driver.userId };
      const now = () => new Date().toISOString();
      const ping = {
        type: 'delivery.location_updated',
        ...base,
        payload: { ...ids, lat: 43.7, lon: -79.4, heading: null, speed_mps: null, recorded_at: now() },
      } as const;
      await t.db.transaction((tx) =>
        appendEvents(tx, [
          {
            type: 'delivery.driver_assigned',
            ...base,
            payload: {
              ...ids,
              driver_name: 'Sam',
              assigned_by: { user_id: manager.userId, role: 'manager' },
              at: now(),
            },
          },
          // A ping before pickup (driving to the restaurant) is not "en route" to the customer.
          ping,
          { type: 'delivery.picked_up', ...base, payload: { ...ids, at: now() } },
          ping,
          ping,
          { type: 'delivery.delivered', ...base, payload: { ...ids, at: now() } },
        ]),
      );
      const failed = await place({ serviceType: 'delivery' });
      await t.db.transaction((tx) =>
        appendEvents(tx, [
          {
            type: 'delivery.failed',
            businessId: f.businessId,
            locationId: f.locationId,
            orderId: failed.id,
            payload: {
              delivery_id: randomUUID(),
              order_id: failed.id,
              driver_user_id: null,
              reason: 'no driver',
              at: now(),
            },
          },
        ]),
      );
      await drain();

      const drivingTypes = (await inApp(customer, order.id)).filter((type) => type.startsWith('d'));
      expect(drivingTypes).toEqual([
        'driver_assigned',
        'driver_pickup',
        'driver_en_route',
        'delivery_completed',
      ]);
      expect((await outgoing(customer, order.id)).filter((m) => m.endsWith(':sms'))).toEqual([
        'delivery_completed:sms',
        'driver_assigned:sms',
        'driver_en_route:sms',
        'driver_pickup:sms',
      ]);
      expect(await inApp(driver, order.id)).toEqual(['driver_assigned']);
      for (const member of [owner, manager]) {
        expect(await inApp(member, failed.id)).toEqual(['new_order', 'delivery_creation_failed']);
      }
      expect(await inApp(cook, failed.id)).toEqual(['new_order']);
      expect(await inApp(customer, failed.id)).not.toContain('delivery_creation_failed');
    });

    it("tells the customer of each delivery step once: the driver's steps by their delivery notifications", async () => {
      const call = async (token: string, url: string, body: unknown = {}) => {
        const response = await t.request({ method: 'POST', url, token, body });
        expect(response.statusCode, response.body).toBeLessThan(300);
      };
      const ready = async (orderId: string) => {
        for (const status of ['preparing', 'ready'])
          await call(owner.token, `/api/v1/orders/${orderId}/status`, { status });
      };
      // Through the driver's delivery steps: pickup and hand-over move the order too.
      const stepped = await place({ serviceType: 'delivery' });
      await ready(stepped.id);
      await call(owner.token, `/api/v1/orders/${stepped.id}/delivery/assign`, {
        driverUserId: driver.userId,
      });
      await call(driver.token, `/api/v1/orders/${stepped.id}/delivery/arrived`);
      await call(driver.token, `/api/v1/orders/${stepped.id}/delivery/picked-up`);
      await call(driver.token, `/api/v1/orders/${stepped.id}/delivery/delivered`);
      // Moved by hand with the status route: no delivery step, so the status update is the news.
      const byHand = await place({ serviceType: 'delivery' });
      await ready(byHand.id);
      for (const status of ['out_for_delivery', 'delivered'])
        await call(owner.token, `/api/v1/orders/${byHand.id}/status`, { status });
      await drain();

      const statuses = async (orderId: string) => {
        const { rows } = await t.db.query<{ status: string }>(
          `SELECT data->>'status' AS status FROM notifications
            WHERE user_id = $1 AND data->>'order_id' = $2 AND type = 'order_status_update' ORDER BY id`,
          [customer.userId, orderId],
        );
        return rows.map((row) => row.status);
      };
      expect(await statuses(stepped.id)).toEqual(['preparing', 'ready']);
      expect((await inApp(customer, stepped.id)).filter((type) => type.startsWith('d'))).toEqual([
        'driver_assigned',
        'driver_pickup',
        'delivery_completed',
      ]);
      expect(await statuses(byHand.id)).toEqual(['preparing', 'ready', 'out_for_delivery', 'delivered']);
      expect((await inApp(customer, byHand.id)).filter((type) => type.startsWith('d'))).toEqual([]);
    });

    it('warns the team when an item is made unavailable, once per change to unavailable', async () => {
      const patch = (body: Record<string, unknown>) =>
        t.request({
          method: 'PATCH',
          url: `/api/v1/businesses/${f.businessId}/menu/items/${f.items.cake}`,
          token: manager.token,
          body,
        });
      const outOfStock = async () => {
        const { rows } = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND type = 'item_out_of_stock'`,
          [owner.userId],
        );
        return rows[0]?.n ?? 0;
      };
      expect((await patch({ available: false })).statusCode).toBe(200);
      await drain();
      expect(await outOfStock()).toBe(1);
      // Editing an item that is already unavailable is not news.
      expect((await patch({ priceMinor: 850 })).statusCode).toBe(200);
      await drain();
      expect(await outOfStock()).toBe(1);
      expect((await patch({ available: true })).statusCode).toBe(200);
      expect((await patch({ available: false })).statusCode).toBe(200);
      await drain();
      expect(await outOfStock()).toBe(2);
      const { rows } = await t.db.query<{ user_id: string }>(
        `SELECT DISTINCT user_id FROM notifications WHERE type = 'item_out_of_stock' AND data->>'item_id' = $1`,
        [f.items.cake],
      );
      expect(rows.map((row) => row.user_id).sort()).toEqual(
        [owner.userId, manager.userId, cook.userId, cashierElsewhere.userId].sort(),
      );
    });

    it('lists my notifications with paging and an unread filter, and marks them read', async () => {
      const list = (query = '', token = customer.token) =>
        t.request({ method: 'GET', url: `/api/v1/notifications${query}`, token });
      const all = (await list('?limit=200')).json();
      expect(all.items.length).toBeGreaterThan(5);
      expect(all.unreadCount).toBe(all.items.length);
      const ids = all.items.map((item: { id: number }) => item.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);

      const pages: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: number }[]; nextCursor: string | null } = (
          await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        pages.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual(ids);

      const read = await t.request({
        method: 'POST',
        url: `/api/v1/notifications/${ids[0]}/read`,
        token: customer.token,
      });
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      const unread = (await list('?unread=true&limit=200')).json();
      expect(unread.items.map((item: { id: number }) => item.id)).toEqual(ids.slice(1));
      expect(unread.unreadCount).toBe(ids.length - 1);

      // Someone else's notification does not exist for me.
      const foreign = await t.request({
        method: 'POST',
        url: `/api/v1/notifications/${ids[1]}/read`,
        token: owner.token,
      });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('not_found');
      expect((await list('?cursor=not-a-cursor')).json().code).toBe('validation_failed');

      const readAll = await t.request({
        method: 'POST',
        url: '/api/v1/notifications/read-all',
        token: customer.token,
      });
      expect(readAll.json()).toEqual({ updated: ids.length - 1 });
      expect((await list('?unread=true')).json()).toMatchObject({ items: [], unreadCount: 0 });
      expect((await list('', owner.token)).json().unreadCount).toBeGreaterThan(0);
      expect((await t.request({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    });

    it('sends queued messages through the development sink and marks them sent', async () => {
      const sink = configuredSenders({ smtp: undefined, webhook: undefined });
      const pending = await countDeliveries('pending');
      expect(pending).toBeGreaterThan(0);
      while ((await dispatchDueDeliveries({ db: t.db, senders: sink }, { batchSize: 20 })).sent > 0) {}
      expect(await countDeliveries('pending')).toBe(0);
      const recorded = (sink.email as DevelopmentSink).sent;
      expect(recorded.length).toBe(pending);
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_deliveries
          WHERE status = 'sent' AND sent_at IS NOT NULL AND attempts = 1 AND provider_reference = 'dev-sink:' || id`,
      );
      expect(rows[0]?.n).toBe(pending);
      const email = recorded.find((message) => message.channel === 'email');
      expect(email?.recipient).toContain('@');

      // What would have been sent is readable by the owner (and platform admins), not by managers.
      const url = `/api/v1/businesses/${f.businessId}/notification-deliveries?status=sent&channel=email&limit=200`;
      const listed = await t.request({ method: 'GET', url, token: owner.token });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.length).toBeGreaterThan(0);
      expect(
        listed
          .json()
          .items.every(
            (item: { status: string; channel: string }) => item.status === 'sent' && item.channel === 'email',
          ),
      ).toBe(true);
      expect((await t.request({ method: 'GET', url, token: manager.token })).statusCode).toBe(403);
    });

    it('retries a failing sender with backoff until it succeeds, and gives up after the last attempt', async () => {
      await place();
      await drain();
      const due = await countDeliveries('pending');
      expect(due).toBeGreaterThan(0);
      const flaky = new FlakySender(due);
      const senders: NotificationSenders = { email: flaky, sms: flaky, push: flaky };
      let now = new Date();
      const clock = () => now;
      const retry = { maxAttempts: 3, baseMs: 60_000, maxMs: 600_000 };
      const first = await dispatchDueDeliveries({ db: t.db, senders, now: clock }, { retry });
      expect(first).toEqual({ sent: 0, retrying: due, failed: 0 });
      // Not due again before the backoff has passed.
      expect(await dispatchDueDeliveries({ db: t.db, senders, now: clock }, { retry })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 0,
      });
      now = new Date(now.getTime() + 61_000);
      const second = await dispatchDueDeliveries({ db: t.db, senders, now: clock }, { retry });
      expect(second).toEqual({ sent: due, retrying: 0, failed: 0 });
      const { rows } = await t.db.query<{ attempts: number; last_error: string | null }>(
        `SELECT attempts, last_error FROM notification_deliveries WHERE provider_reference LIKE 'flaky-%'`,
      );
      expect(rows).toHaveLength(due);
      expect(rows.every((row) => row.attempts === 2 && row.last_error === null)).toBe(true);

      // A provider that never accepts: the delivery fails for good after maxAttempts, with the reason.
      await place();
      await drain();
      const doomed = await countDeliveries('pending');
      const broken = new FlakySender(Number.MAX_SAFE_INTEGER);
      const dead: NotificationSenders = { email: broken, sms: broken, push: broken };
      for (let attempt = 0; attempt < 3; attempt++) {
        now = new Date(now.getTime() + 3_600_000);
        await dispatchDueDeliveries({ db: t.db, senders: dead, now: clock }, { retry });
      }
      expect(await countDeliveries('pending')).toBe(0);
      const failed = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_deliveries
          WHERE status = 'failed' AND attempts = 3 AND last_error LIKE 'provider unavailable%'`,
      );
      expect(failed.rows[0]?.n).toBe(doomed);
    });

    const countDeliveries = async (status: string) => {
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notification_deliveries WHERE status = $1',
        [status],
      );
      return rows[0]?.n ?? 0;
    };
  });
}
