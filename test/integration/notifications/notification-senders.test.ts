import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevelopmentSink } from '../../../src/notifications/senders/development-sink.js';
import type { OutgoingMessage } from '../../../src/notifications/senders/notification-sender.js';
import { SmtpSender } from '../../../src/notifications/senders/smtp-sender.js';
import { WebhookSender } from '../../../src/notifications/senders/webhook-sender.js';
import { notificationSenderContract } from '../../contract/notification-sender-contract.js';
import { startSmtpCapture } from '../../support/smtp-capture.js';
import { startWebhookReceiver } from '../../support/webhook-receiver.js';

const SECRET = 'webhook-secret-for-tests';
const FROM = 'Northwind Table Co. <orders@northwind.example>';

notificationSenderContract(
  'development sink',
  { channel: 'email', recipient: 'ava@northwind.example', canRefuse: false },
  async () => {
    const sink = new DevelopmentSink();
    return {
      sender: sink,
      received: async () =>
        sink.sent.map(({ deliveryId, recipient, subject, body }) => ({
          deliveryId,
          recipient,
          subject,
          body,
        })),
      close: async () => {},
    };
  },
);

notificationSenderContract(
  'SMTP (a real SMTP server on loopback)',
  { channel: 'email', recipient: 'ava@northwind.example', canRefuse: true },
  async () => {
    const smtp = await startSmtpCapture();
    return {
      sender: new SmtpSender({ url: smtp.url, from: FROM }),
      received: async () =>
        smtp.mails.map((mail) => ({
          deliveryId: String(mail.headers.get('brigade-delivery-id') ?? ''),
          recipient: mail.to,
          subject: mail.subject,
          body: mail.text,
        })),
      refuseNext: () => smtp.refuseNext(),
      close: () => smtp.close(),
    };
  },
);

notificationSenderContract(
  'signed webhook (an HTTP receiver on loopback)',
  { channel: 'sms', recipient: '+14165550123', canRefuse: true },
  async () => {
    const receiver = await startWebhookReceiver(SECRET);
    return {
      sender: new WebhookSender({ url: receiver.url, secret: SECRET }),
      received: async () =>
        receiver.received.map(({ body }) => ({
          deliveryId: String(body.deliveryId),
          recipient: String(body.recipient),
          subject: String(body.subject),
          body: String(body.body),
        })),
      refuseNext: () => receiver.answerNext({ status: 503, body: 'try later' }),
      close: () => receiver.close(),
    };
  },
);

const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  deliveryId: randomUUID(),
  channel: 'sms',
  recipient: '+14165550123',
  subject: 'Order ready',
  body: 'Your order #A1B2 is ready.',
  data: { orderId: 'A1B2', total: 1356 },
  ...overrides,
});

describe('SMTP sender', () => {
  it('logs in with the URL credentials, sends From, Message-ID and the delivery id, and answers with the message id', async () => {
    const smtp = await startSmtpCapture();
    try {
      const sent = message({ channel: 'email', recipient: 'ava@northwind.example' });
      const result = await new SmtpSender({ url: smtp.url, from: FROM }).send(sent);
      expect(result.reference).toBe(`<${sent.deliveryId}@brigade.notifications>`);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({
        from: '"Northwind Table Co." <orders@northwind.example>',
        messageId: `<${sent.deliveryId}@brigade.notifications>`,
      });

      const wrongPassword = smtp.url.replace('smtp-test-password', 'wrong');
      await expect(new SmtpSender({ url: wrongPassword, from: FROM }).send(sent)).rejects.toThrow(
        /auth|login|535/i,
      );
      expect(smtp.mails).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('refuses a message for another channel without contacting the server', async () => {
    const sender = new SmtpSender({ url: 'smtp://127.0.0.1:1', from: FROM });
    await expect(sender.send(message({ channel: 'push' }))).rejects.toThrow('sends email, not push');
  });
});

describe('webhook sender', () => {
  const receiver = { current: undefined as Awaited<ReturnType<typeof startWebhookReceiver>> | undefined };
  const hook = () => {
    if (!receiver.current) throw new Error('receiver not started');
    return receiver.current;
  };
  beforeAll(async () => {
    receiver.current = await startWebhookReceiver(SECRET);
  });
  afterAll(() => hook().close());

  it('signs the exact body with the time, sends the delivery id header, and keeps the reference it is given', async () => {
    const at = new Date('2026-12-07T12:00:00Z');
    const sent = message();
    const result = await new WebhookSender({ url: hook().url, secret: SECRET, now: () => at }).send(sent);
    const got = hook().received.at(-1);
    expect(got?.signatureValid).toBe(true);
    expect(got?.timestamp).toBe(at.getTime() / 1000);
    expect(got?.headers['brigade-delivery-id']).toBe(sent.deliveryId);
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.body).toEqual({
      deliveryId: sent.deliveryId,
      channel: 'sms',
      recipient: sent.recipient,
      subject: sent.subject,
      body: sent.body,
      data: sent.data,
    });
    expect(result.reference).toBe(`hook-${hook().received.length}`);
  });

  it('is not verifiable with another secret', async () => {
    const other = await startWebhookReceiver('a-different-secret-entirely');
    try {
      await new WebhookSender({ url: other.url, secret: SECRET }).send(message());
      expect(other.received[0]?.signatureValid).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('accepts any 2xx, with no reference when the answer names none', async () => {
    hook().answerNext({ status: 204 });
    expect(await new WebhookSender({ url: hook().url, secret: SECRET }).send(message())).toEqual({
      reference: null,
    });
    hook().answerNext({ status: 202, body: 'queued' });
    expect(await new WebhookSender({ url: hook().url, secret: SECRET }).send(message())).toEqual({
      reference: null,
    });
  });

  it('fails on a refusal with its status and text, on a redirect, and on no answer within the timeout', async () => {
    const sender = new WebhookSender({ url: hook().url, secret: SECRET, timeoutMs: 300 });
    hook().answerNext({ status: 422, body: 'unknown phone number' });
    await expect(sender.send(message())).rejects.toThrow('webhook answered 422: unknown phone number');
    hook().answerNext({ status: 302, location: 'http://127.0.0.1:1/elsewhere' });
    await expect(sender.send(message())).rejects.toThrow('webhook answered 302');
    hook().answerNext('hang');
    await expect(sender.send(message())).rejects.toThrow(/timeout|aborted/i);
  });
});
