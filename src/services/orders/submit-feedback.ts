import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { appendEvents } from '../../outbox/outbox-writer.js';
import type { Database } from '../../storage/database.js';
import { loadOrderRow } from './order-view.js';

/** Feedback is for orders the customer actually received. */
const RECEIVED = new Set(['picked_up', 'delivered', 'completed', 'refunded']);

export interface FeedbackView {
  id: string;
  orderId: string;
  rating: number;
  nps: number | null;
  comment: string | null;
  createdAt: string;
}

export async function submitFeedback(
  db: Database,
  principal: Principal,
  orderId: string,
  input: { rating: number; nps?: number | undefined; comment?: string | undefined },
): Promise<FeedbackView> {
  return db.transaction(async (tx) => {
    const order = await loadOrderRow(tx, orderId, true);
    // Only the customer who placed the order rates it; for anyone else it does not exist.
    if (!order || order.customer_id !== principal.userId) throw new AppError('not_found', 'Order not found');
    if (!RECEIVED.has(order.status)) {
      throw new AppError(
        'feedback_not_allowed',
        `Feedback opens once the order is received (it is ${order.status})`,
      );
    }
    const id = randomUUID();
    const inserted = await tx.query<{ created_at: Date }>(
      `INSERT INTO feedback (id, business_id, order_id, location_id, customer_id, rating, nps, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING RETURNING created_at`,
      [
        id,
        order.business_id,
        orderId,
        order.location_id,
        principal.userId,
        input.rating,
        input.nps ?? null,
        input.comment ?? null,
      ],
    );
    const row = inserted.rows[0];
    if (!row) throw new AppError('feedback_exists');
    await appendEvents(tx, [
      {
        type: 'feedback.submitted',
        businessId: order.business_id,
        locationId: order.location_id,
        orderId,
        payload: {
          feedback_id: id,
          customer_id: principal.userId,
          rating: input.rating,
          nps: input.nps ?? null,
          comment: input.comment ?? null,
        },
      },
    ]);
    return {
      id,
      orderId,
      rating: input.rating,
      nps: input.nps ?? null,
      comment: input.comment ?? null,
      createdAt: new Date(row.created_at).toISOString(),
    };
  });
}
