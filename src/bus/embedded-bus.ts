import { setTimeout as sleep } from 'node:timers/promises';
import { ENVELOPE_COLUMNS, type OutboxRow, toEnvelope } from '../outbox/outbox-rows.js';
import type { Database } from '../storage/database.js';
import type { DeadLetter, Delivery, EventBus, ReadOptions, TailBatch } from './event-bus.js';

export interface EmbeddedBusOptions {
  /** How long a consumer keeps its group after its last read; then another consumer may take over. */
  leaseMs?: number;
  /** How often an idle blocking read looks for new messages. */
  pollMs?: number;
}

interface GroupState {
  /** Highest position handed out to this consumer. */
  cursor: number;
  /** Handed out and not yet acknowledged. */
  pending: Set<number>;
  /** The highest position acknowledged so far (what the group has committed). */
  committed: number;
  /** Until when (local clock) the lease is known to be held without asking the database again. */
  leaseCheckedUntil: number;
}

/**
 * The embedded bus: the outbox table read as an offset log by log position (assigned by the relay in
 * commit order). Works on PGlite and PostgreSQL. A consumer group is read by one consumer at a time,
 * holding a lease in `bus_groups`; the committed offset advances over acknowledged messages only, so
 * a consumer that dies leaves its unacknowledged messages to the one that takes its lease over.
 */
export class EmbeddedBus implements EventBus {
  readonly kind = 'embedded' as const;
  readonly carriesEvents = false;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly states = new Map<string, GroupState>();
  private readonly waiters = new Set<{ after: number; deadline: number; resolve: () => void }>();
  private watching = false;
  private closed = false;

  constructor(
    private readonly db: Database,
    options: EmbeddedBusOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 20;
  }

  async publish(): Promise<void> {
    // The outbox is the log: the relay's transaction that assigns log positions publishes the events
    // (carriesEvents is false, so the relay does not call this).
  }

  async read(group: string, consumer: string, options: ReadOptions): Promise<Delivery[]> {
    const deadline = Date.now() + options.blockMs;
    for (;;) {
      const deliveries = await this.readOnce(group, consumer, options.max);
      if (deliveries.length > 0 || Date.now() >= deadline || this.closed) return deliveries;
      const state = this.states.get(stateKey(group, consumer));
      // Holding the group: wait for the log to grow. Not holding it: ask for the lease again later.
      if (state) await this.waitPast(state.cursor, deadline);
      else await sleep(Math.min(this.leaseMs / 3, Math.max(1, deadline - Date.now())));
    }
  }

  private async readOnce(group: string, consumer: string, max: number): Promise<Delivery[]> {
    const key = stateKey(group, consumer);
    let state = this.states.get(key);
    if (!state || Date.now() >= state.leaseCheckedUntil) {
      const renewedAt = Date.now();
      const lease = await this.db.query<{ committed_position: number; previous_holder: string | null }>(
        `WITH previous AS (SELECT holder FROM bus_groups WHERE group_name = $1)
         INSERT INTO bus_groups AS g (group_name, committed_position, holder, lease_expires_at)
         VALUES ($1, 0, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (group_name) DO UPDATE
           SET holder = EXCLUDED.holder, lease_expires_at = EXCLUDED.lease_expires_at
           WHERE g.holder = EXCLUDED.holder OR g.holder IS NULL OR g.lease_expires_at < now()
         RETURNING g.committed_position, (SELECT holder FROM previous) AS previous_holder`,
        [group, consumer, this.leaseMs],
      );
      const granted = lease.rows[0];
      if (!granted) {
        // Another consumer holds the group; anything this one had in flight is theirs now.
        this.states.delete(key);
        return [];
      }
      if (!state || granted.previous_holder !== consumer) {
        // A fresh start or a takeover: resume from what the group committed.
        state = {
          cursor: granted.committed_position,
          pending: new Set(),
          committed: granted.committed_position,
          leaseCheckedUntil: 0,
        };
        this.states.set(key, state);
      }
      // Renew well before expiry, so a live consumer never loses its group to a waiting one.
      state.leaseCheckedUntil = renewedAt + this.leaseMs / 3;
    }
    const messages = await this.readAfter(state.cursor, max);
    for (const message of messages) {
      state.cursor = Number(message.id);
      state.pending.add(state.cursor);
    }
    return messages;
  }

