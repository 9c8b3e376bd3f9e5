import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { EventBus } from '../bus/event-bus.js';
import { parseEnvelope } from '../domain/events/parse-envelope.js';
import type { Queryable } from '../storage/database.js';
import { BoundedMap } from './bounded-map.js';
import { DineInOrders } from './dine-in-orders.js';
import type { FeedClient } from './feed-client.js';
import { FeedMessage } from './feed-message.js';
import { HeartbeatRounds } from './heartbeat-rounds.js';
import { MetricsTicker } from './metrics-ticker.js';
import { DEFAULT_REALTIME_LIMITS, type RealtimeLimits } from './realtime-limits.js';
import { needsDineInAnswer, type Topic, tablesTopic, topicsOf } from './topics.js';

/** The tail works through messages no client gets for at most this long between two turns. */
const TURN_MS = 5;

/** Today's live figures for a business (loadLiveMetricsSnapshot in the app), pushed to dashboards. */
export type LiveMetricsProvider = (businessId: string, now: Date) => Promise<unknown>;

/** What the app passes in to feed the live endpoints (AppDeps.realtime). */
export interface RealtimeDeps {
  /** The bus this process tails. Without one the feeds carry heartbeats and metrics only. */
  bus?: EventBus;
  liveMetrics?: LiveMetricsProvider;
  limits?: Partial<RealtimeLimits>;
}

export interface RealtimeHubOptions extends RealtimeDeps {
  /** Answers whether older orders are dine-in (the tables feed). */
  db?: Queryable;
  now?: () => Date;
  onError?: (error: unknown, during: 'tail' | 'metrics' | 'dine-in lookup') => void;
}

/** Counters for tests, logs and /metrics. */
export interface RealtimeStats {
  clients: number;
  /** Bus messages read and fanned out. */
  events: number;
  /** Bus messages that were not a valid envelope: skipped. */
  malformed: number;
  /** Bus messages whose event_id was seen moments ago (at-least-once buses redeliver): skipped. */
  duplicates: number;
  /** Clients dropped because they did not read fast enough. */
  slowConsumersDropped: number;
  /** The most bytes any dropped client had waiting when it was dropped: the buffer limit holds. */
  droppedBufferPeakBytes: number;
  /** Business event streams that fell behind and went back to reading the log instead of being dropped. */
  slowConsumersCaughtUp: number;
  tailFailures: number;
  metricsPushes: number;
  metricsFailures: number;
}

/**
 * The process's live-feed hub. Every API process runs one: it tails the whole bus from the moment it
 * starts and fans each event out to the clients connected to this process, by topic (topics.ts). So
 * with several API processes behind a load balancer each client gets every event of its topic,
 * whichever process it reached. It also sends heartbeats and, once a second, the live metrics of
 * businesses that have dashboard clients.
 */
export class RealtimeHub {
  readonly limits: RealtimeLimits;
  private readonly now: () => Date;
  private readonly topics = new Map<Topic, Set<FeedClient>>();
  private readonly recentEventIds = new BoundedMap<string, true>(20_000);
  private readonly dineIn: DineInOrders;
  private readonly metrics: MetricsTicker | undefined;
  private readonly counters: Omit<RealtimeStats, 'clients'> = {
    events: 0,
    malformed: 0,
    duplicates: 0,
    slowConsumersDropped: 0,
    droppedBufferPeakBytes: 0,
    slowConsumersCaughtUp: 0,
    tailFailures: 0,
    metricsPushes: 0,
    metricsFailures: 0,
  };
  private clientCount = 0;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private readonly stopSignal = new AbortController();
  private tailLoop: Promise<void> | undefined;
  private readonly heartbeats: HeartbeatRounds;

  constructor(private readonly options: RealtimeHubOptions = {}) {
    this.limits = { ...DEFAULT_REALTIME_LIMITS, ...options.limits };
    this.now = options.now ?? (() => new Date());
    this.dineIn = new DineInOrders(options.db);
    this.heartbeats = new HeartbeatRounds(this.limits.heartbeatMs);
    this.metrics = options.liveMetrics
      ? new MetricsTicker({
          provider: options.liveMetrics,
          intervalMs: this.limits.metricsIntervalMs,
          now: this.now,
          dashboards: () => this.dashboardClients(),
          onPush: () => this.counters.metricsPushes++,
          onError: (error) => {
            this.counters.metricsFailures++;
            this.options.onError?.(error, 'metrics');
          },
        })
      : undefined;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    if (this.options.bus) this.tailLoop = this.runTail(this.options.bus);
    this.heartbeats.start();
    this.metrics?.start();
  }

