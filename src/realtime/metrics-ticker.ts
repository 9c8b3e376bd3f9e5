import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedClient } from './feed-client.js';
import { FeedMessage } from './feed-message.js';
import type { LiveMetricsProvider } from './realtime-hub.js';

export interface MetricsTickerOptions {
  provider: LiveMetricsProvider;
  intervalMs: number;
  now: () => Date;
  /** The businesses with dashboard clients right now, with those clients. */
  dashboards: () => Iterable<[businessId: string, clients: ReadonlySet<FeedClient>]>;
  onPush: () => void;
  onError: (error: unknown) => void;
}

/**
 * Pushes `metrics.updated` to dashboard clients: once per interval, for each business that has
 * dashboard clients, asks the provider for today's figures and sends them only when they differ from
 * the last push. One business's failure skips that business for one tick and never stops the others.
 */
export class MetricsTicker {
  /** Per business: the last figures pushed, as JSON (for the comparison) and as the message sent. */
  private readonly last = new Map<string, { json: string; message: FeedMessage }>();
  private readonly stopSignal = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: MetricsTickerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    await this.loop;
  }

  /** Gives a dashboard client that just connected the last figures pushed to its business. */
  greet(businessId: string, client: FeedClient): void {
    const last = this.last.get(businessId);
    if (last) client.deliver(last.message);
  }

  private async run(): Promise<void> {
    const signal = this.stopSignal.signal;
    while (!signal.aborted) {
      const started = Date.now();
      await this.tick();
      // A slow tick delays the next one instead of overlapping it: at most one push per interval.
      const wait = Math.max(0, this.options.intervalMs - (Date.now() - started));
      await sleep(wait, undefined, { signal, ref: false }).catch(() => {});
    }
  }

  private async tick(): Promise<void> {
    const watched = new Set<string>();
    for (const [businessId, clients] of [...this.options.dashboards()]) {
      if (this.stopSignal.signal.aborted) return;
      watched.add(businessId);
      try {
        const now = this.options.now();
        const data = await this.options.provider(businessId, now);
        const json = JSON.stringify(data);
        if (this.last.get(businessId)?.json === json) continue;
        const message = new FeedMessage('metrics.updated', now.toISOString(), data);
        this.last.set(businessId, { json, message });
        for (const client of clients) client.deliver(message);
        this.options.onPush();
      } catch (error) {
        this.options.onError(error);
      }
    }
    // Forget businesses nobody watches any more; their next dashboard gets a fresh push.
    for (const businessId of this.last.keys()) if (!watched.has(businessId)) this.last.delete(businessId);
  }
}
