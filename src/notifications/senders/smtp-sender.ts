import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

export interface SmtpSenderOptions {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`; a credential. */
  url: string;
  /** The From header: an address, or `Name <address>`. */
  from: string;
}

/**
 * Sends email through an SMTP server (the business's mail provider, or a local relay) with Nodemailer:
 * plain text, one connection per message (notification volumes are small, and nothing is left open
 * to close at shutdown). The message id is derived from the delivery id, so a retried send carries
 * the same `Message-ID` and `Brigade-Delivery-Id`, on which mail systems and readers deduplicate.
 */
export class SmtpSender implements NotificationSender {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpSenderOptions) {
    this.transport = nodemailer.createTransport({
      url: options.url,
      // Fail a dead or silent server in seconds (the defaults wait minutes); the dispatcher retries.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: OutgoingMessage): Promise<{ reference: string | null }> {
    if (message.channel !== 'email') throw new Error(`the SMTP sender sends email, not ${message.channel}`);
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: message.recipient,
      subject: message.subject,
      text: message.body,
      messageId: `<${message.deliveryId}@brigade.notifications>`,
      headers: { 'Brigade-Delivery-Id': message.deliveryId },
    });
    return { reference: typeof info.messageId === 'string' ? info.messageId : null };
  }
}
