import type { EventEnvelope } from '../domain/events/envelope.js';

/**
 * An event as the relay publishes it: the envelope plus its position in the outbox log, which is
 * assigned in commit order (see docs/events.md, "How events flow").
 */
export interface PublishedEvent extends EventEnvelope {
  log_position: number;
}

/** One message handed to a consumer group. */
export interface Delivery {
  /** The bus's id for the message: the log position (embedded) or the stream entry id (Redis). */
  id: string;
  /**
   * The envelope exactly as it travels, JSON text. The consumer framework parses and checks it, so a
   * malformed message from a foreign producer is dead-lettered instead of stopping the consumer.
   */
  body: string;
}

/** A message that left a group's stream for good, with the reason. */
export interface DeadLetter {
  group: string;
  messageId: string;
  body: string;
  reason: string;
  attempts: number;
  deadAt: string;
}

export interface ReadOptions {
  /** Most messages returned by one call. */
  max: number;
  /** How long to wait for a first message when none is ready. 0 returns at once. */
  blockMs: number;
}

/** What a tail read returns: messages after the cursor, and the cursor to continue from. */
export interface TailBatch {
  messages: TailMessage[];
  cursor: string;
}

export interface TailMessage {
  id: string;
  body: string;
  /**
   * The outbox log position the relay published the event at: the message id on the embedded bus,
   * the entry's `log_position` field on Redis; null for a message a foreign producer added to the
   * stream itself (it is in no outbox). The business event feed numbers its events with it.
   */
  logPosition: number | null;
}

/**
 * The event bus contract. Two adapters implement it — the embedded log (the outbox table read by
 * log position; the default) and Redis Streams (`REDIS_URL`) — and both pass the shared contract
 * suite in test/contract/event-bus-contract.ts.
 *
 * Two ways to read:
 * - consumer groups (`read`/`ack`/`deadLetter`): durable, at least once; a message stays pending until
 *   acknowledged, and the messages of a consumer that died are handed to another one of its group;
 * - tails (`tail`): every reader sees every message from its cursor on, nothing is acknowledged. Each
 *   API process tails the bus to feed its own WebSocket and SSE clients.
 */
export interface EventBus {
  readonly kind: 'embedded' | 'redis';
  /**
   * Whether publish needs the events. The embedded log is the outbox itself: the relay's numbering of
   * the rows publishes them, so it reads nothing back for it (a backlog's payloads would be sent
   * to Node and parsed only to be dropped).
   */
  readonly carriesEvents: boolean;
  /**
   * Publishes events in the order given. Called by the outbox relay inside the transaction that
   * assigns their log positions, for a bus that carries events.
   */
  publish(events: readonly PublishedEvent[]): Promise<void>;
  /** The next messages for `consumer` in `group`: first messages abandoned by dead consumers, then new ones. */
  read(group: string, consumer: string, options: ReadOptions): Promise<Delivery[]>;
  /** Marks messages as done for the group; they are never delivered to it again. */
  ack(group: string, consumer: string, ids: readonly string[]): Promise<void>;
  /** Moves a message to the dead-letter store with the reason, and acknowledges it. */
  deadLetter(
    group: string,
    consumer: string,
    delivery: Delivery,
    reason: string,
    attempts: number,
  ): Promise<void>;
  /** The newest dead letters, newest first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Messages published but not yet acknowledged by the group (its lag). */
  lag(group: string): Promise<number>;
  /**
   * The newest message on the bus: its id, and the outbox log position of the event when the relay
   * published it (null for foreign producers' messages). The lake backfill uses it to hand over from
   * the outbox history to the bus without a gap or an overlap.
   */
  newest(): Promise<{ id: string; logPosition: number | null } | null>;
  /** Messages after `cursor` (null: from now on). */
  tail(cursor: string | null, options: ReadOptions): Promise<TailBatch>;
  close(): Promise<void>;
}
