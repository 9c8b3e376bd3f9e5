import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExternalChannel } from '../../src/domain/notifications/notification-types.js';
import type {
  NotificationSender,
  OutgoingMessage,
} from '../../src/notifications/senders/notification-sender.js';

/** A message as the provider behind a sender received it. */
export interface ReceivedMessage {
  deliveryId: string;
  recipient: string;
  subject: string;
  body: string;
}

export interface SenderUnderTest {
  sender: NotificationSender;
  /** Everything the provider has received so far, oldest first. */
  received(): Promise<ReceivedMessage[]>;
  /** Makes the provider refuse the next message (for senders whose provider can refuse). */
  refuseNext?: () => void;
  close(): Promise<void>;
}

/**
 * What the dispatcher relies on from any email, SMS or push sender: the provider gets the recipient,
 * subject and body exactly (accents, symbols and line breaks included) with the delivery id; a resend
 * carries the same delivery id, so the provider can drop the duplicate; a refusal is an error, never a
 * silent success. Call it from a `*.test.ts` file with the channel the sender serves.
 */
export function notificationSenderContract(
  name: string,
  provider: { channel: ExternalChannel; recipient: string; canRefuse: boolean },
  start: () => Promise<SenderUnderTest>,
): void {
  const { channel, recipient } = provider;
  describe(`notification sender contract: ${name}`, () => {
    let under: SenderUnderTest;
    beforeAll(async () => {
      under = await start();
    });
    afterAll(() => under.close());

    const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
      deliveryId: randomUUID(),
      channel,
      recipient,
      subject: 'Your crème brûlée is ready',
      body: 'Order #A1B2 — 2 × Crème brûlée, $13.56 (HST 13%).\nPick it up at the counter.',
      data: { orderId: randomUUID() },
      ...overrides,
    });
    const receivedWith = async (deliveryId: string) =>
      (await under.received()).filter((received) => received.deliveryId === deliveryId);

    it('delivers the recipient, subject and body exactly, with the delivery id', async () => {
      const sent = message();
      const result = await under.sender.send(sent);
      expect(result.reference === null || typeof result.reference === 'string').toBe(true);
      expect(await receivedWith(sent.deliveryId)).toEqual([
        { deliveryId: sent.deliveryId, recipient, subject: sent.subject, body: sent.body },
      ]);
    });

    it('sends a resend with the same delivery id, so the provider can drop the duplicate', async () => {
      const sent = message({ subject: 'Your driver is on the way' });
      await under.sender.send(sent);
      await under.sender.send(sent);
      const received = await receivedWith(sent.deliveryId);
      expect(received).toHaveLength(2);
      expect(received[0]).toEqual(received[1]);
    });

    // Registered only where the provider can refuse (the development sink never does).
    if (provider.canRefuse)
      it('fails when the provider refuses the message, and sends the next one', async () => {
        under.refuseNext?.();
        const refused = message();
        await expect(under.sender.send(refused)).rejects.toThrow();
        expect(await receivedWith(refused.deliveryId)).toEqual([]);
        const next = message();
        await under.sender.send(next);
        expect(await receivedWith(next.deliveryId)).toHaveLength(1);
      });
  });
}
