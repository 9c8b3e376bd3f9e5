import {
  afterFailure,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
} from '../../domain/notifications/delivery-retry.js';
import type { ExternalChannel } from '../../domain/notifications/notification-types.js';
import type { NotificationSenders } from '../../notifications/senders/notification-sender.js';
import type { Database } from '../../storage/database.js';

export interface DispatcherDeps {
  db: Database;
  senders: NotificationSenders;
  now?: () => Date;
  onError?: (error: unknown, context: { deliveryId?: string }) => void;
}

export interface DispatchOptions {
  batchSize?: number;
  retry?: RetryPolicy;
  /**
   * How long a claimed delivery is reserved for the dispatcher that claimed it. A dispatcher that dies
   * mid-send leaves the row pending; it is sent again once the lease runs out (at least once).
   */
  leaseMs?: number;
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  channel: ExternalChannel;
  recipient: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  attempts: number;
}

/**
 * Sends the deliveries that are due, once: claims them (FOR UPDATE SKIP LOCKED, so several dispatchers
 * share the work without sending one row twice at once), counts the attempt and pushes the row's next
 * attempt out by the lease, commits, and only then calls the senders, outside any transaction. A
 * success marks the row sent; a failure schedules a retry with backoff or, after the last attempt,
 * marks it failed with the error.
 */
export async function dispatchDueDeliveries(
  deps: DispatcherDeps,
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const now = (deps.now ?? (() => new Date()))();
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const leaseMs = options.leaseMs ?? 60_000;
  const { rows } = await deps.db.query<Claimed>(
    `WITH due AS (
       SELECT id FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, id LIMIT $2
        FOR UPDATE SKIP LOCKED
     )
     UPDATE notification_deliveries d
        SET attempts = d.attempts + 1, next_attempt_at = $3
       FROM due WHERE d.id = due.id
     RETURNING d.id, d.channel, d.recipient, d.subject, d.body, d.data, d.attempts`,
    [now.toISOString(), options.batchSize ?? 50, new Date(now.getTime() + leaseMs).toISOString()],
  );
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    try {
      const { reference } = await deps.senders[row.channel].send({
        deliveryId: row.id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        data: row.data,
      });
      await deps.db.query(
        `UPDATE notification_deliveries SET status = 'sent', sent_at = $2, provider_reference = $3, last_error = NULL
          WHERE id = $1 AND status = 'pending'`,
        [row.id, (deps.now ?? (() => new Date()))().toISOString(), reference],
      );
      result.sent += 1;
    } catch (error) {
      deps.onError?.(error, { deliveryId: row.id });
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const decision = afterFailure(policy, row.attempts, (deps.now ?? (() => new Date()))());
      if (decision.kind === 'retry') {
        await deps.db.query(
          `UPDATE notification_deliveries SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'pending'`,
          [row.id, decision.at.toISOString(), message],
        );
        result.retrying += 1;
      } else {
        await deps.db.query(
          `UPDATE notification_deliveries SET status = 'failed', last_error = $2 WHERE id = $1 AND status = 'pending'`,
          [row.id, message],
        );
        result.failed += 1;
      }
    }
  }
  return result;
}

/**
 * Dispatches every `intervalMs` until stopped (at once on start, and again right away while full
 * batches keep coming). One pass at a time per process; errors go to onError and the loop goes on.
 */
export function startNotificationDispatcher(
  deps: DispatcherDeps,
  options: DispatchOptions & { intervalMs?: number } = {},
): { stop: () => Promise<void> } {
  const intervalMs = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? 50;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      for (;;) {
        const result = await dispatchDueDeliveries(deps, { ...options, batchSize });
        if (stopping || result.sent + result.retrying + result.failed < batchSize) break;
      }
    } catch (error) {
      deps.onError?.(error, {});
    }
    if (!stopping) {
      timer = setTimeout(() => {
        running = pass();
      }, intervalMs);
      timer.unref();
    }
  };
  running = pass();
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
