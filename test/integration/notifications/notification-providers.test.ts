import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedBus } from '../../../src/bus/embedded-bus.js';
import { loadConfig } from '../../../src/config/config.js';
import { BrigadeMetrics } from '../../../src/observability/metrics.js';
import type { RunningLoop } from '../../../src/outbox/outbox-relay.js';
import { startWorkers } from '../../../src/workers/start-workers.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { databaseKinds } from '../../support/databases.js';
import { type RestaurantFixture, seedRestaurant } from '../../support/fixtures.js';
import { placeOrder } from '../../support/orders.js';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp-capture.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

const SECRET = 'provider-test-webhook-secret';
const PHONE = '+14165550199';

/**
 * The notification worker as `brigade start` runs it, configured from the environment for real
 * providers: a real SMTP server and a signed-webhook receiver on loopback. An order's emails arrive
 * by SMTP and the driver's SMS through the webhook, and each message's row records the provider's
 * reference. Nothing of ours is replaced.
 */
for (const kind of await databaseKinds()) {
  describe(`notifications through SMTP and the webhook on ${kind.name}`, () => {
    let t: TestApp;
    let f: RestaurantFixture;
    let smtp: SmtpCapture;
    let receiver: WebhookReceiver;
    let workers: RunningLoop;
    let bus: EmbeddedBus;
    let dataDir: string;
    const workerErrors: string[] = [];

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await seedRestaurant(t.db);
      smtp = await startSmtpCapture();
      receiver = await startWebhookReceiver(SECRET);
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'brigade-notify-'));
      const config = loadConfig({
        DATA_DIR: dataDir,
        SMTP_URL: smtp.url,
        BRIGADE_EMAIL_FROM: 'orders@northwind.example',
        BRIGADE_NOTIFY_WEBHOOK_URL: receiver.url,
        BRIGADE_NOTIFY_WEBHOOK_SECRET: SECRET,
      });
      bus = new EmbeddedBus(t.db);
      const logger = pino({ level: 'error' }, { write: (line: string) => void workerErrors.push(line) });
      workers = startWorkers(['relay', 'notifications', 'notification-sender'], {
        db: t.db,
        bus,
        metrics: new BrigadeMetrics({ defaultMetrics: false }),
        logger,
        config,
      });
    });
    afterAll(async () => {
      await workers?.stop();
      await bus?.close();
      await smtp?.close();
      await receiver?.close();
      await t?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it("sends an order's emails by SMTP and the driver's SMS by the signed webhook, recording each reference", async () => {
      const customer = await t.userToken();
      await t.db.query('UPDATE users SET phone = $2 WHERE id = $1', [customer.userId, PHONE]);
      const { rows: who } = await t.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [
        customer.userId,
      ]);
      const email = who[0]?.email ?? '';
      const driver = await t.userToken({
        memberships: [{ businessId: f.businessId, role: 'staff', position: 'driver' }],
      });
      const order = await placeOrder(t, {
        locationId: f.locationId,
        token: customer.token,
        serviceType: 'delivery',
        items: [{ itemId: f.items.fries, quantity: 2 }],
      });
      const claim = await t.request({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/delivery/claim`,
        token: driver.token,
      });
      expect(claim.statusCode).toBe(201);

      const sentRows = async () =>
        (
          await t.db.query<{
            id: string;
            channel: string;
            notification_type: string;
            provider_reference: string;
          }>(
            `SELECT id, channel, notification_type, provider_reference FROM notification_deliveries
              WHERE user_id = $1 AND status = 'sent' ORDER BY notification_type`,
            [customer.userId],
          )
        ).rows;
      const deadline = Date.now() + 20_000;
      while ((await sentRows()).length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(workerErrors).toEqual([]);
      const rows = await sentRows();
      expect(rows.map((row) => `${row.notification_type}/${row.channel}`)).toEqual([
        'driver_assigned/sms',
        'order_confirmed/email',
        'payment_succeeded/email',
      ]);

      const mails = smtp.mails.filter((mail) => mail.to === email);
      expect(mails).toHaveLength(2);
      for (const row of rows.filter((r) => r.channel === 'email')) {
        expect(row.provider_reference).toBe(`<${row.id}@brigade.notifications>`);
        expect(mails.some((mail) => mail.messageId === row.provider_reference)).toBe(true);
      }
      expect(mails.every((mail) => mail.from === 'orders@northwind.example' && mail.text.length > 0)).toBe(
        true,
      );

      const sms = receiver.received.filter((hook) => hook.body.recipient === PHONE);
      expect(sms).toHaveLength(1);
      expect(sms[0]).toMatchObject({ signatureValid: true, body: { channel: 'sms' } });
      const smsRow = rows.find((row) => row.channel === 'sms');
      expect(sms[0]?.body.deliveryId).toBe(smsRow?.id);
      expect(smsRow?.provider_reference).toMatch(/^hook-\d+$/);
    });
  });
}
