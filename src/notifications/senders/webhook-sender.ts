import { createHmac } from 'node:crypto';
import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

/** How long the receiver has to answer before the send counts as failed (and is retried). */
const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of a refusing receiver's answer is kept in the error (notification_deliveries.last_error). */
const ERROR_TEXT_CHARS = 200;

export interface WebhookSenderOptions {
  url: string;
  /** Signs every request (HMAC-SHA256); the receiver checks it with the same secret. */
  secret: string;
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Hands each message to an HTTP endpoint the business runs or rents (an SMS or push gateway, an
 * automation service, its own relay to Twilio or FCM): a JSON POST of the message, signed so the
 * receiver can tell it came from this Brigade and was not replayed later. Any 2xx answer is
 * acceptance — a JSON `{ "reference": "..." }` in it becomes the provider reference; anything else,
 * a redirect or no answer within the timeout is a failure the dispatcher retries, with the same
 * delivery id (`Brigade-Delivery-Id`), on which the receiver deduplicates.
 *
 * Signature (docs/notifications.md): `Brigade-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" with the secret>`, the scheme payment providers use for their own webhooks.
 */
export class WebhookSender implements NotificationSender {
  readonly name = 'webhook';

  constructor(private readonly options: WebhookSenderOptions) {}

  async send(message: OutgoingMessage): Promise<{ reference: string | null }> {
    const body = JSON.stringify({
      deliveryId: message.deliveryId,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
      data: message.data,
    });
    const timestamp = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const signature = createHmac('sha256', this.options.secret).update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'brigade-delivery-id': message.deliveryId,
        'brigade-signature': `t=${timestamp},v1=${signature}`,
      },
      body,
      // A redirect would resend the message (and its signature) somewhere nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status < 200 || response.status > 299) {
      throw new Error(`webhook answered ${response.status}: ${text.slice(0, ERROR_TEXT_CHARS)}`.trimEnd());
    }
    return { reference: referenceIn(text) };
  }
}

/** `reference` of a JSON object answer, when it is a string; null for any other answer. */
function referenceIn(text: string): string | null {
  try {
    const parsed: unknown = JSON.parse(text);
    const reference = (parsed as { reference?: unknown } | null)?.reference;
    return typeof reference === 'string' && reference !== '' ? reference : null;
  } catch {
    return null;
  }
}
