import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBus, PublishedEvent } from '../bus/event-bus.js';
import type { BrigadeMetrics } from '../observability/metrics.js';
import type { Database, Queryable } from '../storage/database.js';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from './outbox-rows.js';

/** The envelope columns of the updated rows, for the relay's RETURNING list. */
const RETURNED_COLUMNS = ENVELOPE_COLUMNS.split(', ')
  .map((column) => `o.${column}`)
  .join(', ');

/** Any constant shared by all relays: the advisory lock that lets one of them publish at a time. */
const RELAY_LOCK_KEY = 7_261_530_001;

export interface RelayOnceResult {
  /** Events published by this call. */
  published: number;
  /** False when another relay held the lock, so this one did nothing. */
  ran: boolean;
}

/**
 * Publishes one batch of committed outbox events, oldest first, and gives each its log position.
 *
 * Ordering: only committed rows are visible to this transaction, and batches are serialised by an
 * advisory transaction lock held until commit, so log positions grow in the order events became
 * visible (commit order) and a reader never finds a position appear behind it. An order's events
 * keep their sequence: each order change holds the order's row lock until commit, so a later event
 * of the same order can only be inserted (and take a higher `position`) after the earlier one
 * committed.
 *
 * Delivery: the Redis adapter XADDs inside this transaction, before commit. A crash between the two
 * republishes the batch: at least once, and consumers drop the duplicates by event_id.
 */
export async function relayOnce(db: Database, bus: EventBus, batchSize: number): Promise<RelayOnceResult> {
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
      RELAY_LOCK_KEY,
    ]);
    if (!lock.rows[0]?.locked) return { published: 0, ran: false };
    // The rows' envelopes only when the bus carries them (Redis); the embedded log is this table.
    const returned = bus.carriesEvents ? `o.log_position, ${RETURNED_COLUMNS}` : 'o.log_position';
    const { rows } = await tx.query<OutboxRow & { log_position: number }>(
      `WITH head AS (SELECT coalesce(max(log_position), 0) AS last FROM outbox),
            batch AS (
              SELECT position, row_number() OVER (ORDER BY position) AS step
              FROM outbox WHERE log_position IS NULL ORDER BY position LIMIT $1
            )
       UPDATE outbox AS o SET log_position = head.last + batch.step, published_at = now()
       FROM batch, head WHERE o.position = batch.position
       RETURNING ${returned}`,
      [batchSize],
    );
    if (rows.length === 0) return { published: 0, ran: true };
    if (!bus.carriesEvents) return { published: rows.length, ran: true };
    const events: PublishedEvent[] = rows
      .sort((a, b) => a.log_position - b.log_position)
      .map((row) => ({ ...toEnvelope(row), log_position: row.log_position }));
    await bus.publish(events);
    return { published: events.length, ran: true };
  });
}

/** Events in the outbox the relay has not numbered and published yet. */
export async function countAwaitingRelay(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    'SELECT count(*) AS n FROM outbox WHERE log_position IS NULL',
  );
  return Number(rows[0]?.n ?? 0);
}

async function hasUnlogged(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ pending: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM outbox WHERE log_position IS NULL) AS pending',
  );
  return rows[0]?.pending === true;
}

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Pause between looks when the outbox is empty. */
  idleMs?: number;
  /** Pause after a failure (database or bus down) before trying again. */
  retryMs?: number;
  onError?: (error: unknown) => void;
  metrics?: BrigadeMetrics;
}

export interface RunningLoop {
  /** Finishes the batch in flight, then stops. */
  stop(): Promise<void>;
}

/** Runs the relay until stopped: publishes while there is a backlog, polls when idle, retries on failure. */
export function startOutboxRelay(db: Database, bus: EventBus, options: OutboxRelayOptions = {}): RunningLoop {
  const batchSize = options.batchSize ?? 1000;
  const idleMs = options.idleMs ?? 20;
  const retryMs = options.retryMs ?? 1000;
  let stopping = false;
  const stopSignal = new AbortController();
  const pause = (ms: number) => sleep(ms, undefined, { signal: stopSignal.signal }).catch(() => {});

  const loop = (async () => {
    while (!stopping) {
      const started = process.hrtime.bigint();
      try {
        // Idle, one indexed read per interval rather than a locking transaction.
        if (!(await hasUnlogged(db))) {
          await pause(idleMs);
          continue;
        }
        const result = await relayOnce(db, bus, batchSize);
        if (result.published > 0) {
          options.metrics?.relayEvents.inc(result.published);
          options.metrics?.relayBatchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        }
        if (result.published < batchSize) await pause(idleMs);
      } catch (error) {
        options.metrics?.relayFailures.inc();
        options.onError?.(error);
        await pause(retryMs);
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      stopSignal.abort();
      await loop;
    },
  };
}
