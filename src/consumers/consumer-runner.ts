import { setTimeout as sleep } from 'node:timers/promises';
import type { Delivery, EventBus } from '../bus/event-bus.js';
import type { EventEnvelope } from '../domain/events/envelope.js';
import { isHistory } from '../domain/events/live-horizon.js';
import { parseEnvelope } from '../domain/events/parse-envelope.js';
import type { BrigadeMetrics } from '../observability/metrics.js';
import type { RunningLoop } from '../outbox/outbox-relay.js';
import type { Database } from '../storage/database.js';
import { type PrunedState, pruneConsumerState } from './consumer-housekeeping.js';
import type { ConsumerContext, EventConsumer } from './event-consumer.js';
import { HistoryMarks } from './history-marks.js';

export interface ConsumerRunnerDeps {
  db: Database;
  bus: EventBus;
  /** This process's name in the group (unique per process, so a dead one's messages can be reclaimed). */
  consumerId: string;
  metrics?: BrigadeMetrics;
  now?: () => Date;
  onError?: (error: unknown, context: { consumer: string; eventId?: string }) => void;
  /** Told what each round of housekeeping deleted, when it deleted anything. */
  onPruned?: (pruned: PrunedState & { consumer: string }) => void;
}

export interface ConsumerOptions {
  batchSize?: number;
  /** How long one read waits for messages. */
  blockMs?: number;
  /** Failed attempts after which an event is dead-lettered. */
  maxAttempts?: number;
  /** Delay before retry n (1-based). */
  backoffMs?: (attempt: number) => number;
  /** Days the consumer keeps its dedupe records and own state (pruneConsumerState). */
  retentionDays?: number;
  /** How often the running loop does its housekeeping, at most (once caught up with the bus). */
  housekeepingEveryMs?: number;
}

const DEFAULTS = {
  batchSize: 200,
  blockMs: 1000,
  maxAttempts: 5,
  backoffMs: (attempt: number) => Math.min(100 * 2 ** (attempt - 1), 10_000),
  retentionDays: 7,
  housekeepingEveryMs: 10 * 60_000,
} satisfies Required<ConsumerOptions>;

const DAY_MS = 24 * 60 * 60 * 1000;

export type Parsed = { delivery: Delivery; event: EventEnvelope };

/**
 * Runs named durable consumers on the bus. For each batch read from the consumer's group:
 * 1. every message is parsed and checked against the catalog; a malformed one is dead-lettered with
 *    the reason at once (retrying cannot fix it);
 * 2. events of types the consumer ignores are acknowledged untouched;
 * 3. the rest are applied in one transaction (or, for a consumer with `parallelism` > 1, in that many
 *    transactions at once, split by order) that first records their event ids in
 *    consumer_processed_events (ON CONFLICT DO NOTHING), so events applied before are dropped and the
 *    effect and its dedupe record commit together — exactly once in effect;
 * 4. the bus acknowledges only after that commit.
 * When the batch transaction fails, events are applied one by one to isolate the bad one; a failing
 * event is retried with backoff (attempts are counted in consumer_failures, so they survive restarts)
 * and dead-lettered with the error after `maxAttempts`. Retrying holds the consumer on that event,
 * which keeps each order's events in order.
 */
export class ConsumerRunner {
  private readonly options: Required<ConsumerOptions>;
  private readonly context: ConsumerContext;
  private readonly marks: HistoryMarks;

  constructor(
    readonly consumer: EventConsumer,
    private readonly deps: ConsumerRunnerDeps,
    options: ConsumerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const now = deps.now ?? (() => new Date());
    this.context = { now };
    this.marks = new HistoryMarks(deps.db);
  }

