import path from 'node:path';
import type { Logger } from 'pino';
import type { EventBus } from '../bus/event-bus.js';
import type { Config } from '../config/config.js';
import { openLakeStore } from '../lake/store/open-lake-store.js';
import { startLakeWriter } from '../lake/writer/lake-writer.js';
import type { BrigadeMetrics } from '../observability/metrics.js';
import type { RunningLoop } from '../outbox/outbox-relay.js';

/** The `lake` role: the lake writer on the configured store, with its metrics and logs. */
export function startLakeWorker(deps: {
  bus: EventBus;
  config: Pick<Config, 'dataDir' | 'lake'>;
  metrics: BrigadeMetrics;
  logger: Logger;
  now?: () => Date;
}): RunningLoop {
  const { config, metrics, logger } = deps;
  const store = openLakeStore(config);
  const writer = startLakeWriter(deps.bus, store, {
    flushEvents: config.lake.flushEvents,
    flushMs: config.lake.flushMs,
    lateHorizonDays: config.lake.lateHorizonDays,
    memoryMb: config.lake.memoryMb,
    scratchDir: path.join(config.dataDir, 'lake-writer'),
    ...(deps.now ? { now: deps.now } : {}),
    onFlush: ({ events, seconds, manifest }) => {
      metrics.lakeEvents.inc(events);
      metrics.lakeFlushSeconds.observe(seconds);
      metrics.lakeManifestVersion.set(manifest.version);
      logger.debug({ events, seconds, version: manifest.version }, 'lake batch committed');
    },
    onError: (error) => {
      metrics.lakeFailures.inc();
      logger.error({ err: error }, 'lake batch failed; reading it again from the committed cursor');
    },
  });
  return {
    async stop() {
      await writer.stop();
      await store.close();
    },
  };
}
