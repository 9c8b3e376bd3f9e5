import { EmbeddedBus } from '../../src/bus/embedded-bus.js';
import { ConsumerRunner } from '../../src/consumers/consumer-runner.js';
import type { EventConsumer } from '../../src/consumers/event-consumer.js';
import { brigadeConsumers } from '../../src/consumers/registry.js';
import { relayOnce } from '../../src/outbox/outbox-relay.js';
import type { Database } from '../../src/storage/database.js';

/**
 * Runs the real event path to a standstill: the outbox relay publishes everything committed to the
 * embedded bus, then each consumer applies its group, again and again until a round changes nothing
 * (consumers write events of their own, e.g. the kitchen's, which other consumers then read).
 */
export async function drainPipeline(
  db: Database,
  options: { consumers?: EventConsumer[]; now?: () => Date } = {},
): Promise<void> {
  const bus = new EmbeddedBus(db);
  const failures: string[] = [];
  const onError = (error: unknown, context: { consumer: string; eventId?: string }) =>
    failures.push(`${context.consumer} on ${context.eventId ?? '?'}: ${String(error)}`);
  const runners = (options.consumers ?? brigadeConsumers()).map(
    (consumer) =>
      new ConsumerRunner(
        consumer,
        { db, bus, consumerId: 'test-drain', onError, ...(options.now ? { now: options.now } : {}) },
        { maxAttempts: 1 },
      ),
  );
  for (let round = 0; round < 100; round++) {
    let work = 0;
    for (;;) {
      const { published } = await relayOnce(db, bus, 1000);
      work += published;
      if (published === 0) break;
    }
    for (const runner of runners) {
      for (;;) {
        const finished = await runner.runOnce(0);
        work += finished;
        if (finished === 0) break;
      }
    }
    // A failing handler is a bug in a test: say so instead of leaving the event dead-lettered quietly.
    if (failures.length > 0) throw new Error(`drainPipeline: consumers failed:\n${failures.join('\n')}`);
    if (work === 0) return;
  }
  throw new Error('drainPipeline: still busy after 100 rounds (a consumer feeding itself?)');
}