  async ack(group: string, consumer: string, ids: readonly string[]): Promise<void> {
    const state = this.states.get(stateKey(group, consumer));
    if (!state) return;
    for (const id of ids) state.pending.delete(Number(id));
    // The group commits up to just before its oldest unacknowledged message.
    const oldestPending = Math.min(...state.pending);
    const committed = Number.isFinite(oldestPending) ? oldestPending - 1 : state.cursor;
    if (committed <= state.committed) return;
    state.committed = committed;
    const updated = await this.db.query(
      `UPDATE bus_groups SET committed_position = greatest(committed_position, $3)
       WHERE group_name = $1 AND holder = $2`,
      [group, consumer, committed],
    );
    // Lost the lease (this consumer stalled past it): the new holder re-reads from the committed offset.
    if (updated.rowCount === 0) this.states.delete(stateKey(group, consumer));
  }

  async deadLetter(
    group: string,
    consumer: string,
    delivery: Delivery,
    reason: string,
    attempts: number,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO bus_dead_letters (group_name, message_id, body, reason, attempts) VALUES ($1, $2, $3, $4, $5)`,
      [group, delivery.id, delivery.body, reason, attempts],
    );
    await this.ack(group, consumer, [delivery.id]);
  }

  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const { rows } = await this.db.query<{
      group_name: string;
      message_id: string;
      body: string;
      reason: string;
      attempts: number;
      dead_at: Date;
    }>(
      `SELECT group_name, message_id, body, reason, attempts, dead_at FROM bus_dead_letters
       ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      group: row.group_name,
      messageId: row.message_id,
      body: row.body,
      reason: row.reason,
      attempts: row.attempts,
      deadAt: new Date(row.dead_at).toISOString(),
    }));
  }

  async lag(group: string): Promise<number> {
    const { rows } = await this.db.query<{ lag: number }>(
      `SELECT coalesce((SELECT max(log_position) FROM outbox), 0)
            - coalesce((SELECT committed_position FROM bus_groups WHERE group_name = $1), 0) AS lag`,
      [group],
    );
    return Math.max(0, rows[0]?.lag ?? 0);
  }

  async newest(): Promise<{ id: string; logPosition: number | null } | null> {
    const head = await this.head();
    return head === 0 ? null : { id: String(head), logPosition: head };
  }

  async tail(cursor: string | null, options: ReadOptions): Promise<TailBatch> {
    let from = cursor === null ? await this.head() : Number(cursor);
    if (!Number.isInteger(from) || from < 0) from = 0;
    const deadline = Date.now() + options.blockMs;
    for (;;) {
      const messages = await this.readAfter(from, options.max);
      if (messages.length > 0) {
        return {
          messages: messages.map((message) => ({ ...message, logPosition: Number(message.id) })),
          cursor: messages[messages.length - 1]?.id ?? String(from),
        };
      }
      if (Date.now() >= deadline || this.closed) return { messages: [], cursor: String(from) };
      await this.waitPast(from, deadline);
    }
  }

  /** The log after `position`, in order; a message's id is its log position. */
  private async readAfter(position: number, max: number): Promise<Delivery[]> {
    const { rows } = await this.db.query<OutboxRow & { log_position: number }>(
      `SELECT log_position, ${ENVELOPE_COLUMNS} FROM outbox
       WHERE log_position > $1 ORDER BY log_position LIMIT $2`,
      [position, max],
    );
    return rows.map((row) => ({ id: String(row.log_position), body: JSON.stringify(toEnvelope(row)) }));
  }

  private async head(): Promise<number> {
    const { rows } = await this.db.query<{ head: number | null }>(
      `SELECT max(log_position) AS head FROM outbox`,
    );
    return rows[0]?.head ?? 0;
  }

  /**
   * Resolves when the log head passes `after`, at `deadline`, or on close. Every waiting reader of
   * this bus (the consumers and the live-feed hub of a process) shares one poll of the head, one
   * indexed max() per interval, instead of each running its own log query.
   */
  private waitPast(after: number, deadline: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.add({ after, deadline, resolve });
      if (!this.watching) void this.watchHead();
    });
  }

  private async watchHead(): Promise<void> {
    this.watching = true;
    try {
      while (this.waiters.size > 0) {
        // Unreadable head (database away): waiters are released at their deadline; their reads retry.
        const head = await this.head().catch(() => -1);
        const now = Date.now();
        for (const waiter of this.waiters) {
          if (this.closed || head > waiter.after || now >= waiter.deadline) {
            this.waiters.delete(waiter);
            waiter.resolve();
          }
        }
        if (this.waiters.size > 0) await sleep(this.pollMs);
      }
    } finally {
      this.watching = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function stateKey(group: string, consumer: string): string {
  return `${group}\u0000${consumer}`;
}