  /** Reads and applies one batch. Returns how many messages it finished (0: nothing was waiting). */
  async runOnce(blockMs = this.options.blockMs, shouldStop: () => boolean = () => false): Promise<number> {
    const { bus, consumerId } = this.deps;
    const name = this.consumer.name;
    const deliveries = await bus.read(name, consumerId, { max: this.options.batchSize, blockMs });
    if (deliveries.length === 0) return 0;
    const handled: Parsed[] = [];
    const done: string[] = [];
    for (const delivery of deliveries) {
      const parsed = parseEnvelope(delivery.body);
      if (!parsed.ok) {
        await bus.deadLetter(name, consumerId, delivery, `malformed event: ${parsed.reason}`, 1);
        this.count('dead_lettered');
      } else if (this.consumer.eventTypes.includes(parsed.event.event_type)) {
        handled.push({ delivery, event: parsed.event });
      } else {
        done.push(delivery.id);
        this.count('skipped');
      }
    }
    const { news: wanted, history } = await this.splitHistory(handled);
    for (const item of history) {
      done.push(item.delivery.id);
      this.count('skipped');
    }
    // Events of different orders are independent; a consumer may apply them in several transactions
    // at once. Each order's events stay in one group, in bus order.
    const groups = partitionByOrder(wanted, this.consumer.parallelism ?? 1);
    const applied = await Promise.all(groups.map((group) => this.applyGroup(group, shouldStop)));
    await bus.ack(name, consumerId, [...done, ...applied.flat()]);
    return deliveries.length;
  }

  /**
   * Splits handled events into news and the history a consumer of the present leaves alone (none for
   * other consumers), keeping their order.
   */
  private async splitHistory(handled: readonly Parsed[]): Promise<{ news: Parsed[]; history: Parsed[] }> {
    if (!this.consumer.liveOnly) return { news: [...handled], history: [] };
    const now = this.context.now();
    // Only recent events need their business's mark: older ones are history by age alone.
    const recent = handled.filter((item) => !isHistory(item.event, now));
    const marks = await this.marks.of(recent.map((item) => item.event.business_id));
    const news: Parsed[] = [];
    const history: Parsed[] = [];
    for (const item of handled) {
      const through = marks.get(item.event.business_id) ?? null;
      (isHistory(item.event, now, through) ? history : news).push(item);
    }
    return { news, history };
  }

