import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served on `/metrics`. One registry per process (not prom-client's
 * global one), so tests can run several apps side by side.
 */
export class BrigadeMetrics {
  readonly registry = new Registry();
  private readonly lagSources = new Map<string, () => Promise<number>>();

  readonly consumerEvents = new Counter({
    name: 'brigade_consumer_events_total',
    help: 'Events a consumer has finished with, by outcome (applied, duplicate, skipped, dead_lettered).',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly consumerFailures = new Counter({
    name: 'brigade_consumer_failures_total',
    help: 'Failed attempts to apply an event (each retry counts).',
    labelNames: ['consumer'] as const,
    registers: [this.registry],
  });
  readonly consumerBatchSeconds = new Histogram({
    name: 'brigade_consumer_batch_seconds',
    help: 'Time to apply one batch of events, transaction included.',
    labelNames: ['consumer'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly relayEvents = new Counter({
    name: 'brigade_relay_events_total',
    help: 'Outbox events the relay has published to the bus.',
    registers: [this.registry],
  });
  readonly relayBatchSeconds = new Histogram({
    name: 'brigade_relay_batch_seconds',
    help: 'Time to publish one relay batch (select, publish, mark).',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly relayFailures = new Counter({
    name: 'brigade_relay_failures_total',
    help: 'Relay batches that failed and will be retried.',
    registers: [this.registry],
  });

  readonly lakeEvents = new Counter({
    name: 'brigade_lake_events_total',
    help: 'Bus messages the lake writer has committed (bronze or quarantine).',
    registers: [this.registry],
  });
  readonly lakeFlushSeconds = new Histogram({
    name: 'brigade_lake_flush_seconds',
    help: 'Time to take one buffered batch through bronze, silver and gold and commit the manifest.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly lakeFailures = new Counter({
    name: 'brigade_lake_failures_total',
    help: 'Lake writer batches that failed and will be read again from the committed cursor.',
    registers: [this.registry],
  });
  readonly lakeManifestVersion = new Gauge({
    name: 'brigade_lake_manifest_version',
    help: 'Version of the last lake manifest this process committed.',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const sources = this.lagSources;
    new Gauge({
      name: 'brigade_consumer_lag_events',
      help: 'Events published to the bus and not yet acknowledged by the consumer group.',
      labelNames: ['consumer'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [consumer, lag] of sources) {
          try {
            this.set({ consumer }, await lag());
          } catch {
            // The bus is unreachable right now; leave the series out rather than report a false 0.
          }
        }
      },
    });
  }

  /**
   * Exposes the live-feed hub's counters (clients, events fanned out, slow clients dropped, ...),
   * read from it when /metrics is scraped.
   */
  trackRealtime(stats: () => Record<string, number>): void {
    new Gauge({
      name: 'brigade_realtime_clients',
      help: 'WebSocket and SSE clients connected to this process.',
      registers: [this.registry],
      collect() {
        this.set(stats().clients ?? 0);
      },
    });
    new Counter({
      name: 'brigade_realtime_total',
      help: 'Live-feed hub counters since start: events fanned out, malformed or duplicate bus messages skipped, slow clients dropped, tail failures, metrics pushes.',
      labelNames: ['counter'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [name, value] of Object.entries(stats())) {
          if (name !== 'clients' && value > 0) this.inc({ counter: name }, value);
        }
      },
    });
  }

  /** Registers how to measure a consumer group's lag (read when /metrics is scraped). */
  trackLag(consumer: string, lag: () => Promise<number>): void {
    this.lagSources.set(consumer, lag);
  }

  untrackLag(consumer: string): void {
    this.lagSources.delete(consumer);
  }
}
