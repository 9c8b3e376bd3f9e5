import type { NotificationSettings } from '../../config/config.js';
import { DevelopmentSink } from './development-sink.js';
import type { NotificationSenders } from './notification-sender.js';
import { SmtpSender } from './smtp-sender.js';
import { WebhookSender } from './webhook-sender.js';

/**
 * The sender of each channel, from the configuration: email through SMTP when `SMTP_URL` is set;
 * SMS, push (and email without SMTP) through the signed webhook when `BRIGADE_NOTIFY_WEBHOOK_URL` is;
 * whatever neither covers to the development sink, which records the message and sends nothing.
 */
export function configuredSenders(
  settings: NotificationSettings,
  development: { file?: string } = {},
): NotificationSenders {
  const sink = new DevelopmentSink(development);
  const webhook = settings.webhook ? new WebhookSender(settings.webhook) : undefined;
  const email = settings.smtp ? new SmtpSender(settings.smtp) : (webhook ?? sink);
  return { email, sms: webhook ?? sink, push: webhook ?? sink };
}