  /**
   * Applies one group in one transaction and returns the ids to acknowledge. If the transaction
   * fails, its events are applied one by one to isolate the bad one (each acknowledged as it is
   * finished, so the returned list is empty).
   */
  private async applyGroup(group: readonly Parsed[], shouldStop: () => boolean): Promise<string[]> {
    const name = this.consumer.name;
    const started = process.hrtime.bigint();
    try {
      const applied = await this.apply(group.map((item) => item.event));
      this.count('applied', applied);
      this.count('duplicate', group.length - applied);
      this.deps.metrics?.consumerBatchSeconds.observe(
        { consumer: name },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      return group.map((item) => item.delivery.id);
    } catch (error) {
      if (group.length === 1)
        this.deps.onError?.(error, { consumer: name, eventId: group[0]?.event.event_id });
      for (const item of group) {
        const finished = await this.applyWithRetries(item, shouldStop);
        if (!finished) break; // stopping: the rest stays unacknowledged
      }
      return [];
    }
  }

  /** Applies events not seen before, in one transaction; returns how many were new. */
  private async apply(events: readonly EventEnvelope[]): Promise<number> {
    return this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ event_id: string }>(
        `INSERT INTO consumer_processed_events (consumer, event_id)
         SELECT $1, id FROM unnest($2::uuid[]) AS id
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.consumer.name, events.map((event) => event.event_id)],
      );
      const fresh = new Set(rows.map((row) => row.event_id));
      const toApply = events.filter((event) => fresh.has(event.event_id));
      if (toApply.length > 0) await this.consumer.handle(tx, toApply, this.context);
      return toApply.length;
    });
  }

  /** Returns false if it gave up because the consumer is stopping. */
  private async applyWithRetries(item: Parsed, shouldStop: () => boolean): Promise<boolean> {
    const { bus, consumerId, db } = this.deps;
    const name = this.consumer.name;
    for (;;) {
      try {
        const applied = await this.apply([item.event]);
        this.count(applied === 1 ? 'applied' : 'duplicate');
        await db.query('DELETE FROM consumer_failures WHERE consumer = $1 AND event_id = $2', [
          name,
          item.event.event_id,
        ]);
        await bus.ack(name, consumerId, [item.delivery.id]);
        return true;
      } catch (error) {
        this.deps.metrics?.consumerFailures.inc({ consumer: name });
        this.deps.onError?.(error, { consumer: name, eventId: item.event.event_id });
        const reason = error instanceof Error ? error.message : String(error);
        const { rows } = await db.query<{ attempts: number }>(
          `INSERT INTO consumer_failures (consumer, event_id, attempts, last_error) VALUES ($1, $2, 1, $3)
           ON CONFLICT (consumer, event_id)
           DO UPDATE SET attempts = consumer_failures.attempts + 1, last_error = $3, updated_at = now()
           RETURNING attempts`,
          [name, item.event.event_id, reason.slice(0, 2000)],
        );
        const attempts = rows[0]?.attempts ?? 1;
        if (attempts >= this.options.maxAttempts) {
          await bus.deadLetter(name, consumerId, item.delivery, reason, attempts);
          await db.query('DELETE FROM consumer_failures WHERE consumer = $1 AND event_id = $2', [
            name,
            item.event.event_id,
          ]);
          this.count('dead_lettered');
          return true;
        }
        if (shouldStop()) return false;
        await sleep(this.options.backoffMs(attempts));
      }
    }
  }

  private count(outcome: 'applied' | 'duplicate' | 'skipped' | 'dead_lettered', by = 1): void {
    if (by > 0) this.deps.metrics?.consumerEvents.inc({ consumer: this.consumer.name, outcome }, by);
  }

  /**
   * Deletes the dedupe records and own state older than the retention (pruneConsumerState). Safe only
   * once a read has found the group caught up, which is when the running loop calls it.
   */
  async housekeep(): Promise<PrunedState> {
    const before = new Date(this.context.now().getTime() - this.options.retentionDays * DAY_MS);
    const pruned = await pruneConsumerState(this.deps.db, this.consumer, before);
    if (pruned.processed + pruned.state > 0)
      this.deps.onPruned?.({ consumer: this.consumer.name, ...pruned });
    return pruned;
  }

  /** Runs until stopped; a failing read (bus or database down) is retried after a pause. */
  start(): RunningLoop {
    let stopping = false;
    const { metrics, bus } = this.deps;
    const name = this.consumer.name;
    metrics?.trackLag(name, () => bus.lag(name));
    // The first round waits a period too: a process that restarts often does not prune each time.
    let lastHousekeeping = Date.now();
    const loop = (async () => {
      while (!stopping) {
        try {
          const read = await this.runOnce(this.options.blockMs, () => stopping);
          const due = Date.now() - lastHousekeeping >= this.options.housekeepingEveryMs;
          if (read < this.options.batchSize && due && !stopping) {
            lastHousekeeping = Date.now();
            await this.housekeep();
          }
        } catch (error) {
          this.deps.onError?.(error, { consumer: name });
          if (!stopping) await sleep(1000);
        }
      }
    })();
    return {
      async stop() {
        stopping = true;
        await loop;
        metrics?.untrackLag(name);
      },
    };
  }
}

/** Splits events into at most `parts` groups by order (events without one by their own id), keeping bus order. */
export function partitionByOrder(items: readonly Parsed[], parts: number): Parsed[][] {
  if (items.length === 0) return [];
  if (parts <= 1) return [[...items]];
  const groups = Array.from({ length: parts }, (): Parsed[] => []);
  for (const item of items) {
    const key = item.event.order_id ?? item.event.event_id;
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
    groups[Math.abs(hash) % parts]?.push(item);
  }
  return groups.filter((group) => group.length > 0);
}
