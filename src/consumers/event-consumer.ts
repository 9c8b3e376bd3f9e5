import type { EventEnvelope } from '../domain/events/envelope.js';
import type { Queryable } from '../storage/database.js';

export interface ConsumerContext {
  /** The clock, injectable in tests. */
  now(): Date;
}

/**
 * A named durable consumer of the event bus (kitchen, notifications, live metrics, ...). The consumer
 * framework (consumer-runner.ts) reads its group, checks every envelope against the event catalog,
 * drops events it has already applied (dedupe by event_id, recorded in the same transaction as the
 * effect) and calls `handle` with the rest, in bus order, inside one database transaction. The bus
 * acknowledges only after that transaction commits, so an effect is applied exactly once whatever
 * crashes. A failing batch is retried event by event with backoff; an event that keeps failing is
 * dead-lettered with the error as its reason.
 */
export interface EventConsumer {
  /** Stable name: the consumer group, the worker name (`brigade worker <name>`) and the metrics label. */
  readonly name: string;
  /** The event types it handles; the rest are acknowledged without calling `handle`. */
  readonly eventTypes: readonly string[];
  /**
   * How many transactions may apply one batch at once (default 1). Events are split by order, so an
   * order's events are still applied in sequence; only a consumer whose effects for different orders
   * never touch the same rows in different orders (deadlock) should raise it.
   */
  readonly parallelism?: number;
  /**
   * A consumer that acts on the present (kitchen tickets, notifications, tables) sets this: events
   * older than the live horizon, or at or before their business's history mark
   * (src/domain/events/live-horizon.ts), are acknowledged without calling `handle`, so written history
   * never reaches people as if it were happening now.
   */
  readonly liveOnly?: boolean;
  /**
   * Deletes state of the consumer's own that events before `before` left and later events no longer
   * need (run by the consumer's housekeeping, src/consumers/consumer-housekeeping.ts); returns the
   * rows deleted. Consumers whose rows are the product (tickets, notifications) have none.
   */
  prune?(db: Queryable, before: Date): Promise<number>;
  /** Applies events inside the caller's transaction. Throwing rolls the whole batch back. */
  handle(tx: Queryable, events: readonly EventEnvelope[], context: ConsumerContext): Promise<void>;
}
