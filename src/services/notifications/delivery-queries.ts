import type { Queryable } from '../../storage/database.js';
import { type Page, type PageRequest, queryPage } from '../admin/pagination.js';

export interface DeliveryView {
  id: string;
  userId: string;
  type: string;
  channel: string;
  recipient: string | null;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerReference: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface DeliveryRow {
  id: string;
  user_id: string;
  notification_type: string;
  channel: string;
  recipient: string | null;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_reference: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  cursor_at: string;
}

/**
 * A business's external messages, oldest first: what was (or, with the development sink, would have
 * been) sent by email, SMS and push, with status and attempts.
 */
export async function listDeliveries(
  db: Queryable,
  businessId: string,
  query: PageRequest & { status?: string | undefined; channel?: string | undefined },
): Promise<Page<DeliveryView>> {
  return queryPage<DeliveryRow, DeliveryView>(
    db,
    `SELECT id, user_id, notification_type, channel, recipient, subject, body, status, attempts, last_error,
            provider_reference, created_at, sent_at, created_at::text AS cursor_at
       FROM notification_deliveries
      WHERE business_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR channel = $3)`,
    [businessId, query.status ?? null, query.channel ?? null],
    query,
    (row) => ({
      id: row.id,
      userId: row.user_id,
      type: row.notification_type,
      channel: row.channel,
      recipient: row.recipient,
      subject: row.subject,
      body: row.body,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      providerReference: row.provider_reference,
      createdAt: new Date(row.created_at).toISOString(),
      sentAt: row.sent_at === null ? null : new Date(row.sent_at).toISOString(),
    }),
  );
}
