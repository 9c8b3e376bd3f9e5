import { appendFile } from 'node:fs/promises';
import type { NotificationSender, OutgoingMessage } from './notification-sender.js';

/**
 * The development sender: sends nothing, records what would have been sent. Every message stays in
 * its notification_deliveries row (channel, recipient, subject, body, status `sent`, sent_at, and the
 * reference `dev-sink:<delivery id>`), readable through
 * GET /api/v1/businesses/{businessId}/notification-deliveries; with `file` set (e.g.
 * DATA_DIR/outgoing-notifications.jsonl) each message is also appended there as one JSON line.
 */
export class DevelopmentSink implements NotificationSender {
  readonly name = 'development-sink';
  /** The messages this process "sent", for tests and local inspection. */
  readonly sent: OutgoingMessage[] = [];

  constructor(private readonly options: { file?: string } = {}) {}

  async send(message: OutgoingMessage): Promise<{ reference: string | null }> {
    this.sent.push(message);
    if (this.options.file) {
      await appendFile(
        this.options.file,
        `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`,
      );
    }
    return { reference: `dev-sink:${message.deliveryId}` };
  }
}
