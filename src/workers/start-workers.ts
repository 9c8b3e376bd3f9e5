import { hostname } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EventBus } from '../bus/event-bus.js';
import type { Config } from '../config/config.js';
import { ConsumerRunner } from '../consumers/consumer-runner.js';
import { brigadeConsumers } from '../consumers/registry.js';
import { configuredSenders } from '../notifications/senders/configured-senders.js';
import type { BrigadeMetrics } from '../observability/metrics.js';
import { type RunningLoop, startOutboxRelay } from '../outbox/outbox-relay.js';
import { startNotificationDispatcher } from '../services/notifications/notification-dispatcher.js';
import type { Database } from '../storage/database.js';
import { startLakeWorker } from './lake-worker.js';
import type { WorkerName } from './worker-names.js';

export interface WorkerDeps {
  db: Database;
  bus: EventBus;
  metrics: BrigadeMetrics;
  logger: Logger;
  config: Pick<Config, 'bus' | 'dataDir' | 'lake' | 'notifications'>;
  now?: () => Date;
}

/** This process's name inside consumer groups: unique per process, so a dead one can be told apart. */
export const CONSUMER_ID = `${hostname()}-${process.pid}`;

/**
 * Starts the named background roles in this process and returns one handle that stops them all
 * (each finishes the batch it is on). Unknown names are a programming error: config validates them.
 */
export function startWorkers(names: readonly WorkerName[], deps: WorkerDeps): RunningLoop {
  const consumers = new Map(brigadeConsumers().map((consumer) => [consumer.name, consumer]));
  const running: RunningLoop[] = [];
  for (const name of names) {
    const log = deps.logger.child({ worker: name });
    if (name === 'relay') {
      running.push(
        startOutboxRelay(deps.db, deps.bus, {
          metrics: deps.metrics,
          onError: (error) => log.error({ err: error }, 'relay batch failed; retrying'),
        }),
      );
      continue;
    }
    if (name === 'lake') {
      running.push(
        startLakeWorker({
          bus: deps.bus,
          config: deps.config,
          metrics: deps.metrics,
          logger: log,
          ...(deps.now ? { now: deps.now } : {}),
        }),
      );
      continue;
    }
    if (name === 'notification-sender') {
      // Email by SMTP, SMS and push by the signed webhook, when configured; the rest to the development
      // sink, which records each message (notification_deliveries, DATA_DIR/outgoing-notifications.jsonl).
      const senders = configuredSenders(deps.config.notifications, {
        file: path.join(deps.config.dataDir, 'outgoing-notifications.jsonl'),
      });
      log.info(
        { email: senders.email.name, sms: senders.sms.name, push: senders.push.name },
        'notification senders',
      );
      running.push(
        startNotificationDispatcher(
          {
            db: deps.db,
            senders,
            ...(deps.now ? { now: deps.now } : {}),
            onError: (error, context) =>
              log.error({ err: error, deliveryId: context.deliveryId }, 'send failed'),
          },
          { intervalMs: 1000 },
        ),
      );
      continue;
    }
    const consumer = consumers.get(name);
    if (!consumer) throw new Error(`worker ${name} has no implementation`);
    const runner = new ConsumerRunner(
      consumer,
      {
        db: deps.db,
        bus: deps.bus,
        consumerId: CONSUMER_ID,
        metrics: deps.metrics,
        ...(deps.now ? { now: deps.now } : {}),
        onError: (error, context) => log.error({ err: error, eventId: context.eventId }, 'event failed'),
        onPruned: (pruned) => log.info(pruned, 'consumer bookkeeping older than the retention deleted'),
      },
      { maxAttempts: deps.config.bus.maxAttempts, retentionDays: deps.config.bus.retentionDays },
    );
    running.push(runner.start());
  }
  deps.logger.info({ workers: names }, names.length > 0 ? 'workers started' : 'no workers in this process');
  return {
    async stop() {
      await Promise.all(running.map((loop) => loop.stop()));
    },
  };
}