  /** Stops reading the bus, closes every client (1001 for WebSockets, end of stream for SSE) and waits for the loops. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.stopSignal.abort();
    this.heartbeats.stop();
    for (const clients of this.topics.values()) for (const client of clients) client.shutdown();
    this.topics.clear();
    this.clientCount = 0;
    await Promise.all([this.tailLoop, this.metrics?.stop()]);
  }

  /** Adds a client to its topic; returns false (and the caller closes it) when the hub is shutting down. */
  subscribe(client: FeedClient): boolean {
    if (this.state === 'stopped') return false;
    let clients = this.topics.get(client.topic);
    if (!clients) {
      clients = new Set();
      this.topics.set(client.topic, clients);
    }
    if (!clients.has(client)) {
      clients.add(client);
      this.heartbeats.add(client);
      this.clientCount++;
    }
    // A dashboard that joins between two changes still gets the current figures at once.
    if (client.topic.startsWith('dashboard:')) this.metrics?.greet(client.topic.slice(10), client);
    return true;
  }

  unsubscribe(client: FeedClient): void {
    const clients = this.topics.get(client.topic);
    if (!clients?.delete(client)) return;
    this.heartbeats.remove(client);
    this.clientCount--;
    if (clients.size === 0) this.topics.delete(client.topic);
  }

  /** Called by a client that dropped itself for not reading fast enough, with the bytes it had waiting. */
  slowConsumerDropped(client: FeedClient, bufferedBytes: number): void {
    this.counters.slowConsumersDropped++;
    this.counters.droppedBufferPeakBytes = Math.max(this.counters.droppedBufferPeakBytes, bufferedBytes);
    this.unsubscribe(client);
  }

  /** Called by a client over an offset log that fell behind and reads the log until it has caught up. */
  slowConsumerCaughtUp(): void {
    this.counters.slowConsumersCaughtUp++;
  }

  stats(): RealtimeStats {
    return { clients: this.clientCount, ...this.counters };
  }

  private *dashboardClients(): Iterable<[businessId: string, clients: ReadonlySet<FeedClient>]> {
    for (const [topic, clients] of this.topics) {
      if (topic.startsWith('dashboard:')) yield [topic.slice(10), clients];
    }
  }

  private async runTail(bus: EventBus): Promise<void> {
    let cursor: string | null = null;
    while (this.state === 'running') {
      try {
        const started = Date.now();
        const batch = await bus.tail(cursor, {
          max: this.limits.tailBatch,
          blockMs: this.limits.tailBlockMs,
        });
        // fanOut never throws, so any failure here is the bus's and the same cursor is read again.
        cursor = batch.cursor;
        let turnStarted = performance.now();
        for (const message of batch.messages) {
          // Stopping does not wait for the rest of a batch: it is checked between messages.
          if (this.state !== 'running') return;
          const delivered = await this.fanOut(message.body, message.logPosition);
          // Let sockets flush after each message some client got: a batch read while catching up is
          // one burst, and without a turn of the event loop every byte of it would pile up in the
          // clients' buffers (and trip the slow-consumer limit for clients that read perfectly well).
          // Messages nobody gets are worked through a few milliseconds at a time: on a busy event loop
          // (a demo's history being written beside it) a turn can take tens of milliseconds, and a
          // turn each kept the feeds 25 minutes behind a fresh demo's 200,000 events of history.
          if (delivered || performance.now() - turnStarted >= TURN_MS) {
            await nextTurn();
            turnStarted = performance.now();
          }
        }
        // A bus returns nothing before the block time only when it is closed: do not spin on it.
        if (batch.messages.length === 0 && Date.now() - started < this.limits.tailBlockMs / 2) {
          await this.pause(Math.min(100, this.limits.tailBlockMs));
        }
      } catch (error) {
        this.counters.tailFailures++;
        this.options.onError?.(error, 'tail');
        await this.pause(this.limits.retryMs);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.stopSignal.signal, ref: false }).catch(() => {});
  }

  /** Parses one bus message and hands it to every client of its topics; whether any got it. Never throws. */
  private async fanOut(body: string, logPosition: number | null): Promise<boolean> {
    const parsed = parseEnvelope(body);
    if (!parsed.ok) {
      this.counters.malformed++;
      return false;
    }
    const event = parsed.event;
    if (this.recentEventIds.has(event.event_id)) {
      this.counters.duplicates++;
      return false;
    }
    this.recentEventIds.set(event.event_id, true);
    this.counters.events++;
    if (event.event_type === 'order.placed' && event.order_id !== null) {
      const serviceType = (event.payload as { service_type?: unknown }).service_type;
      this.dineIn.remember(event.order_id, serviceType === 'dine_in');
    }
    if (this.clientCount === 0) return false;

    let dineIn: boolean | undefined;
    if (
      needsDineInAnswer(event) &&
      event.location_id !== null &&
      event.order_id !== null &&
      this.topics.has(tablesTopic(event.location_id))
    ) {
      try {
        dineIn = await this.dineIn.isDineIn(event.order_id);
      } catch (error) {
        this.options.onError?.(error, 'dine-in lookup');
      }
    }
    let message: FeedMessage | undefined;
    for (const topic of topicsOf(event, dineIn)) {
      const clients = this.topics.get(topic);
      if (!clients) continue;
      message ??= FeedMessage.ofEvent(event, this.now(), logPosition);
      // A client may drop itself (slow consumer) while we iterate: deleting from a Set mid-loop is safe.
      for (const client of clients) client.deliver(message);
    }
    return message !== undefined;
  }
}
